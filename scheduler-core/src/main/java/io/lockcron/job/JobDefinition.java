package io.lockcron.job;

import io.lockcron.InvalidJobException;
import io.lockcron.LockcronException;
import io.lockcron.trigger.CronTrigger;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A job as the code declares it. Nodes upsert their definitions into {@code lock_cron} at start;
 * a schedule changed through the client is kept over the code's until the code's changes.
 */
public record JobDefinition(
        String name,
        Trigger trigger,
        MisfirePolicy misfirePolicy,
        int misfireCatchUpLimit,
        RetryPolicy retry,
        @Nullable Duration timeout,
        ExecutionMode mode,
        JobHandler handler) {

    public static final int MAX_NAME_LENGTH = 190;
    public static final int DEFAULT_CATCH_UP_LIMIT = 10;

    public JobDefinition {
        checkName(name);
        if (misfireCatchUpLimit < 1) {
            throw new InvalidJobException(
                    "Job '" + name + "': misfire catch-up limit must be at least 1, was " + misfireCatchUpLimit);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidJobException("Job '" + name + "': timeout must be positive, was " + timeout);
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @throws InvalidJobException if the name cannot be a {@code lock_cron} key */
    public static void checkName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidJobException("A job needs a non-blank name.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidJobException("Job '" + name + "': the name has " + name.length() + " characters, at most "
                    + MAX_NAME_LENGTH + " fit lock_cron.lock_name. Shorten it.");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidJobException("Job '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "': the name contains control characters. Use printable characters only.");
        }
    }

    public static final class Builder {
        private final String name;
        private @Nullable Trigger trigger;
        private MisfirePolicy misfirePolicy = MisfirePolicy.FIRE_ONCE_NOW;
        private int catchUpLimit = DEFAULT_CATCH_UP_LIMIT;
        private RetryPolicy retry = RetryPolicy.none();
        private @Nullable Duration timeout;
        private ExecutionMode mode = ExecutionMode.TRANSACTIONAL;
        private @Nullable JobHandler handler;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder cron(String expression) {
            return cron(expression, "UTC");
        }

        public Builder cron(String expression, String zone) {
            return trigger(() -> Triggers.cron(expression, zone));
        }

        public Builder cron(String expression, ZoneId zone) {
            return trigger(() -> Triggers.cron(expression, zone));
        }

        public Builder fixedRate(Duration period) {
            return trigger(() -> Triggers.fixedRate(period));
        }

        public Builder fixedDelay(Duration delay) {
            return trigger(() -> Triggers.fixedDelay(delay));
        }

        public Builder onDemand() {
            return trigger(Triggers::onDemand);
        }

        public Builder trigger(Trigger trigger) {
            this.trigger = trigger;
            return this;
        }

        private Builder trigger(Supplier<Trigger> factory) {
            try {
                this.trigger = factory.get();
            } catch (LockcronException e) {
                throw new InvalidJobException("Job '" + name + "': " + e.getMessage(), e);
            }
            return this;
        }

        public Builder misfire(MisfirePolicy policy) {
            this.misfirePolicy = policy;
            return this;
        }

        /** Misfire policy {@link MisfirePolicy#CATCH_UP}, running at most {@code limit} missed fires. */
        public Builder catchUp(int limit) {
            this.misfirePolicy = MisfirePolicy.CATCH_UP;
            this.catchUpLimit = limit;
            return this;
        }

        public Builder retry(int maxAttempts, Duration backoff) {
            try {
                this.retry = RetryPolicy.of(maxAttempts, backoff);
            } catch (LockcronException e) {
                throw new InvalidJobException("Job '" + name + "': " + e.getMessage(), e);
            }
            return this;
        }

        public Builder timeout(@Nullable Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** {@link ExecutionMode#TRANSACTIONAL} (default), or {@link ExecutionMode#LEASE} for long jobs. */
        public Builder mode(ExecutionMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder handler(JobHandler handler) {
            this.handler = handler;
            return this;
        }

        public JobDefinition build() {
            checkName(name);
            if (trigger == null) {
                throw new InvalidJobException("Job '" + name
                        + "' has no trigger. Give it one: cron(...), fixedRate(...), fixedDelay(...) or onDemand().");
            }
            if (handler == null) {
                throw new InvalidJobException(
                        "Job '" + name + "' has no handler. Give it one with handler(ctx -> ...).");
            }
            if (trigger instanceof CronTrigger cron
                    && cron.firstFire(Instant.now()).isEmpty()) {
                throw new InvalidJobException(
                        "Job '" + name + "': cron expression '" + cron.value()
                                + "' has no fire time from now on (a past year, or a date that never comes), so the job"
                                + " would never run. Fix the expression, or use onDemand() for a job that only runs on request.");
            }
            return new JobDefinition(name, trigger, misfirePolicy, catchUpLimit, retry, timeout, mode, handler);
        }
    }
}
