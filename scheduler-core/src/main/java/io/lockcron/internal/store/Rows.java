package io.lockcron.internal.store;

import io.lockcron.ExecutionInfo;
import io.lockcron.FailoverInfo;
import io.lockcron.FailoverReason;
import io.lockcron.FencingInfo;
import io.lockcron.JobStatus;
import io.lockcron.NodeInfo;
import io.lockcron.NodeState;
import io.lockcron.Outcome;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.FireKind;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.TriggerType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Row mappers, written out: the tables are ours and reflection would only hide a typo. */
final class Rows {
    private Rows() {}

    /** A node state column that an outer join may leave NULL. */
    static @Nullable NodeState nodeState(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : NodeState.valueOf(value);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        Instant value = instant(rs, column);
        if (value == null) {
            throw new SQLException(column + " is null");
        }
        return value;
    }

    static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static JobRow job(ResultSet rs) throws SQLException {
        String lastOutcome = rs.getString("last_outcome");
        return new JobRow(
                rs.getString("lock_name"),
                rs.getString("handler_name"),
                JobStatus.valueOf(rs.getString("status")),
                TriggerType.valueOf(rs.getString("trigger_type")),
                rs.getString("trigger_value"),
                rs.getString("zone_id"),
                MisfirePolicy.valueOf(rs.getString("misfire_policy")),
                rs.getInt("misfire_catch_up"),
                ExecutionMode.valueOf(rs.getString("execution_mode")),
                rs.getInt("max_attempts"),
                rs.getLong("retry_backoff_ms"),
                nullableLong(rs, "timeout_ms"),
                rs.getString("payload"),
                instant(rs, "next_fire_time"),
                instant(rs, "due_time"),
                rs.getInt("failed_attempts"),
                instant(rs, "trigger_requested_at"),
                rs.getString("trigger_requested_by"),
                instant(rs, "last_fire_time"),
                instant(rs, "last_finished_at"),
                lastOutcome == null ? null : Outcome.valueOf(lastOutcome),
                rs.getLong("fencing_token"),
                rs.getString("owner_node"),
                instant(rs, "lease_until"),
                rs.getString("definition_hash"),
                rs.getString("schedule_source"),
                rs.getInt("definition_version"),
                requiredInstant(rs, "updated_at"));
    }

    static ExecutionInfo execution(ResultSet rs) throws SQLException {
        return new ExecutionInfo(
                rs.getLong("id"),
                rs.getString("job_name"),
                requiredInstant(rs, "fire_time"),
                FireKind.valueOf(rs.getString("fire_kind")),
                rs.getInt("attempt"),
                rs.getString("node_id"),
                rs.getLong("fencing_token"),
                requiredInstant(rs, "started_at"),
                instant(rs, "finished_at"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("error"));
    }

    static NodeInfo node(ResultSet rs) throws SQLException {
        Instant heartbeat = requiredInstant(rs, "last_heartbeat");
        return new NodeInfo(
                rs.getString("node_id"),
                rs.getString("host"),
                rs.getLong("pid"),
                requiredInstant(rs, "started_at"),
                heartbeat,
                rs.getString("session_id"),
                NodeState.valueOf(rs.getString("state")),
                Duration.between(heartbeat, requiredInstant(rs, "db_now")),
                rs.getInt("incarnation"),
                instant(rs, "fenced_at"),
                rs.getString("fenced_by"));
    }

    static FencingInfo fencing(ResultSet rs) throws SQLException {
        return new FencingInfo(
                rs.getLong("id"),
                rs.getString("node_id"),
                rs.getInt("incarnation"),
                rs.getString("fenced_by"),
                requiredInstant(rs, "fenced_at"),
                requiredInstant(rs, "last_heartbeat"),
                rs.getInt("sessions_killed"),
                rs.getString("detail"));
    }

    static FailoverInfo failover(ResultSet rs) throws SQLException {
        return new FailoverInfo(
                rs.getLong("id"),
                rs.getString("job_name"),
                requiredInstant(rs, "fire_time"),
                rs.getString("from_node"),
                rs.getString("to_node"),
                FailoverReason.valueOf(rs.getString("reason")),
                rs.getInt("lost_attempt"),
                requiredInstant(rs, "lost_started_at"),
                requiredInstant(rs, "detected_at"),
                Duration.ofMillis(rs.getLong("takeover_delay_ms")));
    }

    /** A BIGINT column of milliseconds as a Duration; null when NULL. */
    static java.time.@org.jspecify.annotations.Nullable Duration millis(java.sql.ResultSet rs, String column)
            throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : java.time.Duration.ofMillis(value);
    }
}
