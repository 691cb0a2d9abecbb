package io.lockcron.trigger;

import io.lockcron.InvalidJobException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Factories for every kind of {@link Trigger}, and the parser for their stored form. */
public final class Triggers {
    private Triggers() {}

    public static Trigger cron(String expression) {
        return cron(expression, ZoneId.of("UTC"));
    }

    public static Trigger cron(String expression, String zone) {
        return cron(expression, zone(zone));
    }

    /**
     * A cron trigger: six or seven fields (seconds first, optional year), Quartz syntax with day
     * names ({@code MON-FRI}); day-of-week numbers are refused as ambiguous (see the README).
     *
     * @throws InvalidJobException for an invalid expression, a day-of-week number, or an
     *     expression that never fires again (a past year, a date that never comes)
     */
    public static Trigger cron(String expression, ZoneId zone) {
        NumericWeekdays.refuse(expression);
        CronSchedule schedule = CronSchedule.parse(expression, zone);
        if (schedule.nextAfter(Instant.now()).isEmpty()) {
            throw new InvalidJobException("cron expression '" + expression + "' in " + zone.getId()
                    + " never fires again: it has no fire time from now until the year 2300 (a past year, or a date"
                    + " that never comes, such as February 30). Fix the expression, or use an on-demand trigger for a"
                    + " job that runs only on request.");
        }
        return new CronTrigger(schedule);
    }

    public static Trigger fixedRate(Duration period) {
        return fixedRate(period, Duration.ZERO);
    }

    public static Trigger fixedRate(Duration period, Duration initialDelay) {
        return new FixedRateTrigger(positive("period", period), notNegative(initialDelay));
    }

    public static Trigger fixedDelay(Duration delay) {
        return fixedDelay(delay, Duration.ZERO);
    }

    public static Trigger fixedDelay(Duration delay, Duration initialDelay) {
        return new FixedDelayTrigger(positive("delay", delay), notNegative(initialDelay));
    }

    public static Trigger oneShot(Instant at) {
        return new OneShotTrigger(at);
    }

    public static Trigger onDemand() {
        return new OnDemandTrigger();
    }

    /** A zone by id, with an error that says what a valid id looks like. */
    public static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidJobException("unknown time zone '" + zone
                    + "'. Use a region id such as 'Europe/Berlin', 'America/New_York' or 'UTC'.");
        }
    }

    /** The trigger stored in a {@code lock_cron} row. */
    public static Trigger parse(TriggerType type, @Nullable String value, String zone) {
        try {
            return switch (type) {
                // As stored, also by older releases: Quartz's meaning, and no refusal of a cron that ran out.
                case CRON -> new CronTrigger(CronSchedule.parse(required(type, value), zone(zone)));
                case FIXED_RATE -> fixedRate(Duration.parse(required(type, value)));
                case FIXED_DELAY -> fixedDelay(Duration.parse(required(type, value)));
                case ONE_SHOT -> oneShot(Instant.parse(required(type, value)));
                case ON_DEMAND -> onDemand();
            };
        } catch (DateTimeParseException e) {
            throw new InvalidJobException("invalid " + type + " trigger value '" + value
                    + "': write a duration as ISO-8601 (e.g. 'PT30S') or an instant as '2030-01-01T00:00:00Z'.");
        }
    }

    private static String required(TriggerType type, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidJobException("a " + type + " trigger needs a value");
        }
        return value;
    }

    private static Duration positive(String what, Duration d) {
        if (d.toMillis() < 1) {
            throw new InvalidJobException("the " + what + " must be at least 1 ms (times are stored in ms), was " + d);
        }
        return d;
    }

    private static Duration notNegative(Duration d) {
        if (d.isNegative()) {
            throw new InvalidJobException("the initial delay must not be negative, was " + d);
        }
        return d;
    }
}
