UPDATE <prefix>job_execution SET outcome = :outcome, finished_at = :finishedAt, error = :error
 WHERE job_name = :job AND fire_time = :fireTime
