package io.lockcron.internal.store;

import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The schedule columns of a locked {@code lock_cron} row, as a fire leaves them. */
public record ScheduleUpdate(
        String name,
        @Nullable Instant nextFireTime,
        @Nullable Instant dueTime,
        int failedAttempts,
        JobStatus status,
        @Nullable Instant requestedAt,
        @Nullable String requestedBy,
        @Nullable Instant lastFireTime,
        @Nullable Instant lastFinishedAt,
        @Nullable Outcome lastOutcome,
        Instant updatedAt) {

    /** The row as it is: the starting point for a change. */
    public static ScheduleUpdate of(JobRow row, Instant now) {
        return new ScheduleUpdate(
                row.name(),
                row.nextFireTime(),
                row.dueTime(),
                row.failedAttempts(),
                row.status(),
                row.triggerRequestedAt(),
                row.triggerRequestedBy(),
                row.lastFireTime(),
                row.lastFinishedAt(),
                row.lastOutcome(),
                now);
    }

    /** Moves the schedule to {@code next} (none: a one-shot is done), clearing any retry. */
    public ScheduleUpdate advanceTo(@Nullable Instant next, boolean completesWithoutNext) {
        JobStatus newStatus =
                next == null && completesWithoutNext && status == JobStatus.IDLE ? JobStatus.COMPLETED : status;
        return new ScheduleUpdate(
                name,
                next,
                next,
                0,
                newStatus,
                requestedAt,
                requestedBy,
                lastFireTime,
                lastFinishedAt,
                lastOutcome,
                updatedAt);
    }

    /** Keeps the fire, due again at {@code dueAt}, one more failed attempt counted. */
    public ScheduleUpdate retryAt(Instant dueAt) {
        return new ScheduleUpdate(
                name,
                nextFireTime,
                dueAt,
                failedAttempts + 1,
                status,
                requestedAt,
                requestedBy,
                lastFireTime,
                lastFinishedAt,
                lastOutcome,
                updatedAt);
    }

    public ScheduleUpdate withStatus(JobStatus newStatus) {
        return new ScheduleUpdate(
                name,
                nextFireTime,
                dueTime,
                failedAttempts,
                newStatus,
                requestedAt,
                requestedBy,
                lastFireTime,
                lastFinishedAt,
                lastOutcome,
                updatedAt);
    }

    public ScheduleUpdate clearRequest() {
        return new ScheduleUpdate(
                name,
                nextFireTime,
                dueTime,
                failedAttempts,
                status,
                null,
                null,
                lastFireTime,
                lastFinishedAt,
                lastOutcome,
                updatedAt);
    }

    public ScheduleUpdate ran(Instant fireTime, Instant finishedAt, Outcome outcome) {
        return new ScheduleUpdate(
                name,
                nextFireTime,
                dueTime,
                failedAttempts,
                status,
                requestedAt,
                requestedBy,
                fireTime,
                finishedAt,
                outcome,
                finishedAt);
    }
}
