package io.lockcron.internal.fire;

import io.lockcron.internal.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection a drain's claims of the due list run on, one after another: it is set to
 * manual commit and READ COMMITTED when first used and back when the drain lets it go, rather than
 * around every claim's transaction — on MariaDB and MySQL that is two {@code SET} statements
 * saved per claim, a quarter of the statements of a burst of short fires. Between two claims it
 * holds no transaction (each one commits or rolls back before the next begins), and it is let go
 * before anything runs outside a claim's transaction — a fire claimed by name, which takes a
 * connection of its own, or a lease job — so a drain never holds two connections of the pool at once.
 * Used by one drain's thread only.
 */
public final class DrainConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DrainConnection.class);

    /**
     * Handles on held connections, whose transactions JDBI tracks itself ({@code managed}): on a
     * connection left in manual commit, JDBI's default would count it in a transaction throughout.
     */
    static final class Handles {
        private final Store store;
        private final Jdbi onHeld;
        private final ThreadLocal<@Nullable Connection> opening = new ThreadLocal<>();

        Handles(Store store) {
            this.store = store;
            this.onHeld = store.jdbiOnLabelled(new ConnectionFactory() {
                @Override
                public Connection openConnection() {
                    Connection held = opening.get();
                    if (held == null) {
                        throw new IllegalStateException("a drain's handle is opened only on its held connection");
                    }
                    return held;
                }

                @Override
                public void closeConnection(Connection connection) {
                    // The drain's pooled handle gives the connection back when the drain lets it go.
                }
            });
            onHeld.setTransactionHandler(LocalTransactionHandler.managed());
        }

        DrainConnection hold() {
            return new DrainConnection(this);
        }
    }

    private final Handles handles;
    private @Nullable Handle pooled;
    private @Nullable Handle held;
    private int isolation;

    private DrainConnection(Handles handles) {
        this.handles = handles;
    }

    /** The handle the next claim runs on: the held connection, taken from the pool if none is held. */
    Handle handle() {
        if (held != null) {
            return held;
        }
        Handle fromPool = handles.store.jdbi().open(); // labelled for fencing as it is opened
        try {
            Connection c = fromPool.getConnection();
            isolation = c.getTransactionIsolation();
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            c.setAutoCommit(false);
            handles.opening.set(c);
            try {
                held = handles.onHeld.open();
            } finally {
                handles.opening.remove();
            }
            pooled = fromPool;
            return held;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(fromPool);
            throw new IllegalStateException("cannot hold a connection for the drain of the due list", e);
        }
    }

    /** Gives the connection back to the pool, as it was taken; the next claim takes one again. */
    @Override
    public void close() {
        Handle h = held;
        Handle p = pooled;
        held = null;
        pooled = null;
        if (h == null || p == null) {
            return;
        }
        try {
            if (h.isInTransaction()) {
                h.rollback();
            }
            h.close();
            Connection c = p.getConnection();
            if (!c.isClosed()) {
                c.setAutoCommit(true);
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    c.setTransactionIsolation(isolation);
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not restore a drain's connection (it is probably gone): {}", e.toString());
        } finally {
            closeQuietly(p);
        }
    }

    private static void closeQuietly(Handle h) {
        try {
            h.close();
        } catch (RuntimeException e) {
            log.debug("Closing a drain's connection failed (it is probably gone): {}", e.toString());
        }
    }
}
