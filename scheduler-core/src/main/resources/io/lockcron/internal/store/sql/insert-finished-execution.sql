-- A fire that ran without touching its transaction records its execution once, with its outcome,
-- at the end. The idempotency guard: no row is added when this fire already has one.
INSERT INTO <prefix>job_execution
       (job_name, fire_time, fire_kind, attempt, node_id, fencing_token, started_at, finished_at, outcome, error)
SELECT :job, :fireTime, :kind, :attempt, :node, :token, :startedAt, :finishedAt, :outcome, :error
 WHERE NOT EXISTS (SELECT 1 FROM <prefix>job_execution WHERE job_name = :job AND fire_time = :fireTime)
