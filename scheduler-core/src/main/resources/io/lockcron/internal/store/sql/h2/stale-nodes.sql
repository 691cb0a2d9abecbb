-- Every other active member (see ../stale-nodes.sql), and whether the session of its last heartbeat
-- is still open (an H2 server's sessions, as an admin sees them; an embedded database's members die
-- with the process that holds it): the fires a dead member held are then taken over at once (SessionEnds).
SELECT n.node_id, n.incarnation, n.last_heartbeat, n.session_id, n.heartbeat_timeout_ms,
       CASE WHEN n.session_id IS NULL THEN NULL WHEN s.session_id IS NULL THEN 0 ELSE 1 END AS session_open
  FROM <prefix>scheduler_node n
  LEFT JOIN (SELECT CAST(SESSION_ID AS VARCHAR(32)) AS session_id FROM INFORMATION_SCHEMA.SESSIONS) s
    ON s.session_id = n.session_id
 WHERE n.state = 'ACTIVE' AND n.node_id <> :self
