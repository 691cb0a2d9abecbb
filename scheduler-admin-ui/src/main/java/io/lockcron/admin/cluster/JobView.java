package io.lockcron.admin.cluster;

import io.lockcron.JobInfo;
import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.job.ExecutionMode;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.TriggerType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A job as the console shows it. {@code schedule} is the schedule in words; {@code triggerType},
 * {@code triggerValue} and {@code zone} are the schedule as written. {@code runningOn} is the
 * node running a fire of the job now, if any.
 */
public record JobView(
        String name,
        String handler,
        JobStatus status,
        String schedule,
        TriggerType triggerType,
        @Nullable String triggerValue,
        String zone,
        ExecutionMode mode,
        MisfirePolicy misfirePolicy,
        int maxAttempts,
        @Nullable Instant nextFireTime,
        @Nullable Instant lastFireTime,
        @Nullable Instant lastFinishedAt,
        @Nullable Outcome lastOutcome,
        @Nullable String runningOn,
        @Nullable Instant triggerRequestedAt,
        boolean scheduleChangedByClient,
        long fencingToken) {

    /**
     * A transactional job keeps IDLE in its row while a node runs it (the row lock, not the status,
     * excludes the others): the console says RUNNING while any node runs it, in either mode.
     */
    static JobView of(JobInfo job) {
        JobStatus shown = job.status() == JobStatus.IDLE && job.runningOn() != null ? JobStatus.RUNNING : job.status();
        return new JobView(
                job.name(),
                job.handlerName(),
                shown,
                job.schedule(),
                job.triggerType(),
                job.triggerValue(),
                job.zone(),
                job.mode(),
                job.misfirePolicy(),
                job.maxAttempts(),
                job.nextFireTime(),
                job.lastFireTime(),
                job.lastFinishedAt(),
                job.lastOutcome(),
                job.runningOn(),
                job.triggerRequestedAt(),
                job.scheduleChangedByClient(),
                job.fencingToken());
    }

    public boolean paused() {
        return status == JobStatus.PAUSED;
    }

    /** A one-shot that has not run: an entry made by scheduleOnce can be cancelled (the core refuses code's). */
    public boolean cancellable() {
        return triggerType == TriggerType.ONE_SHOT && (status == JobStatus.IDLE || status == JobStatus.PAUSED);
    }

    /** An idle or running job can be paused; the core refuses paused and completed ones. */
    public boolean pausable() {
        // A running job can be paused too: its fire finishes, the next one does not start.
        return status == JobStatus.IDLE || status == JobStatus.RUNNING;
    }
}
