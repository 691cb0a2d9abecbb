-- The first lock of this name, held at once; nodes never fire it (ON_DEMAND, and no job has the handler name).
INSERT INTO <prefix>lock_cron (
  lock_name, handler_name, status, trigger_type, trigger_value, zone_id, misfire_policy, misfire_catch_up,
  execution_mode, max_attempts, retry_backoff_ms, timeout_ms, payload, next_fire_time, due_time,
  failed_attempts, owner_node, fencing_token, lease_until, last_fire_time, definition_hash, schedule_source,
  definition_version, created_at, updated_at)
VALUES (
  :name, :name, 'RUNNING', 'ON_DEMAND', NULL, 'UTC', 'SKIP', 1,
  'LEASE', 1, 0, NULL, NULL, NULL, NULL,
  0, :owner, 1, :leaseUntil, :now, 'shedlock', 'CODE',
  1, :now, :now)
