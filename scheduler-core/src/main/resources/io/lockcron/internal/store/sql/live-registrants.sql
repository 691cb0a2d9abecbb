-- Nodes that registered the job at their last start and are still members, heard from since :since.
SELECT r.node_id
  FROM <prefix>job_registration r
  JOIN <prefix>scheduler_node n ON n.node_id = r.node_id
 WHERE r.job_name = :job AND n.state = 'ACTIVE' AND n.last_heartbeat >= :since
 ORDER BY r.node_id
