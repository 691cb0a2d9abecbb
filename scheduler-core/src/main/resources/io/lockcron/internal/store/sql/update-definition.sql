-- A node starts with a changed definition. A schedule set through the client is kept (<schedule>).
UPDATE <prefix>lock_cron
   SET misfire_policy = :misfirePolicy, execution_mode = :mode, misfire_catch_up = :catchUp, max_attempts = :maxAttempts,
       retry_backoff_ms = :backoffMs, timeout_ms = :timeoutMs, definition_hash = :hash,
       definition_version = definition_version + 1, updated_at = <now>
       <schedule>
 WHERE lock_name = :name AND definition_hash = :oldHash
