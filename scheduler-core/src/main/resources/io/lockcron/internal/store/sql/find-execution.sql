SELECT * FROM <prefix>job_execution WHERE job_name = :job AND fire_time = :fireTime
