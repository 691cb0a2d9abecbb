package io.lockcron.internal.fire;

import io.lockcron.internal.store.ExecutionStore;
import io.lockcron.internal.store.FireRecordMismatchException;
import io.lockcron.internal.store.Store;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * What the fire's transaction holds before the job's first use of it: with the execution
 * started at the claim, the body's savepoint and the transaction's identity mark at once;
 * otherwise — the job may never touch the transaction — nothing until it does, when the
 * attempt goes on record, the execution row is started and the savepoint set ({@link #arm}).
 */
final class FirstUse {
    private final Store store;
    private final FireTransactionIdentity identity;
    private final String nodeId;
    private final Handle h;
    private final Claim claim;
    private final @Nullable FireBatch batch;
    private boolean executionStarted;
    private @Nullable Object mark;

    /** @param batch the batch whose transaction the fire shares, or null if the transaction is the fire's alone */
    FirstUse(
            Store store,
            FireTransactionIdentity identity,
            String nodeId,
            Handle h,
            Claim claim,
            @Nullable FireBatch batch) {
        this.store = store;
        this.batch = batch;
        this.identity = identity;
        this.nodeId = nodeId;
        this.h = h;
        this.claim = claim;
        this.executionStarted = claim.executionStarted();
        if (executionStarted) {
            mark = identity.markWithSavepoint(h, TransactionalRun.BODY);
        }
    }

    static ExecutionStore.Start start(Claim claim, String nodeId, long token) {
        return new ExecutionStore.Start(
                claim.row().name(),
                claim.run().fireTime(),
                claim.run().kind(),
                claim.attempt().number(),
                nodeId,
                token,
                claim.started());
    }

    /** Before the job's first use of the fire's connection: from then on it could end the transaction. */
    void arm() {
        long token = claim.attempt().record();
        if (batch != null) {
            batch.isolate(claim); // from here on the job could end the transaction: it must be the fire's alone
        }
        if (!store.executions().start(h, start(claim, nodeId, token))) {
            throw new FireRecordMismatchException("Job '" + claim.row().name() + "' fire "
                    + claim.run().fireTime() + " has an execution on record already; it does not run again");
        }
        executionStarted = true;
        mark = identity.markWithSavepoint(h, TransactionalRun.BODY);
    }

    boolean executionStarted() {
        return executionStarted;
    }

    /** Whether the body's savepoint is set. */
    boolean armed() {
        return mark != null;
    }

    /** Whether the transaction is still the one that took the lock; a job that never used it cannot have ended it. */
    boolean same() {
        return mark == null || identity.same(h, mark);
    }
}
