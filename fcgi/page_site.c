/* page_site.c: one site — latest scores, trend chart, pages, issues, Scan now. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "fcgi.h"
#include "model/scan.h"
#include "model/ui_sites.h"
#include "ui.h"
#include "ui_chart.h"
#include "ui_report.h"

#define TREND_SCANS   30
#define TABLE_PAGES   50
#define TOP_ISSUES    8
#define RECENT_RUNS   10

/* Loads the site into ctx (key "site"); false after replying 404 / 503. */
bool
ui_load_site(struct req *r, const char *id, json_object *ctx)
{
	struct db_res *res = NULL;
	json_object *s;
	static const char *const keys[SG__N] = { "id", "name", "url", "strategy",
	    "page_limit", "schedule", "hour", "weekday", "monthday", "next_run",
	    "active" };

	if (id == NULL || ui_site_get(r->db, r->auth.org_id, id, &res) != SA_OK ||
	    res->nrows == 0) {
		if (id && res == NULL)
			ui_db_fail(r);
		else
			ui_error(r, 404, "Site not found",
			    "There is no such site in your organization.");
		db_res_free(res);
		return false;
	}
	s = json_object_new_object();
	for (size_t c = 0; c < SG__N; c++)
		ui_set(s, keys[c], db_res_get(res, 0, c));
	json_object_object_add(ctx, "site", s);
	db_res_free(res);
	return true;
}

static void
add_runs(struct req *r, const char *site, json_object *ctx)
{
	static const char *const keys[RN__N] = { "id", "status", "trigger",
	    "created", "finished", "error" };
	struct db_res *res = NULL;
	json_object *a = json_object_new_array();

	if (ui_site_runs(r->db, r->auth.org_id, site, RECENT_RUNS, &res) == SA_OK)
		for (size_t i = 0; i < res->nrows; i++) {
			json_object *o = json_object_new_object();
			for (size_t c = 0; c < RN__N; c++)
				ui_set(o, keys[c], db_res_get(res, i, c));
			ui_set_bool(o, "completed",
			    strcmp(db_res_get(res, i, RN_STATUS), "completed") == 0);
			json_object_array_add(a, o);
		}
	db_res_free(res);
	json_object_object_add(ctx, "runs", a);
}

static void
add_latest(struct req *r, const char *site, const struct db_res *rep,
    json_object *ctx)
{
	struct db_res *trend = NULL, *pages = NULL;
	const char *report = db_res_get(rep, 0, RP_ID);
	json_object *l = json_object_new_object(), *doc;

	ui_set(l, "scan_id", db_res_get(rep, 0, RP_RUN_ID));
	ui_set(l, "scanned_at", db_res_get(rep, 0, RP_CREATED));
	ui_set_num(l, "npages", db_res_get(rep, 0, RP_NPAGES));
	json_object_object_add(l, "scores", ui_report_scores(rep));
	json_object_object_add(l, "metrics", ui_report_metrics(rep));
	if (ui_report_trend(r->db, r->auth.org_id, site, TREND_SCANS, &trend) == SA_OK) {
		json_object_object_add(l, "chart", ui_chart_svg(trend));
		json_object_object_add(l, "trend_n", json_object_new_int64((long long)trend->nrows));
		ui_set_bool(l, "trend_agent", ui_chart_has_agent(trend));
	}
	if (ui_report_pages(r->db, r->auth.org_id, report, TABLE_PAGES, &pages) == SA_OK)
		json_object_object_add(l, "pages", ui_report_pages_json(pages));
	doc = ui_report_doc(r->db, r->auth.org_id, report);
	json_object_object_add(l, "issues", ui_report_issues(doc, TOP_ISSUES, false));
	json_object_put(doc);
	db_res_free(trend);
	db_res_free(pages);
	json_object_object_add(ctx, "latest", l);
}

/* GET /sites/{siteId} */
void
page_site(struct req *r)
{
	const char *id = ui_path_uuid(r, 0);
	json_object *ctx = ui_ctx(r, "Site", "sites"), *s;
	struct db_res *rep = NULL;

	if (!ui_load_site(r, id, ctx)) {
		json_object_put(ctx);
		return;
	}
	json_object_object_get_ex(ctx, "site", &s);
	json_object_object_add(ctx, "title", json_object_get(
	    json_object_object_get(s, "name")));
	if (ui_report_find(r->db, r->auth.org_id, id, NULL, &rep) != SA_OK) {
		json_object_put(ctx);
		ui_db_fail(r);
		return;
	}
	if (rep->nrows)
		add_latest(r, id, rep, ctx);
	db_res_free(rep);
	add_runs(r, id, ctx);
	ui_render(r, 200, "site", ctx);
}

/* POST /sites/{siteId}/scan — the rules of POST /api/external/scan. */
void
page_site_scan(struct req *r)
{
	const char *id = ui_path_uuid(r, 0);
	struct scanq q = { .org_id = r->auth.org_id, .user_id = r->auth.user_id,
	    .site_id = id, .trigger = "ui" };
	static const char *const notice[] = { [SCANQ_QUEUED] = "scan_queued",
	    [SCANQ_ACTIVE] = "scan_active", [SCANQ_LIMITED] = "scan_limited" };
	char scan[UUID_STRLEN + 1], loc[128];
	long long usec;
	enum scanq_outcome rc;

	if (!ui_can(r, ROLE_MEMBER)) {
		ui_error(r, 403, "Not allowed", "Customers can view and export reports "
		    "but cannot start scans.");
		return;
	}
	rc = id ? scanq_enqueue(r->db, &q, scan, &usec) : SCANQ_NOTFOUND;
	if (rc == SCANQ_NOTFOUND)
		ui_error(r, 404, "Site not found",
		    "There is no such site in your organization.");
	else if (rc == SCANQ_DBERR)
		ui_db_fail(r);
	else {
		snprintf(loc, sizeof(loc), "/sites/%s?notice=%s", id, notice[rc]);
		ui_redirect(r, loc);
	}
}
