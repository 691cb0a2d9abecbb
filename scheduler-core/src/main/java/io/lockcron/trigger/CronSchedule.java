package io.lockcron.trigger;

import io.lockcron.InvalidJobException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

/**
 * The one place lockcron touches Quartz: its {@link CronExpression}, which knows seconds, {@code
 * L}, {@code W}, {@code #} and how wall-clock times map to instants across DST changes.
 *
 * <p>Spring users write {@code "0 0 * * * *"}; Quartz insists that one of day-of-month and
 * day-of-week is {@code ?}. Where one of them is {@code *} we turn it into {@code ?}, which means
 * the same thing, instead of failing.
 *
 * <p>Daylight saving: Quartz skips a wall-clock time that does not exist on the day the clocks
 * go forward, so a daily 02:30 job would not run at all that day. Here such a fire runs shifted
 * forward by the length of the gap (02:30 becomes 03:30), as {@code java.time} and Spring shift
 * it. In the hour repeated when the clocks go back, each wall-clock time fires once, at its
 * second occurrence, as Quartz computes it.
 */
public final class CronSchedule {
    /** Quartz computes no year after 2299; neither do we, in any zone. */
    public static final Instant HORIZON = Instant.parse("2300-01-01T00:00:00Z");

    private final String expression;
    private final ZoneId zone;
    private final CronExpression cron;
    /** The same expression on wall-clock time as if it were UTC, to see fires inside DST gaps. */
    private final CronExpression wallClock;

    /** A day-of-month the month never has (February 30): no search needed. */
    private final boolean impossible;

    /**
     * The last answer of {@link #nextAfter}: jobs on one expression that fired together all ask
     * for the fire after the same instant, and a Quartz search costs a Calendar and TreeSet views.
     */
    private volatile @Nullable Answer last;

    private record Answer(Instant after, Optional<Instant> next) {}

    private CronSchedule(String expression, ZoneId zone, CronExpression cron, CronExpression wallClock) {
        this.impossible = ImpossibleDates.never(expression);
        this.expression = expression;
        this.zone = zone;
        this.cron = cron;
        this.wallClock = wallClock;
    }

    /** More distinct schedules than any cluster has: past this the cache starts over. */
    private static final int MAX_CACHED = 1_024;

    private record Key(String expression, ZoneId zone) {}

    /**
     * Parsed schedules: Quartz builds a dozen TreeSets per parse. A schedule is immutable apart
     * from its CronExpressions, which {@link #next} locks, so one instance serves every caller.
     */
    private static final Map<Key, CronSchedule> PARSED = new ConcurrentHashMap<>();

    /** @throws InvalidJobException naming the expression and how to write a valid one */
    public static CronSchedule parse(String expression, ZoneId zone) {
        Key key = new Key(expression, zone);
        CronSchedule cached = PARSED.get(key);
        if (cached != null) {
            return cached;
        }
        CronSchedule parsed = parseNew(expression, zone); // throws for bad input: nothing cached then
        if (PARSED.size() >= MAX_CACHED) {
            PARSED.clear();
        }
        PARSED.put(key, parsed);
        return parsed;
    }

    private static CronSchedule parseNew(String expression, ZoneId zone) {
        String normalized = normalize(expression.trim());
        try {
            CronExpression cron = new CronExpression(normalized);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            CronExpression wallClock = new CronExpression(normalized);
            wallClock.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
            return new CronSchedule(normalized, zone, cron, wallClock);
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

    /**
     * The first fire time strictly after {@code after}; empty when the expression has no more
     * before {@link #HORIZON}. Bounded: a cron that never fires again (a date that never comes, a
     * past year) answers at once, also in zones with daylight saving time, whose transitions go on
     * forever.
     */
    public Optional<Instant> nextAfter(Instant after) {
        if (!after.isBefore(HORIZON) || impossible) {
            return Optional.empty();
        }
        Answer known = last;
        if (known != null && known.after().equals(after)) {
            return known.next();
        }
        Optional<Instant> next = Optional.ofNullable(search(after));
        last = new Answer(after, next);
        return next;
    }

    private @Nullable Instant search(Instant after) {
        Instant next = next(cron, after);
        // Without a regular fire, only a fire shifted out of a DST gap is left: its wall-clock time
        // is a fire of the wall-clock expression, at most a day from the gap's instant.
        Instant wall = next == null ? next(wallClock, after.minus(Duration.ofDays(1))) : null;
        Instant until = next != null ? next : wall == null ? after : wall.plus(Duration.ofDays(2));
        ZoneRules rules = zone.getRules();
        for (ZoneOffsetTransition t = rules.nextTransition(after);
                t != null && !t.getInstant().isAfter(until) && t.getInstant().isBefore(HORIZON);
                t = rules.nextTransition(t.getInstant())) {
            if (t.isGap()) {
                Instant shifted = fireInGap(t);
                if (shifted != null && shifted.isAfter(after) && (next == null || shifted.isBefore(next))) {
                    next = shifted;
                }
            }
        }
        return next;
    }

    /** The first fire whose wall-clock time lies in the gap, shifted forward by the gap; null if none. */
    private @Nullable Instant fireInGap(ZoneOffsetTransition gap) {
        LocalDateTime start = gap.getDateTimeBefore();
        Instant local = next(wallClock, start.minusNanos(1_000_000).toInstant(ZoneOffset.UTC));
        if (local == null || !local.isBefore(gap.getDateTimeAfter().toInstant(ZoneOffset.UTC))) {
            return null;
        }
        return ZonedDateTime.ofLocal(LocalDateTime.ofInstant(local, ZoneOffset.UTC), zone, null)
                .toInstant();
    }

    private static @Nullable Instant next(CronExpression expression, Instant after) {
        // CronExpression keeps mutable state while it computes; it is not safe to share unlocked.
        synchronized (expression) {
            Date next = expression.getNextValidTimeAfter(Date.from(after));
            return next == null || !next.toInstant().isBefore(HORIZON) ? null : next.toInstant();
        }
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
