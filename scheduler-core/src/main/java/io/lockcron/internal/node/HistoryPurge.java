package io.lockcron.internal.node;

import io.lockcron.internal.store.Store;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes executions older than the retention; any one node doing it is enough. */
final class HistoryPurge implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(HistoryPurge.class);
    private final Store store;
    private final Duration retention;
    private final BooleanSupplier databaseDown;

    HistoryPurge(Store store, Duration retention, BooleanSupplier databaseDown) {
        this.store = store;
        this.retention = retention;
        this.databaseDown = databaseDown;
    }

    @Override
    public void run() {
        if (databaseDown.getAsBoolean()) {
            return;
        }
        try {
            int purged = store.client().purgeHistory(store.now().minus(retention));
            if (purged > 0) {
                log.info("Purged {} execution(s) older than {}", purged, retention);
            }
        } catch (RuntimeException e) {
            if (io.lockcron.internal.store.SqlErrors.isLostRace(e)) {
                // Another node purged the same rows at the same time (on a Galera cluster, on another member).
                log.debug("Purging history lost a race to another node: {}", e.toString());
                return;
            }
            log.warn("Purging history failed: {}", e.toString());
        }
    }
}
