package io.lockcron.internal.node;

import io.lockcron.NodeState;
import io.lockcron.internal.store.NodeStore;
import io.lockcron.internal.store.Store;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's membership under its node id: one node id, one live process. A process that
 * starts with the id of a running one becomes the next incarnation; the older process sees at its
 * next heartbeat that the id has moved on and steps down instead of joining again, so the two
 * never displace each other, and leaving never marks a newer incarnation LEFT.
 */
final class Membership {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);
    private final Store store;
    private final String nodeId;
    private final NodeStore.Heartbeats heartbeats;

    Membership(Store store, String nodeId, NodeStore.Heartbeats heartbeats) {
        this.store = store;
        this.nodeId = nodeId;
        this.heartbeats = heartbeats;
    }

    /** Joins at start, as the next incarnation if the id was known; warns if a live process had it. */
    int join() {
        Optional<NodeStore.Membership> before = store.nodes().membership(nodeId);
        long pid = ProcessHandle.current().pid();
        String host = NodeConfig.host();
        before.filter(m -> m.state() == NodeState.ACTIVE && !(host.equals(m.host()) && m.pid() == pid))
                .ifPresent(m -> log.warn(
                        "Node id '{}' was in use by another process (host {}, pid {}, last heartbeat {}); this process"
                                + " takes it over as incarnation {} and that one will step down. Give every process"
                                + " its own node id (SchedulerBuilder.nodeId) unless this is a restart.",
                        nodeId,
                        m.host(),
                        m.pid(),
                        m.lastHeartbeat(),
                        m.incarnation() + 1));
        return store.nodes().join(nodeId, host, pid, heartbeats);
    }

    /** Whether another process now runs with this node id (a newer incarnation); logs it if so. */
    boolean displaced(int current) {
        Optional<NodeStore.Membership> now = store.nodes().membership(nodeId);
        if (now.isPresent() && now.get().incarnation() != current && now.get().state() == NodeState.ACTIVE) {
            displaced(current, now.get());
            return true;
        }
        return false;
    }

    /**
     * After incarnation {@code current} lost its membership (fenced, or marked left): the next
     * incarnation, or empty if another process now runs with this node id and this one must stop.
     */
    OptionalInt rejoin(int current) {
        Optional<NodeStore.Membership> now = store.nodes().membership(nodeId);
        if (now.isPresent() && now.get().incarnation() != current) {
            displaced(current, now.get());
            return OptionalInt.empty();
        }
        if (now.isPresent() && now.get().state() == NodeState.FENCED) {
            log.warn(
                    "Node {} was fenced by {} at {}: its heartbeat was late (a pause, a freeze or a partition)."
                            + " Its running fires are abandoned; it joins again as a new member.",
                    nodeId,
                    now.get().fencedBy(),
                    now.get().fencedAt());
        } else {
            log.warn("Node {} was not an active member any more; joining again", nodeId);
        }
        if (now.isEmpty()) {
            return OptionalInt.of(store.nodes()
                    .join(nodeId, NodeConfig.host(), ProcessHandle.current().pid(), heartbeats));
        }
        OptionalInt next = store.nodes()
                .rejoin(nodeId, NodeConfig.host(), ProcessHandle.current().pid(), current, heartbeats);
        if (next.isEmpty()) {
            store.nodes().membership(nodeId).ifPresent(m -> displaced(current, m));
        }
        return next;
    }

    void leave(int incarnation) {
        store.nodes().leave(nodeId, incarnation);
    }

    private void displaced(int current, NodeStore.Membership now) {
        log.error(
                "Node {} (incarnation {}) steps down: another process (host {}, pid {}) runs with the same node id"
                        + " as incarnation {}. This process stops firing. Give every process its own node id"
                        + " (SchedulerBuilder.nodeId).",
                nodeId,
                current,
                now.host(),
                now.pid(),
                now.incarnation());
    }
}
