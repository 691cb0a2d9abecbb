-- A running lease is worth a look when it expires: its fire is taken over then.
SELECT lock_name, handler_name,
       CASE WHEN status = 'RUNNING' THEN lease_until ELSE due_time END AS due_time,
       trigger_requested_at
  FROM <prefix>lock_cron
 WHERE status IN ('IDLE', 'RUNNING') OR trigger_requested_at IS NOT NULL
