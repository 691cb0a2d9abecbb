-- recorded_attempt: the attempt whose result is committed (a lease claim commits RUNNING, which is no result).
-- running_token: the attempt whose RUNNING execution is committed: a lease claim, or a transactional job
-- that ended its own transaction while still running.
SELECT a.id, a.attempt, a.node_id, a.session_id, a.started_at, a.outcome, n.last_heartbeat, n.state AS node_state,
       n.incarnation AS node_incarnation,
       (SELECT e.attempt FROM <prefix>job_execution e
         WHERE e.job_name = a.job_name AND e.fire_time = a.fire_time AND e.outcome <> 'RUNNING') AS recorded_attempt,
       (SELECT e.fencing_token FROM <prefix>job_execution e
         WHERE e.job_name = a.job_name AND e.fire_time = a.fire_time AND e.outcome = 'RUNNING') AS running_token
  FROM <prefix>fire_attempt a
  LEFT JOIN <prefix>scheduler_node n ON n.node_id = a.node_id
 WHERE a.job_name = :job AND a.fire_time = :fireTime
 ORDER BY a.attempt
