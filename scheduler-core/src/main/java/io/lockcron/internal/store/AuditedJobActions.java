package io.lockcron.internal.store;

import io.lockcron.ExecutionInfo;
import io.lockcron.JobActions;
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
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * {@link JobActions} on the tables: each action and its {@code audit_event} row commit in one
 * transaction. Every action first takes the job's row with SKIP LOCKED: a transactional fire in
 * progress holds the row until it commits, and waiting for it on the database's terms would hang
 * a console thread for the lock timeout (2 s on H2, 50 s on InnoDB, for ever on PostgreSQL) and
 * then fail with a lock error. Pause, resume, trigger and reschedule try again for up to {@link
 * #BUSY_WAIT}, so a short fire's end is waited for; rerun, cancel and delete are refused at once.
 * Either refusal says what to do. A lease fire does not hold the row while it runs.
 */
final class AuditedJobActions implements JobActions {
    static final String PAUSE = "PAUSE";
    static final String RESUME = "RESUME";
    static final String TRIGGER = "TRIGGER";
    static final String RESCHEDULE = "RESCHEDULE";
    static final String RERUN = "RERUN";
    static final String CANCEL = "CANCEL";
    static final String DELETE = "DELETE";
    /** What {@code insert-one-shot.sql} writes: a client's entry, not a job of any node's code. */
    private static final String ONE_SHOT_ENTRY = "one-shot";

    /** How long pause, resume, trigger and reschedule wait for a running fire to end. */
    static final java.time.Duration BUSY_WAIT = java.time.Duration.ofSeconds(3);

    private static final long BUSY_RETRY_MS = 50;
    private static final int MAX_ACTOR = 100;
    private static final int MAX_DETAIL = 1000;

    private final Store store;
    private final String actor;
    private final @Nullable String via;

    AuditedJobActions(Store store, String actor, @Nullable String via) {
        if (actor.isBlank()) {
            throw new IllegalArgumentException("An action needs the name of who takes it; the actor is blank.");
        }
        this.store = store;
        this.actor = actor.length() <= MAX_ACTOR ? actor : actor.substring(0, MAX_ACTOR);
        this.via = via;
    }

    @Override
    public boolean pause(String job) {
        return changeStatus(job, JobStatus.IDLE, JobStatus.PAUSED, PAUSE);
    }

    @Override
    public boolean resume(String job) {
        return changeStatus(job, JobStatus.PAUSED, JobStatus.IDLE, RESUME);
    }

    private boolean changeStatus(String job, JobStatus from, JobStatus to, String action) {
        return store.jdbi().inTransaction(h -> {
            lockWaiting(h, job);
            int updated = store.update(h, "set-status")
                    .bind("name", job)
                    .bind("from", from.name())
                    .bind("to", to.name())
                    .execute();
            if (updated == 0) {
                JobRow row = store.jobs().find(job).orElseThrow(() -> new UnknownJobException(job));
                if (row.status() != to) {
                    throw new LockcronException("Job '" + job + "' is " + row.status() + "; only a job that is " + from
                            + " can become " + to + ".");
                }
                return false;
            }
            audit(h, action, job, null);
            return true;
        });
    }

    @Override
    public void triggerNow(String job) {
        store.jdbi().useTransaction(h -> {
            lockWaiting(h, job);
            if (store.update(h, "request-trigger")
                            .bind("name", job)
                            .bind("by", actor)
                            .execute()
                    == 0) {
                throw new UnknownJobException(job);
            }
            audit(h, TRIGGER, job, null);
        });
    }

    @Override
    public void reschedule(String job, Trigger trigger) {
        Instant now = store.now();
        store.jdbi().useTransaction(h -> {
            JobRow before = lockWaiting(h, job).row();
            int updated = store.update(h, "reschedule-job")
                    .bind("name", job)
                    .bind("triggerType", trigger.type().name())
                    .bind("triggerValue", trigger.value())
                    .bind("zone", trigger.zone().getId())
                    .bind("nextFireTime", trigger.firstFire(now).orElse(null))
                    .execute();
            if (updated == 0) {
                throw new UnknownJobException(job);
            }
            audit(h, RESCHEDULE, job, trigger.describe() + " (was " + describe(before) + ")");
        });
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
                    describe(row) + ", last fire "
                            + (row.lastFireTime() == null ? "never" : row.lastFireTime() + " " + row.lastOutcome()));
        });
    }

    /** The job's row, held until the action commits. */
    private Locked lock(Handle h, String job) {
        Optional<Locked> locked = store.jobs().tryLock(h, job);
        if (locked.isPresent()) {
            return locked.get();
        }
        store.jobs().find(job).orElseThrow(() -> new UnknownJobException(job));
        throw busy(job);
    }

    /** As {@link #lock}, trying again until {@link #BUSY_WAIT} has passed. */
    private Locked lockWaiting(Handle h, String job) {
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        boolean known = false;
        while (true) {
            Optional<Locked> locked = store.jobs().tryLock(h, job);
            if (locked.isPresent()) {
                return locked.get();
            }
            if (!known) { // once, on a second pooled connection: not once per retry
                store.jobs().find(job).orElseThrow(() -> new UnknownJobException(job));
                known = true;
            }
            if (System.nanoTime() >= deadline) {
                throw busy(job);
            }
            try {
                Thread.sleep(BUSY_RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy(job);
            }
        }
    }

    private static LockcronException busy(String job) {
        return new LockcronException(
                "Job '" + job + "' is running a fire right now; try again once that fire has finished.");
    }

    private static String describe(JobRow row) {
        try {
            return row.trigger().describe();
        } catch (LockcronException e) {
            return row.triggerType() + " " + row.triggerValue();
        }
    }

    private void audit(Handle h, String action, String job, @Nullable String detail) {
        String text = detail == null ? via : via == null ? detail : detail + ", " + via;
        store.update(h, "insert-audit")
                .bind("actor", actor)
                .bind("action", action)
                .bind("job", job)
                .bind("detail", text == null || text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL))
                .execute();
    }
}
