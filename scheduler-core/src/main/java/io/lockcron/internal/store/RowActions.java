package io.lockcron.internal.store;

import io.lockcron.ActionResult;
import io.lockcron.JobRequest.Action;
import io.lockcron.JobStatus;
import io.lockcron.LockcronException;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.TriggerType;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Applies one pause, resume, trigger or reschedule to a job's row, which the calling transaction
 * holds, and says what it did: whether the action is made at once ({@link ActionRequests}) or
 * was recorded while a fire held the row and applies now ({@link JobRequests}), it changes the
 * row the same way.
 */
final class RowActions {
    static final String APPLIED = "APPLIED";
    static final String UNCHANGED = "UNCHANGED";
    static final String REFUSED = "REFUSED";

    private final Store store;

    RowActions(Store store) {
        this.store = store;
    }

    /** What one action did to a row: {@link #APPLIED}, {@link #UNCHANGED} or {@link #REFUSED} (with why). */
    record Effect(String result, JobStatus status, @Nullable String detail) {}

    /** Applies one action to the row this transaction holds, whose status is {@code status} by now. */
    Effect apply(
            Handle h,
            JobRow row,
            JobStatus status,
            Action action,
            @Nullable Trigger trigger,
            @Nullable String by,
            Instant now) {
        return switch (action) {
            case PAUSE -> status(h, row.name(), status, JobStatus.IDLE, JobStatus.PAUSED);
            case RESUME -> status(h, row.name(), status, JobStatus.PAUSED, JobStatus.IDLE);
            case TRIGGER -> {
                store.update(h, "apply-trigger")
                        .bind("name", row.name())
                        .bind("by", by)
                        .bind("at", now)
                        .execute();
                yield new Effect(APPLIED, status, null);
            }
            case RESCHEDULE -> reschedule(h, row, status, java.util.Objects.requireNonNull(trigger), now);
        };
    }

    /**
     * What a pause or resume of a job in {@code status} comes to without touching its row:
     * {@link ActionResult#UNCHANGED} if it is so already, empty if it would change it.
     *
     * @throws LockcronException if the job's state forbids it (a completed one-shot)
     */
    static Optional<ActionResult> settledBy(String job, JobStatus status, Action action) {
        if (action != Action.PAUSE && action != Action.RESUME) {
            return Optional.empty();
        }
        JobStatus from = action == Action.PAUSE ? JobStatus.IDLE : JobStatus.PAUSED;
        JobStatus to = action == Action.PAUSE ? JobStatus.PAUSED : JobStatus.IDLE;
        if (status == to) {
            return Optional.of(ActionResult.UNCHANGED);
        }
        if (status != from) {
            throw new LockcronException(refusal(job, status, from, to));
        }
        return Optional.empty();
    }

    private static String refusal(String job, JobStatus status, JobStatus from, JobStatus to) {
        return "Job '" + job + "' is " + status + "; only a job that is " + from + " can become " + to + ".";
    }

    private Effect status(Handle h, String job, JobStatus status, JobStatus from, JobStatus to) {
        if (status == to) {
            return new Effect(UNCHANGED, status, "was " + to + " already");
        }
        if (status != from) {
            return new Effect(REFUSED, status, refusal(job, status, from, to));
        }
        store.update(h, "set-status")
                .bind("name", job)
                .bind("from", from.name())
                .bind("to", to.name())
                .execute();
        return new Effect(APPLIED, to, null);
    }

    private Effect reschedule(Handle h, JobRow row, JobStatus status, Trigger trigger, Instant now) {
        Instant first = trigger.firstFire(now).orElse(null); // bounded: every next-fire search is
        if (first == null && trigger.type() != TriggerType.ON_DEMAND) {
            return new Effect(
                    REFUSED,
                    status,
                    "Job '" + row.name() + "' cannot be rescheduled to " + trigger.describe()
                            + ": it never fires after " + now + ".");
        }
        store.update(h, "reschedule-job")
                .bind("name", row.name())
                .bind("triggerType", trigger.type().name())
                .bind("triggerValue", trigger.value())
                .bind("zone", trigger.zone().getId())
                .bind("nextFireTime", first)
                .execute();
        return new Effect(
                APPLIED,
                status == JobStatus.COMPLETED ? JobStatus.IDLE : status,
                trigger.describe() + " (was " + describe(row) + ")");
    }

    static String describe(JobRow row) {
        try {
            return row.trigger().describe();
        } catch (LockcronException e) {
            return row.triggerType() + " " + row.triggerValue();
        }
    }
}
