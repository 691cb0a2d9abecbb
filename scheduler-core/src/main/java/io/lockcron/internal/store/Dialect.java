package io.lockcron.internal.store;

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
}
