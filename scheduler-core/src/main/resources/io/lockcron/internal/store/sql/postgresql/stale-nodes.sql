-- Every other active member (see ../stale-nodes.sql), and whether the backend of its last heartbeat
-- is still there: when its process dies its backends exit with its sessions, and the fires they
-- held are taken over at once (SessionEnds). Any role sees every backend's pid. A pid reused since
-- only delays that to the next poll. One read of pg_stat_activity per look, not one per member.
SELECT n.node_id, n.incarnation, n.last_heartbeat, n.session_id, n.heartbeat_timeout_ms,
       CASE WHEN n.session_id IS NULL THEN NULL WHEN a.pid IS NULL THEN 0 ELSE 1 END AS session_open
  FROM <prefix>scheduler_node n
  LEFT JOIN (SELECT CAST(pid AS VARCHAR(32)) AS pid FROM pg_stat_activity) a ON a.pid = n.session_id
 WHERE n.state = 'ACTIVE' AND n.node_id <> :self
