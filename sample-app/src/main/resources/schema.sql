-- The billing service's own tables (lockcron's come from sql/<dialect>/schema.sql). Idempotent; runs on H2 and MySQL/MariaDB.
CREATE TABLE IF NOT EXISTS customer (
  id            BIGINT       NOT NULL PRIMARY KEY,
  name          VARCHAR(100) NOT NULL,
  plan_cents    BIGINT       NOT NULL,
  balance_cents BIGINT       NOT NULL
);

-- One invoice per customer and billing run; the unique key is a second guard behind lockcron's.
CREATE TABLE IF NOT EXISTS invoice (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id  BIGINT       NOT NULL,
  period       VARCHAR(40)  NOT NULL,
  amount_cents BIGINT       NOT NULL,
  node_id      VARCHAR(100) NOT NULL,
  created_at   TIMESTAMP    NOT NULL,
  CONSTRAINT invoice_once UNIQUE (customer_id, period)
);

-- The payment provider's side (in real life, behind its API).
CREATE TABLE IF NOT EXISTS gateway_settlement (
  idempotency_key VARCHAR(250) NOT NULL PRIMARY KEY,
  fencing_token   BIGINT       NOT NULL,
  payments        INT          NOT NULL,
  received_at     TIMESTAMP    NOT NULL
);

CREATE TABLE IF NOT EXISTS payment_sync (
  idempotency_key VARCHAR(250) NOT NULL PRIMARY KEY,
  payments        INT          NOT NULL,
  replayed        BOOLEAN      NOT NULL,
  node_id         VARCHAR(100) NOT NULL
);

CREATE TABLE IF NOT EXISTS exchange_rate (
  currency  CHAR(3)        NOT NULL,
  fire_time VARCHAR(40)    NOT NULL,
  rate      DECIMAL(12, 6) NOT NULL,
  attempt   INT            NOT NULL,
  node_id   VARCHAR(100)   NOT NULL,
  PRIMARY KEY (currency, fire_time)
);

CREATE TABLE IF NOT EXISTS monthly_report (
  period       VARCHAR(40)  NOT NULL PRIMARY KEY,
  invoices     INT          NOT NULL,
  total_cents  BIGINT       NOT NULL,
  node_id      VARCHAR(100) NOT NULL,
  generated_at TIMESTAMP    NOT NULL
);
