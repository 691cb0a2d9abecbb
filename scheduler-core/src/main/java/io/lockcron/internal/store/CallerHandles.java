package io.lockcron.internal.store;

import io.lockcron.CallerTransactions;
import java.sql.Connection;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Handles on the caller's own connection, so a write joins the caller's transaction: never
 * committed, rolled back or closed here, and never labelled as a node's session (a fencer must not
 * kill the application's connection).
 */
public final class CallerHandles {
    private final Store store;
    private final @Nullable CallerTransactions callers;
    private final Jdbi jdbi;
    private final ThreadLocal<@Nullable Connection> caller = new ThreadLocal<>();

    /** What a write does on a handle. */
    @FunctionalInterface
    public interface Write<T> {
        T run(Store store, Handle handle);
    }

    /** @param callers finds the caller's transaction for {@link #write}; null: writes use the store's own connections */
    public CallerHandles(Store store, @Nullable CallerTransactions callers) {
        this.store = store;
        this.callers = callers;
        this.jdbi = store.jdbiOn(
                new ConnectionFactory() {
                    @Override
                    public Connection openConnection() {
                        Connection connection = caller.get();
                        if (connection == null) {
                            throw new IllegalStateException("a caller's handle is opened only on its connection");
                        }
                        return connection;
                    }

                    @Override
                    public void closeConnection(Connection connection) {
                        // the caller's
                    }
                },
                false);
        // Closing a handle inside the caller's transaction must not end (roll back) that transaction.
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
    }

    /** Runs {@code write} in the caller's transaction if it has one, else on a connection of the store's own. */
    public <T> T write(Write<T> write) {
        Connection connection = callers == null ? null : callers.connection();
        if (connection == null) {
            // A transaction: a write may lock the job's row to decide how to go on (ClientWrites).
            return store.jdbi().inTransaction(h -> write.run(store, h));
        }
        try {
            return on(connection, write);
        } finally {
            callers.release(connection);
        }
    }

    /** Runs {@code write} on {@code connection}, in whatever transaction it is in. */
    public <T> T on(Connection connection, Write<T> write) {
        caller.set(connection);
        try (Handle h = jdbi.open()) {
            return write.run(store, h);
        } finally {
            caller.remove();
        }
    }
}
