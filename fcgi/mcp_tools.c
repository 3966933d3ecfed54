/* mcp_tools.c: the MCP tools — each one runs the REST handler of its operation. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fcgi.h"
#include "mcp.h"

/*
 * A tool is a REST operation: tools/call builds an in-process sub-request
 * (same auth context, same database connection) from the arguments — one
 * argument as the path parameter, some as the query string, the rest as the
 * JSON body — and runs the very handler the REST route runs. So MCP and
 * REST share one implementation and answer alike, errors included.
 */
struct tool {
	const char *name;
	const char *desc;
	const char *input;     /* JSON Schema text */
	const char *output;    /* JSON Schema text, or NULL */
	const char *method;
	const char *path;      /* the REST path, "{}" for the path argument */
	void (*fn)(struct req *r);
	const char *path_arg;  /* argument that fills the path parameter */
	const char *query[2];  /* arguments sent as the query string */
	bool body;             /* the arguments are the JSON body */
	bool readonly;
};

#define S_ID(what) "{\"type\":\"string\",\"format\":\"uuid\",\"description\":\"" what "\"}"
#define S_STRATEGY "{\"type\":\"string\",\"enum\":[\"mobile\",\"desktop\",\"both\"]," \
	"\"description\":\"Device profile (default mobile, or the site's).\"}"
#define S_NONE "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"
#define S_OBJ "{\"type\":\"object\"}"
/* A result is either the operation's object or the {error, message} of a
 * failed call (tool errors carry structuredContent too). */
#define S_OR_ERROR(req) "\"anyOf\":[{\"required\":[" req "]}," \
	"{\"required\":[\"error\",\"message\"]}]"
#define S_NSTR "{\"type\":[\"string\",\"null\"]}"
#define S_NSCORE "{\"type\":[\"number\",\"null\"],\"minimum\":0,\"maximum\":100}"

