package io.lockcron.admin.web;

import io.lockcron.ExecutionQuery;
import io.lockcron.Outcome;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The executions page's filter form, as typed: times are 24-hour {@code 2030-01-31 13:45} values in the
 * console's time zone. A value that does not parse is reported on the page and left out of the
 * query rather than failing the page.
 */
public record ExecutionFilter(
        String job, String node, String outcome, String from, String to, int page, int size, List<String> errors) {
    public static final int DEFAULT_SIZE = 50;

    public static ExecutionFilter of(
            @Nullable String job,
            @Nullable String node,
            @Nullable String outcome,
            @Nullable String from,
            @Nullable String to,
            int page,
            int size) {
        return new ExecutionFilter(
                blankToEmpty(job),
                blankToEmpty(node),
                blankToEmpty(outcome),
                blankToEmpty(from),
                blankToEmpty(to),
                Math.max(0, page),
                Math.max(1, Math.min(size, ExecutionQuery.MAX_PAGE_SIZE)),
                new ArrayList<>());
    }

    private static String blankToEmpty(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    public ExecutionQuery query(ZoneId zone) {
        return new ExecutionQuery(
                job.isEmpty() ? null : job,
                node.isEmpty() ? null : node,
                parsedOutcome(),
                instant("From", from, zone),
                instant("To", to, zone),
                page,
                size);
    }

    private @Nullable Outcome parsedOutcome() {
        if (outcome.isEmpty()) {
            return null;
        }
        try {
            return Outcome.valueOf(outcome.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("Outcome '" + outcome + "' is not one of " + List.of(Outcome.values()) + ".");
            return null;
        }
    }

    private @Nullable Instant instant(String label, String value, ZoneId zone) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            // 24-hour "2030-01-31 13:45" as typed, or the ISO form with a 'T'.
            return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(label + " '" + value + "' is not a 24-hour date and time like 2030-01-31 13:45 (in "
                    + zone.getId() + ").");
            return null;
        }
    }
}
