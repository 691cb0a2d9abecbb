SELECT * FROM <prefix>fire_attempt WHERE job_name = :job AND fire_time = :fireTime ORDER BY attempt, id
