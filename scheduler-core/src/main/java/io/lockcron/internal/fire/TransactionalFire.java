package io.lockcron.internal.fire;

import io.lockcron.ExecutionInfo;
import io.lockcron.FailoverInfo;
import io.lockcron.Outcome;
import io.lockcron.internal.store.AttemptStore.Attempt;
import io.lockcron.internal.store.ExecutionStore;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.ScheduleUpdate;
import io.lockcron.internal.store.Store;
import io.lockcron.job.FireKind;
import io.lockcron.job.JobHandler;
import io.lockcron.job.JobInvoker;
import io.lockcron.trigger.TriggerType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fire protocol of the transactional mode, in one transaction per fire:
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
 * outlives a rollback.
 */
public final class TransactionalFire {
    private static final Logger log = LoggerFactory.getLogger(TransactionalFire.class);
    private static final String BODY = "lockcron_body";

    private final Store store;
    private final String nodeId;
    private final FirePlanner planner;
    private final JobBody body;
    private final Listeners listeners;

    public TransactionalFire(
            Store store,
            String nodeId,
            Duration misfireThreshold,
            ScheduledExecutorService timers,
            JobInvoker invoker,
            Listeners listeners) {
        this.store = store;
        this.nodeId = nodeId;
        this.planner = new FirePlanner(misfireThreshold);
        this.body = new JobBody(timers, invoker);
        this.listeners = listeners;
    }

    /**
     * Tries to run the due fire of {@code jobName}, with the handler {@code handlers} gives for
     * the row's handler name. Database failures propagate; the fire then stays due.
     */
    public FireResult fire(String jobName, Function<String, @Nullable JobHandler> handlers) {
        try (Handle h = store.jdbi().open()) {
            Connection connection = h.getConnection();
            int isolation = isolation(connection);
            try {
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                h.begin();
                return fireLocked(h, jobName, handlers);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start a fire transaction for job '" + jobName + "'", e);
            } finally {
                if (h.isInTransaction()) {
                    rollbackQuietly(h);
                }
                restore(connection, isolation);
            }
        }
    }

    private FireResult fireLocked(Handle h, String jobName, Function<String, @Nullable JobHandler> handlers) {
        Optional<Locked> locked = store.jobs().tryLock(h, jobName);
        if (locked.isEmpty()) {
            h.rollback();
            return new FireResult.Busy();
        }
        long startNanos = System.nanoTime();
        JobRow row = locked.get().row();
        Instant now = locked.get().dbNow();
        JobHandler handler = handlers.apply(row.handlerName());
        if (handler == null) {
            h.rollback();
            return new FireResult.NotDue(null, now);
        }
        Plan plan = planner.plan(row, now);
        if (plan instanceof Plan.NotDue notDue) {
            h.rollback();
            return new FireResult.NotDue(notDue.dueAt(), now);
        }
        if (plan instanceof Plan.Advance advance) {
            log.info("Job '{}' skips fires missed up to {} (misfire policy SKIP)", jobName, now);
            ScheduleUpdate update = ScheduleUpdate.of(row, now).advanceTo(advance.next(), completes(row));
            store.jobs().updateSchedule(h, update);
            h.commit();
            return new FireResult.Done(dueOf(update), now, null);
        }
        Plan.Run run = (Plan.Run) plan;
        return run(h, locked.get(), run, handler, startNanos);
    }

    private FireResult run(Handle h, Locked locked, Plan.Run run, JobHandler handler, long startNanos) {
        JobRow row = locked.row();
        Instant now = locked.dbNow();
        Attempt attempt = store.attempts()
                .begin(row.name(), run.fireTime(), nodeId, locked.sessionId(), now, expectedAttempt(row, run));
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
                row.name(), run.fireTime(), run.kind(), attempt.number(), nodeId, attempt.id(), now);
        if (!store.executions().start(h, start, run.retry())) {
            log.warn("Job '{}' fire {} already has an execution; not running it again", row.name(), run.fireTime());
            ScheduleUpdate update = after(row, run, now, true);
            store.jobs().updateSchedule(h, update);
            h.commit();
            store.attempts().close(attempt.id(), "FAILED", now);
            return new FireResult.Done(dueOf(update), now, null);
        }

