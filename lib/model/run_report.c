/* run_report.c: writes a run's report, its page rows and status atomically. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "model/runs.h"
#include "model/webhook.h"
#include "util/buf.h"

#define TOP_OPPORTUNITIES 3
#define PAGE_COLS 21
#define REPORT_COLS 17

static const char sql_lock[] =
    "SELECT id FROM runs WHERE id = ? AND lease_owner = ? AND attempts = ?"
    " AND status = 'running' FOR UPDATE";
static const char sql_report[] =
    "INSERT INTO reports (id, run_id, org_id, site_id, health, performance,"
    " accessibility, seo, best_practices, security, agent_readiness, ttfb_ms,"
    " report_json, lcp_ms, fcp_ms, tbt_ms, cls)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_page[] =
    "INSERT INTO report_pages (report_id, org_id, page_url, page_path,"
    " strategy, performance, seo, accessibility, best_practices, lcp_ms, cls,"
    " inp_ms, fcp_ms, ttfb_ms, crux_lcp_ms, crux_cls, crux_inp_ms, has_crux,"
    " top_opportunities, page_json, agent_readiness)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_done[] =
    "UPDATE runs SET status = 'completed', report_id = ?, finished_at = NOW(3),"
    " lease_expires_at = NULL, error = NULL WHERE id = ?";

/* Locks the run row if the lease is still ours; SA_ENOTFOUND if not. */
static enum sa_err
lock_lease(struct db *db, const struct run_claim *c, const char *owner)
{
	struct db_param p[3] = { DB_STR(c->id), DB_STR(owner), DB_INT(c->attempts) };
	struct db_res *r = NULL;
	enum sa_err rc;

	if ((rc = db_query(db, sql_lock, p, 3, &r)) != SA_OK)
		return rc;
	rc = r->nrows ? SA_OK : SA_ENOTFOUND;
	db_res_free(r);
	return rc;
}

static struct db_param
score_param(int v)
{
	return v < 0 ? DB_NULL : DB_INT(v);
}

static json_object *jget(json_object *o, const char *a, const char *b);

/*
 * A report-level metric: the mean of o.a.b over the page rows of the first
 * row's strategy that have it, rounded (ms) or kept (CLS); NULL when none.
 */
static struct db_param
pages_mean(json_object *pages, const char *a, const char *b, bool real)
{
	size_t n = pages ? json_object_array_length(pages) : 0, k = 0;
	const char *st = NULL;
	double sum = 0;

	for (size_t i = 0; i < n; i++) {
		json_object *row = json_object_array_get_idx(pages, i);
		json_object *s = jget(row, "strategy", NULL), *v = jget(row, a, b);

		if (st == NULL && s)
			st = json_object_get_string(s);
		if (v == NULL || s == NULL || st == NULL ||
		    strcmp(json_object_get_string(s), st) != 0 ||
		    (!json_object_is_type(v, json_type_int) &&
		    !json_object_is_type(v, json_type_double)))
			continue;
		sum += json_object_get_double(v);
		k++;
	}
	if (k == 0)
		return DB_NULL;
	return real ? DB_DBL(sum / (double)k) : DB_INT(llround(sum / (double)k));
}

static enum sa_err
insert_report(struct db *db, const struct run_claim *c,
    const struct run_result *res, const char *id)
{
	struct db_param p[REPORT_COLS];

	_Static_assert(4 + RS__MAX + 6 == REPORT_COLS, "sql_report columns");
	p[0] = DB_STR(id), p[1] = DB_STR(c->id), p[2] = DB_STR(c->org_id);
	p[3] = c->site_id[0] ? DB_STR(c->site_id) : DB_NULL;
	for (int i = 0; i < RS__MAX; i++)
		p[4 + i] = score_param(res->scores[i]);
	p[11] = res->ttfb_ms < 0 ? DB_NULL : DB_INT(res->ttfb_ms);
	p[12] = DB_STR(res->report_json);
	p[13] = pages_mean(res->pages, "coreWebVitals", "lcp", false);
	p[14] = pages_mean(res->pages, "coreWebVitals", "fcp", false);
	p[15] = pages_mean(res->pages, "metrics", "tbt", false);
	p[16] = pages_mean(res->pages, "coreWebVitals", "cls", true);
	return db_exec(db, sql_report, p, REPORT_COLS, NULL);
}

/* o.a.b as a JSON value, or NULL when missing or JSON null. */
static json_object *
jget(json_object *o, const char *a, const char *b)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, a, &v) || v == NULL)
		return NULL;
	if (b && (!json_object_object_get_ex(v, b, &v) || v == NULL))
		return NULL;
	return v;
}

/* A numeric cell: whole number (ms, score) or a double (CLS). */
static struct db_param
jnum(json_object *o, const char *a, const char *b, bool real)
{
	json_object *v = jget(o, a, b);
	double d;

	if (v == NULL || (!json_object_is_type(v, json_type_int) &&
	    !json_object_is_type(v, json_type_double)))
		return DB_NULL;
	d = json_object_get_double(v);
	return real ? DB_DBL(d) : DB_INT(llround(d));
}

