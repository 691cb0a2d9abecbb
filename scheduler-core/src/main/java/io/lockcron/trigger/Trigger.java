package io.lockcron.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a job fires. Every instant passed in and returned is database time: nodes never feed
 * their own clocks into a schedule. Create triggers with {@link Triggers}.
 */
public sealed interface Trigger
        permits CronTrigger, FixedRateTrigger, FixedDelayTrigger, OneShotTrigger, OnDemandTrigger {

    TriggerType type();

    /** The trigger as stored in {@code lock_cron.trigger_value}; null for on-demand triggers. */
    @Nullable
    String value();

    /** The zone fire times are computed in (cron); UTC for the others. */
    default ZoneId zone() {
        return ZoneId.of("UTC");
    }

    /** The first fire for a job registered at {@code now}; empty when only a request fires it. */
    Optional<Instant> firstFire(Instant now);

    /**
     * The fire after {@code previous}, the scheduled time of the last fire; {@code finishedAt} is
     * when that fire finished (fixed delay counts from it). Empty when the trigger is done.
     */
    Optional<Instant> nextFire(Instant previous, Instant finishedAt);

    /** The schedule in words, for people. */
    String describe();
}
