-- What may fall due before :horizon, as three index ranges so that idle jobs are never read:
-- idle rows on (status, due_time); held leases, worth a look when they expire (their fire is taken
-- over then); and trigger requests on their own index. A row can appear twice; the node dedupes.
SELECT lock_name, handler_name, status, due_time, trigger_requested_at
  FROM <prefix>lock_cron
 WHERE status = 'IDLE' AND due_time <= :horizon
UNION ALL
SELECT lock_name, handler_name, status, lease_until AS due_time, trigger_requested_at
  FROM <prefix>lock_cron
 WHERE status = 'RUNNING'
UNION ALL
SELECT lock_name, handler_name, status, due_time, trigger_requested_at
  FROM <prefix>lock_cron
 WHERE trigger_requested_at IS NOT NULL AND status <> 'RUNNING'
