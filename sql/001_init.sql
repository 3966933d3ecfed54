-- 001_init.sql: the data model of DESIGN.md.
-- Times are DATETIME(3) in UTC (every connection sets time_zone = '+00:00').
-- Every tenant table carries org_id so each query can be scoped by org.

CREATE TABLE orgs (
  id                        UUID          NOT NULL PRIMARY KEY,
  name                      VARCHAR(200)  NOT NULL,
  plan                      ENUM('starter','growth','pro','agency') NOT NULL DEFAULT 'starter',
  credit_balance            INT           NOT NULL DEFAULT 0,
  monthly_overage_cap_euros DECIMAL(10,2) NULL,
  billing_period_start      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  created_at                DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id              UUID          NOT NULL PRIMARY KEY,
  org_id          UUID          NOT NULL,
  email           VARCHAR(254)  NOT NULL,
  role            ENUM('owner','admin','member','customer') NOT NULL,
  password_hash   VARCHAR(255)  NULL,
  failed_logins   INT           NOT NULL DEFAULT 0,
  locked_until    DATETIME(3)   NULL,
  created_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uq_users_email (email),
  KEY ix_users_org (org_id),
  CONSTRAINT fk_users_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_keys (
  id            UUID          NOT NULL PRIMARY KEY,
  org_id        UUID          NOT NULL,
  user_id       UUID          NOT NULL,
  name          VARCHAR(100)  NOT NULL DEFAULT '',
  prefix        VARCHAR(24)   NOT NULL,            -- first characters, shown in lists
  key_hash      BINARY(32)    NOT NULL,            -- SHA-256 of the whole key
  created_at    DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_used_at  DATETIME(3)   NULL,
  revoked_at    DATETIME(3)   NULL,
  UNIQUE KEY uq_api_keys_hash (key_hash),
  KEY ix_api_keys_org (org_id),
  KEY ix_api_keys_prefix (prefix),
  CONSTRAINT fk_api_keys_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE,
  CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  id_hash       BINARY(32)    NOT NULL PRIMARY KEY, -- SHA-256 of the cookie value
  user_id       UUID          NOT NULL,
  org_id        UUID          NOT NULL,
  csrf_token    CHAR(64)      NOT NULL,
  created_at    DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at    DATETIME(3)   NOT NULL,
  KEY ix_sessions_expiry (expires_at),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sites (
  id                  UUID          NOT NULL PRIMARY KEY,
  org_id              UUID          NOT NULL,
  name                VARCHAR(200)  NOT NULL,
  url                 VARCHAR(2048) NOT NULL,
  strategy            ENUM('mobile','desktop','both') NOT NULL DEFAULT 'mobile',
  page_limit          INT           NOT NULL DEFAULT 25,
  schedule            ENUM('off','daily','weekly','monthly') NOT NULL DEFAULT 'off',
  schedule_hour       TINYINT       NOT NULL DEFAULT 3,     -- 0..23 UTC
  schedule_weekday    TINYINT       NOT NULL DEFAULT 1,     -- 0 = Sunday (weekly)
  schedule_monthday   TINYINT       NOT NULL DEFAULT 1,     -- 1..28 (monthly)
  next_run_at         DATETIME(3)   NULL,
  publish_token_hash  BINARY(32)    NULL,                   -- deploy hook token
  created_at          DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_sites_org (org_id, created_at),
  KEY ix_sites_next_run (next_run_at),
  UNIQUE KEY uq_sites_publish_token (publish_token_hash),
  CONSTRAINT fk_sites_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE budgets (
  id          UUID          NOT NULL PRIMARY KEY,
  org_id      UUID          NOT NULL,
  site_id     UUID          NOT NULL,
  metric      VARCHAR(40)   NOT NULL,    -- health, performance, seo, …, lcp, cls, inp, fcp, ttfb, tbt
  operator    ENUM('min','max') NOT NULL,
  threshold   DOUBLE        NOT NULL,
  created_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_budgets_site (site_id),
  CONSTRAINT fk_budgets_site FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE alert_rules (
  id          UUID          NOT NULL PRIMARY KEY,
  org_id      UUID          NOT NULL,
  site_id     UUID          NOT NULL,
  kind        ENUM('score_drop','metric_worsened') NOT NULL,
  metric      VARCHAR(40)   NOT NULL,    -- a score name, or a metric for metric_worsened
  threshold   DOUBLE        NOT NULL,    -- points (scores) or ms / unitless (metrics)
  created_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_alert_rules_site (site_id),
  CONSTRAINT fk_alert_rules_site FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE runs (
  id                UUID          NOT NULL PRIMARY KEY,
  org_id            UUID          NOT NULL,
  site_id           UUID          NULL,
  user_id           UUID          NULL,
  api_key_id        UUID          NULL,
  url               VARCHAR(2048) NOT NULL,
  kind              ENUM('audit','scan') NOT NULL DEFAULT 'audit',
  trigger_source    ENUM('api','ui','mcp','schedule','hook','cli') NOT NULL,
  strategy          ENUM('mobile','desktop','both') NOT NULL DEFAULT 'mobile',
  page_limit        INT           NOT NULL DEFAULT 1,
  status            ENUM('queued','running','completed','failed') NOT NULL DEFAULT 'queued',
  attempts          INT           NOT NULL DEFAULT 0,
  lease_owner       VARCHAR(100)  NULL,
  lease_expires_at  DATETIME(3)   NULL,
  error             TEXT          NULL,
  report_id         UUID          NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  started_at        DATETIME(3)   NULL,
  finished_at       DATETIME(3)   NULL,
  -- at most one queued / running scan per site: the database enforces the dedupe
  active_site_id    UUID AS (IF(status IN ('queued','running') AND kind = 'scan', site_id, NULL)) PERSISTENT,
  UNIQUE KEY uq_runs_active_site (active_site_id),
  KEY ix_runs_claim (status, created_at),
  KEY ix_runs_lease (status, lease_expires_at),
  KEY ix_runs_site (site_id, created_at),
  KEY ix_runs_org (org_id, created_at),
  KEY ix_runs_user (user_id, created_at),
  CONSTRAINT fk_runs_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE,
  CONSTRAINT fk_runs_site FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reports (
  id                UUID          NOT NULL PRIMARY KEY,
  run_id            UUID          NOT NULL,
  org_id            UUID          NOT NULL,
  site_id           UUID          NULL,
  health            TINYINT       NULL,
  performance       TINYINT       NULL,
  accessibility     TINYINT       NULL,
  seo               TINYINT       NULL,
  best_practices    TINYINT       NULL,
  security          TINYINT       NULL,
  lcp_ms            INT           NULL,
  cls               DOUBLE        NULL,
  inp_ms            INT           NULL,
  fcp_ms            INT           NULL,
  ttfb_ms           INT           NULL,
  tbt_ms            INT           NULL,
  report_json       LONGTEXT      NOT NULL,
  pdf_path          VARCHAR(512)  NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uq_reports_run (run_id),
  KEY ix_reports_site (site_id, created_at),
  KEY ix_reports_org (org_id, created_at),
  CONSTRAINT fk_reports_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- one row per page per strategy: the export document's rows
CREATE TABLE report_pages (
  id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  report_id          UUID          NOT NULL,
  org_id             UUID          NOT NULL,
  page_url           VARCHAR(2048) NOT NULL,
  page_path          VARCHAR(2048) NOT NULL,
  strategy           ENUM('mobile','desktop') NOT NULL,
  performance        TINYINT       NULL,
  seo                TINYINT       NULL,
  accessibility      TINYINT       NULL,
  best_practices     TINYINT       NULL,
  lcp_ms             INT           NULL,
  cls                DOUBLE        NULL,
  inp_ms             INT           NULL,
  fcp_ms             INT           NULL,
  ttfb_ms            INT           NULL,
  crux_lcp_ms        INT           NULL,
  crux_cls           DOUBLE        NULL,
  crux_inp_ms        INT           NULL,
  has_crux           BOOLEAN       NOT NULL DEFAULT FALSE,
  top_opportunities  TEXT          NULL,
  page_json          LONGTEXT      NOT NULL,
  KEY ix_report_pages_report (report_id, id),
  CONSTRAINT fk_report_pages_report FOREIGN KEY (report_id) REFERENCES reports (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE page_audits (
  id                 UUID          NOT NULL PRIMARY KEY,
  org_id             UUID          NOT NULL,
  site_id            UUID          NULL,
  user_id            UUID          NULL,
  page_url           VARCHAR(2048) NOT NULL,
  status             ENUM('PENDING','GENERATING','COMPLETED','FAILED') NOT NULL DEFAULT 'PENDING',
  mode               ENUM('quota','credits','bypass') NOT NULL,
  credits_charged    INT           NOT NULL DEFAULT 0,
  attempts           INT           NOT NULL DEFAULT 0,
  lease_owner        VARCHAR(100)  NULL,
  lease_expires_at   DATETIME(3)   NULL,
  summary            TEXT          NULL,
  modifications_json LONGTEXT      NULL,
  error_message      TEXT          NULL,
  created_at         DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  started_at         DATETIME(3)   NULL,
  completed_at       DATETIME(3)   NULL,
  KEY ix_page_audits_claim (status, created_at),
  KEY ix_page_audits_org (org_id, created_at),
  CONSTRAINT fk_page_audits_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- usage and credits: every charge, refund and grant is a row; balances are sums
CREATE TABLE usage_ledger (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id          UUID          NOT NULL,
  kind            ENUM('page_audit','credit_grant','credit_refund','scan') NOT NULL,
  credits         INT           NOT NULL DEFAULT 0,     -- negative for charges
  page_audit_id   UUID          NULL,
  run_id          UUID          NULL,
  note            VARCHAR(255)  NULL,
  created_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_usage_org (org_id, kind, created_at),
  CONSTRAINT fk_usage_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE webhook_subscriptions (
  id                UUID          NOT NULL PRIMARY KEY,
  org_id            UUID          NOT NULL,
  site_id           UUID          NULL,
  url               VARCHAR(2048) NOT NULL,
  events            SET('scan.completed','scan.failed','regression.detected','budget.violated') NOT NULL,
  secret            VARCHAR(128)  NOT NULL,   -- needed to sign; never shown after creation
  enabled           BOOLEAN       NOT NULL DEFAULT TRUE,
  dead_streak       INT           NOT NULL DEFAULT 0,
  disabled_reason   VARCHAR(255)  NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_webhooks_org (org_id, created_at),
  CONSTRAINT fk_webhooks_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE webhook_deliveries (
  id                UUID          NOT NULL PRIMARY KEY,
  subscription_id   UUID          NOT NULL,
  org_id            UUID          NOT NULL,
  event_id          UUID          NOT NULL,
  event_type        VARCHAR(40)   NOT NULL,
  payload           LONGTEXT      NOT NULL,
  status            ENUM('pending','delivered','dead') NOT NULL DEFAULT 'pending',
  attempts          INT           NOT NULL DEFAULT 0,
  next_attempt_at   DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  lease_expires_at  DATETIME(3)   NULL,
  last_status_code  INT           NULL,
  last_error        VARCHAR(255)  NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  delivered_at      DATETIME(3)   NULL,
  KEY ix_deliveries_due (status, next_attempt_at),
  KEY ix_deliveries_sub (subscription_id, created_at),
  CONSTRAINT fk_deliveries_sub FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
