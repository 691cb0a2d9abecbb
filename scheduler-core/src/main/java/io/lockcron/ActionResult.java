package io.lockcron;

/**
 * What became of a pause, resume, trigger or reschedule. None of them waits for a running fire:
 * a job whose row a fire holds gets the request recorded, and the request takes effect when
 * that fire ends.
 */
public enum ActionResult {
    /** Done: every node sees the change at its next poll. */
    APPLIED,
    /** Nothing to change: pausing a paused job, resuming one that is not paused. */
    UNCHANGED,
    /**
     * Accepted while a fire of the job runs: applied when that fire ends (by its node, or by the
     * next node to find the job's row free), in the order requests arrived. A pending pause stops
     * every fire that starts after it was accepted.
     */
    PENDING;

    /** Applied or accepted: the change is, or will be, made. */
    public boolean accepted() {
        return this != UNCHANGED;
    }
}
