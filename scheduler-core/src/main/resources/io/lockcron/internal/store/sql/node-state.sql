SELECT state, incarnation, fenced_by, fenced_at, host, pid, last_heartbeat FROM <prefix>scheduler_node WHERE node_id = :node
