INSERT INTO <prefix>lock_cron (
  lock_name, handler_name, status, trigger_type, trigger_value, zone_id, misfire_policy, misfire_catch_up,
  execution_mode, max_attempts, retry_backoff_ms, timeout_ms, payload, next_fire_time, due_time,
  failed_attempts, fencing_token, definition_hash, schedule_source, definition_version, created_at, updated_at)
VALUES (
  :name, :handler, :status, :triggerType, :triggerValue, :zone, :misfirePolicy, :catchUp,
  :mode, :maxAttempts, :backoffMs, :timeoutMs, :payload, :nextFireTime, :nextFireTime,
  0, 0, :hash, 'CODE', 1, :now, :now)
