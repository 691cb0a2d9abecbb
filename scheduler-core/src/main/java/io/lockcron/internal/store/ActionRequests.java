package io.lockcron.internal.store;

import io.lockcron.ActionResult;
import io.lockcron.InvalidJobException;
import io.lockcron.JobRequest.Action;
import io.lockcron.JobStatus;
import io.lockcron.LockcronException;
import io.lockcron.UnknownJobException;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.RowActions.Effect;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.TriggerType;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Pause, resume, trigger and reschedule, never waiting for a running fire. The job's row is tried
 * with SKIP LOCKED: free, the action is applied at once (after any requests still pending, in
 * their order); held by a transactional fire — or, for pause and resume, by a lease fire, whose
 * row says RUNNING — the action is recorded in {@code job_request} and applied when that fire
 * ends. Quartz and Spring users expect the same: a pause lets the running execution finish and
 * stops the next one.
 */
final class ActionRequests {
    private final Store store;
    private final RowActions actions;

    ActionRequests(Store store) {
        this.store = store;
        this.actions = new RowActions(store);
    }

    /** Who acts, for the audit log; null for the plain client, which audits nothing. */
    record Actor(String name, @Nullable String via) {}

    ActionResult act(String job, Action action, @Nullable Trigger trigger, @Nullable String by, @Nullable Actor actor) {
        if (trigger != null) {
            refuseNeverFiring(job, trigger, store.now()); // before a connection is taken
        }
        Optional<ActionResult> done = store.jdbi().inTransaction(h -> {
            Optional<Locked> locked = store.jobs().tryLock(h, job);
            if (deferred(locked, action)) {
                if (locked.isEmpty()) {
                    // Held by a transactional fire, which never changes whether the job is paused: a
                    // pause of a job that is (or will be, once the requests before it apply) paused
                    // is answered now, not queued.
                    JobRow committed = committed(h, job).orElseThrow(() -> new UnknownJobException(job));
                    Optional<ActionResult> settled = RowActions.settledBy(
                            job, store.requests().statusAfterPending(h, job, committed.status()), action);
                    if (settled.isPresent()) {
                        return settled;
                    }
                }
                store.requests().record(h, job, action, trigger, by, actor != null, actor == null ? null : actor.via());
                audit(h, actor, action, job, "requested while a fire of the job runs; applies when that fire ends");
                return Optional.<ActionResult>empty();
            }
            JobRow row = locked.get().row();
            if (locked.get().requestsPending()) {
                row = store.requests()
                        .applyPending(h, job, locked.get().dbNow())
                        .orElse(row);
            }
            Effect effect = actions.apply(
                    h, row, row.status(), action, trigger, by, locked.get().dbNow());
            if (effect.result().equals(RowActions.REFUSED)) {
                throw new LockcronException(String.valueOf(effect.detail()));
            }
            if (effect.result().equals(RowActions.UNCHANGED)) {
                return Optional.of(ActionResult.UNCHANGED);
            }
            audit(h, actor, action, job, action == Action.RESCHEDULE ? effect.detail() : null);
            return Optional.of(ActionResult.APPLIED);
        });
        if (done.isPresent()) {
            return done.get();
        }
        // The fire may have ended since the row was tried: then the request is applied now, not at
        // the next poll, and a fire that starts later finds it applied.
        return store.requests().applyIfFree(job).isPresent() ? ActionResult.APPLIED : ActionResult.PENDING;
    }

    /**
     * Recorded for later when a fire holds the row; and on a held lease for pause and resume (the
     * lease's own status must stay RUNNING until its finish) and behind requests still pending.
     * A trigger or a new schedule on a held lease applies at once: the lease's finish keeps both.
     */
    private static boolean deferred(Optional<Locked> locked, Action action) {
        if (locked.isEmpty()) {
            return true;
        }
        boolean leaseHeld = locked.get().row().status() == JobStatus.RUNNING;
        return leaseHeld
                && (action == Action.PAUSE
                        || action == Action.RESUME
                        || locked.get().requestsPending());
    }

    /** The row as last committed: a plain read, which waits for no lock. */
    private Optional<JobRow> committed(Handle h, String job) {
        return store.query(h, "list-jobs")
                .define("where", "WHERE j.lock_name = :name")
                .bind("name", job)
                .map((rs, ctx) -> Rows.job(rs))
                .findOne();
    }

    static void refuseNeverFiring(String job, Trigger trigger, Instant now) {
        if (trigger.type() != TriggerType.ON_DEMAND && trigger.firstFire(now).isEmpty()) {
            throw new InvalidJobException("Job '" + job + "' cannot be rescheduled to " + trigger.describe()
                    + ": it never fires after " + now + ". Fix the schedule, or use an on-demand trigger.");
        }
    }

    private void audit(Handle h, @Nullable Actor actor, Action action, String job, @Nullable String detail) {
        if (actor == null) {
            return;
        }
        String via = actor.via();
        String text = detail == null ? via : via == null ? detail : detail + ", " + via;
        JobRequests.audit(store, h, actor.name(), action.name(), job, text);
    }
}
