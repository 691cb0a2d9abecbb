-- A retry, or the takeover of a lease that expired: only a lease-mode fire commits RUNNING.
UPDATE <prefix>job_execution
   SET outcome = 'RUNNING', attempt = :attempt, node_id = :node, fencing_token = :token,
       started_at = :startedAt, finished_at = NULL, error = NULL
 WHERE job_name = :job AND fire_time = :fireTime AND outcome IN ('RETRYING', 'RUNNING')
