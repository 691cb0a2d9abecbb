package io.lockcron.admin.cluster;

import io.lockcron.AttemptInfo;
import io.lockcron.Outcome;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One fire's whole story: its execution (if one was recorded), every attempt on record with its
 * node, session, fencing token and own error, the failovers that moved it between nodes and the
 * fencings that ended an attempt, and the payload it carried, cut to {@value #PAYLOAD_SHOWN}
 * characters. A short first attempt that never touched its transaction nor asked for its fencing
 * token commits with no attempt record: its execution (fencing token 0) is then all there is.
 */
public record FireView(
        String job,
        Instant fireTime,
        @Nullable ExecutionView execution,
        List<AttemptInfo> attempts,
        List<FailoverView> failovers,
        List<FencingView> fencings,
        @Nullable String payload,
        int payloadLength) {
    public static final int PAYLOAD_SHOWN = 2000;

    static FireView of(
            String job,
            Instant fireTime,
            @Nullable ExecutionView execution,
            List<AttemptInfo> attempts,
            List<FailoverView> failovers,
            List<FencingView> fencings,
            @Nullable String payload) {
        int length = payload == null ? 0 : payload.length();
        String shown = payload == null || length <= PAYLOAD_SHOWN ? payload : payload.substring(0, PAYLOAD_SHOWN);
        return new FireView(job, fireTime, execution, attempts, failovers, fencings, shown, length);
    }

    /** Only a FAILED fire can be run again as itself. */
    public boolean rerunnable() {
        return execution != null && execution.outcome() == Outcome.FAILED;
    }

    /**
     * Whether the execution is the fire's only record: it succeeded before its attempt had to go on
     * record (a failed first attempt is always written, with its error).
     */
    public boolean executionOnly() {
        return execution != null && attempts.isEmpty() && execution.fencingToken() == 0;
    }

    /**
     * The number of the first attempt on record when attempts before it are missing (every attempt
     * that failed, or was followed by another, is on record, so only a purge leaves such a gap); 0 if
     * none is missing.
     */
    public int firstRecordedAfterUnrecorded() {
        int first = attempts.stream().mapToInt(AttemptInfo::attempt).min().orElse(1);
        return first > 1 ? first : 0;
    }

    public boolean payloadCut() {
        return payload != null && payloadLength > payload.length();
    }

    /** The failover that took over attempt {@code attempt}, if it was lost. */
    public @Nullable FailoverView failoverOf(int attempt) {
        return failovers.stream()
                .filter(f -> f.lostAttempt() == attempt)
                .findFirst()
                .orElse(null);
    }
}
