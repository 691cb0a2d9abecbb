package io.lockcron.internal.store;

import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.RetryPolicy;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.TriggerType;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A {@code lock_cron} row. */
public record JobRow(
        String name,
        String handlerName,
        JobStatus status,
        TriggerType triggerType,
        @Nullable String triggerValue,
        String zone,
        MisfirePolicy misfirePolicy,
        int misfireCatchUp,
        ExecutionMode mode,
        int maxAttempts,
        long retryBackoffMs,
        @Nullable Long timeoutMs,
        @Nullable String payload,
        @Nullable Instant nextFireTime,
        @Nullable Instant dueTime,
        int failedAttempts,
        @Nullable Instant triggerRequestedAt,
        @Nullable String triggerRequestedBy,
        @Nullable Instant lastFireTime,
        @Nullable Instant lastFinishedAt,
        @Nullable Outcome lastOutcome,
        long fencingToken,
        @Nullable String ownerNode,
        @Nullable Instant leaseUntil,
        String definitionHash,
        String scheduleSource,
        int definitionVersion,
        Instant updatedAt) {

    public Trigger trigger() {
        return StoredTriggers.of(triggerType, triggerValue, zone);
    }

    public RetryPolicy retry() {
        return RetryPolicy.of(maxAttempts, Duration.ofMillis(retryBackoffMs));
    }

    public @Nullable Duration timeout() {
        return timeoutMs == null ? null : Duration.ofMillis(timeoutMs);
    }
}
