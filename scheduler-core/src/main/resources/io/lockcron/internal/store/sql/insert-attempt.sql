INSERT INTO <prefix>fire_attempt (job_name, fire_time, attempt, node_id, session_id, started_at, outcome)
VALUES (:job, :fireTime, :attempt, :node, :session, :startedAt, 'RUNNING')
