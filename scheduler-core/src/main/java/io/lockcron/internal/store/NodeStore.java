package io.lockcron.internal.store;

import io.lockcron.FencingInfo;
import io.lockcron.NodeInfo;
import io.lockcron.NodeState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@code scheduler_node} and {@code fencing_event} tables: who is in the cluster, who was fenced. */
public final class NodeStore {
    private final Store store;

    NodeStore(Store store) {
        this.store = store;
    }

    /** A node's membership as the table has it. */
    public record Membership(
            NodeState state,
            int incarnation,
            @Nullable String fencedBy,
            @Nullable Instant fencedAt,
            @Nullable String host,
            long pid,
            @Nullable Instant lastHeartbeat) {}

    /**
     * Another active member, as a candidate for fencing; {@code sessionOpen}: whether the session of
     * its last heartbeat is still open, null where the database cannot tell.
     */
    public record StaleNode(
            String nodeId,
            int incarnation,
            Instant lastHeartbeat,
            @Nullable String sessionId,
            java.time.@Nullable Duration heartbeatTimeout,
            @Nullable Boolean sessionOpen) {}

    /** How a node is configured to heartbeat, published for the fencers. */
    public record Heartbeats(java.time.Duration interval, java.time.Duration timeout) {}

    /** A database session in which a node runs (or ran) a fire of {@code job}. */
    public record RunningSession(String job, String sessionId) {}

    /** Joins the cluster, as a new incarnation if the node was a member before; returns the incarnation. */
    public int join(String nodeId, String host, long pid, Heartbeats heartbeats) {
        return store.jdbi().withHandle(h -> {
            int updated = store.update(h, "rejoin-node")
                    .bind("node", nodeId)
                    .bind("host", host)
                    .bind("pid", pid)
                    .bind("expected", -1)
                    .bind("intervalMs", heartbeats.interval().toMillis())
                    .bind("timeoutMs", heartbeats.timeout().toMillis())
                    .execute();
            if (updated == 0) {
                store.update(h, "insert-node")
                        .bind("node", nodeId)
                        .bind("host", host)
                        .bind("pid", pid)
                        .bind("intervalMs", heartbeats.interval().toMillis())
                        .bind("timeoutMs", heartbeats.timeout().toMillis())
                        .execute();
            }
            return membership(nodeId).orElseThrow().incarnation();
        });
    }

    /**
     * Joins again after incarnation {@code expected} was fenced or left; empty if the row has
     * moved on since — another process runs with this node id.
     */
    public java.util.OptionalInt rejoin(String nodeId, String host, long pid, int expected, Heartbeats heartbeats) {
        return store.jdbi().withHandle(h -> {
            int updated = store.update(h, "rejoin-node")
                    .bind("node", nodeId)
                    .bind("host", host)
                    .bind("pid", pid)
                    .bind("expected", expected)
                    .bind("intervalMs", heartbeats.interval().toMillis())
                    .bind("timeoutMs", heartbeats.timeout().toMillis())
                    .execute();
            return updated == 1 ? java.util.OptionalInt.of(expected + 1) : java.util.OptionalInt.empty();
        });
    }

    /** False if this incarnation is no longer an active member: it left, or was fenced. */
    public boolean heartbeat(String nodeId, int incarnation) {
        return store.jdbi()
                .withHandle(h -> store.update(h, "heartbeat")
                                .bind("node", nodeId)
                                .bind("incarnation", incarnation)
                                .execute()
                        == 1);
    }

    public Optional<Membership> membership(String nodeId) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "node-state")
                        .bind("node", nodeId)
                        .map((rs, ctx) -> new Membership(
                                NodeState.valueOf(rs.getString("state")),
                                rs.getInt("incarnation"),
                                rs.getString("fenced_by"),
                                Rows.instant(rs, "fenced_at"),
                                rs.getString("host"),
                                rs.getLong("pid"),
                                Rows.instant(rs, "last_heartbeat")))
                        .findOne());
    }

    public void leave(String nodeId, int incarnation) {
        store.jdbi()
                .useHandle(h -> store.update(h, "leave-node")
                        .bind("node", nodeId)
                        .bind("incarnation", incarnation)
                        .execute());
    }

    /** Every other active member, candidates for the fencer's own judgement of staleness. */
    public List<StaleNode> others(String self) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "stale-nodes")
                        .bind("self", self)
                        .map((rs, ctx) -> new StaleNode(
                                rs.getString("node_id"),
                                rs.getInt("incarnation"),
                                Rows.requiredInstant(rs, "last_heartbeat"),
                                rs.getString("session_id"),
                                Rows.millis(rs, "heartbeat_timeout_ms"),
                                sessionOpen(rs)))
                        .list());
    }

    private static @Nullable Boolean sessionOpen(java.sql.ResultSet rs) throws java.sql.SQLException {
        int open = rs.getInt("session_open");
        return rs.wasNull() ? null : open != 0;
    }

    /** Marks a stale incarnation fenced; false if another node did first or it is alive again. */
    public boolean fence(StaleNode node, String self) {
        return store.jdbi()
                .withHandle(h -> store.update(h, "fence-node")
                                .bind("node", node.nodeId())
                                .bind("incarnation", node.incarnation())
                                .bind("observed", node.lastHeartbeat())
                                .bind("self", self)
                                .execute()
                        == 1);
    }

    public List<RunningSession> runningSessions(String nodeId) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "running-sessions")
                        .bind("node", nodeId)
                        .map((rs, ctx) -> new RunningSession(rs.getString("job_name"), rs.getString("session_id")))
                        .list());
    }

    /** What fencing one incarnation did: sessions ended for sure, and what failed. */
    public record SessionKills(int killed, @Nullable String problems) {}

    /**
     * Ends every database session the server proves belongs to {@code node}'s incarnation (see
     * {@link SessionLabels}); {@code recorded} are the ids the tables name, used only where the
     * database can carry no label (H2).
     */
    public SessionKills killSessions(StaleNode node, java.util.Collection<String> recorded) {
        SessionIdentity.Kills kills =
                store.jdbi().withHandle(h -> store.sessions().kill(h, node.nodeId(), node.incarnation(), recorded));
        return new SessionKills(
                kills.killed(), kills.problems().isEmpty() ? null : String.join("; ", kills.problems()));
    }

    public void recordFencing(StaleNode node, String self, int killed, @Nullable String detail) {
        store.jdbi()
                .useHandle(h -> store.update(h, "insert-fencing")
                        .bind("node", node.nodeId())
                        .bind("incarnation", node.incarnation())
                        .bind("self", self)
                        .bind("lastHeartbeat", node.lastHeartbeat())
                        .bind("killed", killed)
                        .bind("detail", detail)
                        .execute());
    }

    public List<FencingInfo> fencings(int limit) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "list-fencings")
                        .bind("limit", limit)
                        .map((rs, ctx) -> Rows.fencing(rs))
                        .list());
    }

    public List<NodeInfo> all() {
        return store.jdbi()
                .withHandle(h -> store.query(h, "list-nodes")
                        .map((rs, ctx) -> Rows.node(rs))
                        .list());
    }
}
