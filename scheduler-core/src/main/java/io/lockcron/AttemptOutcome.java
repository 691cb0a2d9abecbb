package io.lockcron;

/** How one attempt at a fire ended, in {@code fire_attempt.outcome}. */
public enum AttemptOutcome {
    /** Started and not yet closed. */
    RUNNING,
    /** Its fire's result committed. */
    COMMITTED,
    /** The job failed (or its result could not be kept); a later attempt may follow. */
    FAILED,
    /** Its transaction or lease was lost and another attempt took the fire over (a failover). */
    LOST,
    /**
     * Handed back whole by a stopping node (rolled back, lease released), for another node to run at
     * once; or never run, because the lock was lost while the attempt was being recorded.
     */
    RELEASED
}
