package io.lockcron.internal.fire;

import io.lockcron.AttemptOutcome;
import io.lockcron.Outcome;
import io.lockcron.internal.store.ExecutionStore.Finish;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.ScheduleUpdate;
import io.lockcron.internal.store.SqlErrors;
import io.lockcron.internal.store.Store;
import io.lockcron.job.FireTransactionException;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional run of a {@link Claim} (see {@link FireProtocol}): the job runs in the very
 * transaction that holds its lock, behind a savepoint and through a connection that may not end
 * that transaction; its result (schedule, execution outcome, attempt close) commits with its work.
 */
final class TransactionalRun {
    private static final Logger log = LoggerFactory.getLogger(TransactionalRun.class);
    static final String BODY = "lockcron_body";

    private final Store store;
    private final NodeView node;
    private final JobBody body;
    private final SessionLimits sessionLimits;
    private final Finisher finisher;
    private final Guards guards;
    private final HandlerHabits habits;

    /** What keeps the job from ending the fire's transaction, and what records one that was ended anyway. */
    record Guards(
            JobTransaction.Opener jobTransactions, FireTransactionIdentity identity, LostTransactionRecorder lost) {}

    TransactionalRun(
            Store store,
            NodeView node,
            JobBody body,
            SessionLimits sessionLimits,
            Finisher finisher,
            HandlerHabits habits) {
        this.store = store;
        this.habits = habits;
        this.node = node;
        this.body = body;
        this.sessionLimits = sessionLimits;
        this.finisher = finisher;
        this.guards = new Guards(
                new JobTransaction.Opener(store),
                FireTransactionIdentity.forDialect(store.dialect().name()),
                new LostTransactionRecorder(store, node, finisher));
    }

    /** Runs the claimed fire in {@code h}'s transaction and commits it (or hands it back whole). */
    FireResult run(Handle h, Claim claim) {
        return run(h, claim, null);
    }

