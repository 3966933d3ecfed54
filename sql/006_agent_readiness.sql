-- 006_agent_readiness.sql: the sixth score, agentReadiness (0-100), stored
-- beside the five. NULL = not measured (reports written before the agent
-- checks existed, or a scan run with the dimension switched off). It is not
-- part of `health` / `overall`. budgets.metric and alert_rules.metric are
-- VARCHAR(40), so "agentReadiness" needs no schema change there.
-- ADD COLUMN IF NOT EXISTS keeps a half-applied run re-runnable (DDL is not
-- transactional in MariaDB).
ALTER TABLE reports
  ADD COLUMN IF NOT EXISTS agent_readiness TINYINT NULL AFTER security;
ALTER TABLE report_pages
  ADD COLUMN IF NOT EXISTS agent_readiness TINYINT NULL AFTER best_practices;
