package io.lockcron.internal.fire;

import java.time.Instant;

/** What the fire protocol needs to know about the node it runs on. */
public interface NodeView {

    String nodeId();

    /** Changes each time the node learns it was fenced: work begun before must not commit. */
    int membershipEpoch();

    /** The node is shutting down: an interrupted fire is handed back, not recorded as failed. */
    boolean stopping();

    /** The database's time as the node estimates it (its clock plus the measured offset). */
    Instant dbNow();
}
