package io.lockcron.internal.fire;

import io.lockcron.job.FireTransactionException;

/** Found just before the commit: the fire's transaction is not the one that took the lock any more. */
final class FireTransactionEndedException extends FireTransactionException {
    private static final long serialVersionUID = 1L;

    FireTransactionEndedException(String message) {
        super(message);
    }
}
