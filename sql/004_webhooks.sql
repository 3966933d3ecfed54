-- 004_webhooks.sql: webhook payload format (json | slack) and the delivery
-- claim index. Issue 9 (outgoing webhooks, deploy hook).
ALTER TABLE webhook_subscriptions
  ADD COLUMN format ENUM('json','slack') NOT NULL DEFAULT 'json' AFTER events;
