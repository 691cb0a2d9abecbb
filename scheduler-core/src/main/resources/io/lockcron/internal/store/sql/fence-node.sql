-- Only one live node wins the right to fence a given incarnation of a stale node, and only if its
-- heartbeat is still the one the fencer watched stand still.
UPDATE <prefix>scheduler_node SET state = 'FENCED', fenced_at = <now>, fenced_by = :self
 WHERE node_id = :node AND incarnation = :incarnation AND state = 'ACTIVE' AND last_heartbeat = :observed
