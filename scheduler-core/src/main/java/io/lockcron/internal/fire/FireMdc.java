package io.lockcron.internal.fire;

import io.lockcron.job.JobContext;
import org.slf4j.MDC;

/**
 * The fire's identity in the logging context while its body runs, so every line the job (and
 * what it calls) logs names the job, the fire time, the attempt and — once it is issued — the
 * fencing token.
 */
final class FireMdc implements AutoCloseable {
    static final String JOB = "lockcron.job";
    static final String FIRE_TIME = "lockcron.fireTime";
    static final String ATTEMPT = "lockcron.attempt";
    static final String FENCING_TOKEN = "lockcron.fencingToken";

    private FireMdc() {}

    static FireMdc put(JobContext context) {
        MDC.put(JOB, context.jobName());
        MDC.put(FIRE_TIME, context.scheduledFireTime().toString());
        MDC.put(ATTEMPT, Integer.toString(context.attempt()));
        // A transactional fire's token is issued when the job asks for it; the context does not ask.
        if (!(context instanceof FireContext fire) || fire.fireAttempt().id() != 0) {
            MDC.put(FENCING_TOKEN, Long.toString(context.fencingToken()));
        }
        return new FireMdc();
    }

    @Override
    public void close() {
        MDC.remove(JOB);
        MDC.remove(FIRE_TIME);
        MDC.remove(ATTEMPT);
        MDC.remove(FENCING_TOKEN);
    }
}
