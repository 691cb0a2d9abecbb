package io.lockcron.internal.fire;

import io.lockcron.internal.store.Store;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one lease-mode run's lease alive and fences the run itself when it cannot. Renewals run
 * on threads of their own on one connection held for the run, so busy timers or an exhausted pool
 * cannot starve them. A watchdog that does no I/O stops the run (interrupt, then the result is
 * abandoned, never reported) once no renewal has succeeded for the lease duration minus a margin,
 * measured on this node's monotonic clock from the moment the last successful renewal was sent —
 * before the database, counting from later, lets any other node take the lease over. So a
 * partitioned or paused owner has stopped before a second owner can start.
 */
final class LeaseGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseGuard.class);

    private final Store store;
    private final String job;
    private final long token;
    private final Duration lease;
    private final Thread worker;
    private final long deadlineAfterNanos;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final AtomicBoolean fenced = new AtomicBoolean();
    private volatile long renewedNanos;
    private @Nullable Handle handle;
    private final ScheduledFuture<?> renewal;
    private final ScheduledFuture<?> watchdog;

    /** {@code claimedNanos}: when the claim was sent, on {@link System#nanoTime()}. */
    LeaseGuard(
            Store store,
            Claim claim,
            Duration lease,
            ScheduledExecutorService renewals,
            ScheduledExecutorService watchdogs) {
        this.store = store;
        this.job = claim.row().name();
        this.token = claim.attempt().id();
        this.lease = lease;
        this.worker = Thread.currentThread();
        this.renewedNanos = claim.startNanos();
        this.deadlineAfterNanos = lease.minus(margin(lease)).toNanos();
        long every = Math.max(1, lease.toMillis() / 3);
        this.renewal = renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        long check = Math.max(10, lease.toMillis() / 20);
        this.watchdog = watchdogs.scheduleWithFixedDelay(this::check, check, check, TimeUnit.MILLISECONDS);
    }

    /** A fifth of the lease: room for the stop to take effect and for clock rates to differ. */
    static Duration margin(Duration lease) {
        return lease.dividedBy(5);
    }

    /**
     * When (on {@link System#nanoTime()}) this run stops counting as the lease's owner unless a
     * renewal succeeds first: until then no other node can have taken the lease over.
     */
    long ownedUntilNanos() {
        return renewedNanos + deadlineAfterNanos;
    }

    /** True once another node holds the lease. */
    boolean lost() {
        return lost.get();
    }

    /** True once this run stopped itself for want of renewals, or should have: its result must not count. */
    boolean fenced() {
        check();
        return fenced.get();
    }

    private void check() {
        if (System.nanoTime() - renewedNanos >= deadlineAfterNanos && fenced.compareAndSet(false, true)) {
            log.warn(
                    "Job '{}': the lease with token {} was not renewed for {} of its {}; stopping the run before"
                            + " another node may take it over. Its result will not be recorded.",
                    job,
                    token,
                    Duration.ofNanos(deadlineAfterNanos),
                    lease);
            renewal.cancel(false);
            worker.interrupt();
        }
    }

    private synchronized void renew() {
        if (fenced.get() || lost.get()) {
            return;
        }
        long sent = System.nanoTime();
        try {
            if (handle == null) {
                handle = store.jdbi().open();
            }
            int timeout = (int) Math.max(1, lease.toSeconds() / 3);
            if (store.jobs().renewLease(handle, job, token, lease, timeout)) {
                renewedNanos = sent;
            } else if (lost.compareAndSet(false, true)) {
                log.warn("Job '{}': lease with token {} was lost to another node; interrupting the run", job, token);
                worker.interrupt();
            }
        } catch (RuntimeException e) {
            // The database is away or the connection broke: try again on a fresh one; the watchdog
            // stops the run if this lasts.
            closeHandle();
            log.debug("Could not renew the lease of job '{}': {}", job, e.toString());
        }
    }

    private synchronized void closeHandle() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // a broken connection; the pool drops it
            }
            handle = null;
        }
    }

    @Override
    public void close() {
        renewal.cancel(false);
        watchdog.cancel(false);
        closeHandle();
    }
}
