package io.lockcron.spring.actuate;

import io.lockcron.ExecutionInfo;
import io.lockcron.ExecutionQuery;
import io.lockcron.FailoverInfo;
import io.lockcron.JobInfo;
import io.lockcron.JobPromise;
import io.lockcron.NodeInfo;
import io.lockcron.PromiseReport;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/lockcron}: the cluster's jobs, nodes, recent executions and failovers, and the
 * promise audited over the last hour ({@code promiseLastHour.kept}, to alert on);
 * {@code /actuator/lockcron/{job}}: one job and its recent executions; and, as a write operation
 * ({@code POST /actuator/lockcron/{job}}), "trigger now".
 *
 * <p>Read-only by default: triggering needs {@code management.endpoint.lockcron.access=unrestricted},
 * and, as for any endpoint, exposing it over HTTP needs {@code management.endpoints.web.exposure.include}.
 * Secure it as you secure the rest of Actuator.
 */
@Endpoint(id = "lockcron", defaultAccess = Access.READ_ONLY)
public class LockcronEndpoint {
    static final int RECENT = 20;

    private final Scheduler scheduler;

    public LockcronEndpoint(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The whole cluster as this node sees it in the tables. */
    public record Cluster(
            String node,
            boolean running,
            List<JobInfo> jobs,
            List<NodeInfo> nodes,
            List<ExecutionInfo> recentExecutions,
            List<FailoverInfo> recentFailovers,
            Promise promiseLastHour) {}

    /**
     * The promise audited over the last hour ({@link SchedulerClient#promise}), to alert on:
     * {@code kept} is false when a fire the schedule asked for has no explained gap, or one was
     * recorded twice. {@code refused} says why it could not be audited (too many fires in the hour).
     */
    public record Promise(
            Instant from,
            Instant to,
            boolean kept,
            long expected,
            long unexplained,
            long recordedTwice,
            List<JobPromise> jobs,
            @Nullable String refused) {
        static Promise of(SchedulerClient client) {
            Instant to = client.now();
            Instant from = to.minus(Duration.ofHours(1));
            try {
                PromiseReport report = client.promise(from, to, null);
                return new Promise(
                        from,
                        to,
                        report.kept(),
                        report.expected(),
                        report.unexplained(),
                        report.recordedTwice(),
                        report.jobs(),
                        null);
            } catch (IllegalArgumentException e) {
                return new Promise(from, to, false, 0, 0, 0, List.of(), e.getMessage());
            }
        }
    }

    /** One job and its latest executions. */
    public record Job(JobInfo job, List<ExecutionInfo> recentExecutions) {}

    /** The answer to "trigger now". */
    public record Triggered(String job, String requestedBy, String note) {}

    @ReadOperation
    public Cluster cluster() {
        SchedulerClient client = scheduler.client();
        return new Cluster(
                scheduler.nodeId(),
                scheduler.isRunning(),
                client.jobs(),
                client.nodes(),
                client.executions(ExecutionQuery.all().page(0, RECENT)).items(),
                client.failovers(RECENT),
                Promise.of(client));
    }

    /** Null (HTTP 404) for an unknown job. */
    @ReadOperation
    public @Nullable Job job(@Selector String name) {
        SchedulerClient client = scheduler.client();
        return client.job(name)
                .map(job -> new Job(
                        job,
                        client.executions(ExecutionQuery.all().job(name).page(0, RECENT))
                                .items()))
                .orElse(null);
    }

    /** Runs the job once as soon as a node can; recorded in the audit log. Null (HTTP 404) for an unknown job. */
    @WriteOperation
    public @Nullable Triggered trigger(@Selector String name) {
        SchedulerClient client = scheduler.client();
        if (client.job(name).isEmpty()) {
            return null;
        }
        String by = "actuator@" + scheduler.nodeId();
        client.triggerNow(name, by);
        client.recordAction(by, "TRIGGER", name, "trigger now through /actuator/lockcron");
        return new Triggered(name, by, "a node runs it within about one poll interval");
    }
}
