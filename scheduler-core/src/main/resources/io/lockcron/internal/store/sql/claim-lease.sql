UPDATE <prefix>lock_cron
   SET status = 'RUNNING', owner_node = :node, lease_until = :until, fencing_token = :token, updated_at = :now
 WHERE lock_name = :name
