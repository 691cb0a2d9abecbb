SELECT COUNT(*) FROM <prefix>fire_attempt WHERE job_name = :job AND fire_time = :fireTime
