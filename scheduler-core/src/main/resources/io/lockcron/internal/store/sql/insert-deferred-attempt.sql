-- A first attempt put on record after its fire began (FireAttempt): only while its node is still an
-- active member, so a node that froze mid-fire and was fenced cannot record, when it wakes, a fire
-- another node has run since.
INSERT INTO <prefix>fire_attempt (job_name, fire_time, attempt, node_id, session_id, started_at, outcome)
SELECT :job, :fireTime, :attempt, :node, :session, :startedAt, 'RUNNING'
  FROM <prefix>scheduler_node
 WHERE node_id = :node AND state = 'ACTIVE'
