UPDATE <prefix>lock_cron
   SET next_fire_time = :nextFireTime, due_time = :dueTime, failed_attempts = :failedAttempts,
       status = :status, trigger_requested_at = :requestedAt, trigger_requested_by = :requestedBy,
       last_fire_time = :lastFireTime, last_finished_at = :lastFinishedAt, last_outcome = :lastOutcome,
       updated_at = :updatedAt
 WHERE lock_name = :name
