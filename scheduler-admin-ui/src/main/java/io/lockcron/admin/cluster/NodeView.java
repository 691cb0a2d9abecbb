package io.lockcron.admin.cluster;

import io.lockcron.NodeInfo;
import io.lockcron.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node of the cluster, with the jobs it runs a fire of now. {@code incarnation} grows each time
 * the node id joins again; {@code fencedAt} and {@code fencedBy} tell when and by whom it was fenced.
 */
public record NodeView(
        String nodeId,
        String host,
        long pid,
        NodeState state,
        NodeHealth health,
        Instant startedAt,
        Instant lastHeartbeat,
        long heartbeatAgeMs,
        @Nullable String sessionId,
        int incarnation,
        @Nullable Instant fencedAt,
        @Nullable String fencedBy,
        List<String> runningJobs) {

    static NodeView of(NodeInfo node, Duration deadAfter, List<String> runningJobs) {
        return new NodeView(
                node.nodeId(),
                node.host(),
                node.pid(),
                node.state(),
                health(node, deadAfter),
                node.startedAt(),
                node.lastHeartbeat(),
                node.heartbeatAge().toMillis(),
                node.sessionId(),
                node.incarnation(),
                node.fencedAt(),
                node.fencedBy(),
                List.copyOf(runningJobs));
    }

    private static NodeHealth health(NodeInfo node, Duration deadAfter) {
        return switch (node.state()) {
            case LEFT -> NodeHealth.LEFT;
            case FENCED -> NodeHealth.FENCED;
            case ACTIVE -> node.heartbeatAge().compareTo(deadAfter) > 0 ? NodeHealth.DEAD : NodeHealth.ALIVE;
        };
    }
}
