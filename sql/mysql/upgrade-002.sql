-- lockcron schema upgrade, version 1 to 2, for MySQL 8.0+ and MariaDB 10.6+. Idempotent: safe to run again.
-- Run it once on every database that holds lockcron tables at version 1 (schema.sql creates version 2 directly).

-- Each attempt's own error (MySQL has no ADD COLUMN IF NOT EXISTS: added only where it is missing).
SET @lockcron_ddl = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE fire_attempt ADD COLUMN error TEXT NULL', 'DO 0')
                       FROM information_schema.columns
                      WHERE table_schema = DATABASE() AND table_name = 'fire_attempt' AND column_name = 'error');
PREPARE lockcron_stmt FROM @lockcron_ddl;
EXECUTE lockcron_stmt;
DEALLOCATE PREPARE lockcron_stmt;

-- Which jobs each node's code declared at its last start: a job no live node registers may be deleted.
CREATE TABLE IF NOT EXISTS job_registration (
  node_id        VARCHAR(100)  NOT NULL,
  job_name       VARCHAR(190)  NOT NULL,
  registered_at  DATETIME(3)   NOT NULL,
  PRIMARY KEY (node_id, job_name),
  KEY job_registration_job (job_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every table in utf8mb4: a table created in a latin1 database (older MySQL defaults) could not store a job's
-- error text in Chinese, Russian or with an emoji, and its fires could never be recorded. Binary collation
-- compares job names as Java does. Rebuilds each table; on a large job_execution run it off-peak.
ALTER TABLE lockcron_schema_version CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE lock_cron CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE job_execution CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE fire_attempt CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE failover_event CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE scheduler_node CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE fencing_event CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE audit_event CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE job_registration CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- Each node's heartbeat settings, published so that fencers honour the larger timeout.
SET @lockcron_ddl = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE scheduler_node ADD COLUMN heartbeat_interval_ms BIGINT NULL', 'DO 0')
                       FROM information_schema.columns
                      WHERE table_schema = DATABASE() AND table_name = 'scheduler_node' AND column_name = 'heartbeat_interval_ms');
PREPARE lockcron_stmt FROM @lockcron_ddl;
EXECUTE lockcron_stmt;
DEALLOCATE PREPARE lockcron_stmt;
SET @lockcron_ddl = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE scheduler_node ADD COLUMN heartbeat_timeout_ms BIGINT NULL', 'DO 0')
                       FROM information_schema.columns
                      WHERE table_schema = DATABASE() AND table_name = 'scheduler_node' AND column_name = 'heartbeat_timeout_ms');
PREPARE lockcron_stmt FROM @lockcron_ddl;
EXECUTE lockcron_stmt;
DEALLOCATE PREPARE lockcron_stmt;

-- Polls find trigger requests on an index instead of reading every job. MySQL has no ADD INDEX IF NOT EXISTS:
-- the statement is built only while the index is missing, so running the script again changes nothing.
SET @lockcron_ddl = (SELECT IF(COUNT(*) = 0,
    'ALTER TABLE lock_cron ADD INDEX lock_cron_requested (trigger_requested_at)', 'DO 0')
  FROM information_schema.statistics
  WHERE table_schema = DATABASE() AND table_name = 'lock_cron' AND index_name = 'lock_cron_requested');
PREPARE lockcron_stmt FROM @lockcron_ddl;
EXECUTE lockcron_stmt;
DEALLOCATE PREPARE lockcron_stmt;

-- Pause, resume, trigger and reschedule requests, in arrival order. One made while a fire holds the job's row waits
-- here instead of for the row lock, and is applied by that fire at its end, by the next claim of the row or by the
-- next node poll that finds the row free; one on a free row is applied at once. applied_at NULL: still pending.
CREATE TABLE IF NOT EXISTS job_request (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_name       VARCHAR(190)  NOT NULL,
  action         VARCHAR(16)   NOT NULL,  -- PAUSE, RESUME, TRIGGER, RESCHEDULE
  trigger_type   VARCHAR(16)   NULL,      -- RESCHEDULE: the new trigger
  trigger_value  VARCHAR(255)  NULL,
  zone_id        VARCHAR(64)   NULL,
  requested_by   VARCHAR(100)  NULL,
  audited        INT           NOT NULL,  -- 1: made on someone's behalf, audited when asked and when applied
  via            VARCHAR(1000) NULL,      -- the audit detail: where it came from
  requested_at   DATETIME(3)   NOT NULL,
  applied_at     DATETIME(3)   NULL,
  result         VARCHAR(16)   NULL,      -- APPLIED, UNCHANGED, REFUSED
  detail         VARCHAR(1000) NULL,      -- why it was refused, or what it changed
  KEY job_request_pending (applied_at, job_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Keep this last: it marks the upgrade done.
INSERT INTO lockcron_schema_version (version, applied_at)
  SELECT 2, UTC_TIMESTAMP(3) FROM DUAL
  WHERE NOT EXISTS (SELECT 1 FROM lockcron_schema_version WHERE version = 2);
