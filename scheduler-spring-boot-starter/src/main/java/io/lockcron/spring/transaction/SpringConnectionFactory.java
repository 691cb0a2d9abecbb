package io.lockcron.spring.transaction;

import java.sql.Connection;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Connections for JDBI through Spring's {@link DataSourceUtils}: inside a Spring transaction —
 * including a transactional job's fire — a handle uses that transaction's connection, and closing
 * the handle leaves the transaction to its owner.
 */
public final class SpringConnectionFactory implements ConnectionFactory {
    private final DataSource dataSource;

    public SpringConnectionFactory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A {@link Jdbi} on {@code dataSource} whose handles join the current Spring transaction. */
    public static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(new SpringConnectionFactory(dataSource));
        // A handle closed inside the transaction it joined must not end (roll back) that transaction.
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        return jdbi;
    }

    @Override
    public Connection openConnection() {
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public void closeConnection(Connection connection) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }
}
