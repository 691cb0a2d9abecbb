package io.lockcron.internal.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The database clock as seen from this node: the offset between the node's clock and the
 * database's, from the sample with the shortest round trip among the recent ones (the one whose
 * midpoint is surest). Used only to time local sleeps; due-ness is always decided in SQL.
 */
final class DbClock {
    private static final int SAMPLES = 16;
    /** A change of offset beyond this (plus the round trip) is a clock step, not jitter. */
    private static final Duration STEP = Duration.ofSeconds(1);

    private record Sample(Duration offset, Duration roundTrip) {}

    private final Clock local;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile Duration offset = Duration.ZERO;

    DbClock(Clock local) {
        this.local = local;
    }

    /** Reads the database time through {@code dbNow}, learns from it and returns it. */
    Instant sample(Supplier<Instant> dbNow) {
        long t0 = System.nanoTime();
        Instant before = local.instant();
        Instant db = dbNow.get();
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - t0);
        Instant midpoint = before.plus(roundTrip.dividedBy(2));
        Duration measured = Duration.between(midpoint, db);
        synchronized (samples) {
            if (measured.minus(offset).abs().compareTo(STEP.plus(roundTrip)) > 0) {
                // The node's or the database's clock stepped: older samples describe a clock gone.
                samples.clear();
            }
            samples.addLast(new Sample(measured, roundTrip));
            if (samples.size() > SAMPLES) {
                samples.removeFirst();
            }
            offset = samples.stream()
                    .min(Comparator.comparing(Sample::roundTrip))
                    .orElseThrow()
                    .offset();
        }
        return db;
    }

    /** The database's time now, as best this node knows it. */
    Instant now() {
        return local.instant().plus(offset);
    }

    /** How long until the database clock reads {@code dbTime}; zero if it already has. */
    Duration until(Instant dbTime) {
        Duration d = Duration.between(now(), dbTime);
        return d.isNegative() ? Duration.ZERO : d;
    }

    Duration offset() {
        return offset;
    }
}
