package io.lockcron.spring.transaction;

import io.lockcron.CallerTransactions;
import java.sql.Connection;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The caller's Spring transaction on lockcron's DataSource — begun by JPA's or JDBC's transaction
 * manager, {@code @Transactional} or a {@code TransactionTemplate}, or a transactional job's fire —
 * so that the starter's {@code SchedulerClient} schedules inside it: rolled back, the one-shot
 * entry or trigger request is gone too.
 */
public final class SpringCallerTransactions implements CallerTransactions {
    private final DataSource dataSource;

    public SpringCallerTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public @Nullable Connection connection() {
        if (!(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder)) {
            return null; // no transaction on this DataSource: the client commits on its own
        }
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public void release(Connection connection) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }
}
