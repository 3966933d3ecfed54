/* cmd_api_sites.c: `siteaudit api sites | history | schedule | account`. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "cmd_api.h"

/* GET path; prints the JSON (--json) or hands the object to show. */
static int
get_and_show(struct api_ctx *x, const char *path,
    void (*show)(json_object *, const struct api_ctx *))
{
	json_object *o = NULL;
	int rc = api_req(x, "GET", path, NULL, 200, &o);

	if (rc != AX_OK)
		return rc;
	if (x->o.json)
		api_print_last(x);
	else
		show(o, x);
	json_object_put(o);
	return AX_OK;
}

static json_object *
array_of(json_object *o, const char *key)
{
	json_object *a = jo(o, key);

	return a && json_object_is_type(a, json_type_array) ? a : NULL;
}

static void
show_sites(json_object *o, const struct api_ctx *x)
{
	static const char *const head[] = { "ID", "NAME", "URL", "STRATEGY",
	    "SCHEDULE", "LAST SCAN", "HEALTH" };
	json_object *arr = array_of(o, "sites");
	size_t n = arr ? json_object_array_length(arr) : 0;
	struct table t;

	(void)x;
	if (n == 0) {
		printf("no sites\n");
		return;
	}
	tbl_init(&t, 7, 1u << 6, head);
	for (size_t i = 0; i < n; i++) {
		json_object *s = json_object_array_get_idx(arr, i);
		json_object *last = jo(s, "latestScan");
		char when[24], health[32];
		const char *row[] = { js(s, "id"), js(s, "name"), js(s, "url"),
		    js(s, "strategy"), js(jo(s, "schedule"), "frequency"),
		    api_when(js(last, "scannedAt"), when),
		    api_num_text(jo(last, "scores"), "health", health) };
		tbl_row(&t, row);
	}
	tbl_print(&t, stdout);
	tbl_free(&t);
}

int
api_cmd_sites(struct api_ctx *x)
{
	return get_and_show(x, "/api/mcp/sites", show_sites);
}

static void
history_row(struct table *t, json_object *r)
{
	static const char *const keys[] = { "health", "performance",
	    "accessibility", "seo", "bestPractices", "security" };
	json_object *sc = jo(r, "scores");
	char when[24], n[6][32];
	const char *row[12] = { js(r, "runId"), js(r, "kind"), js(r, "status"),
	    js(r, "strategy"), api_when(js(r, "createdAt"), when) };

	for (size_t k = 0; k < 6; k++)
		row[5 + k] = api_num_text(sc, keys[k], n[k]);
	row[11] = js(r, "error");
	tbl_row(t, row);
}

static void
show_history(json_object *o, const struct api_ctx *x)
{
	static const char *const head[] = { "RUN", "KIND", "STATUS", "STRATEGY",
	    "CREATED", "HEALTH", "PERF", "A11Y", "SEO", "BP", "SEC", "ERROR" };
	json_object *arr = array_of(o, "runs");
	size_t n = arr ? json_object_array_length(arr) : 0;
	struct table t;

	if (n == 0) {
		printf("no runs for site %s\n", x->o.pos[0]);
		return;
	}
	tbl_init(&t, 12, 0x7e0u, head);   /* the six score columns */
	for (size_t i = 0; i < n; i++)
		history_row(&t, json_object_array_get_idx(arr, i));
	tbl_print(&t, stdout);
	tbl_free(&t);
}

int
api_cmd_history(struct api_ctx *x)
{
	char path[128];

	snprintf(path, sizeof(path), "/api/mcp/sites/%s/history?limit=%ld",
	    x->o.pos[0], x->o.limit > 0 ? x->o.limit : 10);
	return get_and_show(x, path, show_history);
}

static void
show_schedule(json_object *o, const struct api_ctx *x)
{
	static const char *const days[] = { "Sunday", "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday" };
	const char *freq = js(o, "frequency");
	json_object *wd = jo(o, "weekday");
	int d = wd ? json_object_get_int(wd) : -1;
	char when[24], n[32];

	(void)x;
	kv("Site", js(o, "siteId"));
	kv("Frequency", freq);
	kv("Enabled", json_object_get_boolean(jo(o, "enabled")) ? "yes" : "no");
	if (freq && strcmp(freq, "off") != 0)
		printf("%-12s %s:00 %s\n", "Hour", api_num_text(o, "hour", n),
		    js(o, "timezone") ? js(o, "timezone") : "UTC");
	if (freq && strcmp(freq, "weekly") == 0)
		kv("Weekday", d >= 0 && d <= 6 ? days[d] : "-");
	if (freq && strcmp(freq, "monthly") == 0)
		kv("Day of month", api_num_text(o, "monthday", n));
	kv("Next run", api_when(js(o, "nextRunAt"), when));
}

int
api_cmd_schedule(struct api_ctx *x)
{
	char path[128];

	snprintf(path, sizeof(path), "/api/mcp/sites/%s/schedule", x->o.pos[0]);
	return get_and_show(x, path, show_schedule);
}

/* printf's %s must not get NULL. */
static const char *
dash(const char *s)
{
	return s ? s : "-";
}

static void
show_account(json_object *o, const struct api_ctx *x)
{
	json_object *org = jo(o, "org"), *key = jo(o, "key"), *u = jo(o, "usage");
	json_object *cr = jo(u, "credits");
	char a[24], b[24], n[3][32];

	(void)x;
	printf("%-12s %s (%s)\n", "Organization", dash(js(org, "name")),
	    dash(js(org, "id")));
	kv("Plan", js(org, "plan"));
	printf("%-12s %s, %s… (%s)\n", "API key", dash(js(key, "name")),
	    dash(js(key, "prefix")), dash(js(key, "role")));
	printf("%-12s %s to %s\n", "Period", api_when(js(u, "periodStart"), a),
	    api_when(js(u, "periodEnd"), b));
	printf("%-12s %s (%s audits, %s scans)\n", "Runs",
	    api_num_text(u, "runs", n[0]), api_num_text(u, "audits", n[1]),
	    api_num_text(u, "scans", n[2]));
	printf("%-12s %s left, %s used this period\n", "Credits",
	    api_num_text(cr, "balance", n[0]),
	    api_num_text(cr, "usedThisPeriod", n[1]));
	printf("%-12s %s EUR a month\n", "Overage cap",
	    api_num_text(cr, "monthlyOverageCapEuros", n[2]));
}

int
api_cmd_account(struct api_ctx *x)
{
	return get_and_show(x, "/api/mcp/account", show_account);
}
