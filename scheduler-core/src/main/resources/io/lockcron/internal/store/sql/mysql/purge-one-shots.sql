-- One small batch of one-shot entries (made by scheduleOnce) that completed before :before. One-shots
-- declared in code are kept: deleted, they would be registered and fired again at the next start.
-- A plain DELETE ... LIMIT reads only completed rows on (status, due_time); MariaDB runs the generic
-- form's IN (subquery) as a scan of every job row.
DELETE FROM <prefix>lock_cron
 WHERE status = 'COMPLETED' AND trigger_type = 'ONE_SHOT' AND definition_hash = 'one-shot'
   AND last_finished_at < :before
 LIMIT :batch
