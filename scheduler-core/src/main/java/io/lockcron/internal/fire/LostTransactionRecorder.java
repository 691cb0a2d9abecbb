package io.lockcron.internal.fire;

import io.lockcron.AttemptOutcome;
import io.lockcron.Outcome;
import io.lockcron.internal.store.ExecutionStore;
import io.lockcron.internal.store.ExecutionStore.Finish;
import io.lockcron.internal.store.ExecutionStore.Recorded;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.ScheduleUpdate;
import io.lockcron.internal.store.SqlErrors;
import io.lockcron.internal.store.Store;
import io.lockcron.job.FireKind;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a fire whose own transaction cannot be committed: the job ended it (or the database
 * rolled it back whole), or recording its outcome failed for a reason other than a lost
 * connection (an error text the column cannot store, a count that did not match). Runs in a new
 * transaction on the same connection, under the job's lock again, so the fire ends with an
 * outcome instead of being run again and again or mistaken for a database outage.
 *
 * <p>If the fire's execution row is committed already (the job committed mid-way), what the job
 * wrote before that point is committed too: the fire is recorded FAILED and never retried, so
 * nothing of it runs twice. Otherwise nothing of the attempt committed, and it counts as one
 * failed attempt of the job's retry budget.
 */
final class LostTransactionRecorder {
    private static final Logger log = LoggerFactory.getLogger(LostTransactionRecorder.class);
    private static final int LOCK_TRIES = 20;
    private static final long LOCK_PAUSE_MS = 100;

    private final Store store;
    private final NodeView node;
    private final Finisher finisher;

    LostTransactionRecorder(Store store, NodeView node, Finisher finisher) {
        this.store = store;
        this.node = node;
        this.finisher = finisher;
    }

    /**
     * Records {@code reason} as the fire's failure: in the fire's own transaction if it still holds
     * the lock ({@code stillOurs}), so no other node can take the fire meanwhile; else in a new one.
     * The fire's attempt is on record; {@code executionStarted}: whether its execution row (and the
     * body's savepoint) was, in the fire's transaction.
     */
    FireResult record(
            Handle fire, Claim claim, boolean executionStarted, Throwable reason, @Nullable BooleanSupplier stillOurs) {
        if (stillOurs != null) {
            Optional<FireResult> inPlace = inPlace(fire, claim, executionStarted, reason, stillOurs);
            if (inPlace.isPresent()) {
                return inPlace.get();
            }
        }
        rollbackQuietly(fire);
        // A connection of lockcron's own: the fire's may belong to a transaction manager that has
        // just released it with the rollback.
        try (Handle h = store.jdbi().open()) {
            return recordAfresh(h, claim, reason);
        } catch (RuntimeException e) {
            // Never leave the attempt running: other nodes wait for a running attempt whose job
            // committed mid-way, and this one will not record it now.
            closeQuietly(claim.attempt(), claim.started());
            throw e;
        }
    }

