package io.lockcron.testing;

import io.lockcron.ExecutionInfo;
import io.lockcron.FailoverInfo;
import io.lockcron.SchedulerListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one node told its listener, with when it heard it on this machine's clock: executions
 * whose commit the node saw acknowledged (so the database promised to keep them), failovers it
 * took, and its view of the database going away and coming back.
 */
public final class NodeWitness implements SchedulerListener {
    /** A committed execution and when its commit returned. */
    public record Acknowledged(String job, Instant fireTime, String node, Instant at) {
        public String fire() {
            return job + "@" + fireTime;
        }
    }

    /** A change of the node's database availability ({@code down} or back). */
    public record Availability(boolean down, Instant at) {}

    private final List<Acknowledged> executions = new CopyOnWriteArrayList<>();
    private final List<FailoverInfo> failovers = new CopyOnWriteArrayList<>();
    private final List<Availability> availability = new CopyOnWriteArrayList<>();

    @Override
    public void executionFinished(ExecutionInfo execution) {
        executions.add(new Acknowledged(execution.jobName(), execution.fireTime(), execution.nodeId(), Instant.now()));
    }

    @Override
    public void failoverDetected(FailoverInfo failover) {
        failovers.add(failover);
    }

    @Override
    public void databaseAvailability(boolean down) {
        availability.add(new Availability(down, Instant.now()));
    }

    public List<Acknowledged> executions() {
        return List.copyOf(executions);
    }

    /** Executions acknowledged after {@code instant}. */
    public List<Acknowledged> executionsAfter(Instant instant) {
        return executions.stream().filter(e -> e.at().isAfter(instant)).toList();
    }

    public List<FailoverInfo> failovers() {
        return List.copyOf(failovers);
    }

    public List<Availability> availability() {
        return List.copyOf(availability);
    }
}
