-- Every other active member: whether one is stale is decided by the fencer's own monotonic
-- observation (Staleness), not by differences of database timestamps. session_open says whether
-- the session of the member's last heartbeat is still open (1), gone (0) or unknown (NULL): a
-- database that cannot tell leaves a dead member's fires to the next poll. See mysql/, postgresql/, h2/.
SELECT node_id, incarnation, last_heartbeat, session_id, heartbeat_timeout_ms, CAST(NULL AS INTEGER) AS session_open
  FROM <prefix>scheduler_node
 WHERE state = 'ACTIVE' AND node_id <> :self
