UPDATE <prefix>scheduler_node
   SET host = :host, pid = :pid, started_at = <now>, last_heartbeat = <now>, session_id = <session_id>,
       state = 'ACTIVE', incarnation = incarnation + 1, fenced_at = NULL, fenced_by = NULL
 WHERE node_id = :node
