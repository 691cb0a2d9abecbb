-- Takes a free or expired ShedLock row. :now is the database time read in this transaction.
UPDATE <prefix>lock_cron
   SET status = 'RUNNING', owner_node = :owner, fencing_token = fencing_token + 1, lease_until = :leaseUntil,
       last_fire_time = :now, updated_at = :now
 WHERE lock_name = :name AND trigger_type = 'ON_DEMAND' AND execution_mode = 'LEASE'
   AND (lease_until IS NULL OR lease_until <= :now)
