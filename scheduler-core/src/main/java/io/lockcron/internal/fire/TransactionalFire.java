package io.lockcron.internal.fire;

import io.lockcron.FailoverInfo;
import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.internal.store.AttemptStore.Attempt;
import io.lockcron.internal.store.ExecutionStore;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.ScheduleUpdate;
import io.lockcron.internal.store.SqlErrors;
import io.lockcron.internal.store.Store;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.FireKind;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobHandler;
import io.lockcron.job.JobInvoker;
import io.lockcron.trigger.TriggerType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fire protocol, one transaction per fire in the transactional mode:
 *
 * <pre>
 * BEGIN (READ COMMITTED)
 * SELECT ... FROM lock_cron WHERE lock_name = ? FOR UPDATE SKIP LOCKED   -- tryLock
 * INSERT job_execution ... (unless this fire has one: the idempotency guard)
 * SAVEPOINT body; run the job on this transaction; on failure ROLLBACK TO SAVEPOINT body
 * UPDATE lock_cron (next fire, or retry); UPDATE job_execution (outcome)
 * COMMIT                                                                    -- unlock
 * </pre>
 *
 * The row lock, not a status flag, keeps other nodes out: if this process dies, the database
 * rolls it all back, frees the row and the fire is still due for the next node. Who runs the fire
 * is recorded beside it in {@code fire_attempt}, in a transaction of its own, so the record
 * outlives a rollback. Lease-mode jobs take the same lock only to claim a lease ({@link LeaseFire}).
 */
public final class TransactionalFire {
    private static final Logger log = LoggerFactory.getLogger(TransactionalFire.class);
    static final String BODY = "lockcron_body";

    private final Store store;
    private final NodeView node;
    private final FirePlanner planner;
    private final JobBody body;
    private final Listeners listeners;
    private final SessionLimits sessionLimits;
    private final LeaseFire leases;
    private final Finisher finisher;
    private final FireHandles handles;
    private final JobTransaction.Opener jobTransactions;
    private final FireTransactionIdentity identity;
    private final LostTransactionRecorder lost;

    public TransactionalFire(
            Store store,
            NodeView node,
            FireSettings settings,
            ScheduledExecutorService timers,
            JobInvoker invoker,
            Listeners listeners) {
        this.store = store;
        this.node = node;
        this.planner = new FirePlanner(settings.misfireThreshold());
        this.body = new JobBody(timers, invoker);
        this.listeners = listeners;
        this.sessionLimits = new SessionLimits(store.dialect(), settings.idleLimit());
        this.finisher = new Finisher(store, node, listeners);
        this.handles = new FireHandles(store, settings.transactions());
        this.leases = new LeaseFire(store, node, settings.leaseDuration(), timers, body, finisher);
        this.jobTransactions = new JobTransaction.Opener(store);
        this.identity = FireTransactionIdentity.forDialect(store.dialect().name());
        this.lost = new LostTransactionRecorder(store, node, finisher);
    }

    /**
     * Tries to run the due fire of {@code jobName}, with the local definition {@code definitions}
     * gives for the row's handler name: its handler, and its execution mode (this node's code
     * decides how the handler runs, not a row another release wrote). Database failures
     * propagate; the fire then stays due.
     */
    public FireResult fire(String jobName, Function<String, @Nullable JobDefinition> definitions) {
        int epoch = node.membershipEpoch();
        Supplier<FireResult> next;
        try (Handle h = handles.open(jobName)) {
            Connection connection = h.getConnection();
            int isolation = isolation(connection);
            try {
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                h.begin();
                next = fireLocked(h, jobName, definitions, epoch);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start a fire transaction for job '" + jobName + "'", e);
            } finally {
                if (h.isInTransaction()) {
                    rollbackQuietly(h);
                }
                restore(connection, isolation);
            }
        }
        return next.get(); // a lease-mode job runs here, its connection back in the pool
    }

    /** Call after a database outage: the server may hand out old session ids again. */
    public void databaseRecovered() {
        sessionLimits.forget();
    }

