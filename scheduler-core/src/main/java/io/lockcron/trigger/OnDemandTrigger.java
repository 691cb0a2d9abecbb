package io.lockcron.trigger;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Never fires on its own: only "trigger now" from the client or the console runs it. */
public record OnDemandTrigger() implements Trigger {

    @Override
    public TriggerType type() {
        return TriggerType.ON_DEMAND;
    }

    @Override
    public @Nullable String value() {
        return null;
    }

    @Override
    public Optional<Instant> firstFire(Instant now) {
        return Optional.empty();
    }

    @Override
    public Optional<Instant> nextFire(Instant previous, Instant finishedAt) {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "on demand only";
    }
}