        h.savepoint(BODY);
        var context = new FireContext(
                row.name(), run.fireTime(), run.kind(), attempt.number(), attempt.id(), nodeId, row.payload(), h);
        Throwable failure = body.run(handler, context, row.timeout());
        if (failure != null) {
            h.rollbackToSavepoint(BODY);
        }
        Instant finished = now.plusNanos(System.nanoTime() - startNanos);
        Outcome outcome = outcome(row, run, failure);
        ScheduleUpdate update = (outcome == Outcome.RETRYING
                        ? ScheduleUpdate.of(row, finished)
                                .retryAt(finished.plus(row.retry().delayAfter(row.failedAttempts() + 1)))
                        : after(row, run, finished, failure == null))
                .ran(run.fireTime(), finished, outcome);
        store.jobs().updateSchedule(h, update);
        store.executions()
                .finish(
                        h,
                        row.name(),
                        run.fireTime(),
                        outcome,
                        finished,
                        failure == null ? null : ErrorSummary.of(failure));
        h.commit();

        if (failure != null) {
            log.warn(
                    "Job '{}' fire {} attempt {} failed ({})",
                    row.name(),
                    run.fireTime(),
                    attempt.number(),
                    outcome,
                    failure);
        }
        closeQuietly(attempt, failure == null ? "COMMITTED" : "FAILED", finished);
        String error = failure == null ? null : ErrorSummary.of(failure);
        var execution = new ExecutionInfo(
                0,
                row.name(),
                run.fireTime(),
                run.kind(),
                attempt.number(),
                nodeId,
                attempt.id(),
                now,
                finished,
                outcome,
                error);
        listeners.each(l -> l.executionFinished(execution));
        return new FireResult.Done(dueOf(update), now, outcome);
    }

    /** The attempt number if none was lost: retries count up, a manual fire is new every time. */
    private static int expectedAttempt(JobRow row, Plan.Run run) {
        return run.kind() == FireKind.MANUAL ? 1 : row.failedAttempts() + 1;
    }

    private static Outcome outcome(JobRow row, Plan.Run run, @Nullable Throwable failure) {
        if (failure == null) {
            return Outcome.SUCCEEDED;
        }
        boolean attemptsLeft = row.failedAttempts() + 1 < row.maxAttempts();
        return run.kind() == FireKind.SCHEDULED && attemptsLeft ? Outcome.RETRYING : Outcome.FAILED;
    }

    /** The row after the fire is done with: a request answered, or the schedule moved on. */
    private static ScheduleUpdate after(JobRow row, Plan.Run run, Instant finished, boolean succeeded) {
        ScheduleUpdate update = ScheduleUpdate.of(row, finished);
        if (run.kind() == FireKind.MANUAL) {
            return update.clearRequest();
        }
        Instant next = row.trigger().nextFire(run.fireTime(), finished).orElse(null);
        return update.advanceTo(next, completes(row));
    }

    private static boolean completes(JobRow row) {
        return row.triggerType() == TriggerType.ONE_SHOT;
    }

    private static @Nullable Instant dueOf(ScheduleUpdate u) {
        Instant due = u.status() == io.lockcron.JobStatus.IDLE ? u.dueTime() : null;
        Instant requested = u.requestedAt();
        if (due == null) {
            return requested;
        }
        return requested != null && requested.isBefore(due) ? requested : due;
    }

    private void closeQuietly(Attempt attempt, String outcome, Instant finished) {
        try {
            store.attempts().close(attempt.id(), outcome, finished);
        } catch (RuntimeException e) {
            // The execution is committed; a stale attempt row only misleads the console until the next fire.
            log.warn("Could not close attempt {}: {}", attempt.id(), e.toString());
        }
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
