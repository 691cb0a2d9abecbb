package io.lockcron.spring.transaction;

import io.lockcron.job.FireTransaction;
import io.lockcron.job.FireTransactions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Begins each transactional fire's transaction through the application's {@link
 * PlatformTransactionManager}, and takes the job's row lock on the connection it binds for
 * lockcron's DataSource. So everything Spring knows as "the current transaction" is the fire's:
 * JPA ({@code JpaTransactionManager}: repositories, {@code EntityManager}), {@code JdbcTemplate},
 * JDBI through the starter's {@code Jdbi}, {@code @Transactional(REQUIRED)} methods; and the
 * manager's own commit runs its synchronizations — {@code afterCommit} and
 * {@code @TransactionalEventListener(AFTER_COMMIT)} — once lockcron has committed the fire, and
 * never for a fire that rolled back.
 */
public final class SpringFireTransactions implements FireTransactions {
    private static final boolean JPA_PRESENT = ClassUtils.isPresent(
            "org.springframework.orm.jpa.JpaTransactionManager", SpringFireTransactions.class.getClassLoader());

    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;

    /** @param transactionManager binds a connection of {@code dataSource} in its transactions */
    public SpringFireTransactions(PlatformTransactionManager transactionManager, DataSource dataSource) {
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
    }

    /**
     * Fire transactions through the manager among {@code managers} whose transactions run on
     * {@code dataSource} — JPA's ahead of a JDBC one, as it joins JDBC too — or empty if none does
     * (a JTA manager, or a manager of another DataSource).
     */
    public static Optional<SpringFireTransactions> find(
            Stream<PlatformTransactionManager> managers, DataSource dataSource) {
        List<PlatformTransactionManager> matching =
                managers.filter(m -> dataSourceOf(m) == dataSource).toList();
        return matching.stream()
                .filter(m -> JPA_PRESENT && JpaManagers.isJpa(m))
                .findFirst()
                .or(() -> matching.stream().findFirst())
                .map(m -> new SpringFireTransactions(m, dataSource));
    }

    public PlatformTransactionManager transactionManager() {
        return transactionManager;
    }

    @Override
    public FireTransaction begin(String jobName) {
        return begin(jobName, "Job '" + jobName + "'");
    }

    /** The job is named once the claim has locked its row ({@link SpringFireTransaction#claimed}). */
    @Override
    public FireTransaction beginForNextDue() {
        return begin("next due", "The claim of the next due job");
    }

    private FireTransaction begin(String name, String what) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(dataSource)) {
            throw new IllegalStateException(what + ": the worker thread already has a Spring"
                    + " transaction; a fire's transaction must be the first on its thread.");
        }
        DefaultTransactionDefinition definition =
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        definition.setName("lockcron:" + name);
        TransactionStatus status = transactionManager.getTransaction(definition);
        try {
            if (!(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder)) {
                throw new IllegalStateException(what + ": "
                        + transactionManager.getClass().getName()
                        + " did not bind a connection of lockcron's DataSource to its transaction, so the fire"
                        + " cannot take its lock in it. Give lockcron the DataSource of that transaction manager,"
                        + " or replace the starter's Scheduler configuration with a SchedulerBuilderCustomizer"
                        + " that sets fireTransactions(null).");
            }
            return SpringFireTransaction.begun(transactionManager, status, holder.getConnection(), dataSource, name);
        } catch (RuntimeException e) {
            transactionManager.rollback(status);
            throw e;
        }
    }

    private static @Nullable DataSource dataSourceOf(PlatformTransactionManager manager) {
        if (manager instanceof DataSourceTransactionManager jdbc) {
            return jdbc.getDataSource();
        }
        return JPA_PRESENT ? JpaManagers.dataSourceOf(manager) : null;
    }

    /** Loaded only when spring-orm is on the classpath. */
    private static final class JpaManagers {
        static boolean isJpa(PlatformTransactionManager manager) {
            return manager instanceof org.springframework.orm.jpa.JpaTransactionManager;
        }

        static @Nullable DataSource dataSourceOf(PlatformTransactionManager manager) {
            return manager instanceof org.springframework.orm.jpa.JpaTransactionManager jpa
                    ? jpa.getDataSource()
                    : null;
        }
    }
}
