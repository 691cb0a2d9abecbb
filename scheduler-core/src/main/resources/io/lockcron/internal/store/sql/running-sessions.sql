SELECT DISTINCT job_name, session_id FROM <prefix>fire_attempt
 WHERE node_id = :node AND outcome = 'RUNNING' AND session_id IS NOT NULL
