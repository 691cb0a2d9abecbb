package io.lockcron.admin.cluster;

import io.lockcron.FencingInfo;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A node fenced by another because its heartbeat went stale (a hang, a freeze, a partition): its
 * database sessions were killed, so nothing it still does can commit. {@code silentMs} is how long
 * it had been silent when it was fenced.
 */
public record FencingView(
        long id,
        String node,
        int incarnation,
        String fencedBy,
        Instant fencedAt,
        Instant lastHeartbeat,
        long silentMs,
        int sessionsKilled,
        @Nullable String detail) {

    static FencingView of(FencingInfo f) {
        return new FencingView(
                f.id(),
                f.nodeId(),
                f.incarnation(),
                f.fencedBy(),
                f.fencedAt(),
                f.lastHeartbeat(),
                Math.max(0, Duration.between(f.lastHeartbeat(), f.fencedAt()).toMillis()),
                f.sessionsKilled(),
                f.detail());
    }
}
