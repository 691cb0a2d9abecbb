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
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the scheduled fires that fall due by draining the due list rather than racing for named
 * rows: a wake only says "something is due"; a drain claims whichever due fire is first and free
 * ({@code FOR UPDATE SKIP LOCKED}), runs it, and claims the next, so the nodes of a cluster share
 * a burst of due fires without spending lock attempts on fires another node has. A node runs its
 * share of the due fires pending as drains ({@link Sizing}); a drain that finds nothing ends, at the
 * cost of one empty claim — instead of a lost race per fire and node. A wake that came early by
 * this node's clock estimate is tried again at its time.
 */
final class DueDrain {
    /** Most claims one drain makes before it hands its worker back to the pool (and starts anew). */
    private static final int CLAIMS_PER_DRAIN = 1_000;

    /** One drain's claims, one after another on its thread; closed when the drain ends. */
    interface Claimer extends AutoCloseable {
        /**
         * One claim of up to {@code max} due fires, run as a batch: how many rows it locked (some
         * may be left for the next claim), 0 if no due fire was free.
         */
        Claimed fireDue(int max);

        /** The drain is over: what it held between its claims (a connection) goes back. */
        @Override
        void close();
    }

    /** What one claim came to: the rows it locked, and the fires it ran (the rest it left due). */
    record Claimed(int locked, int ran) {}

    private final Sizing sizing;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final Supplier<Claimer> claimers;
    private final BooleanSupplier running;
    private final Supplier<Instant> estimatedNow;
    private final Supplier<Instant> dbNow;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<@Nullable Instant> latestDue = new AtomicReference<>();
    /** The due time the database's clock was last asked about: once per due time, not once per drain. */
    private final AtomicReference<@Nullable Instant> probed = new AtomicReference<>();
    /** Wakes dropped by drains that found nothing while the due time may not have come: signalled again at it. */
    private final AtomicInteger early = new AtomicInteger();

    /**
     * How many drains a node runs at once: its share of the due fires pending — every node hears of
     * every due fire, so a node alone would start one drain per fire and all but one per fire would
     * end in an empty claim — up to its worker threads. A drain that keeps finding fires brings in
     * more, so the share only sets the start.
     */
    record Sizing(int workers, IntSupplier liveNodes) {
        /** Most fires one claim takes as a batch (see {@code FireBatch}). */
        static final int MAX_BATCH = 32;

        /**
         * Fires a drain of a burst takes at a time at least: two drains of two fires start about
         * as soon as four drains of one, and spend half the claims, of which every drain's last
         * is one that finds nothing.
         */
        private static final int MIN_BATCH = 2;

        int drains(int pending) {
            return Math.min(workers, ceilDiv(share(pending), MIN_BATCH));
        }

        /** How many fires a drain claims at once: its part of the node's share. */
        int batch(int pending) {
            return Math.min(MAX_BATCH, ceilDiv(share(pending), drains(pending)));
        }

        private int share(int pending) {
            return ceilDiv(Math.max(1, pending), Math.max(1, liveNodes.getAsInt()));
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }
    }

    DueDrain(
            Sizing sizing,
            Executor workers,
            ScheduledExecutorService timers,
            Supplier<Claimer> claimers,
            BooleanSupplier running,
            DbClock clock,
            Supplier<Instant> dbNow) {
        this.sizing = sizing;
        this.workers = workers;
        this.timers = timers;
        this.claimers = claimers;
        this.running = running;
        this.estimatedNow = clock::now;
        this.dbNow = dbNow;
    }

    /** {@code wakes} scheduled fires fell due at {@code due} (by this node's estimate of the database clock). */
    void signal(Instant due, int wakes) {
        latestDue.accumulateAndGet(due, (a, b) -> a == null || b.isAfter(a) ? b : a);
        pending.addAndGet(wakes);
        for (int i = 0; i < wakes && tryStart(); i++) {
            // one drain per wake, up to the node's share
        }
    }

    /** Starts a drain if the node runs fewer than its share; false if it did not. */
    private boolean tryStart() {
        while (true) {
            int now = active.get();
            if (now >= sizing.drains(pending.get()) || !running.getAsBoolean()) {
                return false;
            }
            if (active.compareAndSet(now, now + 1)) {
                break;
            }
        }
        try {
            workers.execute(this::drain);
            return true;
        } catch (RejectedExecutionException e) {
            active.decrementAndGet(); // shutting down
            return false;
        }
    }

    private void drain() {
        boolean firedAny = false;
        boolean more = false;
        int dropped = 0;
        try (Claimer claimer = claimers.get()) {
            for (int i = 0; i < CLAIMS_PER_DRAIN && running.getAsBoolean(); i++) {
                int before = pending.get();
                int max = sizing.batch(before);
                Claimed claimed = claimer.fireDue(max);
                int ran = claimed.ran();
                int left = Math.max(0, before - ran);
                if (ran > 0) {
                    firedAny = true;
                    pending.updateAndGet(p -> Math.max(0, p - ran));
                    more = i == CLAIMS_PER_DRAIN - 1;
                }
                if (claimed.locked() >= max) {
                    tryStart(); // more may be due: bring in another worker while claims come back full
                } else if (pending.compareAndSet(left, 0)) {
                    // The due list had no more free rows than that, and no wake came in meanwhile:
                    // a claim that came back short ends the drain as an empty one does, one claim sooner.
                    dropped = left;
                    break;
                }
            }
        } finally {
            active.decrementAndGet();
        }
        // A wake that came in after the last claim found this drain still counted, and started none.
        if (more || pending.get() > 0) {
            tryStart();
        }
        if (!more && !firedAny) {
            retryIfEarly(dropped);
        }
    }

    /**
     * The local timer runs on an estimate of the database clock; if it woke us a little before the
     * database's due time, nothing was due yet. Ask the database once per due time and come back
     * at it with every wake the drains dropped meanwhile ({@code dropped}: this drain's), so that
     * the node runs its whole share of drains then, not one.
     */
    private void retryIfEarly(int dropped) {
        Instant due = latestDue.get();
        if (due == null || estimatedNow.get().isAfter(due.plusMillis(500)) || !running.getAsBoolean()) {
            return;
        }
        early.addAndGet(dropped);
        Instant last = probed.getAndSet(due);
        if (due.equals(last)) {
            return; // another drain of this due time asked already; its retry brings these wakes back
        }
        Duration wait = Duration.between(dbNow.get(), due);
        if (wait.isNegative() || wait.isZero()) {
            early.set(0); // not early: other nodes took the fires
            return;
        }
        Runnable again = () -> {
            probed.compareAndSet(due, null); // if it is early even then, ask once more
            signal(due, Math.max(1, early.getAndSet(0)));
        };
        timers.schedule(again, wait.toNanos() + 1_000_000, TimeUnit.NANOSECONDS);
    }
}
