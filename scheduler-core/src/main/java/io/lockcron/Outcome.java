package io.lockcron;

/** How an execution ended, in {@code job_execution.outcome}. */
public enum Outcome {
    /** Still running (only visible for lease-mode jobs, or after a node lost its transaction). */
    RUNNING,
    SUCCEEDED,
    /** Failed; another attempt of the same fire is scheduled. */
    RETRYING,
    /** Failed and out of attempts. */
    FAILED
}
