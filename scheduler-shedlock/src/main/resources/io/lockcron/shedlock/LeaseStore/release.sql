-- Only the holder of this token; :leaseUntil keeps the row locked until lockAtLeastFor has passed.
UPDATE <prefix>lock_cron
   SET status = 'IDLE', lease_until = :leaseUntil, last_finished_at = :now,
       updated_at = :now
 WHERE lock_name = :name AND fencing_token = :token AND status = 'RUNNING'
