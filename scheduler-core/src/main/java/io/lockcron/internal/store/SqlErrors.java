package io.lockcron.internal.store;

import java.sql.SQLException;

/** Reads what kind of failure a driver reported, the same way for every supported database. */
public final class SqlErrors {
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

    /** The connection is gone or the server unreachable (SQLSTATE class 08), or a driver I/O error. */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
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
