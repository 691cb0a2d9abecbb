UPDATE <prefix>lock_cron SET trigger_requested_at = <now>, trigger_requested_by = :by, updated_at = <now>
 WHERE lock_name = :name
