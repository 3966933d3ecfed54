/* page_report.c: one scan in full — scores, summaries, every issue with examples. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "fcgi.h"
#include "model/ui_sites.h"
#include "ui.h"
#include "ui_report.h"

#define REPORT_PAGES 500     /* page rows listed; the export has them all */
#define REPORT_ISSUES 200

static void
add_summaries(json_object *doc, json_object *ctx)
{
	static const char *const dims[] = { "performance", "accessibility", "seo",
	    "bestPractices", "security", "agentReadiness" };
	static const char *const labels[] = { "Performance", "Accessibility", "SEO",
	    "Best practices", "Security", "Agent readiness (not in health)" };
	json_object *sum, *a = json_object_new_array(), *v;

	if (doc && json_object_object_get_ex(doc, "summaries", &sum))
		for (size_t i = 0; i < SA_NITEMS(dims); i++) {
			json_object *o;
			if (!json_object_object_get_ex(sum, dims[i], &v) ||
			    !json_object_is_type(v, json_type_string))
				continue;
			o = json_object_new_object();
			ui_set(o, "label", labels[i]);
			ui_set(o, "text", json_object_get_string(v));
			json_object_array_add(a, o);
		}
	json_object_object_add(ctx, "summaries", a);
}

static void
add_report(struct req *r, const struct db_res *rep, json_object *ctx)
{
	struct db_res *pages = NULL;
	const char *report = db_res_get(rep, 0, RP_ID);
	json_object *doc = ui_report_doc(r->db, r->auth.org_id, report);

	ui_set(ctx, "scan_id", db_res_get(rep, 0, RP_RUN_ID));
	ui_set(ctx, "scanned_at", db_res_get(rep, 0, RP_CREATED));
	ui_set_num(ctx, "npages", db_res_get(rep, 0, RP_NPAGES));
	json_object_object_add(ctx, "scores", ui_report_scores(rep));
	json_object_object_add(ctx, "metrics", ui_report_metrics(rep));
	add_summaries(doc, ctx);
	json_object_object_add(ctx, "issues", ui_report_issues(doc, REPORT_ISSUES, true));
	json_object_put(doc);
	if (ui_report_pages(r->db, r->auth.org_id, report, REPORT_PAGES, &pages) == SA_OK)
		json_object_object_add(ctx, "pages", ui_report_pages_json(pages));
	db_res_free(pages);
}

/* GET /sites/{siteId}/scans/{scanId} */
void
page_report(struct req *r)
{
	const char *site = ui_path_uuid(r, 0), *scan = ui_path_uuid(r, 1);
	json_object *ctx = ui_ctx(r, "Scan report", "sites");
	struct db_res *rep = NULL;

	if (!ui_load_site(r, site, ctx)) {
		json_object_put(ctx);
		return;
	}
	if (scan == NULL || ui_report_find(r->db, r->auth.org_id, site, scan,
	    &rep) != SA_OK || rep->nrows == 0) {
		json_object_put(ctx);
		db_res_free(rep);
		ui_error(r, 404, "Report not found",
		    "This scan has no completed report.");
		return;
	}
	add_report(r, rep, ctx);
	db_res_free(rep);
	ui_render(r, 200, "report", ctx);
}
