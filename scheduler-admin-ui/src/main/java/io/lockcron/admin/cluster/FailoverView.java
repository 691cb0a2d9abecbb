package io.lockcron.admin.cluster;

import io.lockcron.FailoverInfo;
import io.lockcron.FailoverReason;
import java.time.Instant;

/**
 * A fire one node lost and another took over. {@code reason} says why ({@link FailoverReason}). {@code takeoverDelayMs} runs from
 * the lost node's last sign of life to the takeover.
 */
public record FailoverView(
        long id,
        String job,
        Instant fireTime,
        String fromNode,
        String toNode,
        FailoverReason reason,
        int lostAttempt,
        Instant lostStartedAt,
        Instant detectedAt,
        long takeoverDelayMs) {

    static FailoverView of(FailoverInfo f) {
        return new FailoverView(
                f.id(),
                f.jobName(),
                f.fireTime(),
                f.fromNode(),
                f.toNode(),
                f.reason(),
                f.lostAttempt(),
                f.lostStartedAt(),
                f.detectedAt(),
                f.takeoverDelay().toMillis());
    }

    /** Whether the lost node was fenced (its database session killed) before the takeover. */
    public boolean fencing() {
        return reason == FailoverReason.HANG;
    }
}