static const char *
jstr_of(json_object *o, const char *a)
{
	json_object *v = jget(o, a, NULL);

	return v && json_object_is_type(v, json_type_string) ?
	    json_object_get_string(v) : NULL;
}

/* "Title (520ms); Title (310ms)" — the export's Top Opportunities cell. */
static enum sa_err
top_opportunities(json_object *row, struct buf *b)
{
	json_object *a = jget(row, "opportunities", NULL);
	size_t n = a && json_object_is_type(a, json_type_array) ?
	    json_object_array_length(a) : 0;
	enum sa_err rc = SA_OK;

	for (size_t i = 0; i < n && i < TOP_OPPORTUNITIES && rc == SA_OK; i++) {
		json_object *op = json_object_array_get_idx(a, i);
		const char *t = jstr_of(op, "title");
		json_object *ms = jget(op, "savingsMs", NULL);

		if (i > 0)
			rc = buf_adds(b, "; ");
		if (rc == SA_OK)
			rc = buf_adds(b, t ? t : "");
		if (rc == SA_OK && ms)
			rc = buf_printf(b, " (%lldms)",
			    (long long)llround(json_object_get_double(ms)));
	}
	return rc;
}

/* The 21 parameters of one report_pages row; SA_EINVAL on a bad row. */
static enum sa_err
page_params(json_object *row, const char *report_id, const char *org,
    struct buf *top, struct db_param p[PAGE_COLS])
{
	const char *url = jstr_of(row, "pageUrl"), *st = jstr_of(row, "strategy");
	json_object *has = jget(row, "crux", "hasCruxData");

	if (url == NULL || st == NULL || top_opportunities(row, top) != SA_OK)
		return SA_EINVAL;
	p[0] = DB_STR(report_id), p[1] = DB_STR(org), p[2] = DB_STR(url);
	p[3] = DB_STR(jstr_of(row, "pagePath") ? jstr_of(row, "pagePath") : "/");
	p[4] = DB_STR(st);
	p[5] = jnum(row, "scores", "performance", false);
	p[6] = jnum(row, "scores", "seo", false);
	p[7] = jnum(row, "scores", "accessibility", false);
	p[8] = jnum(row, "scores", "bestPractices", false);
	p[9] = jnum(row, "coreWebVitals", "lcp", false);
	p[10] = jnum(row, "coreWebVitals", "cls", true);
	p[11] = jnum(row, "coreWebVitals", "inp", false);
	p[12] = jnum(row, "coreWebVitals", "fcp", false);
	p[13] = jnum(row, "coreWebVitals", "ttfb", false);
	p[14] = jnum(row, "crux", "lcp", false);
	p[15] = jnum(row, "crux", "cls", true);
	p[16] = jnum(row, "crux", "inp", false);
	p[17] = DB_INT(has && json_object_get_boolean(has));
	p[18] = top->len ? DB_STR(buf_str(top)) : DB_NULL;
	p[19] = DB_STR(json_object_to_json_string_ext(row, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	p[20] = jnum(row, "scores", "agentReadiness", false);
	return SA_OK;
}

static enum sa_err
insert_pages(struct db *db, const struct run_claim *c, json_object *pages,
    const char *report_id)
{
	size_t n = pages ? json_object_array_length(pages) : 0;
	struct db_param p[PAGE_COLS];
	enum sa_err rc = SA_OK;
	struct buf top;

	for (size_t i = 0; i < n && rc == SA_OK; i++) {
		buf_init(&top, 4096);
		rc = page_params(json_object_array_get_idx(pages, i), report_id,
		    c->org_id, &top, p);
		if (rc == SA_OK)
			rc = db_exec(db, sql_page, p, PAGE_COLS, NULL);
		buf_free(&top);
	}
	return rc;
}

static enum sa_err
mark_done(struct db *db, const struct run_claim *c, const char *report_id)
{
	struct db_param p[2] = { DB_STR(report_id), DB_STR(c->id) };

	return db_exec(db, sql_done, p, 2, NULL);
}

enum sa_err
runs_complete(struct db *db, const struct run_claim *c, const char *owner,
    const struct run_result *res, char report_id[UUID_STRLEN + 1])
{
	enum sa_err rc;

	uuid_v7(report_id);
	if ((rc = db_begin(db)) != SA_OK)
		return rc;
	if ((rc = lock_lease(db, c, owner)) == SA_OK &&
	    (rc = insert_report(db, c, res, report_id)) == SA_OK &&
	    (rc = insert_pages(db, c, res->pages, report_id)) == SA_OK &&
	    (rc = mark_done(db, c, report_id)) == SA_OK &&
	    (rc = webhook_enqueue_run(db, c, report_id, NULL)) == SA_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}
