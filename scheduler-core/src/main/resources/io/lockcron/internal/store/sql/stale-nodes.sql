-- Every other active member: whether one is stale is decided by the fencer's own monotonic
-- observation (Staleness), not by differences of database timestamps.
SELECT node_id, incarnation, last_heartbeat, session_id, heartbeat_timeout_ms FROM <prefix>scheduler_node
 WHERE state = 'ACTIVE' AND node_id <> :self
