INSERT INTO <prefix>scheduler_node (node_id, host, pid, started_at, last_heartbeat, session_id, state,
                                    heartbeat_interval_ms, heartbeat_timeout_ms)
VALUES (:node, :host, :pid, <now>, <now>, <session_id>, 'ACTIVE', :intervalMs, :timeoutMs)
