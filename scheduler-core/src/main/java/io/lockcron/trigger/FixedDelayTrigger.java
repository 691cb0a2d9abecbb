package io.lockcron.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Fires {@code delay} after the previous fire finished, first after {@code initialDelay}. */
public record FixedDelayTrigger(Duration delay, Duration initialDelay) implements Trigger {

    @Override
    public TriggerType type() {
        return TriggerType.FIXED_DELAY;
    }

    @Override
    public String value() {
        return delay.toString();
    }

    @Override
    public Optional<Instant> firstFire(Instant now) {
        return Optional.of(now.plus(initialDelay));
    }

    @Override
    public Optional<Instant> nextFire(Instant previous, Instant finishedAt) {
        return Optional.of(finishedAt.plus(delay));
    }

    @Override
    public String describe() {
        return Durations.words(delay) + " after the previous run finished";
    }
}
