package io.lockcron.internal.node;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says once that the database went away, and once that it is back, instead of at every poll. */
final class Outage {
    private static final Logger log = LoggerFactory.getLogger(Outage.class);
    private final String nodeId;
    private final AtomicBoolean down = new AtomicBoolean();

    Outage(String nodeId) {
        this.nodeId = nodeId;
    }

    void failed(String what, Throwable e) {
        if (down.compareAndSet(false, true)) {
            log.warn(
                    "Node {}: the database is unavailable ({}: {}); firing is paused until it is back. Fires"
                            + " missed meanwhile follow each job's misfire policy.",
                    nodeId,
                    what,
                    e.toString());
        } else {
            log.debug("Node {}: {} failed again: {}", nodeId, what, e.toString());
        }
    }

    void succeeded() {
        if (down.compareAndSet(true, false)) {
            log.info("Node {}: the database is reachable again; firing resumes.", nodeId);
        }
    }

    boolean isDown() {
        return down.get();
    }
}
