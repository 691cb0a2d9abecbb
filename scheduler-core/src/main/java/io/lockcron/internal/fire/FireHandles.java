package io.lockcron.internal.fire;

import io.lockcron.internal.store.Store;
import io.lockcron.job.FireTransaction;
import io.lockcron.job.FireTransactions;
import java.sql.Connection;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handle a fire's transaction runs on: a connection of lockcron's own, or the connection of a
 * transaction a {@link FireTransactions} began, whose commit and rollback then go through it.
 */
final class FireHandles {
    private static final Logger log = LoggerFactory.getLogger(FireHandles.class);

    private final Store store;
    private final @Nullable FireTransactions transactions;
    private final @Nullable Jdbi external;
    private final ThreadLocal<@Nullable FireTransaction> opening = new ThreadLocal<>();
    /** The begun transactions of the handles open now, to name the job a claim of the next due fire took. */
    private final java.util.Map<Handle, FireTransaction> begun = new java.util.concurrent.ConcurrentHashMap<>();

    FireHandles(Store store, @Nullable FireTransactions transactions) {
        this.store = store;
        this.transactions = transactions;
        if (transactions == null) {
            this.external = null;
        } else {
            Jdbi jdbi = store.jdbiOn(new ConnectionFactory() {
                @Override
                public Connection openConnection() {
                    FireTransaction transaction = opening.get();
                    if (transaction == null) {
                        throw new IllegalStateException("a fire handle is opened only together with its transaction");
                    }
                    return transaction.connection();
                }

                @Override
                public void closeConnection(Connection connection) {
                    // The transaction's owner releases its connection when the transaction ends.
                }
            });
            jdbi.setTransactionHandler(new ExternalTransactionHandler(opening::get));
            this.external = jdbi;
        }
    }

    /** Whether each fire's transaction is begun by a {@link FireTransactions} (then its attempt goes on record at its claim). */
    boolean perJob() {
        return transactions != null;
    }

    /**
     * A handle for the fire of {@code jobName}. On lockcron's own connection the caller begins the
     * transaction; on a begun one {@code begin()} changes nothing, and closing the handle rolls
     * back a transaction that was neither committed nor rolled back.
     */
    Handle open(String jobName) {
        return transactions == null ? store.jdbi().open() : open(transactions.begin(jobName));
    }

    /** A handle, as {@link #open}, for a claim of whichever fire is due first: name it with {@link #claimed}. */
    Handle openForNextDue() {
        return transactions == null ? store.jdbi().open() : open(transactions.beginForNextDue());
    }

    /** The claim on {@code handle} (of {@link #openForNextDue}) has locked the row of {@code jobName}. */
    void claimed(Handle handle, String jobName) {
        FireTransaction transaction = begun.get(handle);
        if (transaction != null) {
            transaction.claimed(jobName);
        }
    }

    private Handle open(FireTransaction transaction) {
        if (external == null) {
            throw new IllegalStateException("no transactions are begun for lockcron's fires");
        }
        opening.set(transaction);
        try {
            Handle handle = external.open();
            begun.put(handle, transaction);
            handle.addCleanable(() -> {
                begun.remove(handle);
                if (handle.isInTransaction()) {
                    rollbackQuietly(handle);
                }
            });
            return handle;
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        } finally {
            opening.remove();
        }
    }

    private static void rollbackQuietly(Handle handle) {
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            log.debug("Rollback of a fire's transaction failed: {}", e.toString());
        }
    }
}
