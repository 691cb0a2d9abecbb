package io.lockcron.internal.store;

/**
 * MySQL 8.0+ and MariaDB 10.6+; both take {@code SKIP LOCKED}. UTC_TIMESTAMP ignores the session
 * time zone, so a server or session set to local time changes nothing.
 */
final class MySqlDialect implements Dialect {
    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String now() {
        return "UTC_TIMESTAMP(3)";
    }

    @Override
    public String sessionId() {
        return "CAST(CONNECTION_ID() AS CHAR)";
    }
}
