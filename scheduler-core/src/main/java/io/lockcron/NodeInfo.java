package io.lockcron;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A node in {@code scheduler_node}; {@code heartbeatAge} is measured against database time. */
public record NodeInfo(
        String nodeId,
        String host,
        long pid,
        Instant startedAt,
        Instant lastHeartbeat,
        @Nullable String sessionId,
        NodeState state,
        Duration heartbeatAge,
        int incarnation,
        @Nullable Instant fencedAt,
        @Nullable String fencedBy) {}
