-- A node that stops hands a running lease back at once, so another node can run the fire.
UPDATE <prefix>lock_cron SET status = 'IDLE', owner_node = NULL, lease_until = NULL
 WHERE lock_name = :name AND fencing_token = :token AND status = 'RUNNING'
