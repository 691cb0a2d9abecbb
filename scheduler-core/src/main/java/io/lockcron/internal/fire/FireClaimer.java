package io.lockcron.internal.fire;

import io.lockcron.AttemptOutcome;
import io.lockcron.FailoverInfo;
import io.lockcron.JobStatus;
import io.lockcron.internal.store.AttemptStore;
import io.lockcron.internal.store.AttemptStore.Attempt;
import io.lockcron.internal.store.ExecutionStore;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.ScheduleUpdate;
import io.lockcron.internal.store.SqlErrors;
import io.lockcron.internal.store.Store;
import io.lockcron.job.FireKind;
import io.lockcron.job.JobDefinition;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim, the first step of {@link FireProtocol}: with the job's row locked, plans the fire,
 * puts the attempt on record and starts the execution row. Either the fire is claimed — a {@link
 * Claim} for one of the runs — or it is settled here: not due, skipped by the misfire policy,
 * another node's, or recorded already.
 */
final class FireClaimer {
    private static final Logger log = LoggerFactory.getLogger(FireClaimer.class);

    /** What the claim came to. */
    sealed interface Step {}

    record Claimed(Claim claim) implements Step {}

    record Settled(FireResult result) implements Step {}

    /**
     * Where first attempts of transactional fires wait to go on record ({@link FireAttempt}); absent
     * when fires run in transactions a caller's manager begins, whose job may reach the connection
     * without passing lockcron's guard.
     */
    record Deferral(ScheduledExecutorService timers, Executor recorder) {}

    private final Store store;
    private final NodeView node;
    private final FirePlanner planner;
    private final Listeners listeners;
    private final @Nullable Deferral deferral;

    FireClaimer(Store store, NodeView node, FirePlanner planner, Listeners listeners, @Nullable Deferral deferral) {
        this.store = store;
        this.node = node;
        this.planner = planner;
        this.listeners = listeners;
        this.deferral = deferral;
    }

    /** Whether first attempts of transactional fires wait to go on record: then fires can share a {@link FireBatch}. */
    boolean defers() {
        return deferral != null;
    }

    /** {@code h} is in the transaction that holds {@code locked}; a settled step has committed or rolled it back. */
    Step claim(Handle h, Locked locked, Function<String, @Nullable JobDefinition> definitions, int epoch) {
        long startNanos = System.nanoTime();
        JobRow row = locked.row();
        Instant now = locked.dbNow();
        JobDefinition definition = definitions.apply(row.handlerName());
        if (definition == null) {
            h.rollback();
            return new Settled(new FireResult.NotDue(null, now));
        }
        boolean applied = false;
        if (locked.requestsPending()) { // left pending by a fire that ended before its node saw them
            Optional<JobRow> after = store.requests().applyPending(h, row.name(), now);
            if (after.isPresent()) {
                row = after.get();
                locked = new Locked(row, now, locked.sessionId(), false, true);
                applied = true;
            }
        }
        // The claim's own read says whether anything from the next fire on is on record: if nothing is,
        // a misfire replacing the next fire is no takeover; if something is, which fire is read exactly.
        Plan plan = takeoverOrMisfire(
                h, row, planner.plan(row, now), applied || locked.fireOnRecord() ? null : Boolean.FALSE);
        if (plan instanceof Plan.NotDue notDue) {
            if (applied) {
                h.commit();
            } else {
                h.rollback();
            }
            return new Settled(new FireResult.NotDue(notDue.dueAt(), now));
        }
        if (plan instanceof Plan.Advance advance) {
            log.info("Job '{}' skips fires missed up to {} (misfire policy SKIP)", row.name(), now);
            ScheduleUpdate update = ScheduleUpdate.of(row, now).advanceTo(advance.next(), FireOutcomes.completes(row));
            store.jobs().updateSchedule(h, update);
            h.commit();
            return new Settled(new FireResult.Done(FireOutcomes.dueOf(update), now, null));
        }
        Plan.Run run = (Plan.Run) plan;
        var opening = opening(locked, run, epoch);
        if (deferral != null && !applied && firstOfItsFire(locked, run, definition)) {
            // Nothing of this fire is on record anywhere: its attempt and execution wait (FireAttempt).
            return new Claimed(deferred(locked, run, opening, definition, startNanos, epoch));
        }
        Optional<Attempt> begun = store.attempts().tryBegin(opening);
        if (begun.isEmpty()) {
            h.rollback(); // its job ended the transaction, its live owner records it, or our lock is gone
            return new Settled(new FireResult.Busy());
        }
        Attempt attempt = begun.get();
        announce(row, run, attempt);
        var start = new ExecutionStore.Start(
                row.name(), run.fireTime(), run.kind(), attempt.number(), node.nodeId(), attempt.id(), now);
        boolean started;
        try {
            started = store.executions().start(h, start);
        } catch (RuntimeException e) {
            if (!store.dialect().certifiesCommits() || !SqlErrors.isLostRace(e)) {
                releaseUnrun(attempt, now, e);
                throw e;
            }
            // A write committed on another Galera member aborted this claim: nothing of it ran.
            h.rollback();
            store.attempts().close(attempt.id(), AttemptOutcome.RELEASED, now);
            return new Settled(new FireResult.Busy());
        }
        if (!started) {
            log.warn("Job '{}' fire {} already has an execution; not running it again", row.name(), run.fireTime());
            ScheduleUpdate update = FireOutcomes.after(row, run, now);
            store.jobs().updateSchedule(h, update);
            h.commit();
            store.attempts().close(attempt.id(), AttemptOutcome.FAILED, now);
            return new Settled(new FireResult.Done(FireOutcomes.dueOf(update), now, null));
        }
        return new Claimed(new Claim(locked, run, FireAttempt.recorded(attempt), definition, startNanos, epoch, true));
    }

