package io.lockcron.spring;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import io.lockcron.trigger.MisfirePolicy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method of a singleton bean as a lockcron job: on every node of the service the method is
 * registered, and for each fire exactly one node runs it.
 *
 * <pre>{@code
 * @ClusteredJob(cron = "0 0 6 * * ?", zone = "Europe/Berlin")
 * void sendInvoices(JobContext ctx) {
 *     jdbcTemplate.update("INSERT INTO invoice ...");   // commits with the execution record, once
 * }
 * }</pre>
 *
 * <p>Set exactly one of {@link #cron}, {@link #fixedRate}, {@link #fixedDelay} or {@link #onDemand}.
 * Every {@code String} attribute takes {@code ${...}} placeholders; durations are written as
 * {@code 30s}, {@code 5m}, {@code 2h}, {@code 500ms} or ISO-8601 ({@code PT30S}), a bare number
 * being milliseconds.
 *
 * <p>The method returns {@code void} and takes no parameter or one {@link io.lockcron.job.JobContext}
 * (fire time, idempotency key, fencing token, attempt). Throwing fails the fire.
 *
 * <p>In {@link ExecutionMode#TRANSACTIONAL} mode (the default) the method runs inside the
 * transaction that holds the job's row lock: {@code JdbcTemplate}, {@code JdbcClient}, the
 * starter's {@code Jdbi} and {@code @Transactional} code on the scheduler's DataSource join it, so
 * what the job writes commits exactly once, together with its execution record — or, if the job
 * throws or its node dies, not at all.
 *
 * <p>Invalid attributes fail the application's startup with a message naming the bean, the
 * method, the attribute and its value.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClusteredJob {

    /**
     * The job's name: its key in {@code lock_cron}, the same on every node, unique in the
     * cluster. Default: {@code <beanName>.<methodName>}. Renaming a job makes it a new job.
     */
    String name() default "";

    /**
     * A cron expression as Spring's {@code @Scheduled(cron = ...)} reads it: six fields with seconds
     * first, day-of-week 0 or 7 = Sunday, 1 = Monday ... ({@code 0 0 6 * * 1-5} is 06:00 Monday to
     * Friday), names, macros such as {@code @daily}, and {@code L}, {@code W}, {@code #}. A move
     * from {@code @Scheduled} or ShedLock keeps every schedule. Stored with day names.
     */
    String cron() default "";

    /**
     * The time zone of {@link #cron}, as a region id. Default UTC, so that every node computes the
     * same fire times whatever the zone of its host.
     */
    String zone() default "UTC";

    /** Fire every period, measured from one scheduled fire time to the next. */
    String fixedRate() default "";

    /** Fire this long after the previous fire finished. */
    String fixedDelay() default "";

    /** With {@link #fixedRate} or {@link #fixedDelay}: how long after registration the first fire is. */
    String initialDelay() default "";

    /** Never fire on a schedule, only when triggered (client, actuator endpoint, console). */
    boolean onDemand() default false;

    /** What to do with fires missed while no node could run them. */
    MisfirePolicy misfire() default MisfirePolicy.FIRE_ONCE_NOW;

    /** With {@link MisfirePolicy#CATCH_UP}: how many missed fires to run at most. */
    int catchUpLimit() default JobDefinition.DEFAULT_CATCH_UP_LIMIT;

    /** Runs of a fire before it counts as failed: 1 means no retry. */
    int maxAttempts() default 1;

    /** The wait before the first retry, doubling for each further one. Default: none. */
    String backoff() default "";

    /** How long a run may take before it is interrupted and fails. Default: no limit. */
    String timeout() default "";

    /**
     * {@link ExecutionMode#TRANSACTIONAL} (default): the job runs in the transaction holding its
     * lock. {@link ExecutionMode#LEASE}: for long jobs, which run outside any lockcron transaction.
     */
    ExecutionMode mode() default ExecutionMode.TRANSACTIONAL;

    /** {@code "false"} (e.g. from a placeholder) leaves the job out on this node. */
    String enabled() default "true";
}
