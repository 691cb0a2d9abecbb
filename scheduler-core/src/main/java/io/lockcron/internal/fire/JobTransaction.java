package io.lockcron.internal.fire;

import io.lockcron.internal.store.Store;
import io.lockcron.job.FireConnections;
import io.lockcron.job.FireConnections.GuardedConnection;
import java.sql.Connection;
import java.util.function.Predicate;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * What a transactional job is handed for one fire: the fire's connection behind a guard, and a
 * JDBI handle on that guarded connection (opened when the job first asks for it), so neither can
 * end the transaction that holds the lock.
 */
final class JobTransaction implements AutoCloseable {
    private final GuardedConnection guarded;
    private final Opener opener;
    private @Nullable Handle handle;

    private JobTransaction(GuardedConnection guarded, Opener opener) {
        this.guarded = guarded;
        this.opener = opener;
    }

    Connection connection() {
        return guarded.connection();
    }

    synchronized Handle handle() {
        if (handle == null) {
            handle = opener.handleOn(guarded.connection());
        }
        return handle;
    }

    /** Why the database itself ended the transaction while the job ran, or null. */
    @Nullable
    String lostReason() {
        return guarded.lostReason();
    }

    /** Ends the job's use of both; the fire's own connection stays open. */
    @Override
    public synchronized void close() {
        guarded.release();
        if (handle != null) {
            handle.close();
        }
    }

    /** Opens job transactions on fire connections, with the store's JDBI configuration. */
    static final class Opener {
        private final ThreadLocal<Connection> next = new ThreadLocal<>();
        private final Jdbi jdbi;
        private final Predicate<String> endsTransaction;

        Opener(Store store) {
            this.endsTransaction =
                    TransactionEndingSql.forDialect(store.dialect().name());
            this.jdbi = store.jdbiOnLabelled(new ConnectionFactory() {
                @Override
                public Connection openConnection() {
                    Connection c = next.get();
                    if (c == null) {
                        throw new IllegalStateException("a job handle is opened only on a fire's connection");
                    }
                    return c;
                }

                @Override
                public void closeConnection(Connection c) throws java.sql.SQLException {
                    c.close(); // refused while the job runs, quiet once released
                }
            });
            // The transaction is the fire's: closing the job's handle must never end it.
            jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        }

        /** {@code beforeFirstUse}: see {@link FireConnections#guard(Connection, String, Predicate, Runnable)}. */
        JobTransaction open(Connection fire, String job, @Nullable Runnable beforeFirstUse) {
            return new JobTransaction(FireConnections.guard(fire, job, endsTransaction, beforeFirstUse), this);
        }

        private Handle handleOn(Connection guarded) {
            next.set(guarded);
            try {
                return jdbi.open();
            } finally {
                next.remove();
            }
        }
    }
}