    private Supplier<FireResult> fireLocked(
            Handle h, String jobName, Function<String, @Nullable JobDefinition> definitions, int epoch) {
        Optional<Locked> locked = store.jobs().tryLock(h, jobName);
        if (locked.isEmpty()) {
            h.rollback();
            return done(new FireResult.Busy());
        }
        long startNanos = System.nanoTime();
        JobRow row = locked.get().row();
        Instant now = locked.get().dbNow();
        JobDefinition definition = definitions.apply(row.handlerName());
        if (definition == null) {
            h.rollback();
            return done(new FireResult.NotDue(null, now));
        }
        JobHandler handler = definition.handler();
        Plan plan = planner.plan(row, now);
        if (plan instanceof Plan.Advance
                || plan instanceof Plan.Run r && !r.fireTime().equals(row.nextFireTime())) {
            // A misfire policy is about to skip or replace the pending fire; if a node had started
            // it (and died or hung), it is no misfire but a takeover of that very fire.
            if (row.nextFireTime() != null
                    && row.triggerRequestedAt() == null
                    && store.attempts().started(h, row.name(), row.nextFireTime())) {
                plan = new Plan.Run(row.nextFireTime(), FireKind.SCHEDULED, true);
            }
        }
        if (plan instanceof Plan.NotDue notDue) {
            h.rollback();
            return done(new FireResult.NotDue(notDue.dueAt(), now));
        }
        if (plan instanceof Plan.Advance advance) {
            log.info("Job '{}' skips fires missed up to {} (misfire policy SKIP)", jobName, now);
            ScheduleUpdate update = ScheduleUpdate.of(row, now).advanceTo(advance.next(), completes(row));
            store.jobs().updateSchedule(h, update);
            h.commit();
            return done(new FireResult.Done(dueOf(update), now, null));
        }
        Plan.Run run = (Plan.Run) plan;
        Optional<Attempt> begun = store.attempts()
                .tryBegin(
                        row.name(),
                        run.fireTime(),
                        node.nodeId(),
                        locked.get().sessionId(),
                        now,
                        expectedAttempt(row, run),
                        row.status() == JobStatus.RUNNING);
        if (begun.isEmpty()) {
            h.rollback(); // its job ended the transaction; the node running it records the fire
            return done(new FireResult.Busy());
        }
        Attempt attempt = begun.get();
        for (FailoverInfo failover : attempt.failovers()) {
            log.warn(
                    "Job '{}' fire {}: taking over attempt {} lost by node {} ({}, {} ms after it was last seen)",
                    row.name(),
                    run.fireTime(),
                    failover.lostAttempt(),
                    failover.fromNode(),
                    failover.reason(),
                    failover.takeoverDelay().toMillis());
            listeners.each(l -> l.failoverDetected(failover));
        }
        var start = new ExecutionStore.Start(
                row.name(), run.fireTime(), run.kind(), attempt.number(), node.nodeId(), attempt.id(), now);
        if (!store.executions().start(h, start)) {
            log.warn("Job '{}' fire {} already has an execution; not running it again", row.name(), run.fireTime());
            ScheduleUpdate update = after(row, run, now);
            store.jobs().updateSchedule(h, update);
            h.commit();
            store.attempts().close(attempt.id(), "FAILED", now);
            return done(new FireResult.Done(dueOf(update), now, null));
        }
        if (definition.mode() == ExecutionMode.LEASE) {
            return leases.claim(h, locked.get(), run, attempt, handler, startNanos, epoch);
        }
        return done(runInTransaction(h, locked.get(), run, attempt, handler, startNanos, epoch));
    }

