/* job_runs.c: one claimed run — audit with the engine, then record it. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "audit/audit.h"
#include "audit/crawl.h"
#include "audit/report.h"
#include "audit/score.h"
#include "model/pdf_store.h"
#include "runner.h"
#include "util/fault.h"
#include "util/log.h"

/* The two audits of a run: primary gives the run's scores (mobile for
 * strategy "both"); extra is the desktop audit of "both", else NULL. */
struct audits {
	struct audit_report *primary, *extra;
};

static enum sa_err
audit_one(const struct conf *cf, const char *url, enum audit_strategy st,
    struct audit_report **out)
{
	struct audit_opts o;

	audit_opts_init(&o);
	fetch_opts_from_conf(&o.fetch, cf);   /* applies allow_private_targets */
	crux_opts_from_conf(&o.crux, cf);     /* [crux]: field data when keyed */
	o.strategy = st;
	return audit_url(url, &o, out);
}

/*
 * A scan crawls the site from the run's URL, auditing up to page_limit
 * pages (docs/crawl.md); its scores are the means over the pages.
 */
static enum sa_err
scan_run(const struct conf *cf, const struct run_claim *c, struct audits *a)
{
	struct crawl_opts co;
	struct crawl_result res;
	enum sa_err rc;

	crawl_opts_init(&co);
	fetch_opts_from_conf(&co.audit.fetch, cf);   /* applies allow_private_targets */
	crux_opts_from_conf(&co.audit.crux, cf);
	co.audit.strategy = strcmp(c->strategy, "desktop") == 0 ?
	    STRATEGY_DESKTOP : STRATEGY_MOBILE;
	co.both = strcmp(c->strategy, "both") == 0;
	co.max_pages = c->page_limit > 0 ? (size_t)c->page_limit : 1;
	rc = crawl_site(c->url, &co, &res);
	a->primary = res.primary;
	a->extra = res.extra;
	return rc;
}

/* Runs the audits; on failure writes the reason into why[n]. */
static enum sa_err
audit_run(const struct conf *cf, const struct run_claim *c, struct audits *a,
    char *why, size_t n)
{
	if (strcmp(c->kind, "scan") == 0) {
		enum sa_err rc = scan_run(cf, c, a);

		if (rc != SA_OK)
			snprintf(why, n, "%s", a->primary && a->primary->errmsg[0] ?
			    a->primary->errmsg : sa_strerror(rc));
		return rc;
	}
	bool desk = strcmp(c->strategy, "desktop") == 0;
	bool both = strcmp(c->strategy, "both") == 0;
	struct audit_report **slot = &a->primary;
	enum sa_err rc;

	rc = audit_one(cf, c->url, desk ? STRATEGY_DESKTOP : STRATEGY_MOBILE, slot);
	if (rc == SA_OK && both) {
		slot = &a->extra;
		rc = audit_one(cf, c->url, STRATEGY_DESKTOP, slot);
	}
	if (rc != SA_OK)
		snprintf(why, n, "%s", *slot && (*slot)->errmsg[0] ?
		    (*slot)->errmsg : sa_strerror(rc));
	return rc;
}

static json_object *
score_json(int v)
{
	return v == SCORE_ABSENT ? NULL : json_object_new_int(v);
}

/* Adds the desktop audit to doc: its page rows and {overall, scores}. */
static void
merge_extra(json_object *doc, const struct audit_report *d)
{
	json_object *pages = NULL, *more = report_pages_json(d);
	json_object *desk = json_object_new_object(), *sc = json_object_new_object();

	json_object_object_get_ex(doc, "pages", &pages);
	for (size_t i = 0; pages && more && i < json_object_array_length(more); i++)
		json_object_array_add(pages,
		    json_object_get(json_object_array_get_idx(more, i)));
	json_object_put(more);
	for (int k = 0; k < DIM__MAX; k++)
		if (d->scores[k] != SCORE_ABSENT)
			json_object_object_add(sc, audit_dim_names[k],
			    score_json(d->scores[k]));
	json_object_object_add(desk, "overall", score_json(d->overall));
	json_object_object_add(desk, "scores", sc);
	json_object_object_add(doc, "desktop", desk);
	json_object_object_add(doc, "strategy", json_object_new_string("both"));
}

