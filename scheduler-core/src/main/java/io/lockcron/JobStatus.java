package io.lockcron;

/** A job's state in {@code lock_cron.status}. */
public enum JobStatus {
    /** Fires when due. */
    IDLE,
    /** A node holds the job's lease (lease mode). */
    RUNNING,
    /** Does not fire until resumed. */
    PAUSED,
    /** A one-shot job that has fired. */
    COMPLETED
}
