package io.lockcron.job;

/** How a job holds its claim on a fire. */
public enum ExecutionMode {
    /**
     * The default: the job runs inside the transaction that holds its {@code lock_cron} row lock;
     * its database writes commit exactly once, together with the execution record.
     */
    TRANSACTIONAL,
    /**
     * For long jobs: the claim is a lease committed in a short transaction, renewed while the job
     * runs outside any transaction, and fenced by a token that grows with every takeover.
     */
    LEASE
}