    private Optional<FireResult> inPlace(
            Handle h, Claim claim, boolean executionStarted, Throwable reason, BooleanSupplier stillOurs) {
        JobRow row = claim.row();
        Plan.Run run = claim.run();
        try {
            if (executionStarted) {
                h.rollbackToSavepoint(TransactionalRun.BODY);
            } else if (!store.executions().start(h, start(claim, claim.started()))) {
                return Optional.empty(); // an execution is on record: the fresh look sorts it out
            }
            Instant finished = claim.finishedNow();
            Outcome outcome = FireOutcomes.outcome(row, run, reason);
            ScheduleUpdate update = FireOutcomes.result(row, run, outcome, finished);
            store.jobs().updateSchedule(h, update);
            FireEnd end = finish(h, claim, new FireEnd(outcome, finished, reason, ErrorSummary.ascii(reason)));
            store.attempts().close(h, claim.attempt().id(), Finisher.attemptOutcome(reason), finished, end.error());
            if (!stillOurs.getAsBoolean()) {
                return Optional.empty();
            }
            h.commit();
            finisher.finished(claim, end);
            return Optional.of(new FireResult.Done(FireOutcomes.dueOf(update), claim.started(), outcome));
        } catch (RuntimeException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                throw e;
            }
            log.debug("Job '{}': recording in the fire's own transaction failed: {}", row.name(), e.toString());
            return Optional.empty();
        }
    }

    private ExecutionStore.Start start(Claim claim, Instant startedAt) {
        return new ExecutionStore.Start(
                claim.row().name(),
                claim.run().fireTime(),
                claim.run().kind(),
                claim.attempt().number(),
                node.nodeId(),
                claim.attempt().id(),
                startedAt);
    }

    private void closeQuietly(FireAttempt attempt, Instant at) {
        if (attempt.id() == 0) {
            return;
        }
        try {
            store.attempts().close(attempt.id(), AttemptOutcome.FAILED, at);
        } catch (RuntimeException e) {
            log.warn("Could not close attempt {}: {}", attempt.id(), e.toString());
        }
    }

    private FireResult recordAfresh(Handle h, Claim claim, Throwable reason) {
        Locked original = claim.locked();
        Plan.Run run = claim.run();
        FireAttempt attempt = claim.attempt();
        JobRow before = original.row();
        Optional<Locked> relocked = relock(h, before.name());
        if (relocked.isEmpty()) {
            log.error(
                    "Job '{}' fire {}: could not take its lock again to record that {}; the attempt is closed"
                            + " unrecorded",
                    before.name(),
                    run.fireTime(),
                    reason.toString());
            store.attempts().close(attempt.id(), AttemptOutcome.FAILED, original.dbNow());
            return new FireResult.Busy();
        }
        JobRow row = relocked.get().row();
        Optional<Recorded> recorded = store.executions().find(h, row.name(), run.fireTime());
        boolean committedMidway = recorded.isPresent()
                && recorded.get().token() == attempt.id()
                && recorded.get().outcome() == Outcome.RUNNING;
        boolean movedOn = run.kind() == FireKind.SCHEDULED && !run.fireTime().equals(row.nextFireTime())
                || recorded.isPresent()
                        && recorded.get().token() != attempt.id()
                        && recorded.get().outcome() != Outcome.RETRYING;
        if (movedOn && !committedMidway) {
            h.rollback();
            log.warn(
                    "Job '{}' fire {}: another attempt has recorded it meanwhile; {}",
                    row.name(),
                    run.fireTime(),
                    reason);
            store.attempts().close(attempt.id(), AttemptOutcome.LOST, original.dbNow());
            return new FireResult.NotDue(null, relocked.get().dbNow());
        }
        Instant finished = claim.finishedNow();
        if (!committedMidway) {
            store.executions().start(h, start(claim, original.dbNow()));
        }
        Throwable failure = committedMidway
                ? new io.lockcron.job.FireTransactionException(
                        "Job '" + row.name() + "' ended its fire's transaction"
                                + " while running (a COMMIT, DDL or a raw driver connection): what it wrote before is committed,"
                                + " the rest is rolled back. The fire is recorded FAILED and not retried, so nothing runs twice;"
                                + " a job that manages its own transactions belongs in lease mode.",
                        reason)
                : reason;
        Outcome outcome = committedMidway ? Outcome.FAILED : FireOutcomes.outcome(row, run, failure);
        ScheduleUpdate update = FireOutcomes.result(row, run, outcome, finished);
        store.jobs().updateSchedule(h, update);
        FireEnd end = finish(h, claim, new FireEnd(outcome, finished, failure, ErrorSummary.ascii(failure)));
        store.attempts().close(h, attempt.id(), Finisher.attemptOutcome(failure), finished, end.error());
        h.commit();
        finisher.finished(claim, end);
        return new FireResult.Done(FireOutcomes.dueOf(update), relocked.get().dbNow(), outcome);
    }

    /** Writes the outcome with the error as plain ASCII, or without it if even that cannot be stored. */
    private FireEnd finish(Handle h, Claim claim, FireEnd end) {
        var finish = new Finish(
                claim.row().name(),
                claim.run().fireTime(),
                claim.attempt().id(),
                end.outcome(),
                end.finished(),
                end.error());
        h.savepoint("lockcron_record");
        try {
            store.executions().finish(h, finish);
            return end;
        } catch (RuntimeException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                throw e;
            }
            h.rollbackToSavepoint("lockcron_record");
            String plain = "The error of this fire could not be stored ("
                    + e.getClass().getSimpleName() + ")";
            store.executions().finish(h, finish.withError(plain));
            return new FireEnd(end.outcome(), end.finished(), end.failure(), plain);
        }
    }

    private Optional<Locked> relock(Handle h, String name) {
        for (int i = 0; i < LOCK_TRIES; i++) {
            h.begin();
            Optional<Locked> locked = store.jobs().tryLock(h, name);
            if (locked.isPresent()) {
                return locked;
            }
            h.rollback(); // a node polling has it for a moment
            try {
                Thread.sleep(LOCK_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void rollbackQuietly(Handle h) {
        try {
            h.rollback();
        } catch (RuntimeException e) {
            log.debug("Rollback failed: {}", e.toString());
        }
    }
}
