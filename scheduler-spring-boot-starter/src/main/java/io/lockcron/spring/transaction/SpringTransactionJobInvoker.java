package io.lockcron.spring.transaction;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobContext;
import io.lockcron.job.JobHandler;
import io.lockcron.job.JobInvoker;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * Runs a transactional job with the fire's transaction — the one holding the job's row lock —
 * as Spring's current transaction for the scheduler's {@link DataSource}.
 *
 * <p>When the fire's transaction was begun through the application's transaction manager ({@link
 * SpringFireTransactions}, the starter's default wherever the manager runs on lockcron's
 * DataSource), JPA joins it too, and {@code afterCommit} callbacks run after lockcron's commit;
 * see {@link SpringFireBody}. Otherwise (lockcron opened the transaction itself) the connection
 * is bound for the job alone: {@code JdbcTemplate}, {@code JdbcClient}, {@code DataSourceUtils}
 * and {@code @Transactional(REQUIRED)} code on that DataSource join it, {@code beforeCommit} and
 * {@code beforeCompletion} callbacks run when the job returns, {@code afterCompletion} runs with
 * status unknown and {@code afterCommit} does not run.
 *
 * <p>Either way, what the job writes commits with the execution record, once, or is rolled back
 * with it; {@code REQUIRES_NEW} still opens a transaction of its own, which commits independently
 * (use it for effects that must survive a failed fire, such as an audit row). If code the job
 * calls marks the joined transaction rollback-only (a {@code @Transactional} method that threw,
 * even if the job caught the exception), the fire fails and its writes are rolled back:
 * committing them would break that method's contract. Lease-mode jobs run outside any lockcron
 * transaction and get nothing bound.
 */
public final class SpringTransactionJobInvoker implements JobInvoker {
    private final DataSource dataSource;

    public SpringTransactionJobInvoker(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void invoke(JobContext context, JobHandler handler) throws Exception {
        if (context.mode() != ExecutionMode.TRANSACTIONAL) {
            handler.execute(context);
            return;
        }
        SpringFireTransaction fire = SpringFireTransaction.current();
        if (fire != null) {
            SpringFireBody.run(fire, context, handler);
            return;
        }
        if (TransactionSynchronizationManager.hasResource(dataSource)
                || TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Job '" + context.jobName() + "': the worker thread already has a Spring"
                    + " transaction; a JobInvoker may run each fire only once, on a thread of its own.");
        }
        FireConnectionHolder holder = new FireConnectionHolder(context.connection());
        TransactionSynchronizationManager.bindResource(dataSource, holder);
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        TransactionSynchronizationManager.setCurrentTransactionName("lockcron:" + context.jobName());
        TransactionSynchronizationManager.setCurrentTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED);
        try {
            handler.execute(context);
            if (holder.isRollbackOnly()) {
                throw new UnexpectedRollbackException("Job '" + context.jobName() + "' joined a Spring transaction that"
                        + " was marked rollback-only (a @Transactional method it called failed); its writes are"
                        + " rolled back and the fire counts as failed.");
            }
            TransactionSynchronizationUtils.triggerBeforeCommit(false);
        } finally {
            complete();
            TransactionSynchronizationManager.unbindResource(dataSource);
        }
    }

    private static void complete() {
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        try {
            TransactionSynchronizationUtils.triggerBeforeCompletion();
        } finally {
            TransactionSynchronizationManager.clear();
            TransactionSynchronizationUtils.invokeAfterCompletion(
                    synchronizations, TransactionSynchronization.STATUS_UNKNOWN);
        }
    }
}
