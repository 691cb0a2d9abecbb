package io.lockcron;

import io.lockcron.job.FireKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One executed fire, from {@code job_execution}. Times are database time. */
public record ExecutionInfo(
        long id,
        String jobName,
        Instant fireTime,
        FireKind fireKind,
        int attempt,
        String nodeId,
        long fencingToken,
        Instant startedAt,
        @Nullable Instant finishedAt,
        Outcome outcome,
        @Nullable String error) {

    public Optional<Duration> duration() {
        return Optional.ofNullable(finishedAt).map(f -> Duration.between(startedAt, f));
    }

    /** How late the fire started: start minus scheduled fire time. */
    public Duration lag() {
        return Duration.between(fireTime, startedAt);
    }
}
