UPDATE <prefix>lock_cron SET status = :to, updated_at = <now>
 WHERE lock_name = :name AND status = :from
