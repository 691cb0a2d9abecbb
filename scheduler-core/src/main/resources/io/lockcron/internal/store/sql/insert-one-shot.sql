INSERT INTO <prefix>lock_cron (
  lock_name, handler_name, status, trigger_type, trigger_value, zone_id, misfire_policy, misfire_catch_up,
  execution_mode, max_attempts, retry_backoff_ms, timeout_ms, payload, next_fire_time, due_time,
  failed_attempts, fencing_token, definition_hash, schedule_source, definition_version, created_at, updated_at)
SELECT :name, j.lock_name, 'IDLE', 'ONE_SHOT', :triggerValue, 'UTC', j.misfire_policy, j.misfire_catch_up,
       j.execution_mode, j.max_attempts, j.retry_backoff_ms, j.timeout_ms, :payload, :at, :at,
       0, 0, 'one-shot', 'CLIENT', 1, <now>, <now>
  FROM <prefix>lock_cron j
 WHERE j.lock_name = :job
