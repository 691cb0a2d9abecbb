-- lockcron schema upgrade, version 1 to 2, for PostgreSQL 14+. Idempotent: safe to run again.
-- Run it once on every database that holds lockcron tables at version 1 (schema.sql creates version 2 directly).

-- Each attempt's own error: a retry never erases an earlier attempt's failure.
ALTER TABLE fire_attempt ADD COLUMN IF NOT EXISTS error TEXT NULL;

-- Which jobs each node's code declared at its last start: a job no live node registers may be deleted.
CREATE TABLE IF NOT EXISTS job_registration (
  node_id        VARCHAR(100)  NOT NULL,
  job_name       VARCHAR(190)  NOT NULL,
  registered_at  TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (node_id, job_name)
);

CREATE INDEX IF NOT EXISTS job_registration_job ON job_registration (job_name);

-- Each node's heartbeat settings, published so that fencers honour the larger timeout.
ALTER TABLE scheduler_node ADD COLUMN IF NOT EXISTS heartbeat_interval_ms BIGINT NULL;
ALTER TABLE scheduler_node ADD COLUMN IF NOT EXISTS heartbeat_timeout_ms BIGINT NULL;

-- Polls find trigger requests on an index instead of reading every job.
CREATE INDEX IF NOT EXISTS lock_cron_requested ON lock_cron (trigger_requested_at) WHERE trigger_requested_at IS NOT NULL;

-- Keep this last: it marks the upgrade done.
INSERT INTO lockcron_schema_version (version, applied_at)
  SELECT 2, (clock_timestamp() AT TIME ZONE 'UTC')
  WHERE NOT EXISTS (SELECT 1 FROM lockcron_schema_version WHERE version = 2);
