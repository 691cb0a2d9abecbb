package io.lockcron.internal.store;

import io.lockcron.AttemptOutcome;
import io.lockcron.NodeState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * An earlier attempt at a fire, as a node that found the fire's attempt number taken reads it
 * ({@code prior-attempts.sql}) to decide whether it was lost, or is still someone's.
 */
record PriorAttempt(
        long id,
        int attempt,
        String nodeId,
        @Nullable String sessionId,
        Instant startedAt,
        AttemptOutcome outcome,
        @Nullable Instant lastHeartbeat,
        @Nullable NodeState nodeState,
        @Nullable Integer nodeIncarnation,
        @Nullable Integer recordedAttempt,
        @Nullable Long runningToken) {

    /**
     * Still running in a transaction of its live node's although the lock is free: InnoDB rolled
     * the fire's transaction back whole (a deadlock victim) and the node, whose session the
     * server still shows under its label, is about to record the failure. Taking it over would
     * run the job twice and record a crash that never happened.
     */
    boolean heldByLiveSession(Handle h, SessionLabels labels) {
        return runsOnActiveNode()
                && nodeIncarnation != null
                && labels.isLabelled(h, nodeId, nodeIncarnation, sessionId, startedAt);
    }

    /** Galera: locks and labels are per member; a live node's attempt elsewhere is left to it. */
    boolean runsOnAnotherMember(Handle h, SessionLabels labels) {
        return runsOnActiveNode() && labels.onAnotherLiveMember(h, sessionId);
    }

    boolean committed(int expected) {
        return attempt >= expected && outcome == AttemptOutcome.COMMITTED;
    }

    private boolean runsOnActiveNode() {
        return outcome == AttemptOutcome.RUNNING && nodeState == NodeState.ACTIVE && sessionId != null;
    }

    static PriorAttempt read(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PriorAttempt(
                rs.getLong("id"),
                rs.getInt("attempt"),
                rs.getString("node_id"),
                rs.getString("session_id"),
                Rows.requiredInstant(rs, "started_at"),
                AttemptOutcome.valueOf(rs.getString("outcome")),
                Rows.instant(rs, "last_heartbeat"),
                Rows.nodeState(rs, "node_state"),
                (Integer) rs.getObject("node_incarnation", Integer.class),
                (Integer) rs.getObject("recorded_attempt", Integer.class),
                (Long) rs.getObject("running_token", Long.class));
    }
}
