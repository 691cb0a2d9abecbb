-- A FAILED fire made due again as itself: the next node's attempt finds it RETRYING and takes it over.
UPDATE <prefix>job_execution SET outcome = 'RETRYING'
 WHERE job_name = :job AND fire_time = :fireTime AND outcome = 'FAILED'
