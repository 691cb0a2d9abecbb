package io.lockcron;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt at a fire, from {@code fire_attempt}: which node ran it, on which database session,
 * under which fencing token (the attempt's id), and how it ended ({@link AttemptOutcome}) with its own error. A retry never erases an earlier attempt's error.
 */
public record AttemptInfo(
        long fencingToken,
        String job,
        Instant fireTime,
        int attempt,
        String nodeId,
        @Nullable String sessionId,
        Instant startedAt,
        @Nullable Instant finishedAt,
        AttemptOutcome outcome,
        @Nullable String error) {}
