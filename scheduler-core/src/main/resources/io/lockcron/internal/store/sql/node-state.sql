SELECT state, incarnation, fenced_by, fenced_at FROM <prefix>scheduler_node WHERE node_id = :node
