package io.lockcron.spring.transaction;

import org.springframework.transaction.support.TransactionSynchronization;

/**
 * A synchronization a job's body registered and whose {@code beforeCommit} already ran at the end
 * of the body; the rest it keeps, to run at the fire's commit.
 */
record BodySynchronization(TransactionSynchronization delegate) implements TransactionSynchronization {

    @Override
    public int getOrder() {
        return delegate.getOrder();
    }

    @Override
    public void suspend() {
        delegate.suspend();
    }

    @Override
    public void resume() {
        delegate.resume();
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void savepoint(Object savepoint) {
        delegate.savepoint(savepoint);
    }

    @Override
    public void savepointRollback(Object savepoint) {
        delegate.savepointRollback(savepoint);
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        // ran at the end of the body
    }

    @Override
    public void beforeCompletion() {
        delegate.beforeCompletion();
    }

    @Override
    public void afterCommit() {
        delegate.afterCommit();
    }

    @Override
    public void afterCompletion(int status) {
        delegate.afterCompletion(status);
    }
}
