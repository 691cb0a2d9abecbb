package io.lockcron.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Fires every {@code period}, counted from the previous scheduled fire, first after {@code initialDelay}. */
public record FixedRateTrigger(Duration period, Duration initialDelay) implements Trigger {

    @Override
    public TriggerType type() {
        return TriggerType.FIXED_RATE;
    }

    @Override
    public String value() {
        return period.toString();
    }

    @Override
    public Optional<Instant> firstFire(Instant now) {
        return Optional.of(now.plus(initialDelay));
    }

    @Override
    public Optional<Instant> nextFire(Instant previous, Instant finishedAt) {
        return Optional.of(previous.plus(period));
    }

    @Override
    public String describe() {
        return "every " + Durations.words(period).replaceFirst("^1 ", "");
    }
}
