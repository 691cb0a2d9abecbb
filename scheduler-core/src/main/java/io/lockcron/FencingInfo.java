package io.lockcron;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A node fenced by another because its heartbeat went stale (a hang, a freeze, a partition):
 * its database sessions were killed so its uncommitted work can never land.
 */
public record FencingInfo(
        long id,
        String nodeId,
        int incarnation,
        String fencedBy,
        Instant fencedAt,
        Instant lastHeartbeat,
        int sessionsKilled,
        @Nullable String detail) {}
