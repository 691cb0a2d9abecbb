-- :expected < 0 at start: a new process takes the node id over as the next incarnation. After a
-- fencing, only the incarnation the row still names may rejoin, so two processes configured with
-- one node id cannot displace each other forever.
UPDATE <prefix>scheduler_node
   SET host = :host, pid = :pid, started_at = <now>, last_heartbeat = <now>, session_id = <session_id>,
       state = 'ACTIVE', incarnation = incarnation + 1, fenced_at = NULL, fenced_by = NULL,
       heartbeat_interval_ms = :intervalMs, heartbeat_timeout_ms = :timeoutMs
 WHERE node_id = :node AND (:expected < 0 OR incarnation = :expected)
