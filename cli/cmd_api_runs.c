/* cmd_api_runs.c: `siteaudit api start-audit | run | report`. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "cmd_api.h"

/* Report documents name the five dimensions (plus security) this way. */
static const char *const dims[][2] = {
	{ "performance", "Performance" }, { "accessibility", "Accessibility" },
	{ "bestPractices", "Best practices" }, { "seo", "SEO" },
	{ "security", "Security" }, { "agentReadiness", "Agent readiness" },
};

/* Overall and one line per dimension the report scored. */
static void
print_scores(json_object *report)
{
	json_object *scores = jo(report, "scores");
	char n[32];

	kv("Overall", api_num_text(report, "overall", n));
	for (size_t i = 0; i < sizeof(dims) / sizeof(dims[0]); i++)
		if (jo(scores, dims[i][0]))
			printf("  %-16s %3s\n", dims[i][1],
			    api_num_text(scores, dims[i][0], n));
}

int
api_show_run(struct api_ctx *x, json_object *run)
{
	const char *rep = js(run, "reportId");
	char path[96], t[3][24];
	json_object *report = NULL;
	int rc;

	kv("Run", js(run, "runId"));
	kv("Status", js(run, "status"));
	kv("Kind", js(run, "kind"));
	kv("URL", js(run, "url"));
	kv("Site", js(run, "siteId"));
	kv("Strategy", js(run, "strategy"));
	kv("Created", api_when(js(run, "createdAt"), t[0]));
	kv("Started", api_when(js(run, "startedAt"), t[1]));
	kv("Finished", api_when(js(run, "finishedAt"), t[2]));
	kv("Report", rep);
	if (js(run, "error"))
		kv("Error", js(run, "error"));
	if (rep == NULL)
		return AX_OK;
	snprintf(path, sizeof(path), "/api/mcp/reports/%.40s", rep);
	if ((rc = api_req(x, "GET", path, NULL, 200, &report)) != AX_OK)
		return rc;
	print_scores(report);
	json_object_put(report);
	return AX_OK;
}

int
api_cmd_start_audit(struct api_ctx *x)
{
	json_object *body = json_object_new_object(), *res = NULL;
	char id[64];
	int rc;

	json_object_object_add(body, "url", json_object_new_string(x->o.pos[0]));
	if (x->o.site)
		json_object_object_add(body, "siteId", json_object_new_string(x->o.site));
	if (x->o.strategy)
		json_object_object_add(body, "strategy",
		    json_object_new_string(x->o.strategy));
	rc = api_req(x, "POST", "/api/mcp/start-audit", body, 202, &res);
	json_object_put(body);
	if (rc != AX_OK)
		return rc;
	snprintf(id, sizeof(id), "%s", js(res, "runId") ? js(res, "runId") : "");
	json_object_put(res);
	if (id[0] == '\0')
		return api_err(x, AX_SERVER, "the answer has no runId");
	return api_queued_or_wait(x, "run", id);
}

int
api_cmd_run(struct api_ctx *x)
{
	json_object *run = NULL;
	char path[96];
	int rc;

	snprintf(path, sizeof(path), "/api/mcp/runs/%s", x->o.pos[0]);
	if ((rc = api_req(x, "GET", path, NULL, 200, &run)) != AX_OK)
		return rc;
	if (x->o.json)
		api_print_last(x);
	else
		rc = api_show_run(x, run);
	json_object_put(run);
	return rc;
}

/* The issues as a table, worst first as the report orders them. */
static void
print_issues(json_object *report)
{
	static const char *const head[] = { "SEVERITY", "DIMENSION", "CHECK",
	    "COUNT", "TITLE" };
	json_object *issues = jo(report, "issues");
	size_t n = issues && json_object_is_type(issues, json_type_array) ?
	    json_object_array_length(issues) : 0;
	struct table t;

	printf("\n%zu failing check%s\n", n, n == 1 ? "" : "s");
	if (n == 0)
		return;
	tbl_init(&t, 5, 1u << 3, head);
	for (size_t i = 0; i < n; i++) {
		json_object *it = json_object_array_get_idx(issues, i);
		char cnt[32];
		const char *row[] = { js(it, "severity"), js(it, "dimension"),
		    js(it, "id"), api_num_text(it, "count", cnt), js(it, "title") };
		tbl_row(&t, row);
	}
	tbl_print(&t, stdout);
	tbl_free(&t);
}

static void
print_report(json_object *r)
{
	json_object *pages = jo(r, "pages");
	char t[24];

	kv("Report", js(r, "id"));
	kv("Run", js(r, "runId"));
	kv("Site", js(r, "siteId"));
	kv("URL", js(r, "url"));
	if (js(r, "finalUrl") && js(r, "url") && strcmp(js(r, "finalUrl"),
	    js(r, "url")) != 0)
		kv("Final URL", js(r, "finalUrl"));
	kv("Strategy", js(r, "strategy"));
	kv("Created", api_when(js(r, "createdAt"), t));
	if (pages && json_object_is_type(pages, json_type_array))
		printf("%-12s %zu\n", "Pages", json_object_array_length(pages));
	print_scores(r);
	print_issues(r);
}

int
api_cmd_report(struct api_ctx *x)
{
	json_object *r = NULL;
	char path[96];
	int rc;

	if (x->o.pdf)
		return api_report_pdf(x, x->o.pos[0]);
	snprintf(path, sizeof(path), "/api/mcp/reports/%s", x->o.pos[0]);
	if ((rc = api_req(x, "GET", path, NULL, 200, &r)) != AX_OK)
		return rc;
	if (x->o.json)
		api_print_last(x);
	else
		print_report(r);
	json_object_put(r);
	return AX_OK;
}
