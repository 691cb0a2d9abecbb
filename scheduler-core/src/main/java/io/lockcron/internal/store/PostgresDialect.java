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

    /** Allowed for backends of the same role; otherwise the fencing role needs pg_signal_backend. */
    @Override
    public String killSession() {
        return "SELECT pg_terminate_backend(<session>)";
    }

    /** Counts only time idle inside a transaction, so pooled idle connections are untouched. */
    @Override
    public String idleLimit(long seconds) {
        return "SET idle_in_transaction_session_timeout = " + (seconds * 1000);
    }

    @Override
    public String sessionId() {
        return "CAST(pg_backend_pid() AS VARCHAR(32))";
    }
}
