package io.lockcron.internal.store;

/** PostgreSQL 14+. now() would be frozen at the start of the transaction; clock_timestamp() is not. */
final class PostgresDialect implements Dialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String now() {
        return "CAST(clock_timestamp() AT TIME ZONE 'UTC' AS TIMESTAMP(3))";
    }

    @Override
    public String sessionId() {
        return "CAST(pg_backend_pid() AS VARCHAR(32))";
    }
}
