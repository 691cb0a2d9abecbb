UPDATE <prefix>lock_cron SET lease_until = <now> WHERE owner_node = :node AND status = 'RUNNING'