static const struct tool tools[] = {
	{ "start_audit",
	  "Queue an audit of one public web page (performance, accessibility, SEO,"
	  " best practices, security, and agent readiness outside the overall"
	  " score). Returns a runId at once; poll get_run every"
	  " few seconds until status is completed, then call get_report with its"
	  " reportId. Optionally attach the run to a site with siteId.",
	  "{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\","
	  "\"format\":\"uri\",\"description\":\"Public http(s) URL to audit.\"},"
	  "\"siteId\":" S_ID("Site to attach the run to (optional).") ","
	  "\"strategy\":" S_STRATEGY "},\"required\":[\"url\"]}",
	  "{\"type\":\"object\",\"properties\":{\"runId\":{\"type\":\"string\"},"
	  "\"status\":{\"type\":\"string\"}}," S_OR_ERROR("\"runId\",\"status\"") "}",
	  "POST", "/api/mcp/start-audit", api_start_audit, NULL, { NULL, NULL },
	  true, false },
	{ "get_run",
	  "Status of a run started by start_audit or trigger_scan: queued, running,"
	  " completed (then reportId is set) or failed (then error says why).",
	  "{\"type\":\"object\",\"properties\":{\"runId\":" S_ID("The run id.")
	  "},\"required\":[\"runId\"]}",
	  "{\"type\":\"object\",\"properties\":{\"runId\":{\"type\":\"string\"},"
	  "\"status\":{\"type\":\"string\"},\"reportId\":" S_NSTR "},"
	  S_OR_ERROR("\"runId\",\"status\"") "}",
	  "GET", "/api/mcp/runs/{}", api_run_get, "runId", { NULL, NULL }, false, true },
	{ "get_report",
	  "A completed run's report: overall score, the five dimension scores,"
	  " scores.agentReadiness (0-100, how well AI agents can read and use the"
	  " page; not part of overall, absent when not measured),"
	  " summaries and issues. With format \"pdf_url\" it returns a signed PDF"
	  " link valid for 5 minutes instead.",
	  "{\"type\":\"object\",\"properties\":{\"reportId\":" S_ID("The report id"
	  " (get_run's reportId).") ",\"format\":{\"type\":\"string\",\"enum\":"
	  "[\"json\",\"pdf_url\"],\"description\":\"json (default) or pdf_url.\"}},"
	  "\"required\":[\"reportId\"]}",
	  S_OBJ, "GET", "/api/mcp/reports/{}", api_report_get, "reportId",
	  { "format", NULL }, false, true },
	{ "list_sites",
	  "The organization's sites (projects): id, name, base URL, schedule."
	  " Use a site id as siteId / projectId in the other tools.",
	  S_NONE, S_OBJ, "GET", "/api/mcp/sites", api_sites_list, NULL,
	  { NULL, NULL }, false, true },
	{ "get_site_history",
	  "Recent runs of a site with their scores, newest first (limit default"
	  " 10, max 100). scores.agentReadiness (0-100) is not part of health;"
	  " null when the scan did not measure it.",
	  "{\"type\":\"object\",\"properties\":{\"siteId\":" S_ID("The site id.")
	  ",\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100}},"
	  "\"required\":[\"siteId\"]}",
	  S_OBJ, "GET", "/api/mcp/sites/{}/history", api_site_history, "siteId",
	  { "limit", NULL }, false, true },
	{ "get_schedule",
	  "A site's scan schedule: frequency (off, daily, weekly, monthly), hour,"
	  " weekday / monthday and the next scheduled run.",
	  "{\"type\":\"object\",\"properties\":{\"siteId\":" S_ID("The site id.")
	  "},\"required\":[\"siteId\"]}",
	  S_OBJ, "GET", "/api/mcp/sites/{}/schedule", api_site_schedule, "siteId",
	  { NULL, NULL }, false, true },
	{ "get_account",
	  "Verify the API key: the organization, its plan, the key and this"
	  " billing period's usage and credits.",
	  S_NONE, S_OBJ, "GET", "/api/mcp/account", api_account, NULL,
	  { NULL, NULL }, false, true },
	{ "budget_check",
	  "Check a site's latest scan against its performance budgets and alert"
	  " rules; pass is false when any budget is violated. Budgets may name"
	  " agentReadiness like any score.",
	  "{\"type\":\"object\",\"properties\":{\"siteId\":" S_ID("The site id.")
	  "},\"required\":[\"siteId\"]}",
	  "{\"type\":\"object\",\"properties\":{\"pass\":{\"type\":\"boolean\"},"
	  "\"scores\":{\"type\":\"object\",\"properties\":{"
	  "\"health\":" S_NSCORE ",\"performance\":" S_NSCORE ","
	  "\"seo\":" S_NSCORE ",\"accessibility\":" S_NSCORE ","
	  "\"bestPractices\":" S_NSCORE ",\"agentReadiness\":{\"type\":"
	  "[\"number\",\"null\"],\"minimum\":0,\"maximum\":100,\"description\":"
	  "\"The sixth score, not part of health; null when not measured.\"}}},"
	  "\"violations\":{\"type\":\"array\"}}," S_OR_ERROR("\"pass\"") "}",
	  "POST", "/api/external/budget-check", api_budget_check, NULL,
	  { NULL, NULL }, true, true },
	{ "trigger_scan",
	  "Queue a scan of a whole site (its pages up to the site's page limit)."
	  " Returns a scanId (a runId: poll get_run). Rate limited per site.",
	  "{\"type\":\"object\",\"properties\":{\"siteId\":" S_ID("The site id.")
	  ",\"strategy\":" S_STRATEGY "},\"required\":[\"siteId\"]}",
	  S_OBJ, "POST", "/api/external/scan", api_scan, NULL, { NULL, NULL },
	  true, false },
	{ "run_page_audit",
	  "Queue a Page Audit of one https page: concrete edits (title, meta"
	  " description, headings, image alts, link texts, JSON-LD, canonical,"
	  " failing checks). Costs plan quota (Growth 4/month, Pro 10/month) or"
	  " 100 credits (Agency). Check success first; on success poll"
	  " get_page_audit every 10-20 s with the auditId. On failure error is"
	  " quota_exceeded (see reason), fetch_failed (nothing charged) or"
	  " forbidden (customer role).",
	  "{\"type\":\"object\",\"properties\":{\"projectId\":" S_ID("The site"
	  " (project) id, from list_sites.") ",\"pageUrl\":{\"type\":\"string\","
	  "\"format\":\"uri\",\"description\":\"Full https:// URL of a public page.\"}},"
	  "\"required\":[\"projectId\",\"pageUrl\"]}",
	  "{\"type\":\"object\",\"properties\":{\"success\":{\"type\":\"boolean\"},"
	  "\"auditId\":{\"type\":\"string\"},\"status\":{\"type\":\"string\"}},"
	  "\"required\":[\"success\"]}",
	  "POST", "/api/mcp/page-audits", api_page_audit_create, NULL,
	  { NULL, NULL }, true, false },
	{ "get_page_audit",
	  "A page audit's status (PENDING, GENERATING, COMPLETED, FAILED). Minimal"
	  " while pending; when COMPLETED it has summary and modifications (each:"
	  " type, target, currentValue, proposedValue, reason, source: \"rules\" or \"llm\"); when FAILED an"
	  " errorMessage.",
	  "{\"type\":\"object\",\"properties\":{\"auditId\":" S_ID("From"
	  " run_page_audit.") "},\"required\":[\"auditId\"]}",
	  "{\"type\":\"object\",\"properties\":{\"auditId\":{\"type\":\"string\"},"
	  "\"status\":{\"type\":\"string\"}}," S_OR_ERROR("\"auditId\",\"status\"") "}",
	  "GET", "/api/mcp/page-audits/{}", api_page_audit_get, "auditId",
	  { NULL, NULL }, false, true },
};

