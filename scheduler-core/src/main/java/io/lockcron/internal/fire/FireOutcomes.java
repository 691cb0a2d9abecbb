package io.lockcron.internal.fire;

import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.ScheduleUpdate;
import io.lockcron.job.FireKind;
import io.lockcron.trigger.TriggerType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The rules both runs share: a fire's outcome, and the row it leaves behind. Pure. */
final class FireOutcomes {
    private FireOutcomes() {}

    /** Failed with attempts left (a scheduled fire only): retry; else the failure is final. */
    static Outcome outcome(JobRow row, Plan.Run run, @Nullable Throwable failure) {
        if (failure == null) {
            return Outcome.SUCCEEDED;
        }
        boolean attemptsLeft = row.failedAttempts() + 1 < row.maxAttempts();
        return run.kind() == FireKind.SCHEDULED && attemptsLeft ? Outcome.RETRYING : Outcome.FAILED;
    }

    /** The row after a fire that ran: retry later, or move on. */
    static ScheduleUpdate result(JobRow row, Plan.Run run, Outcome outcome, Instant finished) {
        ScheduleUpdate update = outcome == Outcome.RETRYING
                ? base(row, finished).retryAt(finished.plus(row.retry().delayAfter(row.failedAttempts() + 1)))
                : after(row, run, finished);
        return update.ran(run.fireTime(), finished, outcome);
    }

    /** The row after the fire is done with: a request answered, or the schedule moved on. */
    static ScheduleUpdate after(JobRow row, Plan.Run run, Instant finished) {
        ScheduleUpdate update = base(row, finished);
        if (run.kind() == FireKind.MANUAL) {
            return update.clearRequest();
        }
        Instant next = row.trigger().nextFire(run.fireTime(), finished).orElse(null);
        return update.advanceTo(next, completes(row));
    }

    /** A one-shot job is done once it fired. */
    static boolean completes(JobRow row) {
        return row.triggerType() == TriggerType.ONE_SHOT;
    }

    /** The attempt number if none was lost: retries count up, a manual fire is new every time. */
    static int expectedAttempt(JobRow row, Plan.Run run) {
        return run.kind() == FireKind.MANUAL ? 1 : row.failedAttempts() + 1;
    }

    /** When the row left by {@code u} is next worth a look. */
    static @Nullable Instant dueOf(ScheduleUpdate u) {
        Instant due = u.status() == JobStatus.IDLE ? u.dueTime() : null;
        Instant requested = u.requestedAt();
        if (due == null) {
            return requested;
        }
        return requested != null && requested.isBefore(due) ? requested : due;
    }

    /** The row as a finished fire leaves it; a lease taken over is held no more. */
    private static ScheduleUpdate base(JobRow row, Instant at) {
        ScheduleUpdate update = ScheduleUpdate.of(row, at);
        return row.status() == JobStatus.RUNNING ? update.withStatus(JobStatus.IDLE) : update;
    }
}
