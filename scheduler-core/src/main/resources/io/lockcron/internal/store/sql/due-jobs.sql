SELECT lock_name, handler_name, due_time, trigger_requested_at
  FROM <prefix>lock_cron
 WHERE status = 'IDLE' OR trigger_requested_at IS NOT NULL
