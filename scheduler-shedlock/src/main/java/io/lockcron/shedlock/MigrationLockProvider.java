package io.lockcron.shedlock;

import java.util.Objects;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * Holds each lock in two providers at once — the one the cluster used so far and lockcron's —
 * for the time of a rolling migration. Nodes still on the old provider and nodes already moved
 * then exclude each other, so no task runs twice while both kinds of node are up. Once every
 * node runs this, deploy plain {@link LockcronLockProvider}: it excludes this one too, since both
 * take the lockcron lock.
 *
 * <p>The previous lock is taken first (every node still respects it), lockcron's second, and they
 * are released in reverse order. If lockcron's lock is refused, the previous lock is released
 * again, which keeps it for the task's {@code lockAtLeastFor}: the task is skipped on this node,
 * as ShedLock would skip it.
 */
public final class MigrationLockProvider implements LockProvider {
    private final LockProvider previous;
    private final LockProvider lockcron;

    public MigrationLockProvider(LockProvider previous, LockProvider lockcron) {
        this.previous = Objects.requireNonNull(previous, "previous");
        this.lockcron = Objects.requireNonNull(lockcron, "lockcron");
    }

    @Override
    public Optional<SimpleLock> lock(LockConfiguration configuration) {
        Optional<SimpleLock> first = previous.lock(configuration);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Optional<SimpleLock> second;
        try {
            second = lockcron.lock(configuration);
        } catch (RuntimeException e) {
            first.get().unlock();
            throw e;
        }
        if (second.isEmpty()) {
            first.get().unlock();
            return Optional.empty();
        }
        return Optional.of(new BothLocks(first.get(), second.get()));
    }

    private record BothLocks(SimpleLock previous, SimpleLock lockcron) implements SimpleLock {
        @Override
        public void unlock() {
            try {
                lockcron.unlock();
            } finally {
                previous.unlock();
            }
        }
    }
}
