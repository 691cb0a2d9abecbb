UPDATE <prefix>fire_attempt SET outcome = :outcome, finished_at = :finishedAt, error = :error
 WHERE id = :id AND outcome = 'RUNNING'
