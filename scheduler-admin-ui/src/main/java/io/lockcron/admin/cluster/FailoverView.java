package io.lockcron.admin.cluster;

import io.lockcron.FailoverInfo;
import java.time.Instant;

/**
 * A fire one node lost and another took over. {@code reason} is CRASH (the node's process died),
 * HANG (the node stopped heartbeating and was fenced), LEASE_EXPIRED (a lease-mode job's lease ran
 * out) or CONNECTION_LOST (the node lost its own transaction). {@code takeoverDelayMs} runs from
 * the lost node's last sign of life to the takeover.
 */
public record FailoverView(
        long id,
        String job,
        Instant fireTime,
        String fromNode,
        String toNode,
        String reason,
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
        return reason.equals("HANG");
    }
}
