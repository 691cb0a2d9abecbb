package io.lockcron;

/** Why a fire that a job's schedule asked for has no successful execution on record. */
public enum GapReason {
    /** The job was paused (by an audited pause) at the fire time. */
    PAUSED,
    /** The scheduler was late past this fire and its misfire policy ran a later one instead (or skipped it). */
    FOLDED_BY_MISFIRE_POLICY,
    /** No node was a live member at the fire time, as far as {@code scheduler_node} remembers. */
    NO_NODE_ALIVE,
    /** The fire ran and failed after all its attempts. */
    FAILED_AFTER_ATTEMPTS,
    /** None of the above: a broken promise, or history the tables no longer hold. */
    UNEXPLAINED
}
