package io.lockcron.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Fires on a Quartz cron expression (seconds, {@code L}, {@code W}, {@code #}) in a time zone. */
public record CronTrigger(CronSchedule schedule) implements Trigger {

    @Override
    public TriggerType type() {
        return TriggerType.CRON;
    }

    @Override
    public String value() {
        return schedule.expression();
    }

    @Override
    public ZoneId zone() {
        return schedule.zone();
    }

    @Override
    public Optional<Instant> firstFire(Instant now) {
        return schedule.nextAfter(now);
    }

    @Override
    public Optional<Instant> nextFire(Instant previous, Instant finishedAt) {
        return schedule.nextAfter(previous);
    }

    @Override
    public String describe() {
        return "cron '" + schedule.expression() + "' in " + schedule.zone().getId();
    }
}
