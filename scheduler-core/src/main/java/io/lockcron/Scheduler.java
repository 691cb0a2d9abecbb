package io.lockcron;

import javax.sql.DataSource;

/**
 * One node of a lockcron cluster. Every node of a service registers the same jobs; for each fire
 * exactly one of them runs it, under the job's row lock in {@code lock_cron}.
 *
 * <pre>{@code
 * Scheduler scheduler = Scheduler.builder(dataSource)
 *         .job(JobDefinition.builder("send-invoices")
 *                 .cron("0 0 6 * * ?", "Europe/Berlin")
 *                 .handler(ctx -> invoices.sendDue(ctx.handle()))
 *                 .build())
 *         .build();
 * scheduler.start();
 * }</pre>
 */
public interface Scheduler extends AutoCloseable {

    static SchedulerBuilder builder(DataSource dataSource) {
        return new SchedulerBuilder(dataSource);
    }

    /**
     * Checks the schema, registers the jobs and the node, and starts firing.
     *
     * @throws SchemaException if the tables are missing or at another version
     * @throws DatabaseUnavailableException if the database cannot be reached
     */
    void start();

    /**
     * Stops firing, lets running fires finish for up to the shutdown timeout, and leaves the
     * cluster. Fires still running after that are interrupted and rolled back; another node runs them.
     */
    void stop();

    boolean isRunning();

    String nodeId();

    /** A client on the same tables. */
    SchedulerClient client();

    @Override
    default void close() {
        stop();
    }
}
