package io.lockcron.spring.autoconfigure;

import io.lockcron.SchedulerBuilder;
import java.time.Duration;
import java.util.function.Consumer;

/** Applies the {@code lockcron.*} properties to a builder, naming the property when the builder refuses a value. */
final class SchedulerProperties {
    private SchedulerProperties() {}

    static void apply(LockcronProperties p, SchedulerBuilder builder) {
        set("lockcron.table-prefix", p.getTablePrefix(), builder::tablePrefix);
        set("lockcron.poll-interval", p.getPollInterval(), builder::pollInterval);
        set("lockcron.heartbeat-interval", p.getHeartbeatInterval(), builder::heartbeatInterval);
        set("lockcron.heartbeat-timeout", p.getHeartbeatTimeout(), builder::heartbeatTimeout);
        if (p.getHeartbeatTimeout().compareTo(p.getHeartbeatInterval().multipliedBy(2)) < 0) {
            throw new IllegalStateException("lockcron.heartbeat-timeout = " + p.getHeartbeatTimeout()
                    + " must be at least twice lockcron.heartbeat-interval = " + p.getHeartbeatInterval()
                    + ", or healthy nodes get fenced. Raise lockcron.heartbeat-timeout.");
        }
        set("lockcron.lease-duration", p.getLeaseDuration(), builder::leaseDuration);
        set("lockcron.idle-limit", p.getIdleLimit(), builder::idleLimit);
        set("lockcron.worker-threads", p.getWorkerThreads(), builder::workerThreads);
        set("lockcron.misfire-threshold", p.getMisfireThreshold(), builder::misfireThreshold);
        set("lockcron.shutdown-timeout", p.getShutdownTimeout(), builder::shutdownTimeout);
        Duration retention = p.getHistory().getRetention();
        set("lockcron.history.retention", retention, r -> builder.historyRetention(r.isZero() ? null : r));
        set("lockcron.history.purge-interval", p.getHistory().getPurgeInterval(), builder::purgeInterval);
        if (!p.getTablePrefix().matches("[A-Za-z0-9_]*")) {
            throw new IllegalStateException("lockcron.table-prefix '" + p.getTablePrefix()
                    + "' may contain only letters, digits and underscores.");
        }
    }

    private static <T> void set(String property, T value, Consumer<T> setter) {
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " = " + value + " is invalid: " + e.getMessage(), e);
        }
    }
}
