package io.lockcron.spi;

import io.lockcron.internal.store.SqlErrors;

/** What kind of failure a driver reported, read the same way for every database lockcron supports. */
public final class SqlFailures {
    private SqlFailures() {}

    /** A unique or primary key violation anywhere in the cause chain (SQLSTATE 23505, MySQL/MariaDB 1062). */
    public static boolean isDuplicateKey(Throwable e) {
        return SqlErrors.isDuplicateKey(e);
    }

    /**
     * The connection is gone or the server unreachable (SQLSTATE class 08; PostgreSQL's 57P01 to
     * 57P03: shutting down, crashed, still starting; or a driver I/O error).
     */
    public static boolean isConnectionFailure(Throwable e) {
        return SqlErrors.isConnectionFailure(e);
    }
}
