package io.lockcron.internal.fire;

import io.lockcron.internal.store.AttemptStore.Attempt;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.job.JobDefinition;
import java.time.Instant;

/**
 * A fire this node has claimed: the job's row locked in the fire's transaction, the fire the plan
 * chose, the attempt on record, and the local definition that runs it. The one value the
 * transactional run and the lease run consume; see {@link FireProtocol}.
 *
 * @param startNanos when the claim began, on this node's monotonic clock (durations only)
 * @param epoch the node's membership epoch at the claim: a fence in between forbids the commit
 */
record Claim(Locked locked, Plan.Run run, Attempt attempt, JobDefinition definition, long startNanos, int epoch) {

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
