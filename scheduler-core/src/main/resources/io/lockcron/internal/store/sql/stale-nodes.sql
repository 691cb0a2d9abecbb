SELECT node_id, incarnation, last_heartbeat, session_id FROM <prefix>scheduler_node
 WHERE state = 'ACTIVE' AND last_heartbeat < :cutoff AND node_id <> :self
