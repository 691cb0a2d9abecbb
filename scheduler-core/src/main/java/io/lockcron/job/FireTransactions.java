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
     * @param jobName the job whose fire this transaction is for (for naming and errors); {@link
     *     #NEXT_DUE} when {@link #beginForNextDue} is not overridden, which an implementation that
     *     tells jobs apart by name must do
     * @throws RuntimeException if no transaction can be begun; the fire then stays due
     */
    FireTransaction begin(String jobName);

    /**
     * Begins a transaction, as {@link #begin} does, for a claim of whichever scheduled fire is due
     * first and free ({@code SELECT ... FOR UPDATE SKIP LOCKED}): so nodes take different fires and
     * never spend a lock attempt on a fire another node holds. The job is not known yet: once the
     * claim has locked its row, lockcron names it through {@link FireTransaction#claimed}; a claim
     * that finds no fire free rolls the transaction back. By default {@code begin(NEXT_DUE)}.
     */
    default FireTransaction beginForNextDue() {
        return begin(NEXT_DUE);
    }

    /** What {@link #beginForNextDue} passes to {@link #begin} as the job's name by default. */
    String NEXT_DUE = "(the next due job)";
}
