package io.lockcron.job;

/**
 * Wraps every run of a job body, on the worker thread: the place to bind the fire's transaction
 * to a framework (the Spring Boot starter binds it to Spring's transaction synchronization so
 * {@code JdbcTemplate} joins it), or to set up logging context. Must call {@code handler} once.
 */
@FunctionalInterface
public interface JobInvoker {
    JobInvoker DIRECT = (context, handler) -> handler.execute(context);

    void invoke(JobContext context, JobHandler handler) throws Exception;
}
