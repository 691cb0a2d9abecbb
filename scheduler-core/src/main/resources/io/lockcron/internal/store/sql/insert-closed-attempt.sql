-- A first attempt that failed before it went on record: written with its outcome and its own error
-- in the transaction that records the fire, so that retries number on from it and keep its error.
INSERT INTO <prefix>fire_attempt
       (job_name, fire_time, attempt, node_id, session_id, started_at, finished_at, outcome, error)
VALUES (:job, :fireTime, :attempt, :node, :session, :startedAt, :finishedAt, :outcome, :error)
