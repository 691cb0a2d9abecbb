package io.lockcron.admin.cluster;

import io.lockcron.NodeInfo;
import java.time.Instant;
import java.util.Collection;

/**
 * "Now" on the database clock, which decides everything in lockcron. The client has no call for
 * it, but each node's heartbeat age is measured against database time, so heartbeat plus age is
 * the database's now; with no node on record the console's own clock has to do.
 */
final class ClusterClock {
    private ClusterClock() {}

    static Instant now(Collection<NodeInfo> nodes) {
        return nodes.stream()
                .map(n -> n.lastHeartbeat().plus(n.heartbeatAge()))
                .max(Instant::compareTo)
                .orElseGet(Instant::now);
    }
}
