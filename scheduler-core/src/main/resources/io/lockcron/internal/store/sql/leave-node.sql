-- Never marks a newer incarnation (another process with this node id) LEFT.
UPDATE <prefix>scheduler_node SET state = 'LEFT', last_heartbeat = <now>
 WHERE node_id = :node AND incarnation = :incarnation
