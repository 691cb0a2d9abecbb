package io.lockcron.internal.node;

import io.lockcron.internal.store.SqlErrors;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once that the database went away, and once that it is back, instead of at every poll; and
 * remembers when it last went away, on the database clock, so that a fire cut short by it is not
 * taken for a crashed node's.
 */
final class Outage {
    private static final Logger log = LoggerFactory.getLogger(Outage.class);
    private final String nodeId;
    private final Supplier<Instant> dbNow;
    private final AtomicBoolean down = new AtomicBoolean();
    private final Consumer<Boolean> onChange;
    private volatile @Nullable Instant lastWentDown;

    Outage(String nodeId, Supplier<Instant> dbNow, Consumer<Boolean> onChange) {
        this.nodeId = nodeId;
        this.dbNow = dbNow;
        this.onChange = onChange;
    }

    /**
     * Whether this node saw the database go away after {@code dbTime}: then a transaction begun
     * before had its connection cut (a server restart, a switchover to a standby), whichever node
     * ran it.
     */
    boolean wentDownAfter(Instant dbTime) {
        Instant at = lastWentDown;
        return at != null && at.isAfter(dbTime);
    }

    void failed(String what, Throwable e) {
        if (SqlErrors.isLostRace(e)) {
            // A Galera certification failure or a deadlock: another writer won; the database is fine.
            log.debug("Node {}: {} lost a race to another writer: {}", nodeId, what, e.toString());
            return;
        }
        if (down.compareAndSet(false, true)) {
            lastWentDown = dbNow.get();
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
