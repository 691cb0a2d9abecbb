INSERT INTO <prefix>scheduler_node (node_id, host, pid, started_at, last_heartbeat, session_id, state)
VALUES (:node, :host, :pid, <now>, <now>, <session_id>, 'ACTIVE')
