package io.lockcron.shedlock;

import io.lockcron.shedlock.LeaseStore.Lease;
import java.util.Optional;
import net.javacrumbs.shedlock.core.AbstractSimpleLock;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A held ShedLock lock: the lease on one {@code lock_cron} row, identified by its fencing token. */
final class LeaseLock extends AbstractSimpleLock {
    private static final Logger log = LoggerFactory.getLogger(LeaseLock.class);

    private final LeaseStore store;
    private final Lease lease;

    LeaseLock(LockConfiguration configuration, LeaseStore store, Lease lease) {
        super(configuration);
        this.store = store;
        this.lease = lease;
    }

    @Override
    protected void doUnlock() {
        if (!store.release(lease, lockConfiguration.getLockAtLeastFor())) {
            // lockAtMostFor ran out while the task ran, and another node may have run it meanwhile.
            log.warn(
                    "ShedLock lock '{}' (fencing token {}) had expired before unlock and may have been taken"
                            + " over; raise lockAtMostFor above the task's longest run",
                    lockConfiguration.getName(),
                    lease.token());
        }
    }

    @Override
    protected Optional<SimpleLock> doExtend(LockConfiguration newConfiguration) {
        return store.extend(lease, newConfiguration.getLockAtMostFor())
                .map(extended -> new LeaseLock(newConfiguration, store, extended));
    }
}
