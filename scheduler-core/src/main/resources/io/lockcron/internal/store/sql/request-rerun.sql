-- A request for the fire at :fireTime: a node runs it as a manual fire with that fire time (its identity).
UPDATE <prefix>lock_cron SET trigger_requested_at = :fireTime, trigger_requested_by = :by, updated_at = <now>
 WHERE lock_name = :name AND trigger_requested_at IS NULL
