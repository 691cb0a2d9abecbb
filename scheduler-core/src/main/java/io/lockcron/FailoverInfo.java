package io.lockcron;

import java.time.Duration;
import java.time.Instant;

/** A fire that one node lost and another took over, from {@code failover_event}. */
public record FailoverInfo(
        long id,
        String jobName,
        Instant fireTime,
        String fromNode,
        String toNode,
        FailoverReason reason,
        int lostAttempt,
        Instant lostStartedAt,
        Instant detectedAt,
        Duration takeoverDelay) {}