static void
fill_scores(const struct audit_report *r, struct run_result *res)
{
	static const enum audit_dim dims[RS__MAX] = { DIM__MAX, DIM_PERFORMANCE,
	    DIM_ACCESSIBILITY, DIM_SEO, DIM_BEST_PRACTICES, DIM_SECURITY,
	    DIM_AGENT_READINESS };

	res->scores[RS_HEALTH] = r->overall == SCORE_ABSENT ? -1 : r->overall;
	for (int i = RS_PERFORMANCE; i < RS__MAX; i++)
		res->scores[i] = r->scores[dims[i]] == SCORE_ABSENT ? -1 :
		    r->scores[dims[i]];
	res->ttfb_ms = r->npages && r->pages[0].ttfb_ms >= 0 ?
	    llround(r->pages[0].ttfb_ms) : -1;
}

/*
 * Renders the committed report's PDF into the file store. Best effort: a
 * failure is logged and the PDF is rendered on its first request instead.
 */
static void
render_pdf(const struct conf *cf, struct db *db, const struct run_claim *c,
    const char *rid)
{
	enum sa_err rc = pdf_store_render(db, cf, c->org_id, rid, true);

	if (rc != SA_OK)
		log_warn("run %s: report %s: PDF not rendered: %s", c->id, rid,
		    sa_strerror(rc));
}

/* Writes the report; logs and returns -1 on a database error. */
static int
record(const struct conf *cf, struct db *db, const char *owner,
    const struct run_claim *c, const struct audits *a)
{
	json_object *doc = report_to_json(a->primary), *pages = NULL;
	struct run_result res;
	char rid[UUID_STRLEN + 1];
	enum sa_err rc;

	if (doc == NULL)
		return -1;
	if (a->extra)
		merge_extra(doc, a->extra);
	json_object_object_get_ex(doc, "pages", &pages);
	fill_scores(a->primary, &res);
	res.pages = pages;
	res.report_json = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	rc = runs_complete(db, c, owner, &res, rid);
	if (rc == SA_OK) {
		log_info("run %s: completed by %s (report %s, health %d)", c->id,
		    owner, rid, res.scores[RS_HEALTH]);
		fault_point("run.written");   /* test-only: docs/runner.md */
		render_pdf(cf, db, c, rid);
	}
	else if (rc == SA_ENOTFOUND)
		log_warn("run %s: lease lost before the write; result dropped", c->id);
	else
		log_error("run %s: writing the report: %s", c->id, db_error(db));
	json_object_put(doc);
	return rc == SA_OK || rc == SA_ENOTFOUND ? 0 : -1;
}

static int
fail(struct db *db, const char *owner, const struct run_claim *c,
    const char *why)
{
	enum sa_err rc = runs_fail(db, c, owner, why);

	if (rc == SA_OK)
		log_info("run %s: failed: %s", c->id, why);
	else if (rc == SA_ENOTFOUND)
		log_warn("run %s: lease lost before the write; failure dropped", c->id);
	else
		log_error("run %s: recording the failure: %s", c->id, db_error(db));
	return rc == SA_EDB ? -1 : 0;
}

int
run_execute(const struct conf *cf, struct db *db, const char *owner,
    const struct run_claim *c, const atomic_bool *lost)
{
	struct audits a = { NULL, NULL };
	char why[300];
	enum sa_err rc;
	int ret = 0;

	rc = audit_run(cf, c, &a, why, sizeof(why));
	fault_point("run.fetched");   /* test-only: docs/runner.md */
	if (atomic_load(lost))
		log_warn("run %s: lease lost during the audit; result dropped", c->id);
	else if (rc == SA_ENOMEM)   /* transient: the lease expires, it is retried */
		log_error("run %s: out of memory; left for a retry", c->id);
	else if (rc != SA_OK)
		ret = fail(db, owner, c, why);
	else
		ret = record(cf, db, owner, c, &a);
	audit_report_free(a.primary);
	audit_report_free(a.extra);
	return ret;
}