static json_object *
tool_json(const struct tool *t)
{
	json_object *o = json_object_new_object(), *ann = json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string(t->name));
	json_object_object_add(o, "description", json_object_new_string(t->desc));
	json_object_object_add(o, "inputSchema", json_tokener_parse(t->input));
	if (t->output)
		json_object_object_add(o, "outputSchema", json_tokener_parse(t->output));
	json_object_object_add(ann, "readOnlyHint", json_object_new_boolean(t->readonly));
	json_object_object_add(ann, "openWorldHint", json_object_new_boolean(!t->readonly));
	json_object_object_add(o, "annotations", ann);
	return o;
}

json_object *
mcp_tools_list(void)
{
	json_object *o = json_object_new_object(), *arr = json_object_new_array();

	for (size_t i = 0; i < SA_NITEMS(tools); i++)
		json_object_array_add(arr, tool_json(&tools[i]));
	json_object_object_add(o, "tools", arr);
	return o;
}

static const struct tool *
tool_find(const char *name)
{
	for (size_t i = 0; i < SA_NITEMS(tools); i++)
		if (strcmp(tools[i].name, name) == 0)
			return &tools[i];
	return NULL;
}

/* Appends "name=value" (percent-encoded) to q[n]; false when it won't fit. */
static bool
query_add(char *q, size_t n, const char *name, const char *val)
{
	size_t len = strlen(q);
	int w = snprintf(q + len, n - len, "%s%s=", len ? "&" : "", name);

	if (w < 0 || (size_t)w >= n - len)
		return false;
	len += (size_t)w;
	for (const unsigned char *s = (const unsigned char *)val; *s; s++) {
		if (len + 4 >= n)
			return false;
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~", *s))
			q[len++] = (char)*s;
		else
			len += (size_t)snprintf(q + len, n - len, "%%%02X", *s);
	}
	q[len] = '\0';
	return true;
}

