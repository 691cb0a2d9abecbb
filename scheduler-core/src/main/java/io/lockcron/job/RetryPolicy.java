package io.lockcron.job;

import io.lockcron.InvalidJobException;
import java.time.Duration;

/**
 * How often a failing fire is run again before it counts as failed, and how long to wait between
 * runs: {@code backoff}, doubling each time, at most {@link #MAX_BACKOFF}.
 */
public record RetryPolicy(int maxAttempts, Duration backoff) {
    public static final Duration MAX_BACKOFF = Duration.ofHours(1);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidJobException("max attempts must be at least 1, was " + maxAttempts);
        }
        if (backoff.isNegative()) {
            throw new InvalidJobException("retry backoff must not be negative, was " + backoff);
        }
    }

    /** Run each fire once: a failure is final. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO);
    }

    public static RetryPolicy of(int maxAttempts, Duration backoff) {
        return new RetryPolicy(maxAttempts, backoff);
    }

    /** The wait before the next run, after {@code failedAttempts} failed runs (1 or more). */
    public Duration delayAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = backoff.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
