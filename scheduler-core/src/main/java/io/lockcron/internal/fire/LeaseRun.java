package io.lockcron.internal.fire;

import io.lockcron.AttemptOutcome;
import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.internal.store.ExecutionStore.Finish;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.ScheduleUpdate;
import io.lockcron.internal.store.SqlErrors;
import io.lockcron.internal.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease run of a {@link Claim} (see {@link FireProtocol}), for jobs too long to hold a
 * transaction open: the row lock is held only to take a lease (owner, expiry on the database
 * clock, the attempt's fencing token), the job runs outside any transaction while {@link
 * LeaseGuard} renews the lease (and stops the run once it could not for too long), and the finish
 * is a short transaction that only the current token can commit. A lease that expires is taken
 * over with a higher token, and the old owner's finish changes nothing — ShedLock's model, made
 * safe by the token.
 */
final class LeaseRun {
    private static final Logger log = LoggerFactory.getLogger(LeaseRun.class);
    private static final long FINISH_RETRY_MS = 200;
    private final Store store;
    private final NodeView node;
    private final Duration lease;
    private final JobBody body;
    private final Finisher finisher;
    /** Renewals and the self-fencing watchdog: never on the shared timers, which can be busy. */
    private final ScheduledThreadPoolExecutor renewals;

    private final ScheduledThreadPoolExecutor watchdogs;

    LeaseRun(Store store, NodeView node, Duration lease, JobBody body, Finisher finisher) {
        this.store = store;
        this.node = node;
        this.lease = lease;
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

    /** Takes the lease in the claim's transaction and commits; the returned step runs the job. */
    Supplier<FireResult> claim(Handle h, Claim claim) {
        Instant now = claim.started();
        store.jobs()
                .claimLease(
                        h, claim.row().name(), node.nodeId(), claim.attempt().id(), now.plus(lease), now);
        h.commit();
        return () -> runAndFinish(claim);
    }

    private FireResult runAndFinish(Claim claim) {
        JobRow row = claim.row();
        long token = claim.attempt().id();
        Throwable failure;
        boolean lost;
        boolean fenced;
        long ownedUntil;
        try (LeaseGuard guard = new LeaseGuard(store, claim, lease, renewals, watchdogs)) {
            var context = new LeaseContext(
                    row.name(),
                    claim.run().fireTime(),
                    claim.run().kind(),
                    claim.attempt().number(),
                    token,
                    node.nodeId(),
                    row.payload());
            failure = body.run(claim.definition().handler(), context, row.timeout());
            lost = guard.lost();
            fenced = guard.fenced();
            ownedUntil = guard.ownedUntilNanos();
        }
        Instant finished = claim.finishedNow();
        if (fenced && !lost) {
            // Past the self-fencing deadline another node may own the lease by now: report nothing,
            // let the lease expire and be taken over (a recorded LEASE_EXPIRED failover).
            Thread.interrupted();
            return new FireResult.NotDue(null, claim.started());
        }
        if (failure != null && node.stopping() && JobBody.wasInterrupted(failure) && !lost) {
            store.jobs().releaseLease(row.name(), token);
            store.attempts().close(token, AttemptOutcome.RELEASED, finished);
            log.info(
                    "Job '{}' fire {} handed back: the node is stopping",
                    row.name(),
                    claim.run().fireTime());
            return new FireResult.NotDue(null, claim.started());
        }
        return finish(claim, finished, failure, ownedUntil);
    }

    private FireResult finish(Claim claim, Instant finished, @Nullable Throwable failure, long ownedUntil) {
        JobRow row = claim.row();
        Plan.Run run = claim.run();
        long token = claim.attempt().id();
        Outcome outcome = FireOutcomes.outcome(row, run, failure);
        ScheduleUpdate update = FireOutcomes.result(row, run, outcome, finished);
        if (update.status() == JobStatus.RUNNING) {
            update = update.withStatus(JobStatus.IDLE);
        }
        String error = failure == null ? null : ErrorSummary.of(failure);
        ScheduleUpdate result = update;
        AtomicReference<ScheduleUpdate> left = new AtomicReference<>(result);
        boolean accepted = untilRecorded(
                row.name(),
                ownedUntil,
                () -> store.jdbi().inTransaction(h -> {
                    left.set(result);
                    if (!store.jobs().finishLease(h, result, token, row)) {
                        return false;
                    }
                    store.executions()
                            .finish(h, new Finish(row.name(), run.fireTime(), token, outcome, finished, error));
                    store.attempts().close(h, token, Finisher.attemptOutcome(failure), finished, error);
                    if (store.requests().seenPending(row.name())) { // a pause accepted meanwhile stops the next fire
                        store.requests()
                                .applyPending(h, row.name(), finished)
                                .ifPresent(after -> left.set(ScheduleUpdate.of(after, finished)));
                    }
                    return true;
                }));
        if (!accepted) {
            log.warn(
                    "Job '{}' fire {}: the lease with token {} was taken over by another node; this node's result"
                            + " ({}) is discarded",
                    row.name(),
                    run.fireTime(),
                    token,
                    outcome);
            return new FireResult.NotDue(null, claim.started());
        }
        finisher.finished(claim, new FireEnd(outcome, finished, failure, error));
        return new FireResult.Done(FireOutcomes.dueOf(left.get()), claim.started(), outcome);
    }

    /**
     * Retries the finish while the database is away (a restart, a switchover to a standby) and the
     * lease is still surely this node's: giving up would leave the lease to expire and the job to run
     * again elsewhere although it finished. The finish is guarded by the token, so a late one that
     * lost the lease changes nothing.
     */
    private boolean untilRecorded(String job, long ownedUntil, Supplier<Boolean> finish) {
        while (true) {
            try {
                return finish.get();
            } catch (RuntimeException e) {
                if (!SqlErrors.isConnectionFailure(e) || System.nanoTime() - ownedUntil >= 0 || node.stopping()) {
                    throw e;
                }
                log.debug("Job '{}': the database is away, recording its lease run again soon: {}", job, e.toString());
                try {
                    Thread.sleep(FINISH_RETRY_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
