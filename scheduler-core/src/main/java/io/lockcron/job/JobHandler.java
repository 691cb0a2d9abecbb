package io.lockcron.job;

/** The body of a job. Throwing fails the fire: its database work is rolled back and retried per policy. */
@FunctionalInterface
public interface JobHandler {
    void execute(JobContext context) throws Exception;
}
