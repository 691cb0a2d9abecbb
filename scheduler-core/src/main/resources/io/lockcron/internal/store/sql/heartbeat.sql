UPDATE <prefix>scheduler_node SET last_heartbeat = <now>, session_id = <session_id>
 WHERE node_id = :node AND state = 'ACTIVE' AND incarnation = :incarnation
