-- What may fall due before :horizon, as index ranges so that idle jobs are never read: idle rows on
-- (status, due_time); held leases, worth a look when they expire (their fire is taken over then);
-- trigger requests on their own index; and jobs with requests recorded while a fire held their row
-- (job_request, pending on its own index), which the node applies at that fire's end or, once the
-- row is free, itself. A row can appear more than once; the node dedupes.
SELECT lock_name, handler_name, status, due_time, trigger_requested_at, 0 AS requests_pending
  FROM <prefix>lock_cron
 WHERE status = 'IDLE' AND due_time <= :horizon
UNION ALL
SELECT lock_name, handler_name, status, lease_until AS due_time, trigger_requested_at, 0 AS requests_pending
  FROM <prefix>lock_cron
 WHERE status = 'RUNNING'
UNION ALL
SELECT lock_name, handler_name, status, due_time, trigger_requested_at, 0 AS requests_pending
  FROM <prefix>lock_cron
 WHERE trigger_requested_at IS NOT NULL AND status <> 'RUNNING'
UNION ALL
SELECT lock_name, handler_name, status, due_time, trigger_requested_at, 1 AS requests_pending
  FROM <prefix>lock_cron
 WHERE lock_name IN (SELECT r.job_name FROM <prefix>job_request r WHERE r.applied_at IS NULL)
