-- 005_retention.sql: data retention (docs/retention.md).
-- orgs.retention_days overrides [retention] days for one org: NULL = use the
-- configured default, 0 = keep forever, N = prune what is older than N days.
-- IF NOT EXISTS keeps a half-applied run re-runnable (DDL is not
-- transactional in MariaDB).
ALTER TABLE orgs
  ADD COLUMN IF NOT EXISTS retention_days INT NULL AFTER billing_period_start;

-- the prune pass deletes an org's old delivery logs in created_at order
ALTER TABLE webhook_deliveries
  ADD INDEX IF NOT EXISTS ix_deliveries_org (org_id, created_at);

-- Runner jobs that run at most once per interval across every runner host:
-- a runner owns a pass when its UPDATE moves next_run_at forward (a single
-- row update, so two hosts can never both win).
CREATE TABLE IF NOT EXISTS runner_jobs (
  name             VARCHAR(40)   NOT NULL PRIMARY KEY,
  next_run_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_owner       VARCHAR(100)  NULL,
  last_started_at  DATETIME(3)   NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO runner_jobs (name) VALUES ('retention');
