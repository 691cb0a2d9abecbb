package io.lockcron.job;

import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What a running fire knows about itself, and the transaction that holds its lock.
 *
 * <p>Whatever the job writes through {@link #handle()} or {@link #connection()} commits in one
 * transaction with the execution record and the schedule advance, or not at all: that is how a
 * transactional job's database effects happen exactly once. Do not commit, roll back or close
 * them.
 */
public interface JobContext {

    String jobName();

    /** The fire's scheduled time (database time); identical across retries and failovers. */
    Instant scheduledFireTime();

    FireKind fireKind();

    /** 1 for the first run of this fire; higher after a failure or a failover. */
    int attempt();

    /**
     * Grows with every attempt and every takeover of the job. Pass it downstream so a system can
     * reject work from a node that has since lost the job.
     *
     * <p>The token is the id of the attempt's record. A short transactional fire puts its attempt on
     * record only when that matters (see the fire protocol in the README), so the first call may
     * write that record — one short transaction — before it returns; later calls return the same
     * value. A fire that never asks, never touches its transaction and ends within 100 ms commits
     * with no attempt record and fencing token 0 in its execution row.
     *
     * @throws io.lockcron.LockcronException if the node lost the fire's lock meanwhile (it was fenced)
     */
    long fencingToken();

    /**
     * {@code jobName@scheduledFireTime}: the same for every retry and failover of one fire. Pass
     * it to systems outside the database (HTTP calls, messages) to make their effects idempotent.
     */
    default String idempotencyKey() {
        return jobName() + "@" + scheduledFireTime();
    }

    /** The node running this fire. */
    String nodeId();

    /** The payload a one-shot fire was scheduled with. */
    Optional<String> payload();

    /** How this fire holds its claim. */
    ExecutionMode mode();

    /**
     * A JDBI handle on the transaction that holds the job's lock.
     *
     * @throws IllegalStateException in {@link ExecutionMode#LEASE}: a lease-mode job runs outside
     *     any lockcron transaction
     */
    Handle handle();

    /**
     * The JDBC connection of that transaction.
     *
     * @throws IllegalStateException in {@link ExecutionMode#LEASE}
     */
    Connection connection();
}
