-- Guarded by the fencing token: the finish of a node whose lease was taken over changes nothing.
UPDATE <prefix>lock_cron
   SET status = :status, owner_node = NULL, lease_until = NULL,
       next_fire_time = :nextFireTime, due_time = :dueTime, failed_attempts = :failedAttempts,
       trigger_requested_at = :requestedAt, trigger_requested_by = :requestedBy,
       last_fire_time = :lastFireTime, last_finished_at = :lastFinishedAt, last_outcome = :lastOutcome,
       updated_at = :updatedAt
 WHERE lock_name = :name AND fencing_token = :token AND status = 'RUNNING'
