package io.lockcron.trigger;

import java.time.Instant;
import java.util.Optional;

/** Fires once, at {@code at}. */
public record OneShotTrigger(Instant at) implements Trigger {

    @Override
    public TriggerType type() {
        return TriggerType.ONE_SHOT;
    }

    @Override
    public String value() {
        return at.toString();
    }

    @Override
    public Optional<Instant> firstFire(Instant now) {
        return Optional.of(at);
    }

    @Override
    public Optional<Instant> nextFire(Instant previous, Instant finishedAt) {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "once at " + at;
    }
}
