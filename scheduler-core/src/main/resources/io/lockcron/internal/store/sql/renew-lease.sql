UPDATE <prefix>lock_cron SET lease_until = :until
 WHERE lock_name = :name AND fencing_token = :token AND status = 'RUNNING'
