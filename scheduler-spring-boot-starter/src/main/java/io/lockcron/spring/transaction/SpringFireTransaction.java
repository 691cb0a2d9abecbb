package io.lockcron.spring.transaction;

import io.lockcron.job.FireTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One fire's transaction, begun by a {@link PlatformTransactionManager}; bound to the worker
 * thread while it lasts, so the job's invoker finds it ({@link #current()}).
 */
final class SpringFireTransaction implements FireTransaction {
    private static final Logger log = LoggerFactory.getLogger(SpringFireTransaction.class);
    /** The key this transaction is bound under; private, so no other code can bind or take it. */
    private static final Object KEY = new Object();

    private final PlatformTransactionManager manager;
    private final TransactionStatus status;
    private final Connection connection;
    private final DataSource dataSource;
    private String jobName;
    private final CommitWitness witness = new CommitWitness();

    private SpringFireTransaction(
            PlatformTransactionManager manager,
            TransactionStatus status,
            Connection connection,
            DataSource dataSource,
            String jobName) {
        this.manager = manager;
        this.status = status;
        this.connection = connection;
        this.dataSource = dataSource;
        this.jobName = jobName;
    }

    static SpringFireTransaction begun(
            PlatformTransactionManager manager,
            TransactionStatus status,
            Connection connection,
            DataSource dataSource,
            String jobName) {
        SpringFireTransaction transaction = new SpringFireTransaction(manager, status, connection, dataSource, jobName);
        TransactionSynchronizationManager.registerSynchronization(transaction.witness);
        TransactionSynchronizationManager.bindResource(KEY, transaction);
        return transaction;
    }

    /** The fire's transaction of this thread, if a fire's transaction manager began one. */
    static @Nullable SpringFireTransaction current() {
        return (SpringFireTransaction) TransactionSynchronizationManager.getResource(KEY);
    }

    TransactionStatus status() {
        return status;
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    /** The transaction was begun for the next due fire: now it is that job's, under Spring's name for it too. */
    @Override
    public void claimed(String jobName) {
        this.jobName = jobName;
        TransactionSynchronizationManager.setCurrentTransactionName("lockcron:" + jobName);
    }

    @Override
    public void commit() {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        if (status.isRollbackOnly()) {
            commitAfterFailedBody();
            return;
        }
        try {
            manager.commit(status);
        } catch (RuntimeException e) {
            if (!witness.committed) {
                throw e;
            }
            // The fire is committed; only a callback after the commit failed. Failing the fire
            // now would run it again.
            log.warn("Job '{}': a callback after its fire's commit failed: {}", jobName, e.toString(), e);
        }
    }

    /**
     * Only a failed body leaves the transaction rollback-only (a JPA error marks Hibernate's, and
     * the body's failure is recorded on it), and lockcron has rolled the body's work back to its
     * savepoint already. The manager would roll back lockcron's record of the failure with it, and
     * the fire would run again and again: commit the connection itself, then let the manager end
     * its transaction.
     */
    private void commitAfterFailedBody() {
        try {
            connection.commit();
        } catch (SQLException e) {
            manager.rollback(status);
            throw new TransactionSystemException("Job '" + jobName + "': could not commit its fire", e);
        }
        try {
            manager.rollback(status);
        } catch (RuntimeException e) {
            log.warn("Job '{}': ending its committed fire's transaction failed: {}", jobName, e.toString());
        }
    }

    @Override
    public void rollback() {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        manager.rollback(status);
    }

    /** Tells, even when an {@code afterCommit} callback throws, that the transaction did commit. */
    private static final class CommitWitness implements TransactionSynchronization {
        private boolean committed;

        @Override
        public void afterCompletion(int completion) {
            committed = completion == STATUS_COMMITTED;
        }
    }
}
