package io.lockcron.internal.node;

import io.lockcron.internal.store.SqlErrors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says once that the database went away, and once that it is back, instead of at every poll. */
final class Outage {
    private static final Logger log = LoggerFactory.getLogger(Outage.class);
    private final String nodeId;
    private final AtomicBoolean down = new AtomicBoolean();
    private final Consumer<Boolean> onChange;

    Outage(String nodeId, Consumer<Boolean> onChange) {
        this.nodeId = nodeId;
        this.onChange = onChange;
    }

    void failed(String what, Throwable e) {
        if (SqlErrors.isLostRace(e)) {
            // A Galera certification failure or a deadlock: another writer won; the database is fine.
            log.debug("Node {}: {} lost a race to another writer: {}", nodeId, what, e.toString());
            return;
        }
        if (down.compareAndSet(false, true)) {
            log.warn(
                    "Node {}: the database is unavailable ({}: {}); firing is paused until it is back. Fires"
                            + " missed meanwhile follow each job's misfire policy.",
                    nodeId,
                    what,
                    e.toString());
            onChange.accept(true);
        } else {
            log.debug("Node {}: {} failed again: {}", nodeId, what, e.toString());
        }
    }

    void succeeded() {
        if (down.compareAndSet(true, false)) {
            log.info("Node {}: the database is reachable again; firing resumes.", nodeId);
            onChange.accept(false);
        }
    }

    boolean isDown() {
        return down.get();
    }
}
