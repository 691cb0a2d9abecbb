-- Only the execution this attempt started (its token, still RUNNING): a count of 0 means it is not ours.
UPDATE <prefix>job_execution SET outcome = :outcome, finished_at = :finishedAt, error = :error
 WHERE job_name = :job AND fire_time = :fireTime AND fencing_token = :token AND outcome = 'RUNNING'
