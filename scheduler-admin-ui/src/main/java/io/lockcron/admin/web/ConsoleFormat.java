package io.lockcron.admin.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** How pages write times and durations; templates reach it as {@code fmt}. */
public final class ConsoleFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME_MS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private final ZoneId zone;

    public ConsoleFormat(ZoneId zone) {
        this.zone = zone;
    }

    public String time(@Nullable Instant instant) {
        return instant == null ? "-" : TIME.format(instant.atZone(zone));
    }

    public String timeMs(@Nullable Instant instant) {
        return instant == null ? "-" : TIME_MS.format(instant.atZone(zone));
    }

    /**
     * The instant in {@code zone} (a job's zone), with the zone, when that is not the console's own
     * zone; empty otherwise. A cron schedule is written in its job's zone, and read more easily in it.
     */
    public String inZone(@Nullable Instant instant, String zone) {
        if (instant == null) {
            return "";
        }
        try {
            ZoneId jobZone = ZoneId.of(zone);
            if (jobZone.normalized().equals(this.zone.normalized())) {
                return "";
            }
            return TIME.format(instant.atZone(jobZone)) + " " + jobZone.getId();
        } catch (java.time.DateTimeException e) {
            return "";
        }
    }

    /** The instant as ISO-8601 UTC, for title attributes and machine use. */
    public String iso(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String duration(@Nullable Long millis) {
        if (millis == null) {
            return "-";
        }
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    public String datetimeLocal(@Nullable Instant instant) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(instant.atZone(zone));
    }
}
