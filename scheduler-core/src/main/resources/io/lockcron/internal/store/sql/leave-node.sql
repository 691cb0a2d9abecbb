UPDATE <prefix>scheduler_node SET state = 'LEFT', last_heartbeat = <now> WHERE node_id = :node
