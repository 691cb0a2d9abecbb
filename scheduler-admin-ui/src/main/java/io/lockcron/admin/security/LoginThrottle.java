package io.lockcron.admin.security;

import io.lockcron.admin.ConsoleProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing against the console: failed logins are counted per user name and per
 * client address; beyond the free ones, each further attempt on that name or from that address
 * must wait, twice as long after each failure, up to a maximum. A refused attempt does not check
 * the password, so guessing gains nothing by hammering. A successful login clears its name's and
 * its address's count. Counts are forgotten after twice the maximum wait without failure, and at
 * most {@value #MAX_ENTRIES} names and addresses are remembered (the oldest go first), so a flood
 * of invented names cannot exhaust memory.
 */
public final class LoginThrottle {
    static final int MAX_ENTRIES = 10_000;

    private record Failures(int count, Instant last) {}

    private final int freeFailures;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(ConsoleProperties.Login settings, Clock clock) {
        if (settings.getFreeFailures() < 1) {
            throw new IllegalStateException(
                    "lockcron.console.login.free-failures must be 1 or more, was " + settings.getFreeFailures() + ".");
        }
        if (settings.getInitialDelay().isNegative()
                || settings.getMaxDelay().compareTo(settings.getInitialDelay()) < 0) {
            throw new IllegalStateException("lockcron.console.login.initial-delay (" + settings.getInitialDelay()
                    + ") must be positive and at most lockcron.console.login.max-delay (" + settings.getMaxDelay()
                    + ").");
        }
        this.freeFailures = settings.getFreeFailures();
        this.initialDelay = settings.getInitialDelay();
        this.maxDelay = settings.getMaxDelay();
        this.clock = clock;
    }

    /** How long the user {@code name} from {@code address} must still wait; empty if they may try now. */
    public synchronized Optional<Duration> waitFor(String name, String address) {
        Instant now = clock.instant();
        Duration wait = max(remaining(user(name), now), remaining(address(address), now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed login; returns the wait it imposes on the next attempt (zero while failures are free). */
    public synchronized Duration failed(String name, String address) {
        Instant now = clock.instant();
        count(user(name), now);
        count(address(address), now);
        return max(remaining(user(name), now), remaining(address(address), now));
    }

    public synchronized void succeeded(String name, String address) {
        failures.remove(user(name));
        failures.remove(address(address));
    }

    private void count(String key, Instant now) {
        Failures before = failures.get(key);
        int count = before == null || expired(before, now) ? 1 : before.count() + 1;
        failures.put(key, new Failures(count, now));
        Iterator<Map.Entry<String, Failures>> oldest = failures.entrySet().iterator();
        while (failures.size() > MAX_ENTRIES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private Duration remaining(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.count() < freeFailures) {
            return Duration.ZERO;
        }
        if (expired(f, now)) {
            failures.remove(key);
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, f.last().plus(delay(f.count())));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The wait after the {@code count}th failure: none while free, then initial, doubling, capped. */
    Duration delay(int count) {
        int doublings = count - freeFailures;
        if (doublings < 0) {
            return Duration.ZERO;
        }
        // Bounded shift: beyond 2^20 times the initial delay the cap has long been reached.
        Duration delay = initialDelay.multipliedBy(1L << Math.min(doublings, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private boolean expired(Failures f, Instant now) {
        return f.last().plus(maxDelay.multipliedBy(2)).isBefore(now);
    }

    private static String user(String name) {
        return "user:" + name;
    }

    private static String address(String address) {
        return "address:" + address;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
