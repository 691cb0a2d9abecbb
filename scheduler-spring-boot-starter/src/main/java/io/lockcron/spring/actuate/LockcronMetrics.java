package io.lockcron.spring.actuate;

import io.lockcron.ExecutionInfo;
import io.lockcron.FailoverInfo;
import io.lockcron.NodeState;
import io.lockcron.SchedulerClient;
import io.lockcron.SchedulerListener;
import io.lockcron.spring.job.JobNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of a node, fed by its {@link SchedulerListener} events:
 *
 * <ul>
 *   <li>{@code lockcron.executions} (timer; tags {@code job}, {@code outcome}): committed executions
 *       and their durations, on this node;
 *   <li>{@code lockcron.trigger.lag} (timer; tag {@code job}): how late fires started after their
 *       scheduled time;
 *   <li>{@code lockcron.failovers} (counter; tags {@code job}, {@code reason}): fires this node took
 *       over from a node that lost them;
 *   <li>{@code lockcron.fencings} (counter): nodes this node fenced;
 *   <li>{@code lockcron.nodes.active} (gauge): ACTIVE nodes with a fresh heartbeat, read from
 *       {@code scheduler_node} when scraped;
 *   <li>{@code lockcron.database.up} (gauge): 1 while this node reaches its database, else 0.
 * </ul>
 *
 * <p>The {@code job} tag of a one-shot entry ({@code job:instance}) is its job's name: instance
 * names are unbounded and would make a meter per entry.
 */
public final class LockcronMetrics implements SchedulerListener, MeterBinder {
    private final SchedulerClient client;
    private final Duration maxHeartbeatAge;
    private final JobNames names;
    private final AtomicInteger databaseUp = new AtomicInteger(1);
    private volatile @Nullable MeterRegistry registry;

    public LockcronMetrics(SchedulerClient client, Duration maxHeartbeatAge) {
        this(client, maxHeartbeatAge, new JobNames(List::of));
    }

    /** @param names turns a one-shot entry's name into its job's, so no tag carries an instance name */
    public LockcronMetrics(SchedulerClient client, Duration maxHeartbeatAge, JobNames names) {
        this.client = client;
        this.maxHeartbeatAge = maxHeartbeatAge;
        this.names = names;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("lockcron.nodes.active", this, LockcronMetrics::activeNodes)
                .description("ACTIVE lockcron nodes with a fresh heartbeat")
                .register(registry);
        Gauge.builder("lockcron.database.up", databaseUp, AtomicInteger::get)
                .description("1 while this node reaches the scheduler's database")
                .register(registry);
    }

    @Override
    public void executionFinished(ExecutionInfo execution) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        execution
                .duration()
                .ifPresent(d -> Timer.builder("lockcron.executions")
                        .description("Committed executions of lockcron jobs on this node")
                        .tag("job", names.job(execution.jobName()))
                        .tag("outcome", execution.outcome().name())
                        .register(r)
                        .record(d));
        Duration lag = execution.lag();
        Timer.builder("lockcron.trigger.lag")
                .description("How late fires started after their scheduled time")
                .tag("job", names.job(execution.jobName()))
                .register(r)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void failoverDetected(FailoverInfo failover) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder("lockcron.failovers")
                    .description("Fires this node took over from a node that lost them")
                    .tag("job", names.job(failover.jobName()))
                    .tag("reason", failover.reason().name())
                    .register(r)
                    .increment();
        }
    }

    @Override
    public void nodeFenced(String fencedNodeId, String byNodeId) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder("lockcron.fencings")
                    .description("Nodes this node fenced")
                    .register(r)
                    .increment();
        }
    }

    @Override
    public void databaseAvailability(boolean down) {
        databaseUp.set(down ? 0 : 1);
    }

    private double activeNodes() {
        try {
            return client.nodes().stream()
                    .filter(n ->
                            n.state() == NodeState.ACTIVE && n.heartbeatAge().compareTo(maxHeartbeatAge) <= 0)
                    .count();
        } catch (RuntimeException e) {
            return Double.NaN; // the database is away: no value rather than a wrong one
        }
    }
}
