-- lockcron schema for MySQL 8.0+ and MariaDB 10.6+ (InnoDB). Idempotent: safe to run again.
-- All times are UTC, millisecond precision. Version 2. Every table is utf8mb4 (binary collation, as Java
-- compares names), so job errors in any language are stored as written, whatever the server's default.

CREATE TABLE IF NOT EXISTS lockcron_schema_version (
  version     INT         NOT NULL PRIMARY KEY,
  applied_at  DATETIME(3) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per job. Nodes compete for this row's lock (SELECT ... FOR UPDATE SKIP LOCKED) to run a fire.
CREATE TABLE IF NOT EXISTS lock_cron (
  lock_name            VARCHAR(190)  NOT NULL PRIMARY KEY,
  handler_name         VARCHAR(190)  NOT NULL,
  status               VARCHAR(16)   NOT NULL,  -- IDLE, RUNNING (lease held), PAUSED, COMPLETED
  trigger_type         VARCHAR(16)   NOT NULL,  -- CRON, FIXED_RATE, FIXED_DELAY, ONE_SHOT, ON_DEMAND
  trigger_value        VARCHAR(255)  NULL,      -- cron expression, ISO-8601 duration or instant
  zone_id              VARCHAR(64)   NOT NULL,
  misfire_policy       VARCHAR(16)   NOT NULL,  -- FIRE_ONCE_NOW, SKIP, CATCH_UP
  misfire_catch_up     INT           NOT NULL,
  execution_mode       VARCHAR(16)   NOT NULL,  -- TRANSACTIONAL, LEASE
  max_attempts         INT           NOT NULL,
  retry_backoff_ms     BIGINT        NOT NULL,
  timeout_ms           BIGINT        NULL,
  payload              VARCHAR(4000) NULL,
  next_fire_time       DATETIME(3)   NULL,      -- scheduled time of the next fire: its identity
  due_time             DATETIME(3)   NULL,      -- when it may run: next_fire_time, or later while retrying
  failed_attempts      INT           NOT NULL DEFAULT 0,
  trigger_requested_at DATETIME(3)   NULL,      -- "trigger now": an extra fire at this time
  trigger_requested_by VARCHAR(100)  NULL,
  last_fire_time       DATETIME(3)   NULL,
  last_finished_at     DATETIME(3)   NULL,
  last_outcome         VARCHAR(16)   NULL,
  owner_node           VARCHAR(100)  NULL,      -- lease mode: holder of the lease
  fencing_token        BIGINT        NOT NULL DEFAULT 0,
  lease_until          DATETIME(3)   NULL,
  definition_hash      VARCHAR(64)   NOT NULL,
  schedule_source      VARCHAR(8)    NOT NULL,  -- CODE, or CLIENT once changed through the client
  definition_version   INT           NOT NULL DEFAULT 1,
  created_at           DATETIME(3)   NOT NULL,
  updated_at           DATETIME(3)   NOT NULL,
  KEY lock_cron_due (status, due_time),
  KEY lock_cron_requested (trigger_requested_at)  -- polls find trigger requests without reading idle jobs
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per executed fire. The unique key is the idempotency guard: one committed execution per fire.
CREATE TABLE IF NOT EXISTS job_execution (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_name       VARCHAR(190)  NOT NULL,
  fire_time      DATETIME(3)   NOT NULL,
  fire_kind      VARCHAR(16)   NOT NULL,  -- SCHEDULED, MANUAL
  attempt        INT           NOT NULL,
  node_id        VARCHAR(100)  NOT NULL,
  fencing_token  BIGINT        NOT NULL,
  started_at     DATETIME(3)   NOT NULL,
  finished_at    DATETIME(3)   NULL,
  outcome        VARCHAR(16)   NOT NULL,  -- RUNNING, SUCCEEDED, RETRYING, FAILED
  error          TEXT          NULL,
  UNIQUE KEY job_execution_fire (job_name, fire_time),
  KEY job_execution_started (started_at),
  KEY job_execution_node (node_id, started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every start of a fire, written in its own short transaction so other nodes see who runs what.
-- Its id is the fencing token: it grows with every attempt and takeover. The unique key lets a node
-- open attempt n with one INSERT; a collision means an earlier attempt was lost (a failover).
CREATE TABLE IF NOT EXISTS fire_attempt (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_name     VARCHAR(190)  NOT NULL,
  fire_time    DATETIME(3)   NOT NULL,
  attempt      INT           NOT NULL,
  node_id      VARCHAR(100)  NOT NULL,
  session_id   VARCHAR(32)   NULL,      -- database session holding the row lock, for fencing
  started_at   DATETIME(3)   NOT NULL,
  finished_at  DATETIME(3)   NULL,
  outcome      VARCHAR(16)   NOT NULL,  -- RUNNING, COMMITTED, FAILED, LOST
  error        TEXT          NULL,      -- this attempt's own failure: a retry never erases it
  UNIQUE KEY fire_attempt_fire (job_name, fire_time, attempt),
  KEY fire_attempt_open (outcome, node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A fire lost by one node and taken over by another.
CREATE TABLE IF NOT EXISTS failover_event (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_name          VARCHAR(190)  NOT NULL,
  fire_time         DATETIME(3)   NOT NULL,
  from_node         VARCHAR(100)  NOT NULL,
  to_node           VARCHAR(100)  NOT NULL,
  reason            VARCHAR(16)   NOT NULL,  -- CRASH, HANG, LEASE_EXPIRED
  lost_attempt      INT           NOT NULL,
  lost_started_at   DATETIME(3)   NOT NULL,
  detected_at       DATETIME(3)   NOT NULL,
  takeover_delay_ms BIGINT        NOT NULL,
  KEY failover_event_detected (detected_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per node that has joined the cluster.
CREATE TABLE IF NOT EXISTS scheduler_node (
  node_id         VARCHAR(100) NOT NULL PRIMARY KEY,
  host            VARCHAR(255) NOT NULL,
  pid             BIGINT       NOT NULL,
  started_at      DATETIME(3)  NOT NULL,
  last_heartbeat  DATETIME(3)  NOT NULL,
  session_id      VARCHAR(32)  NULL,
  state           VARCHAR(16)  NOT NULL,  -- ACTIVE, LEFT, FENCED
  incarnation     INT          NOT NULL DEFAULT 1,  -- grows each time the node joins again
  fenced_at       DATETIME(3)  NULL,
  fenced_by       VARCHAR(100) NULL,
  heartbeat_interval_ms BIGINT NULL,  -- as the node is configured: fencers honour the larger timeout
  heartbeat_timeout_ms  BIGINT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A node whose heartbeat went stale, fenced by a live node: its database sessions were killed.
CREATE TABLE IF NOT EXISTS fencing_event (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  node_id          VARCHAR(100)  NOT NULL,
  incarnation      INT           NOT NULL,
  fenced_by        VARCHAR(100)  NOT NULL,
  fenced_at        DATETIME(3)  NOT NULL,
  last_heartbeat   DATETIME(3)  NOT NULL,
  sessions_killed  INT           NOT NULL,
  detail           VARCHAR(1000) NULL,
  KEY fencing_event_at (fenced_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Who changed what through the client or the console, and when.
CREATE TABLE IF NOT EXISTS audit_event (
  id        BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at        DATETIME(3)  NOT NULL,
  actor     VARCHAR(100)  NOT NULL,
  action    VARCHAR(32)   NOT NULL,  -- PAUSE, RESUME, TRIGGER, RESCHEDULE, ...
  job_name  VARCHAR(190)  NULL,
  detail    VARCHAR(1000) NULL,
  KEY audit_event_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Which jobs each node's code declared at its last start: a job no live node registers may be deleted.
CREATE TABLE IF NOT EXISTS job_registration (
  node_id        VARCHAR(100)  NOT NULL,
  job_name       VARCHAR(190)  NOT NULL,
  registered_at  DATETIME(3)   NOT NULL,
  PRIMARY KEY (node_id, job_name),
  KEY job_registration_job (job_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

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

INSERT INTO lockcron_schema_version (version, applied_at)
  SELECT 2, UTC_TIMESTAMP(3) FROM DUAL
  WHERE NOT EXISTS (SELECT 1 FROM lockcron_schema_version WHERE version = 2);
