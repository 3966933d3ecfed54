/* api_budget.c: POST /api/external/budget-check — the CI gate. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include "api_common.h"
#include "fcgi.h"
#include "model/budget.h"
#include "util/log.h"
#include "web/body.h"

#define MAX_BUDGETS 256

/*
 * The latest two completed scans of the site (the second is the baseline of
 * the alert rules); metric columns in budget order.
 */
static const char sql_latest[] =
    "SELECT rp.run_id, COALESCE(ru.finished_at, rp.created_at),"
    " rp.health, rp.performance, rp.seo, rp.accessibility, rp.best_practices,"
    " rp.security, rp.agent_readiness, rp.lcp_ms, rp.cls, rp.inp_ms,"
    " rp.fcp_ms, rp.ttfb_ms, rp.tbt_ms"
    " FROM reports rp JOIN runs ru ON ru.id = rp.run_id AND ru.org_id = rp.org_id"
    " WHERE rp.site_id = ? AND rp.org_id = ?"
    " ORDER BY rp.created_at DESC, rp.id DESC LIMIT 2";
enum { R_SCAN, R_AT, R_METRICS };
_Static_assert(BM_HEALTH == 0 && BM_AGENT_READINESS == 6 && BM_TBT == 12,
    "sql_latest follows budget order");

static const char sql_budgets[] =
    "SELECT metric, operator, threshold FROM budgets"
    " WHERE site_id = ? AND org_id = ? ORDER BY created_at, id LIMIT 256";

/* score_drop rules name scores, metric_worsened rules name timings */
static const char sql_alerts[] =
    "SELECT metric, threshold FROM alert_rules"
    " WHERE site_id = ? AND org_id = ? ORDER BY created_at, id LIMIT 256";

static const struct field check_fields[] = {
	{ "siteId", FIELD_UUID, true, 0, 0, NULL },
};

/* Fills b[] from the budget rows; rows naming unknown metrics are skipped. */
static size_t
load_budgets(const struct db_res *res, struct budget *b)
{
	size_t n = 0;

	for (size_t i = 0; i < res->nrows && n < MAX_BUDGETS; i++) {
		enum budget_metric m = budget_metric_parse(db_res_get(res, i, 0));
		enum budget_op op = budget_op_parse(db_res_get(res, i, 1));

		if (m == BM__MAX || op == BUDGET_OP__MAX) {
			log_warn("budget-check: skipping budget on unknown metric %s",
			    db_res_get(res, i, 0));
			continue;
		}
		b[n++] = (struct budget){ m, op, strtod(db_res_get(res, i, 2), NULL) };
	}
	return n;
}

static json_object *
value_json(const struct budget_values *v, enum budget_metric m)
{
	return v->has[m] ? api_double(v->v[m]) : NULL;
}

static json_object *
scores_json(const struct budget_values *v)
{
	static const enum budget_metric five[] = { BM_HEALTH, BM_PERFORMANCE,
		BM_SEO, BM_ACCESSIBILITY, BM_BEST_PRACTICES };
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < SA_NITEMS(five); i++)
		json_object_object_add(o, budget_metric_name(five[i]),
		    value_json(v, five[i]));
	/* An extra property beside spec 001's five (null when not measured). */
	json_object_object_add(o, budget_metric_name(BM_AGENT_READINESS),
	    value_json(v, BM_AGENT_READINESS));
	return o;
}

/* Fills a[] from the alert rule rows; unknown metrics are skipped. */
static size_t
load_alerts(const struct db_res *res, struct alert_rule *a)
{
	size_t n = 0;

	for (size_t i = 0; i < res->nrows && n < MAX_BUDGETS; i++) {
		enum budget_metric m = budget_metric_parse(db_res_get(res, i, 0));
		if (m != BM__MAX)
			a[n++] = (struct alert_rule){ m, strtod(db_res_get(res, i, 1), NULL) };
	}
	return n;
}

static void
scan_values(const struct db_res *scan, size_t row, struct budget_values *v)
{
	budget_values_clear(v);
	for (int m = 0; scan && row < scan->nrows && m < BM__MAX; m++)
		budget_values_set_text(v, m, db_res_get(scan, row, R_METRICS + m));
}

/* The response; scan NULL: the site has no completed scan yet. */
static json_object *
result_json(const char *site_name, const struct db_res *scan,
    const struct budget *b, size_t nb, const struct alert_rule *a, size_t na)
{
	struct budget_violation viol[2 * MAX_BUDGETS];
	struct budget_values v, prev;
	json_object *o = json_object_new_object();
	size_t nv = 0;

	scan_values(scan, 0, &v);
	scan_values(scan, 1, &prev);
	if (scan) {
		nv = budget_eval(b, nb, &v, viol);
		nv += alert_eval(a, na, &v, &prev, viol + nv);
	}
	json_object_object_add(o, "pass", json_object_new_boolean(scan && nv == 0));
	json_object_object_add(o, "site", json_object_new_string(site_name));
	if (scan)
		json_object_object_add(o, "scores", scores_json(&v));
	json_object_object_add(o, "violations",
	    budget_violations_json(viol, nv));
	json_object_object_add(o, "scanId",
	    scan ? api_str(db_res_get(scan, 0, R_SCAN)) : NULL);
	json_object_object_add(o, "scannedAt",
	    scan ? api_time(db_res_get(scan, 0, R_AT)) : NULL);
	return o;
}

static void
check_site(struct req *r, const struct db_res *site)
{
	struct db_param p[2] = {
		DB_STR(db_res_get(site, 0, SITE_ID)), DB_STR(r->auth.org_id),
	};
	struct db_res *scan = NULL, *rows = NULL, *alerts = NULL;
	struct budget b[MAX_BUDGETS];
	struct alert_rule a[MAX_BUDGETS];
	size_t nb, na;

	if (db_query(r->db, sql_latest, p, 2, &scan) != SA_OK ||
	    db_query(r->db, sql_budgets, p, 2, &rows) != SA_OK ||
	    db_query(r->db, sql_alerts, p, 2, &alerts) != SA_OK) {
		api_db_fail(r);
		goto out;
	}
	nb = load_budgets(rows, b);
	na = load_alerts(alerts, a);
	reply_json(r, 200, result_json(db_res_get(site, 0, SITE_NAME),
	    scan->nrows ? scan : NULL, b, nb, a, na));
out:
	db_res_free(scan);
	db_res_free(rows);
	db_res_free(alerts);
}

void
api_budget_check(struct req *r)
{
	struct field_val v[1];
	struct db_res *site = NULL;
	json_object *body = body_json(r);

	if (body && body_validate(r, body, check_fields, 1, v) &&
	    api_site_load(r, v[0].str, &site))
		check_site(r, site);
	db_res_free(site);
	json_object_put(body);
}
