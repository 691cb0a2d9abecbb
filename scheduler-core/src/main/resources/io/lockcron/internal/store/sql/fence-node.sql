-- Only one live node wins the right to fence a given incarnation of a stale node.
UPDATE <prefix>scheduler_node SET state = 'FENCED', fenced_at = <now>, fenced_by = :self
 WHERE node_id = :node AND incarnation = :incarnation AND state = 'ACTIVE' AND last_heartbeat < :cutoff
