package io.lockcron.internal.store;

import java.sql.SQLException;

/** Reads what kind of failure a driver reported, the same way for every supported database. */
public final class SqlErrors {
    /**
     * PostgreSQL ending the session because the server goes down or is not up yet: a fast shutdown
     * (as a planned switchover does it), a crash of another backend, a server still starting or in
     * recovery. The connection is unusable after each, as after an 08 state.
     */
    private static final java.util.Set<String> SERVER_GOING_AWAY = java.util.Set.of("57P01", "57P02", "57P03");

    private SqlErrors() {}

    /** A unique or primary key violation (SQLSTATE 23505, MySQL and MariaDB error 1062). */
    public static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (sql.getErrorCode() == 1062 || "23505".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The database resolved a conflict by rolling this transaction back: a deadlock victim
     * (MySQL/MariaDB error 1213, PostgreSQL 40P01), a serialization failure (40001), or on a Galera
     * member a certification failure at commit, which the server reports as a deadlock. A lost
     * race, never an outage.
     */
    public static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (sql.getErrorCode() == 1213 || "40001".equals(state) || "40P01".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The connection is gone or the server unreachable (SQLSTATE class 08, or PostgreSQL's 57P01
     * to 57P03: shutting down, crashed, not accepting connections yet), or a driver I/O error.
     */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
