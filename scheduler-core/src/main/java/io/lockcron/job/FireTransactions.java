package io.lockcron.job;

/**
 * Who opens, commits and rolls back the transaction a {@link ExecutionMode#TRANSACTIONAL} fire
 * runs in — the transaction its row lock is taken in, its job's writes are made in and its
 * execution is recorded in. Without one, lockcron opens it itself on a connection of its
 * DataSource. The Spring Boot starter opens it through the application's
 * {@code PlatformTransactionManager}, so that JPA, {@code JdbcTemplate} and transaction
 * synchronizations take part in it.
 *
 * <p>Called on the worker thread that runs the fire; the transaction it returns is committed or
 * rolled back on that same thread, exactly once.
 */
@FunctionalInterface
public interface FireTransactions {

    /**
     * Begins a new transaction at {@code READ COMMITTED}, on a connection of the scheduler's
     * database, with auto-commit off.
     *
     * @param jobName the job whose fire this transaction is for (for naming and errors)
     * @throws RuntimeException if no transaction can be begun; the fire then stays due
     */
    FireTransaction begin(String jobName);
}
