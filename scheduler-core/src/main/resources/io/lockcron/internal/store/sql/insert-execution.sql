-- The idempotency guard: no row is added when this fire already has one.
INSERT INTO <prefix>job_execution (job_name, fire_time, fire_kind, attempt, node_id, fencing_token, started_at, outcome)
SELECT :job, :fireTime, :kind, :attempt, :node, :token, :startedAt, 'RUNNING'
 WHERE NOT EXISTS (SELECT 1 FROM <prefix>job_execution WHERE job_name = :job AND fire_time = :fireTime)