    /**
     * The claim of a member of a {@link FireBatch}: only a row's scheduled next fire (or the fire its
     * misfire policy runs instead) with nothing on record, to run in the batch's transaction with its
     * attempt deferred; null for any other (a retry, a takeover, a skipped misfire, a request, a
     * lease), which is claimed by name on its own,
     * since planning it may end the transaction the batch shares.
     */
    @Nullable
    Claim member(Locked locked, JobDefinition definition, int epoch) {
        long startNanos = System.nanoTime();
        if (deferral == null || locked.requestsPending()) {
            return null;
        }
        Plan plan = planner.plan(locked.row(), locked.dbNow());
        if (!(plan instanceof Plan.Run run) || !firstOfItsFire(locked, run, definition)) {
            return null;
        }
        return deferred(locked, run, opening(locked, run, epoch), definition, startNanos, epoch);
    }

    private Claim deferred(
            Locked locked,
            Plan.Run run,
            AttemptStore.Opening opening,
            JobDefinition definition,
            long startNanos,
            int epoch) {
        Deferral d = java.util.Objects.requireNonNull(deferral);
        FireAttempt attempt = FireAttempt.deferred(store.attempts(), opening, d.timers(), d.recorder());
        return new Claim(locked, run, attempt, definition, startNanos, epoch, false);
    }

    private AttemptStore.Opening opening(Locked locked, Plan.Run run, int epoch) {
        JobRow row = locked.row();
        return new AttemptStore.Opening(
                row.name(),
                run.fireTime(),
                node.nodeId(),
                locked.sessionId(),
                locked.dbNow(),
                FireOutcomes.expectedAttempt(row, run),
                row.status() == JobStatus.RUNNING,
                // Fenced since the lock was taken (a pause, a pool that ran dry): the lock is gone
                // with its session; open no attempt and take no other node's over.
                () -> node.membershipEpoch() == epoch);
    }

    /**
     * The row's scheduled next fire, or the fire a misfire policy runs in its place, run in its
     * transaction, with no attempt or execution on record from the next fire on.
     */
    private static boolean firstOfItsFire(Locked locked, Plan.Run run, JobDefinition definition) {
        JobRow row = locked.row();
        return !locked.fireOnRecord()
                && !run.retry()
                && run.kind() == FireKind.SCHEDULED
                && row.status() == JobStatus.IDLE
                && definition.mode() == io.lockcron.job.ExecutionMode.TRANSACTIONAL;
    }

    /**
     * The execution could not start (the lock's session was killed while the attempt was being
     * recorded, say): the attempt never ran, so it is closed RELEASED rather than left RUNNING for
     * a later fencing; the failure goes on to the caller.
     */
    private void releaseUnrun(Attempt attempt, Instant now, RuntimeException failure) {
        try {
            store.attempts().close(attempt.id(), AttemptOutcome.RELEASED, now);
        } catch (RuntimeException closing) {
            failure.addSuppressed(closing);
        }
    }

    /**
     * A misfire policy is about to skip or replace the pending fire; if a node had started it
     * (and died or hung), it is no misfire but a takeover of that very fire.
     */
    private Plan takeoverOrMisfire(Handle h, JobRow row, Plan plan, @Nullable Boolean fireOnRecord) {
        boolean replaces = plan instanceof Plan.Advance
                || plan instanceof Plan.Run r && !r.fireTime().equals(row.nextFireTime());
        if (replaces
                && row.nextFireTime() != null
                && row.triggerRequestedAt() == null
                && (fireOnRecord != null
                        ? fireOnRecord
                        : store.attempts().started(h, row.name(), row.nextFireTime()))) {
            return new Plan.Run(row.nextFireTime(), FireKind.SCHEDULED, true);
        }
        return plan;
    }

    private void announce(JobRow row, Plan.Run run, Attempt attempt) {
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
    }
}
