package io.lockcron.internal.node;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the scheduled fires that fall due by draining the due list rather than racing for named
 * rows: a wake only says "something is due"; a drain claims whichever due fire is first and free
 * ({@code FOR UPDATE SKIP LOCKED}), runs it, and claims the next, so the nodes of a cluster share
 * a burst of due fires without spending lock attempts on fires another node has. A node runs as
 * many drains as it has due fires pending, up to its worker threads; a drain that finds nothing
 * ends, at the cost of one empty claim — instead of a lost race per fire and node. A wake that
 * came early by this node's clock estimate is tried again at its time.
 */
final class DueDrain {
    /** Most fires one drain runs before it hands its worker back to the pool (and starts anew). */
    private static final int FIRES_PER_DRAIN = 1_000;

    /** One claim-and-run: false if no due fire was free. */
    interface Claimer {
        boolean fireNextDue();
    }

    private final int maxDrains;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final Claimer claimer;
    private final BooleanSupplier running;
    private final Supplier<Instant> estimatedNow;
    private final Supplier<Instant> dbNow;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<@Nullable Instant> latestDue = new AtomicReference<>();

    DueDrain(
            int maxDrains,
            Executor workers,
            ScheduledExecutorService timers,
            Claimer claimer,
            BooleanSupplier running,
            DbClock clock,
            Supplier<Instant> dbNow) {
        this.maxDrains = maxDrains;
        this.workers = workers;
        this.timers = timers;
        this.claimer = claimer;
        this.running = running;
        this.estimatedNow = clock::now;
        this.dbNow = dbNow;
    }

    /** A scheduled fire fell due at {@code due} (by this node's estimate of the database clock). */
    void signal(Instant due) {
        latestDue.accumulateAndGet(due, (a, b) -> a == null || b.isAfter(a) ? b : a);
        pending.incrementAndGet();
        tryStart();
    }

    private void tryStart() {
        while (true) {
            int now = active.get();
            if (now >= maxDrains || now >= Math.max(1, pending.get()) || !running.getAsBoolean()) {
                return;
            }
            if (active.compareAndSet(now, now + 1)) {
                break;
            }
        }
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            active.decrementAndGet(); // shutting down
        }
    }

    private void drain() {
        boolean firedAny = false;
        boolean more = false;
        try {
            for (int i = 0; i < FIRES_PER_DRAIN && running.getAsBoolean(); i++) {
                int before = pending.get();
                if (claimer.fireNextDue()) {
                    firedAny = true;
                    pending.updateAndGet(p -> Math.max(0, p - 1));
                    tryStart(); // more may be due: bring in another worker while claims succeed
                    more = i == FIRES_PER_DRAIN - 1;
                } else if (pending.compareAndSet(before, 0)) {
                    break; // nothing free, and no wake came in meanwhile
                }
            }
        } finally {
            active.decrementAndGet();
        }
        if (more) {
            tryStart();
        } else if (!firedAny) {
            retryIfEarly();
        }
    }

    /**
     * The local timer runs on an estimate of the database clock; if it woke us a little before the
     * database's due time, nothing was due yet. Ask the database once and come back at the due time.
     */
    private void retryIfEarly() {
        Instant due = latestDue.get();
        if (due == null || estimatedNow.get().isAfter(due.plusMillis(500)) || !running.getAsBoolean()) {
            return;
        }
        Duration wait = Duration.between(dbNow.get(), due);
        if (!wait.isNegative() && !wait.isZero()) {
            timers.schedule(() -> signal(due), wait.toNanos() + 1_000_000, TimeUnit.NANOSECONDS);
        }
    }
}
