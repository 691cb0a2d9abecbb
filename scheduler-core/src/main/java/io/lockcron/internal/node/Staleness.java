package io.lockcron.internal.node;

import io.lockcron.internal.store.NodeStore.StaleNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which nodes are stale from this node's own monotonic observation, not from differences
 * of database timestamps: a node is stale once its heartbeat (the value in the table) has not
 * changed for its timeout — the larger of its published one and this node's — across looks of this
 * node's own that came at a regular pace. A database clock stepped forward or back changes no
 * verdict, and after this node was itself paused or starved (a gap between looks) it watches
 * afresh instead of fencing everyone whose heartbeat it did not see meanwhile. Used from the
 * heartbeat thread only.
 */
final class Staleness {
    private record Seen(int incarnation, Instant heartbeat, long sinceNanos, long timeoutNanos) {
        long staleAtNanos() {
            return sinceNanos + timeoutNanos;
        }
    }

    private final Duration ownTimeout;
    private final long maxGapNanos;
    private final Map<String, Seen> seen = new HashMap<>();
    private long lastLookNanos = Long.MIN_VALUE;

    Staleness(Duration heartbeatInterval, Duration heartbeatTimeout) {
        this.ownTimeout = heartbeatTimeout;
        // A few missed beats of our own mean our window proves nothing about the others.
        this.maxGapNanos = Math.min(
                heartbeatTimeout.toNanos(), heartbeatInterval.multipliedBy(3).toNanos());
    }

    /** The members among {@code others} watched standing still for their timeout, as of {@code nowNanos}. */
    List<StaleNode> stale(List<StaleNode> others, long nowNanos) {
        boolean gap = lastLookNanos == Long.MIN_VALUE || nowNanos - lastLookNanos > maxGapNanos;
        lastLookNanos = nowNanos;
        Set<String> present = others.stream().map(StaleNode::nodeId).collect(Collectors.toSet());
        seen.keySet().retainAll(present);
        List<StaleNode> stale = new ArrayList<>();
        for (StaleNode node : others) {
            Seen before = seen.get(node.nodeId());
            if (gap
                    || before == null
                    || before.incarnation() != node.incarnation()
                    || !before.heartbeat().equals(node.lastHeartbeat())) {
                long timeout = timeoutOf(node).toNanos();
                seen.put(node.nodeId(), new Seen(node.incarnation(), node.lastHeartbeat(), nowNanos, timeout));
            } else if (nowNanos - before.staleAtNanos() >= 0) {
                stale.add(node);
            }
        }
        return stale;
    }

    /**
     * The (monotonic) instant the first watched node turns stale if its heartbeat stays as last seen:
     * a look then fences it without waiting for the next regular one. {@code Long.MAX_VALUE} if none.
     */
    long nextVerdictNanos() {
        long next = Long.MAX_VALUE;
        for (Seen s : seen.values()) {
            next = Math.min(next, s.staleAtNanos());
        }
        return next;
    }

    private Duration timeoutOf(StaleNode node) {
        Duration published = node.heartbeatTimeout();
        return published != null && published.compareTo(ownTimeout) > 0 ? published : ownTimeout;
    }
}