/* Fills the sub-request's path parameter, query and body from args. */
static bool
sub_args(struct req *sub, const struct tool *t, json_object *args,
    char *q, size_t qn, char *msg, size_t n)
{
	json_object *v;

	if (t->path_arg) {
		if (!json_object_object_get_ex(args, t->path_arg, &v) ||
		    !json_object_is_type(v, json_type_string) ||
		    json_object_get_string_len(v) >= ROUTE_PARAMLEN) {
			snprintf(msg, n, "%s: argument %s (a string id) is required",
			    t->name, t->path_arg);
			return false;
		}
		snprintf(sub->match.params[0], ROUTE_PARAMLEN, "%s", json_object_get_string(v));
		sub->match.nparams = 1;
	}
	for (size_t i = 0; i < 2 && t->query[i]; i++) {
		if (!json_object_object_get_ex(args, t->query[i], &v) || v == NULL)
			continue;
		if (!query_add(q, qn, t->query[i], json_object_get_string(v))) {
			snprintf(msg, n, "%s: argument %s is too long", t->name, t->query[i]);
			return false;
		}
	}
	sub->query = q;
	if (t->body) {
		sub->body = strdup(json_object_to_json_string_ext(args, JSON_C_TO_STRING_PLAIN));
		sub->body_len = sub->body ? strlen(sub->body) : 0;
		sub->content_type = "application/json";
	}
	return true;
}

static void
sub_init(struct req *sub, const struct req *r, const struct tool *t)
{
	const char *p = strstr(t->path, "{}");

	req_init(sub);
	sub->method = t->method;
	sub->uri = t->path;
	snprintf(sub->path, sizeof(sub->path), "%.*s%s%s", p ? (int)(p - t->path) :
	    (int)strlen(t->path), t->path, p ? "_" : "", p ? p + 2 : "");
	sub->content_type = "";
	sub->authorization = r->authorization;
	sub->origin = r->origin;
	sub->host = r->host;
	sub->remote_addr = r->remote_addr;
	sub->user_agent = r->user_agent;
	sub->https = r->https;
	sub->db = r->db;
	sub->conf = r->conf;
	sub->auth = r->auth;
}

/* The CallToolResult of a finished sub-request. */
static json_object *
tool_result(const struct req *sub)
{
	json_object *o = json_object_new_object(), *content = json_object_new_array();
	json_object *text = json_object_new_object(), *sc;
	const char *body = sub->out.len ? buf_str(&sub->out) : "{}";

	sc = json_tokener_parse(body);
	if (sc == NULL || !json_object_is_type(sc, json_type_object)) {
		json_object *wrap = json_object_new_object();

		json_object_object_add(wrap, "result", sc);
		sc = wrap;
	}
	json_object_object_add(text, "type", json_object_new_string("text"));
	json_object_object_add(text, "text", json_object_new_string(
	    json_object_to_json_string_ext(sc, JSON_C_TO_STRING_PLAIN)));
	json_object_array_add(content, text);
	json_object_object_add(o, "content", content);
	json_object_object_add(o, "structuredContent", sc);
	json_object_object_add(o, "isError", json_object_new_boolean(sub->status >= 400));
	return o;
}

int
mcp_tools_call(struct req *r, const char *name, json_object *args,
    json_object **result, char *msg, size_t n)
{
	const struct tool *t = tool_find(name);
	json_object *empty = NULL;
	struct req sub;
	char q[1024] = "";
	bool ok;

	*result = NULL;
	if (t == NULL) {
		snprintf(msg, n, "Unknown tool: %s", name);
		return -32602;
	}
	if (args == NULL)
		args = empty = json_object_new_object();
	sub_init(&sub, r, t);
	if ((ok = sub_args(&sub, t, args, q, sizeof(q), msg, n))) {
		t->fn(&sub);
		*result = tool_result(&sub);
	}
	req_free(&sub);
	json_object_put(empty);
	return ok ? 0 : -32602;
}
