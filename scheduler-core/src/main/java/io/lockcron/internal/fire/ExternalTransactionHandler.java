package io.lockcron.internal.fire;

import io.lockcron.job.FireTransaction;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;

/**
 * JDBI transactions of a handle opened on a {@link FireTransaction}: the handle starts inside
 * that transaction, and its commit and rollback end it through the transaction's owner rather
 * than on the connection, so the owner (a Spring transaction manager, say) runs its own
 * completion. Savepoints are plain JDBC savepoints on the connection.
 */
final class ExternalTransactionHandler implements TransactionHandler {
    private final Supplier<@Nullable FireTransaction> opening;

    /** @param opening the transaction whose handle is being opened on this thread */
    ExternalTransactionHandler(Supplier<@Nullable FireTransaction> opening) {
        this.opening = opening;
    }

    @Override
    public TransactionHandler specialize(Handle handle) {
        FireTransaction transaction = opening.get();
        if (transaction == null) {
            throw new IllegalStateException("a fire handle is opened only together with its transaction");
        }
        return new Bound(transaction);
    }

    @Override
    public void begin(Handle handle) {
        throw unbound();
    }

    @Override
    public void commit(Handle handle) {
        throw unbound();
    }

    @Override
    public void rollback(Handle handle) {
        throw unbound();
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        return false;
    }

    @Override
    public void savepoint(Handle handle, String name) {
        throw unbound();
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
        throw unbound();
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
        throw unbound();
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) {
        throw unbound();
    }

    @Override
    public <R, X extends Exception> R inTransaction(
            Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) {
        throw unbound();
    }

    private static UnsupportedOperationException unbound() {
        return new UnsupportedOperationException("only handles opened on a fire's transaction have transactions");
    }

    /** The handler of one handle: active from its opening until its one commit or rollback. */
    static final class Bound implements TransactionHandler {
        private final FireTransaction transaction;
        private final Map<String, Savepoint> savepoints = new HashMap<>();
        private boolean active = true;

        Bound(FireTransaction transaction) {
            this.transaction = transaction;
        }

        @Override
        public TransactionHandler specialize(Handle handle) {
            return this;
        }

        /** The transaction began with the handle; beginning it again is a no-op, after its end an error. */
        @Override
        public void begin(Handle handle) {
            if (!active) {
                throw new TransactionException("the fire's transaction has already ended");
            }
        }

        @Override
        public void commit(Handle handle) {
            if (!active) {
                throw new TransactionException("the fire's transaction has already ended");
            }
            end();
            transaction.commit();
        }

        @Override
        public void rollback(Handle handle) {
            if (active) {
                end();
                transaction.rollback();
            }
        }

        @Override
        public boolean isInTransaction(Handle handle) {
            return active;
        }

        @Override
        public void savepoint(Handle handle, String name) {
            try {
                savepoints.put(name, handle.getConnection().setSavepoint(name));
            } catch (SQLException e) {
                throw new TransactionException("cannot set savepoint " + name, e);
            }
        }

        @Override
        public void rollbackToSavepoint(Handle handle, String name) {
            try {
                handle.getConnection().rollback(savepoint(name));
            } catch (SQLException e) {
                throw new TransactionException("cannot roll back to savepoint " + name, e);
            }
        }

        @Override
        public void releaseSavepoint(Handle handle, String name) {
            try {
                handle.getConnection().releaseSavepoint(savepoint(name));
                savepoints.remove(name);
            } catch (SQLException e) {
                throw new TransactionException("cannot release savepoint " + name, e);
            }
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
            begin(handle);
            return callback.withHandle(handle);
        }

        @Override
        public <R, X extends Exception> R inTransaction(
                Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
            return inTransaction(handle, callback);
        }

        private Savepoint savepoint(String name) {
            Savepoint savepoint = savepoints.get(name);
            if (savepoint == null) {
                throw new TransactionException("no savepoint " + name + " in the fire's transaction");
            }
            return savepoint;
        }

        /** Marked ended before the owner is called: its commit and rollback end the transaction even when they throw. */
        private void end() {
            active = false;
            savepoints.clear();
        }
    }
}
