-- Only the holder of this token, and only while its lease has not run out.
UPDATE <prefix>lock_cron
   SET lease_until = :leaseUntil, updated_at = :now
 WHERE lock_name = :name AND fencing_token = :token AND status = 'RUNNING' AND lease_until > :now
