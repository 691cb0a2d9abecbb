UPDATE <prefix>fire_attempt SET outcome = :outcome, finished_at = :finishedAt
 WHERE id = :id AND outcome = 'RUNNING'
