package io.lockcron;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One job's promise over a time range: the fires its schedule asked for, the executions recorded
 * for them, each gap with its reason, and fires recorded twice (none may exist). Jobs whose fires
 * do not follow from the schedule alone (fixed delay, one-shot, on demand) are not audited:
 * {@code notAudited} says why.
 */
public record JobPromise(
        String job,
        String schedule,
        int expected,
        int recorded,
        List<PromiseGap> gaps,
        int recordedTwice,
        @Nullable String notAudited) {

    public long count(GapReason reason) {
        return gaps.stream().filter(g -> g.reason() == reason).count();
    }

    public Map<GapReason, Long> byReason() {
        java.util.EnumMap<GapReason, Long> counts = new java.util.EnumMap<>(GapReason.class);
        for (GapReason reason : GapReason.values()) {
            counts.put(reason, count(reason));
        }
        return counts;
    }

    /** Kept: every expected fire succeeded or has an explained gap, and nothing was recorded twice. */
    public boolean kept() {
        return notAudited != null || (count(GapReason.UNEXPLAINED) == 0 && recordedTwice == 0);
    }
}
