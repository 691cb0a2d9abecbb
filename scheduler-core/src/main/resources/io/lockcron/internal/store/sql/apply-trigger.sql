-- A trigger request applied at :at, the time its applier runs at: H2 keeps <now> still for a whole
-- transaction, so at a fire's end it would say the fire's start.
UPDATE <prefix>lock_cron SET trigger_requested_at = :at, trigger_requested_by = :by, updated_at = :at
 WHERE lock_name = :name
