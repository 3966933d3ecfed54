/* routes.c: the route table of siteaudit-fcgi, as data. */
/* SPDX-License-Identifier: MIT */
#include "fcgi.h"
#include "mcp.h"

const struct route fcgi_routes[] = {
	{ "GET", "/healthz", AUTH_NONE, api_healthz },
	{ "GET", "/metrics", AUTH_NONE, api_metrics },
	/* 000: the page-audit API (docs/api.md) */
	{ "POST", "/api/mcp/start-audit", AUTH_KEY, api_start_audit },
	{ "GET", "/api/mcp/runs/{runId}", AUTH_KEY, api_run_get },
	{ "GET", "/api/mcp/reports/{reportId}", AUTH_KEY, api_report_get },
	{ "GET", "/files/reports/{file}", AUTH_NONE, api_file_report },
	{ "GET", "/api/mcp/sites", AUTH_KEY, api_sites_list },
	{ "GET", "/api/mcp/sites/{siteId}/history", AUTH_KEY, api_site_history },
	{ "GET", "/api/mcp/sites/{siteId}/schedule", AUTH_KEY, api_site_schedule },
	{ "GET", "/api/mcp/account", AUTH_KEY, api_account },
	/* 001: the site-health API */
	{ "POST", "/api/external/budget-check", AUTH_KEY, api_budget_check },
	{ "POST", "/api/external/scan", AUTH_KEY, api_scan },
	{ "POST", "/api/external/webhooks/subscribe", AUTH_KEY, api_webhook_subscribe },
	{ "GET", "/api/external/webhooks", AUTH_KEY, api_webhook_list },
	{ "DELETE", "/api/external/webhooks/{webhookId}", AUTH_KEY, api_webhook_delete },
	{ "POST", "/api/hooks/site-publish/{token}", AUTH_NONE, api_hook_site_publish },
	{ "GET", "/api/external/sites/{siteId}/export", AUTH_KEY, api_export_key },
	/* 003: page audits, and the MCP endpoint (docs/mcp.md) */
	{ "POST", "/api/mcp/page-audits", AUTH_KEY, api_page_audit_create },
	{ "GET", "/api/mcp/page-audits/{auditId}", AUTH_KEY, api_page_audit_get },
	{ "POST", "/mcp", AUTH_KEY, api_mcp },
	/* web UI (session cookie; docs/web-ui.md) */
	{ "GET", "/", AUTH_NONE, page_root },
	{ "GET", "/login", AUTH_NONE, page_login },
	{ "POST", "/login", AUTH_NONE, page_login_post },
	{ "POST", "/logout", AUTH_SESSION, page_logout },
	{ "GET", "/sites", AUTH_SESSION, page_sites },
	{ "POST", "/sites", AUTH_SESSION, page_site_create },
	{ "GET", "/sites/new", AUTH_SESSION, page_site_new },
	{ "GET", "/sites/{siteId}", AUTH_SESSION, page_site },
	{ "POST", "/sites/{siteId}/scan", AUTH_SESSION, page_site_scan },
	{ "GET", "/sites/{siteId}/scans/{scanId}", AUTH_SESSION, page_report },
	{ "GET", "/sites/{siteId}/settings", AUTH_SESSION, page_settings },
	{ "POST", "/sites/{siteId}/budgets", AUTH_SESSION, page_budget_add },
	{ "POST", "/sites/{siteId}/budgets/{budgetId}/delete", AUTH_SESSION, page_budget_del },
	{ "POST", "/sites/{siteId}/alerts", AUTH_SESSION, page_alert_add },
	{ "POST", "/sites/{siteId}/alerts/{ruleId}/delete", AUTH_SESSION, page_alert_del },
	{ "POST", "/sites/{siteId}/schedule", AUTH_SESSION, page_schedule_set },
	{ "POST", "/sites/{siteId}/hook", AUTH_SESSION, page_hook_regenerate },
	{ "POST", "/sites/{siteId}/hook/revoke", AUTH_SESSION, page_hook_revoke },
	{ "POST", "/sites/{siteId}/webhooks/{webhookId}/delete", AUTH_SESSION, page_webhook_del },
	{ "POST", "/sites/{siteId}/webhooks/{webhookId}/enable", AUTH_SESSION, page_webhook_enable },
	{ "GET", "/keys", AUTH_SESSION, page_keys },
	{ "POST", "/keys", AUTH_SESSION, page_key_create },
	{ "POST", "/keys/{keyId}/revoke", AUTH_SESSION, page_key_revoke },
	{ "GET", "/api/sites/{siteId}/export", AUTH_SESSION, api_export },
};
const size_t fcgi_routes_count = sizeof(fcgi_routes) / sizeof(fcgi_routes[0]);
