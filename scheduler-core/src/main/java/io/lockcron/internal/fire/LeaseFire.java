package io.lockcron.internal.fire;

import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.internal.store.AttemptStore.Attempt;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.ScheduleUpdate;
import io.lockcron.internal.store.Store;
import io.lockcron.job.JobHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lease mode, for jobs too long to hold a transaction open: the row lock is held only to claim a
 * lease (owner, expiry on the database clock, fencing token), the job runs outside any
 * transaction while the lease is renewed, and the finish is a short transaction that only the
 * current token can commit. A lease that expires is taken over with a higher token, and the old
 * owner's finish changes nothing — ShedLock's model, made safe by the token.
 */
final class LeaseFire {
    private static final Logger log = LoggerFactory.getLogger(LeaseFire.class);
    private final Store store;
    private final NodeView node;
    private final Duration lease;
    private final ScheduledExecutorService timers;
    private final JobBody body;
    private final Finisher finisher;
    /** Renewals and the self-fencing watchdog: never on the shared timers, which can be busy. */
    private final ScheduledThreadPoolExecutor renewals;

    private final ScheduledThreadPoolExecutor watchdogs;

    LeaseFire(
            Store store,
            NodeView node,
            Duration lease,
            ScheduledExecutorService timers,
            JobBody body,
            Finisher finisher) {
        this.store = store;
        this.node = node;
        this.lease = lease;
        this.timers = timers;
        this.body = body;
        this.finisher = finisher;
        this.renewals = daemonPool(2, "lockcron-lease-renewal-" + node.nodeId());
        this.watchdogs = daemonPool(1, "lockcron-lease-watchdog-" + node.nodeId());
    }

    /** Threads that end when idle, so a stopped node leaves none behind. */
    private static ScheduledThreadPoolExecutor daemonPool(int threads, String name) {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setKeepAliveTime(30, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /** Claims the lease in the locking transaction and commits; the returned step runs the job. */
    Supplier<FireResult> claim(
            Handle h, Locked locked, Plan.Run run, Attempt attempt, JobHandler handler, long startNanos, int epoch) {
        JobRow row = locked.row();
        store.jobs()
                .claimLease(
                        h,
                        row.name(),
                        node.nodeId(),
                        attempt.id(),
                        locked.dbNow().plus(lease),
                        locked.dbNow());
        h.commit();
        return () -> runAndFinish(locked, run, attempt, handler, startNanos);
    }

    private FireResult runAndFinish(Locked locked, Plan.Run run, Attempt attempt, JobHandler handler, long startNanos) {
        JobRow row = locked.row();
        Instant started = locked.dbNow();
        long token = attempt.id();
        Throwable failure;
        boolean lost;
        boolean fenced;
        try (LeaseGuard guard = new LeaseGuard(store, row.name(), token, lease, startNanos, renewals, watchdogs)) {
            var context = new LeaseContext(
                    row.name(), run.fireTime(), run.kind(), attempt.number(), token, node.nodeId(), row.payload());
            failure = body.run(handler, context, row.timeout());
            lost = guard.lost();
            fenced = guard.fenced();
        }
        Instant finished = started.plusNanos(System.nanoTime() - startNanos);
        if (fenced && !lost) {
            // Past the self-fencing deadline another node may own the lease by now: report nothing,
            // let the lease expire and be taken over (a recorded LEASE_EXPIRED failover).
            Thread.interrupted();
            return new FireResult.NotDue(null, started);
        }
        if (failure != null && node.stopping() && JobBody.wasInterrupted(failure) && !lost) {
            store.jobs().releaseLease(row.name(), token);
            store.attempts().close(token, "RELEASED", finished);
            log.info("Job '{}' fire {} handed back: the node is stopping", row.name(), run.fireTime());
            return new FireResult.NotDue(null, started);
        }
        return finish(row, run, attempt, started, finished, failure);
    }

    private FireResult finish(
            JobRow row, Plan.Run run, Attempt attempt, Instant started, Instant finished, Throwable failure) {
        Outcome outcome = TransactionalFire.outcome(row, run, failure);
        ScheduleUpdate update = TransactionalFire.result(row, run, outcome, finished);
        if (update.status() == JobStatus.RUNNING) {
            update = update.withStatus(JobStatus.IDLE);
        }
        String error = failure == null ? null : ErrorSummary.of(failure);
        ScheduleUpdate result = update;
        boolean accepted = store.jdbi().inTransaction(h -> {
            if (!store.jobs().finishLease(h, result, attempt.id(), row)) {
                return false;
            }
            store.executions().finish(h, row.name(), run.fireTime(), attempt.id(), outcome, finished, error);
            store.attempts().close(h, attempt.id(), Finisher.attemptOutcome(failure), finished, error);
            return true;
        });
        if (!accepted) {
            log.warn(
                    "Job '{}' fire {}: the lease with token {} was taken over by another node; this node's result"
                            + " ({}) is discarded",
                    row.name(),
                    run.fireTime(),
                    attempt.id(),
                    outcome);
            return new FireResult.NotDue(null, started);
        }
        finisher.finished(row, run, attempt, started, finished, outcome, failure, error);
        return new FireResult.Done(TransactionalFire.dueOf(update), started, outcome);
    }
}
