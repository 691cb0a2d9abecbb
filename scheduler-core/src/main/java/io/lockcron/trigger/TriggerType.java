package io.lockcron.trigger;

/** How a job's fire times are computed; stored in {@code lock_cron.trigger_type}. */
public enum TriggerType {
    CRON,
    FIXED_RATE,
    FIXED_DELAY,
    ONE_SHOT,
    ON_DEMAND
}
