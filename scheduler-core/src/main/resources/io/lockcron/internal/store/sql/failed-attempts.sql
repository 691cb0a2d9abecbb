-- Failed attempts since :since, whether or not a retry later succeeded.
SELECT COUNT(*) FROM <prefix>fire_attempt WHERE outcome = 'FAILED' AND started_at >= :since
