package io.lockcron.trigger;

/**
 * What a job does with fires that came due while no node could run them (all nodes down, the
 * database away, the job paused). A fire counts as missed once it is later than the scheduler's
 * misfire threshold; a fire only a little late simply runs.
 */
public enum MisfirePolicy {
    /** Run once now for all the missed fires, then continue on schedule. The default. */
    FIRE_ONCE_NOW,
    /** Drop the missed fires and wait for the next one on schedule. */
    SKIP,
    /** Run the most recent missed fires one after the other, at most the job's catch-up limit. */
    CATCH_UP
}
