package io.lockcron.admin.api;

import io.lockcron.Outcome;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parses the API's query parameters with messages that show a valid value. */
final class ApiParameters {
    private ApiParameters() {}

    static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " '" + value + "' is not an ISO-8601 instant such as 2030-01-31T13:45:00Z");
        }
    }

    static @Nullable Outcome outcome(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome '" + value + "' is not one of " + List.of(Outcome.values()));
        }
    }

    static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static int limit(int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException("limit must be 1 to " + max + ", was " + value);
        }
        return value;
    }
}