    private FireResult runInTransaction(
            Handle h, Locked locked, Plan.Run run, Attempt attempt, JobHandler handler, long startNanos, int epoch) {
        JobRow row = locked.row();
        Instant now = locked.dbNow();
        boolean limited = sessionLimits.apply(h, locked.sessionId());
        Object mark = identity.mark(h);
        h.savepoint(BODY);
        Throwable failure;
        String lostReason;
        try (JobTransaction job = jobTransactions.open(h.getConnection(), row.name())) {
            var context = new FireContext(
                    row.name(),
                    run.fireTime(),
                    run.kind(),
                    attempt.number(),
                    attempt.id(),
                    node.nodeId(),
                    row.payload(),
                    job.handle(),
                    job.connection());
            failure = body.run(handler, context, row.timeout());
            lostReason = job.lostReason();
        }
        if (failure != null && node.stopping() && JobBody.wasInterrupted(failure)) {
            h.rollback(); // hand the fire back whole: another node runs it at once
            store.attempts().close(attempt.id(), "RELEASED", now);
            log.info("Job '{}' fire {} handed back: the node is stopping", row.name(), run.fireTime());
            return new FireResult.NotDue(null, now);
        }
        if (node.membershipEpoch() != epoch) {
            h.rollback(); // fenced while running: another node has this fire now
            log.warn(
                    "Job '{}' fire {}: this node was fenced while running it; its work is discarded",
                    row.name(),
                    run.fireTime());
            return new FireResult.NotDue(null, now);
        }
        FireResult result;
        try {
            if (lostReason != null) {
                throw new io.lockcron.job.FireTransactionException(
                        "Job '" + row.name() + "' went on after " + lostReason);
            }
            if (failure != null) {
                h.rollbackToSavepoint(BODY);
                h.savepoint(BODY); // JDBI forgets a savepoint rolled back to; recording may need it again
            }
            result = record(h, locked, run, attempt, mark, startNanos, failure);
        } catch (RuntimeException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                throw e; // the database rolls the fire back and it stays due: an outage, not the job's fault
            }
            // The fire's transaction cannot be committed: the job ended it or left it unusable
            // (PostgreSQL aborts a transaction at its first error, even one the job caught), or
            // its outcome cannot be stored. Record that in a new transaction instead of rolling
            // the fire back, which would run it again and again.
            boolean ended = e instanceof FireTransactionEndedException || lostReason != null;
            Throwable reason = failure == null ? unusable(row.name(), e) : failure;
            if (failure != null && !ended) {
                reason.addSuppressed(e);
            }
            result = lost.record(
                    h, locked, run, attempt, startNanos, reason, ended ? null : () -> identity.same(h, mark));
        }
        if (limited) {
            sessionLimits.committed(locked.sessionId());
        }
        return result;
    }

    /** Writes the fire's result (schedule advance or retry, execution outcome) and commits. */
    private FireResult record(
            Handle h,
            Locked locked,
            Plan.Run run,
            Attempt attempt,
            Object mark,
            long startNanos,
            @Nullable Throwable failure) {
        JobRow row = locked.row();
        Instant now = locked.dbNow();
        Instant finished = now.plusNanos(System.nanoTime() - startNanos);
        Outcome outcome = outcome(row, run, failure);
        ScheduleUpdate update = result(row, run, outcome, finished);
        store.jobs().updateSchedule(h, update);
        String error = failure == null ? null : ErrorSummary.of(failure);
        store.executions().finish(h, row.name(), run.fireTime(), attempt.id(), outcome, finished, error);
        store.attempts().close(h, attempt.id(), Finisher.attemptOutcome(failure), finished, error);
        if (!identity.same(h, mark)) {
            throw new FireTransactionEndedException("Job '" + row.name() + "' fire " + run.fireTime() + ": the"
                    + " transaction that took the job's lock ended while the job ran (a COMMIT or ROLLBACK it issued,"
                    + " DDL that commits implicitly, or a deadlock the database rolled back whole)");
        }
        h.commit();
        finisher.finished(row, run, attempt, now, finished, outcome, failure, error);
        return new FireResult.Done(dueOf(update), now, outcome);
    }

    private static Throwable unusable(String job, RuntimeException e) {
        if (e instanceof FireTransactionEndedException || e instanceof io.lockcron.job.FireTransactionException) {
            return e;
        }
        return new IllegalStateException(
                "Job '" + job + "' left its transaction unusable (did it catch an SQL error and carry on?), or its"
                        + " outcome could not be stored: " + e.getMessage(),
                e);
    }

    /** The row after a fire that ran: retry later, or move on. */
    static ScheduleUpdate result(JobRow row, Plan.Run run, Outcome outcome, Instant finished) {
        ScheduleUpdate update = outcome == Outcome.RETRYING
                ? base(row, finished).retryAt(finished.plus(row.retry().delayAfter(row.failedAttempts() + 1)))
                : after(row, run, finished);
        return update.ran(run.fireTime(), finished, outcome);
    }

    /** The attempt number if none was lost: retries count up, a manual fire is new every time. */
    private static int expectedAttempt(JobRow row, Plan.Run run) {
        return run.kind() == FireKind.MANUAL ? 1 : row.failedAttempts() + 1;
    }

    static Outcome outcome(JobRow row, Plan.Run run, @Nullable Throwable failure) {
        if (failure == null) {
            return Outcome.SUCCEEDED;
        }
        boolean attemptsLeft = row.failedAttempts() + 1 < row.maxAttempts();
        return run.kind() == FireKind.SCHEDULED && attemptsLeft ? Outcome.RETRYING : Outcome.FAILED;
    }

    /** The row after the fire is done with: a request answered, or the schedule moved on. */
    private static ScheduleUpdate after(JobRow row, Plan.Run run, Instant finished) {
        ScheduleUpdate update = base(row, finished);
        if (run.kind() == FireKind.MANUAL) {
            return update.clearRequest();
        }
        Instant next = row.trigger().nextFire(run.fireTime(), finished).orElse(null);
        return update.advanceTo(next, completes(row));
    }

    /** The row as a finished fire leaves it; a lease taken over is held no more. */
    private static ScheduleUpdate base(JobRow row, Instant at) {
        ScheduleUpdate update = ScheduleUpdate.of(row, at);
        return row.status() == JobStatus.RUNNING ? update.withStatus(JobStatus.IDLE) : update;
    }

    private static boolean completes(JobRow row) {
        return row.triggerType() == TriggerType.ONE_SHOT;
    }

    static @Nullable Instant dueOf(ScheduleUpdate u) {
        Instant due = u.status() == JobStatus.IDLE ? u.dueTime() : null;
        Instant requested = u.requestedAt();
        if (due == null) {
            return requested;
        }
        return requested != null && requested.isBefore(due) ? requested : due;
    }

    private static Supplier<FireResult> done(FireResult result) {
        return () -> result;
    }

    private static int isolation(Connection c) {
        try {
            return c.getTransactionIsolation();
        } catch (SQLException e) {
            return Connection.TRANSACTION_READ_COMMITTED;
        }
    }

    private static void restore(Connection c, int isolation) {
        try {
            if (!c.isClosed() && c.getTransactionIsolation() != isolation) {
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            log.debug("Could not restore isolation level: {}", e.toString());
        }
    }

    private static void rollbackQuietly(Handle h) {
        try {
            h.rollback();
        } catch (RuntimeException e) {
            log.debug("Rollback failed (the connection is probably gone): {}", e.toString());
        }
    }
}
