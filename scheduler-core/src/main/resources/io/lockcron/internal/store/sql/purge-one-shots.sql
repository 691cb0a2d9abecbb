-- One small batch of one-shot entries (made by scheduleOnce) that completed before :before. One-shots
-- declared in code are kept: deleted, they would be registered and fired again at the next start.
DELETE FROM <prefix>lock_cron
 WHERE lock_name IN (SELECT lock_name FROM (SELECT lock_name FROM <prefix>lock_cron
                      WHERE trigger_type = 'ONE_SHOT' AND status = 'COMPLETED' AND definition_hash = 'one-shot'
                        AND last_finished_at < :before
                      ORDER BY lock_name LIMIT :batch) batch)
