/* routes.c: the route table of siteaudit-fcgi, as data. */
/* SPDX-License-Identifier: MIT */
#include "fcgi.h"

const struct route fcgi_routes[] = {
	{ "GET", "/healthz", AUTH_NONE, api_healthz },
	/* 000: the page-audit API (docs/api.md) */
	{ "POST", "/api/mcp/start-audit", AUTH_KEY, api_start_audit },
	{ "GET", "/api/mcp/runs/{runId}", AUTH_KEY, api_run_get },
	{ "GET", "/api/mcp/reports/{reportId}", AUTH_KEY, api_report_get },
	{ "GET", "/api/mcp/sites", AUTH_KEY, api_sites_list },
	{ "GET", "/api/mcp/sites/{siteId}/history", AUTH_KEY, api_site_history },
	{ "GET", "/api/mcp/sites/{siteId}/schedule", AUTH_KEY, api_site_schedule },
	{ "GET", "/api/mcp/account", AUTH_KEY, api_account },
	/* 001: the site-health API */
	{ "POST", "/api/external/budget-check", AUTH_KEY, api_budget_check },
	{ "POST", "/api/external/scan", AUTH_KEY, api_scan },
};
const size_t fcgi_routes_count = sizeof(fcgi_routes) / sizeof(fcgi_routes[0]);
