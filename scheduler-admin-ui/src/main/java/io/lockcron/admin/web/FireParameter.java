package io.lockcron.admin.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A fire's scheduled time as pages and the API pass it: an ISO-8601 instant, the fire's identity. */
public final class FireParameter {
    private FireParameter() {}

    /** @throws IllegalArgumentException (400) naming the value and a valid one */
    public static Instant parse(String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("fire '" + (value.length() > 60 ? value.substring(0, 60) + "…" : value)
                    + "' is not a fire time: an ISO-8601 instant such as 2030-01-31T13:45:00Z.");
        }
    }
}
