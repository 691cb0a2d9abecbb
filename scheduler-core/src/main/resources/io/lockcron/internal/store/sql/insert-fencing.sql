INSERT INTO <prefix>fencing_event (node_id, incarnation, fenced_by, fenced_at, last_heartbeat, sessions_killed, detail)
VALUES (:node, :incarnation, :self, <now>, :lastHeartbeat, :killed, :detail)
