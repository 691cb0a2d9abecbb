package io.lockcron.spring.actuate;

import io.lockcron.NodeInfo;
import io.lockcron.NodeState;
import io.lockcron.Scheduler;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when this node is running, the database answers, the node is an ACTIVE member of
 * {@code scheduler_node}, and its last heartbeat is fresh on the database clock. DOWN when the
 * database cannot be reached, the node is missing, left or was fenced, or its heartbeat is stale
 * (a node that cannot write heartbeats will be fenced by the others). OUT_OF_SERVICE while the
 * node is not started or is stopping.
 */
public final class LockcronHealthIndicator extends AbstractHealthIndicator {
    private final Scheduler scheduler;
    private final Duration maxHeartbeatAge;

    public LockcronHealthIndicator(Scheduler scheduler, Duration maxHeartbeatAge) {
        super("lockcron health check failed");
        this.scheduler = scheduler;
        this.maxHeartbeatAge = maxHeartbeatAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        String nodeId = scheduler.nodeId();
        health.withDetail("node", nodeId);
        if (!scheduler.isRunning()) {
            health.outOfService().withDetail("reason", "the node is not running (not started yet, or stopping)");
            return;
        }
        List<NodeInfo> nodes = scheduler.client().nodes(); // throws, hence DOWN, when the database is away
        long active = nodes.stream()
                .filter(n -> n.state() == NodeState.ACTIVE && n.heartbeatAge().compareTo(maxHeartbeatAge) <= 0)
                .count();
        health.withDetail("activeNodes", active);
        NodeInfo self = nodes.stream()
                .filter(n -> n.nodeId().equals(nodeId))
                .findFirst()
                .orElse(null);
        if (self == null) {
            health.down().withDetail("reason", "this node is not registered in scheduler_node");
            return;
        }
        health.withDetail("state", self.state().name())
                .withDetail("heartbeatAge", self.heartbeatAge().toString());
        if (self.state() != NodeState.ACTIVE) {
            health.down().withDetail("reason", "this node is " + self.state() + " in scheduler_node");
        } else if (self.heartbeatAge().compareTo(maxHeartbeatAge) > 0) {
            health.down()
                    .withDetail(
                            "reason",
                            "the last heartbeat is older than " + maxHeartbeatAge
                                    + " (lockcron.health.max-heartbeat-age)");
        } else {
            health.up();
        }
    }
}
