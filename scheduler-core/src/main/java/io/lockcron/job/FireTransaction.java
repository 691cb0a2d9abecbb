package io.lockcron.job;

import java.sql.Connection;

/**
 * One fire's transaction, as begun by {@link FireTransactions#begin}. lockcron takes the job's
 * row lock and makes all its own statements on {@link #connection()}, sets savepoints on it, and
 * ends the transaction with exactly one call of {@link #commit()} or {@link #rollback()}; both
 * release the connection, whether they succeed or throw.
 */
public interface FireTransaction {

    /** The connection the transaction runs on; lockcron never commits, rolls back or closes it. */
    Connection connection();

    /** Commits; throws if the transaction did not commit. */
    void commit();

    void rollback();

    /**
     * Names the job whose row lock a transaction begun by {@link FireTransactions#beginForNextDue}
     * has taken, before its fire runs; called at most once, on the thread that runs the fire.
     */
    default void claimed(String jobName) {}
}