    /**
     * As {@link #run(Handle, Claim)}, for a fire of {@code batch} ({@link FireBatch}): while it
     * shares the batch's transaction its records are written there, and the batch commits them.
     */
    FireResult run(Handle h, Claim claim, @Nullable FireBatch batch) {
        JobRow row = claim.row();
        boolean limited = sessionLimits.apply(h, claim.locked().sessionId());
        FirstUse firstUse = new FirstUse(store, guards.identity(), node.nodeId(), h, claim, batch);
        Throwable failure;
        String lostReason;
        try (JobTransaction job = guards.jobTransactions()
                .open(h.getConnection(), row.name(), claim.executionStarted() ? null : firstUse::arm)) {
            var context = new FireContext(
                    row.name(),
                    claim.run().fireTime(),
                    claim.run().kind(),
                    claim.attempt(),
                    node.nodeId(),
                    row.payload(),
                    job);
            failure = body.run(claim.definition().handler(), context, row.timeout());
            lostReason = job.lostReason();
        }
        claim.attempt().seal(); // the body is over: no timer puts the attempt on record after this
        if (!claim.executionStarted()) {
            habits.ran(row.handlerName(), firstUse.executionStarted(), System.nanoTime() - claim.startNanos());
        }
        FireBatch shared = batch != null && batch.shares() ? batch : null;
        if (batch != null && batch.lockLost()) {
            closeIfRecorded(claim, AttemptOutcome.RELEASED); // its row is free: the fire runs again
            return new FireResult.Busy();
        }
        if (failure != null && node.stopping() && JobBody.wasInterrupted(failure)) {
            if (shared != null) {
                shared.commit(); // the fires before it are done; this one wrote nothing, and its row is free
            } else {
                h.rollback(); // hand the fire back whole: another node runs it at once
            }
            closeIfRecorded(claim, AttemptOutcome.RELEASED);
            log.info(
                    "Job '{}' fire {} handed back: the node is stopping",
                    row.name(),
                    claim.run().fireTime());
            return new FireResult.NotDue(null, claim.started());
        }
        if (failure != null && store.dialect().certifiesCommits() && SqlErrors.isLostRace(failure)) {
            rollbackQuietly(h); // a write of another member's won: the member rolled this one back whole
            return handBack(claim, failure);
        }
        if (node.membershipEpoch() != claim.epoch()) {
            h.rollback(); // fenced while running: another node has this fire now
            log.warn(
                    "Job '{}' fire {}: this node was fenced while running it; its work is discarded",
                    row.name(),
                    claim.run().fireTime());
            return new FireResult.NotDue(null, claim.started());
        }
        FireResult result;
        boolean behindSavepoint = false;
        try {
            if (lostReason != null) {
                throw new FireTransactionException("Job '" + row.name() + "' went on after " + lostReason);
            }
            if (failure != null && firstUse.armed()) {
                h.rollbackToSavepoint(BODY);
                h.savepoint(BODY); // JDBI forgets a savepoint rolled back to; recording may need it again
            }
            if (shared != null && shared.othersWaiting()) {
                h.savepoint(FireBatch.MEMBER); // if its records cannot be stored, the fires before it keep theirs
                behindSavepoint = true;
            }
            result = record(h, claim, firstUse, failure, shared);
        } catch (RuntimeException e) {
            if (store.dialect().certifiesCommits() && SqlErrors.isLostRace(e)) {
                rollbackQuietly(h); // aborted while recording, for a write another member committed first
                return handBack(claim, e);
            }
            if (SqlErrors.isConnectionFailure(e) || connectionGone(h)) {
                throw e; // the database rolls the fire back and it stays due: an outage, not the job's fault
            }
            if (lostWithItsConnection(firstUse, failure)) {
                // The body failed as the fire's connection died; what answers on it now is another
                // session (a failover driver reconnects in place, to another member): an outage too.
                IllegalStateException lost = new IllegalStateException(
                        "Job '" + row.name() + "' fire " + claim.run().fireTime()
                                + ": its database connection was lost",
                        failure);
                lost.addSuppressed(e);
                throw lost;
            }
            // The fire's transaction cannot be committed: the job ended it or left it unusable
            // (PostgreSQL aborts a transaction at its first error, even one the job caught), or
            // its outcome cannot be stored. Record that in a new transaction instead of rolling
            // the fire back, which would run it again and again. Its attempt goes on record first:
            // it keeps other nodes off the fire while its lock may be free.
            boolean ended = e instanceof FireTransactionEndedException || lostReason != null;
            Throwable reason = failure == null ? unusable(row.name(), e) : failure;
            if (failure != null && !ended) {
                reason.addSuppressed(e);
            }
            if (behindSavepoint) {
                h.rollbackToSavepoint(FireBatch.MEMBER);
                claim.attempt().undoneInFire();
                claim.attempt().record();
                shared.commit(); // the fires before it keep their records; this one is recorded anew
                result = guards.lost().record(h, claim, false, reason, null);
            } else {
                claim.attempt().record();
                result = guards.lost()
                        .record(h, claim, firstUse.executionStarted(), reason, ended ? null : firstUse::same);
            }
        }
        if (limited) {
            String session = claim.locked().sessionId();
            if (shared != null && shared.shares()) {
                shared.afterCommit(() -> sessionLimits.committed(session)); // PostgreSQL undoes a SET rolled back
            } else {
                sessionLimits.committed(session);
            }
        }
        return result;
    }

