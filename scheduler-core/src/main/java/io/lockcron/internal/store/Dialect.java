package io.lockcron.internal.store;

import java.time.LocalDateTime;

/**
 * What differs between databases, as SQL fragments. Whole statements that differ live in
 * {@code sql/<name>/<statement>.sql} resources, found before the shared {@code sql/<statement>.sql}.
 */
public interface Dialect {

    /** The folder of per-dialect statement overrides, and of the schema scripts under {@code sql/}. */
    String name();

    /** The database's current time in UTC, millisecond precision, read fresh for each statement. */
    String now();

    /** This connection's session id, as text: what fencing needs to kill it. */
    String sessionId();

    /** A UTC time as the driver should receive it for a TIMESTAMP or DATETIME(3) parameter. */
    default Object bindable(LocalDateTime utc) {
        return utc;
    }
}
