package io.lockcron;

import io.lockcron.job.ExecutionMode;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.TriggerType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A job as {@code lock_cron} holds it now. Times are database time. */
public record JobInfo(
        String name,
        String handlerName,
        JobStatus status,
        TriggerType triggerType,
        @Nullable String triggerValue,
        String zone,
        String schedule,
        MisfirePolicy misfirePolicy,
        ExecutionMode mode,
        int maxAttempts,
        @Nullable Instant nextFireTime,
        @Nullable Instant dueTime,
        int failedAttempts,
        @Nullable Instant triggerRequestedAt,
        @Nullable Instant lastFireTime,
        @Nullable Instant lastFinishedAt,
        @Nullable Outcome lastOutcome,
        @Nullable String runningOn,
        long fencingToken,
        boolean scheduleChangedByClient,
        int definitionVersion,
        Instant updatedAt) {}
