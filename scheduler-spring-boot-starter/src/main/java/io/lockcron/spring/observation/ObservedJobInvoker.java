package io.lockcron.spring.observation;

import io.lockcron.job.JobContext;
import io.lockcron.job.JobHandler;
import io.lockcron.job.JobInvoker;
import io.lockcron.spring.job.JobNames;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes each job body as {@code lockcron.fire} (a span where tracing is set up, a timer
 * otherwise), inside the fire's transaction. Low-cardinality keys: {@code job} (the registered job,
 * also for one-shot entries), {@code fire.kind}, {@code mode}; high-cardinality: {@code instance}
 * (a one-shot entry's), {@code fire.time}, {@code attempt}, {@code fencing.token}.
 */
public final class ObservedJobInvoker implements JobInvoker {
    static final String NAME = "lockcron.fire";

    private final JobInvoker delegate;
    private final ObservationRegistry registry;
    private final JobNames names;

    public ObservedJobInvoker(JobInvoker delegate, ObservationRegistry registry, JobNames names) {
        this.delegate = delegate;
        this.registry = registry;
        this.names = names;
    }

    @Override
    public void invoke(JobContext context, JobHandler handler) throws Exception {
        String job = names.job(context.jobName());
        String instance = names.instance(context.jobName());
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("lockcron " + job)
                .lowCardinalityKeyValue("job", job)
                .lowCardinalityKeyValue("fire.kind", context.fireKind().name())
                .lowCardinalityKeyValue("mode", context.mode().name())
                .highCardinalityKeyValue("instance", instance == null ? "" : instance)
                .highCardinalityKeyValue(
                        "fire.time", context.scheduledFireTime().toString())
                // No fencing token: a transactional fire's token is issued when its job asks for it,
                // and asking here would put every fire's attempt on record (see JobContext#fencingToken).
                .highCardinalityKeyValue("attempt", Integer.toString(context.attempt()))
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            delegate.invoke(context, handler);
        } catch (Exception | Error e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }
}
