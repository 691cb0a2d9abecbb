package io.lockcron.internal.store;

import io.lockcron.ActionResult;
import io.lockcron.ExecutionInfo;
import io.lockcron.JobActions;
import io.lockcron.JobRequest.Action;
import io.lockcron.JobStatus;
import io.lockcron.LockcronException;
import io.lockcron.Outcome;
import io.lockcron.UnknownJobException;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.TriggerType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * {@link JobActions} on the tables: each action and its {@code audit_event} row commit in one
 * transaction. Pause, resume, trigger and reschedule never wait for a running fire ({@link
 * ActionRequests}): on a row a fire holds they are recorded and applied when it ends, audited
 * once when asked and once when applied. Rerun, cancel and delete take the job's row with SKIP
 * LOCKED and are refused at once, saying what to do, while a fire holds it: waiting for the lock
 * on the database's terms would hang a console thread (for ever on PostgreSQL) and then fail.
 */
final class AuditedJobActions implements JobActions {
    static final String RERUN = "RERUN";
    static final String CANCEL = "CANCEL";
    static final String DELETE = "DELETE";
    /** What {@code insert-one-shot.sql} writes: a client's entry, not a job of any node's code. */
    private static final String ONE_SHOT_ENTRY = "one-shot";

    private static final int MAX_ACTOR = 100;
    private static final long LOCK_WAIT_MS = 2_000;
    private static final long LOCK_PAUSE_MS = 25;

    private final Store store;
    private final String actor;
    private final @Nullable String via;
    private final ActionRequests requests;

    AuditedJobActions(Store store, String actor, @Nullable String via) {
        if (actor.isBlank()) {
            throw new IllegalArgumentException("An action needs the name of who takes it; the actor is blank.");
        }
        this.store = store;
        this.actor = actor.length() <= MAX_ACTOR ? actor : actor.substring(0, MAX_ACTOR);
        this.via = via;
        this.requests = new ActionRequests(store);
    }

    @Override
    public ActionResult pause(String job) {
        return act(job, Action.PAUSE, null);
    }

    @Override
    public ActionResult resume(String job) {
        return act(job, Action.RESUME, null);
    }

    @Override
    public ActionResult triggerNow(String job) {
        return act(job, Action.TRIGGER, null);
    }

    @Override
    public ActionResult reschedule(String job, Trigger trigger) {
        return act(job, Action.RESCHEDULE, trigger);
    }

    private ActionResult act(String job, Action action, @Nullable Trigger trigger) {
        return requests.act(job, action, trigger, actor, new ActionRequests.Actor(actor, via));
    }

    @Override
    public void rerun(String job, Instant fireTime) {
        store.jdbi().useTransaction(h -> {
            Locked locked = lock(h, job);
            if (locked.row().status() == JobStatus.RUNNING) {
                throw busy(job);
            }
            if (locked.row().triggerRequestedAt() != null) {
                throw new LockcronException("Job '" + job + "' has a trigger-now request pending; rerun its failed"
                        + " fire once that has run.");
            }
            ExecutionInfo execution = store.query(h, "find-execution")
                    .bind("job", job)
                    .bind("fireTime", fireTime)
                    .map((rs, ctx) -> Rows.execution(rs))
                    .findOne()
                    .orElseThrow(() -> new LockcronException("Job '" + job + "' has no execution of the fire at "
                            + fireTime + "; pick one on its page."));
            if (execution.outcome() != Outcome.FAILED) {
                throw new LockcronException("The fire of job '" + job + "' at " + fireTime + " is "
                        + execution.outcome() + "; only a FAILED fire can be rerun (use trigger now for a new one).");
            }
            store.update(h, "mark-rerun")
                    .bind("job", job)
                    .bind("fireTime", fireTime)
                    .execute();
            store.update(h, "request-rerun")
                    .bind("name", job)
                    .bind("fireTime", fireTime)
                    .bind("by", actor)
                    .execute();
            audit(
                    h,
                    RERUN,
                    job,
                    "fire " + fireTime + ", attempt " + (execution.attempt() + 1) + " after FAILED" + " attempt "
                            + execution.attempt());
        });
    }

    @Override
    public void cancel(String entry) {
        store.jdbi().useTransaction(h -> {
            JobRow row = lock(h, entry).row();
            if (row.triggerType() != TriggerType.ONE_SHOT || !ONE_SHOT_ENTRY.equals(row.definitionHash())) {
                throw new LockcronException("Job '" + entry + "' is not a one-shot entry made by scheduleOnce"
                        + (row.triggerType() == TriggerType.ONE_SHOT
                                ? "; one-shots declared in code come back at the next start: remove it from the code."
                                : "; pause it instead, or delete it once no node registers it."));
            }
            if (row.status() != JobStatus.IDLE && row.status() != JobStatus.PAUSED
                    || row.nextFireTime() == null
                    || store.attempts().started(h, entry, row.nextFireTime())) {
                throw new LockcronException("The one-shot '" + entry + "' has already "
                        + (row.status() == JobStatus.COMPLETED ? "run" : "started") + "; only a pending one can be"
                        + " cancelled.");
            }
            store.update(h, "delete-job").bind("name", entry).execute();
            audit(h, CANCEL, entry, "was due at " + row.nextFireTime() + " for job '" + row.handlerName() + "'");
        });
    }

    @Override
    public void delete(String job) {
        store.jdbi().useTransaction(h -> {
            Locked locked = lock(h, job);
            List<String> nodes = store.registrations().liveRegistrants(h, job, locked.dbNow());
            if (!nodes.isEmpty()) {
                throw new LockcronException("Job '" + job + "' is still registered by live node"
                        + (nodes.size() == 1 ? " " : "s ") + String.join(", ", nodes)
                        + ": their code would register it again. Remove it from their code and restart them, then"
                        + " delete it.");
            }
            if (locked.row().status() == JobStatus.RUNNING) {
                throw busy(job);
            }
            store.update(h, "delete-job").bind("name", job).execute();
            JobRow row = locked.row();
            audit(
                    h,
                    DELETE,
                    job,
                    RowActions.describe(row) + ", last fire "
                            + (row.lastFireTime() == null ? "never" : row.lastFireTime() + " " + row.lastOutcome()));
        });
    }

    /**
     * The job's row, held until the action commits. A claim or a short fire holds it for
     * milliseconds (a batch's claim up to a quarter of a second): the action tries again for up to
     * {@link #LOCK_WAIT_MS} ms before it says the job is running a fire, never waiting on a lock.
     */
    private Locked lock(Handle h, String job) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_WAIT_MS);
        for (int tries = 0; ; tries++) {
            Optional<Locked> locked = store.jobs().tryLock(h, job);
            if (locked.isPresent()) {
                return locked.get();
            }
            if (tries == 0) {
                store.jobs().find(job).orElseThrow(() -> new UnknownJobException(job));
            }
            if (System.nanoTime() >= end || !pause()) {
                throw busy(job);
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(LOCK_PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static LockcronException busy(String job) {
        return new LockcronException(
                "Job '" + job + "' is running a fire right now; try again once that fire has finished.");
    }

    private void audit(Handle h, String action, String job, @Nullable String detail) {
        String text = detail == null ? via : via == null ? detail : detail + ", " + via;
        JobRequests.audit(store, h, actor, action, job, text);
    }
}
