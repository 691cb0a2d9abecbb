package io.lockcron.internal.fire;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction a claim runs in: READ COMMITTED, so that a locking read sees the rows other
 * nodes committed a moment ago, whatever the pool's default; whatever it leaves open is rolled back.
 */
final class FireTransaction {
    private static final Logger log = LoggerFactory.getLogger(FireTransaction.class);

    private FireTransaction() {}

    /** Runs {@code work} in a fire transaction on a handle {@code open} gives; {@code what} names it in errors. */
    static <T> T in(Supplier<Handle> open, String what, Function<Handle, T> work) {
        try (Handle h = open.get()) {
            Connection connection = h.getConnection();
            int isolation = isolation(connection);
            try {
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                h.begin();
                return work.apply(h);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start a fire transaction for " + what, e);
            } finally {
                if (h.isInTransaction()) {
                    rollbackQuietly(h);
                }
                restore(connection, isolation);
            }
        }
    }

    /**
     * As {@link #in}, on the connection a drain holds ({@link DrainConnection}), set up for fire
     * transactions already; it stays open for the drain's next claim.
     */
    static <T> T onHeld(Handle h, Function<Handle, T> work) {
        try {
            h.begin();
            return work.apply(h);
        } finally {
            if (h.isInTransaction()) {
                rollbackQuietly(h);
            }
        }
    }

    private static int isolation(Connection c) {
        try {
            return c.getTransactionIsolation();
        } catch (SQLException e) {
            return Connection.TRANSACTION_READ_COMMITTED;
        }
    }

    /** Undoes the change of isolation, if one was made: a job cannot change it (FireConnections refuses). */
    private static void restore(Connection c, int isolation) {
        try {
            if (isolation != Connection.TRANSACTION_READ_COMMITTED && !c.isClosed()) {
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            log.debug("Could not restore isolation level: {}", e.toString());
        }
    }

    private static void rollbackQuietly(Handle h) {
        try {
            h.rollback();
        } catch (RuntimeException e) {
            log.debug("Rollback failed (the connection is probably gone): {}", e.toString());
        }
    }
}