    /**
     * Writes the fire's result (schedule advance or retry, execution outcome, attempt close) and
     * commits. A fire whose job never touched the transaction records its execution whole here.
     */
    private FireResult record(
            Handle h, Claim claim, FirstUse firstUse, @Nullable Throwable failure, @Nullable FireBatch batch) {
        JobRow row = claim.row();
        var finished = claim.finishedNow();
        Outcome outcome = FireOutcomes.outcome(row, claim.run(), failure);
        ScheduleUpdate update = FireOutcomes.result(row, claim.run(), outcome, finished);
        store.jobs().updateSchedule(h, update);
        String error = failure == null ? null : ErrorSummary.of(failure);
        long token = claim.attempt().id();
        boolean closed = false;
        if (token == 0 && failure != null) {
            token = claim.attempt().recordClosed(h, Finisher.attemptOutcome(failure), finished, error);
            closed = true;
        }
        var finish = new Finish(row.name(), claim.run().fireTime(), token, outcome, finished, error);
        if (firstUse.executionStarted()) {
            store.executions().finish(h, finish);
        } else {
            store.executions().record(h, FirstUse.start(claim, node.nodeId(), token), finish);
        }
        if (token != 0 && !closed) {
            store.attempts().close(h, token, Finisher.attemptOutcome(failure), finished, error);
        }
        // After the fire's own records: if one fails, a fire with no savepoint is recorded again in
        // this transaction (LostTransactionRecorder), which would overwrite requests applied before.
        JobRow after = store.requests().seenPending(row.name())
                ? store.requests().applyPending(h, row.name(), finished).orElse(null)
                : null;
        if (!firstUse.same()) {
            throw new FireTransactionEndedException(
                    "Job '" + row.name() + "' fire " + claim.run().fireTime()
                            + ": the transaction that took the job's lock ended while the job ran (a COMMIT or ROLLBACK it"
                            + " issued, DDL that commits implicitly, or a deadlock the database rolled back whole)");
        }
        var end = new FireEnd(outcome, finished, failure, error);
        if (batch != null) {
            batch.recorded(() -> finisher.finished(claim, end)); // the batch commits it
        } else {
            h.commit();
            finisher.finished(claim, end);
        }
        return new FireResult.Done(
                FireOutcomes.dueOf(after == null ? update : ScheduleUpdate.of(after, finished)),
                claim.started(),
                outcome);
    }

    private void closeIfRecorded(Claim claim, AttemptOutcome outcome) {
        long token = claim.attempt().id();
        if (token != 0) {
            store.attempts().close(token, outcome, claim.started());
        }
    }

    /**
     * A Galera member rolled the fire back whole — at its commit (certification) or at a statement
     * (a write applied from another member, such as a console action or another writer's, that
     * touched a row this fire holds): it is handed back and runs again, as a lost race; no
     * failure, no failover, no outage. The body ran: the attempt closed RELEASED counts it.
     */
    private FireResult handBack(Claim claim, Throwable cause) {
        closeIfRecorded(claim, AttemptOutcome.RELEASED);
        log.info(
                "Job '{}' fire {}: lost a certification race to a write on another cluster member; rolled back"
                        + " whole, it runs again ({})",
                claim.row().name(),
                claim.run().fireTime(),
                cause.toString());
        return new FireResult.NotDue(null, claim.started());
    }

    private boolean lostWithItsConnection(FirstUse firstUse, @Nullable Throwable failure) {
        if (failure == null || !SqlErrors.isConnectionFailure(failure)) {
            return false;
        }
        try {
            return !firstUse.same();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * The fire's connection died under it (the server crashed or a switchover cut it): the pool has
     * closed it, and what it throws from then on (HikariCP's "Connection is closed") carries no
     * SQLSTATE to tell an outage by.
     */
    private static boolean connectionGone(Handle h) {
        try {
            return h.getConnection().isClosed();
        } catch (java.sql.SQLException e) {
            return true;
        }
    }

    private static void rollbackQuietly(Handle h) {
        try {
            h.rollback();
        } catch (RuntimeException e) {
            log.debug("Rollback after a lost race failed: {}", e.toString());
        }
    }

    private static Throwable unusable(String job, RuntimeException e) {
        if (e instanceof FireTransactionEndedException || e instanceof FireTransactionException) {
            return e;
        }
        return new IllegalStateException(
                "Job '" + job + "' left its transaction unusable (did it catch an SQL error and carry on?), or its"
                        + " outcome could not be stored: " + e.getMessage(),
                e);
    }
}
