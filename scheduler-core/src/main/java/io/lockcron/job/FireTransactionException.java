package io.lockcron.job;

import io.lockcron.LockcronException;

/**
 * A transactional job tried to end or reshape the fire's transaction (commit, roll back, switch
 * auto-commit or isolation, close the connection, run a statement that commits implicitly), or
 * went on using it after the database had ended it. The transaction holds the job's lock and
 * commits with the execution record; a job that needs its own transactions runs in {@link
 * ExecutionMode#LEASE}.
 */
public class FireTransactionException extends LockcronException {
    private static final long serialVersionUID = 1L;

    public FireTransactionException(String message) {
        super(message);
    }

    public FireTransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
