-- Guarded by the fencing token: the finish of a node whose lease was taken over changes nothing.
-- The row was not locked while the job ran: a "trigger now" or a new schedule set meanwhile is kept.
-- (requested_by comes before requested_at: MySQL evaluates SET left to right on updated values.)
UPDATE <prefix>lock_cron
   SET status = :status, owner_node = NULL, lease_until = NULL,
       next_fire_time = CASE WHEN definition_version = :claimedVersion THEN :nextFireTime ELSE next_fire_time END,
       due_time = CASE WHEN definition_version = :claimedVersion THEN :dueTime ELSE due_time END,
       failed_attempts = CASE WHEN definition_version = :claimedVersion THEN :failedAttempts ELSE 0 END,
       trigger_requested_by = CASE WHEN trigger_requested_at IS NULL OR trigger_requested_at = :claimedRequest
                                   THEN :requestedBy ELSE trigger_requested_by END,
       trigger_requested_at = CASE WHEN trigger_requested_at IS NULL OR trigger_requested_at = :claimedRequest
                                   THEN :requestedAt ELSE trigger_requested_at END,
       last_fire_time = :lastFireTime, last_finished_at = :lastFinishedAt, last_outcome = :lastOutcome,
       updated_at = :updatedAt
 WHERE lock_name = :name AND fencing_token = :token AND status = 'RUNNING'
