-- Every other active member (see ../stale-nodes.sql), and whether the session of its last heartbeat
-- is still open: when its process dies the server ends that session with the others, and the fires
-- it held are taken over at once (SessionEnds). PROCESSLIST shows every session to a user with the
-- PROCESS privilege or the same user as the member's; otherwise a member's session never shows as
-- open and its death waits for the next poll. A Galera id (id@member) names another member's
-- session, which this server cannot see: unknown. One read of PROCESSLIST per look, not one per member.
SELECT n.node_id, n.incarnation, n.last_heartbeat, n.session_id, n.heartbeat_timeout_ms,
       CASE WHEN n.session_id IS NULL OR n.session_id LIKE '%@%' THEN NULL
            WHEN p.id IS NULL THEN 0 ELSE 1 END AS session_open
  FROM <prefix>scheduler_node n
  LEFT JOIN (SELECT id FROM information_schema.PROCESSLIST) p
    ON n.session_id NOT LIKE '%@%' AND p.id = CAST(n.session_id AS UNSIGNED)
 WHERE n.state = 'ACTIVE' AND n.node_id <> :self
