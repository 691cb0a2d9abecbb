package io.lockcron.internal.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a node leaves a free fire to the live session of its earlier attempt before taking it
 * over anyway: a pooled connection keeps its node's label while it lives, so the session of an
 * owner that failed to record its attempt would otherwise look alive for ever.
 */
final class OwnerGrace {
    static final Duration LIVE_SESSION_GRACE = Duration.ofSeconds(10);
    private static final int MAX_WATCHED = 10_000;

    /** Attempt id → when this node first left it to its live session (System.nanoTime). */
    private final Map<Long, Long> leftToOwner = new ConcurrentHashMap<>();

    /** True until {@link #LIVE_SESSION_GRACE} has passed since this node first left the attempt to its owner. */
    boolean within(long attemptId) {
        if (leftToOwner.size() >= MAX_WATCHED) {
            leftToOwner.clear(); // bounded memory; at worst a grace starts again
        }
        long first = leftToOwner.computeIfAbsent(attemptId, id -> System.nanoTime());
        return System.nanoTime() - first < LIVE_SESSION_GRACE.toNanos();
    }

    void forget(long attemptId) {
        leftToOwner.remove(attemptId);
    }
}
