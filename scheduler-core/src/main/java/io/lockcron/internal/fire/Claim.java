package io.lockcron.internal.fire;

import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.job.JobDefinition;
import java.time.Instant;

/**
 * A fire this node has claimed: the job's row locked in the fire's transaction, the fire the plan
 * chose, the attempt (on record, or to be put on record when it matters: {@link FireAttempt}), and
 * the local definition that runs it. The one value the transactional run and the lease run
 * consume; see {@link FireProtocol}.
 *
 * @param startNanos when the claim began, on this node's monotonic clock (durations only)
 * @param epoch the node's membership epoch at the claim: a fence in between forbids the commit
 * @param executionStarted whether the claim inserted the fire's execution row (RUNNING); if not, the
 *     run inserts it when the job first touches the transaction, or records it whole at the end
 */
record Claim(
        Locked locked,
        Plan.Run run,
        FireAttempt attempt,
        JobDefinition definition,
        long startNanos,
        int epoch,
        boolean executionStarted) {

    JobRow row() {
        return locked.row();
    }

    /** The database's time at the claim: the fire's start. */
    Instant started() {
        return locked.dbNow();
    }

    /** The database's time now, as the claim's start plus the time elapsed since. */
    Instant finishedNow() {
        return started().plusNanos(System.nanoTime() - startNanos);
    }
}
