package io.lockcron.admin.cluster;

import io.lockcron.ExecutionInfo;
import io.lockcron.Outcome;
import io.lockcron.job.FireKind;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One executed fire; {@code durationMs} is empty while it runs. */
public record ExecutionView(
        long id,
        String job,
        Instant fireTime,
        FireKind fireKind,
        int attempt,
        String node,
        long fencingToken,
        Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Long durationMs,
        Outcome outcome,
        @Nullable String error) {

    static ExecutionView of(ExecutionInfo e) {
        return new ExecutionView(
                e.id(),
                e.jobName(),
                e.fireTime(),
                e.fireKind(),
                e.attempt(),
                e.nodeId(),
                e.fencingToken(),
                e.startedAt(),
                e.finishedAt(),
                e.duration().map(Duration::toMillis).orElse(null),
                e.outcome(),
                e.error());
    }

    /** The error's first line, for tables; the whole error is in {@link #error()}. */
    public @Nullable String errorSummary() {
        if (error == null) {
            return null;
        }
        String first = error.lines().findFirst().orElse("");
        return first.length() > 160 ? first.substring(0, 157) + "..." : first;
    }
}
