package io.lockcron.trigger;

import io.lockcron.InvalidJobException;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * The one place lockcron touches Quartz: its {@link CronExpression}, which knows seconds, {@code
 * L}, {@code W}, {@code #} and how wall-clock times map to instants across DST changes.
 *
 * <p>Spring users write {@code "0 0 * * * *"}; Quartz insists that one of day-of-month and
 * day-of-week is {@code ?}. Where one of them is {@code *} we turn it into {@code ?}, which means
 * the same thing, instead of failing.
 */
public final class CronSchedule {
    private final String expression;
    private final ZoneId zone;
    private final CronExpression cron;

    private CronSchedule(String expression, ZoneId zone, CronExpression cron) {
        this.expression = expression;
        this.zone = zone;
        this.cron = cron;
    }

    /** @throws InvalidJobException naming the expression and how to write a valid one */
    public static CronSchedule parse(String expression, ZoneId zone) {
        String normalized = normalize(expression.trim());
        try {
            CronExpression cron = new CronExpression(normalized);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return new CronSchedule(normalized, zone, cron);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidJobException("invalid cron expression '" + expression + "': " + e.getMessage()
                    + ". Write six or seven fields: second minute hour day-of-month month day-of-week"
                    + " [year], e.g. '0 */5 * * * ?' for every five minutes.");
        }
    }

    private static String normalize(String expression) {
        String[] fields = expression.split("\\s+");
        if (fields.length == 5) {
            throw new InvalidJobException("invalid cron expression '" + expression
                    + "': it has five fields, lockcron cron has seconds first. Prepend a second,"
                    + " e.g. '0 " + expression + "'.");
        }
        if (fields.length < 6) {
            return expression; // let Quartz explain what is missing
        }
        if (fields[3].equals("*") && !fields[5].equals("?")) {
            fields[3] = fields[5].equals("*") ? "*" : "?";
            if (fields[5].equals("*")) {
                fields[5] = "?";
            }
        } else if (fields[5].equals("*") && !fields[3].equals("?")) {
            fields[5] = "?";
        }
        return String.join(" ", fields);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code after}; empty when the expression has no more. */
    public Optional<Instant> nextAfter(Instant after) {
        Date next;
        // CronExpression keeps mutable state while it computes; it is not safe to share unlocked.
        synchronized (cron) {
            next = cron.getNextValidTimeAfter(Date.from(after));
        }
        return Optional.ofNullable(next).map(Date::toInstant);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && other.expression.equals(expression) && other.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return expression.hashCode() * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return expression + " [" + zone.getId() + "]";
    }
}
