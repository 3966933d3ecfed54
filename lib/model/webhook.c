/* webhook.c: the events of a finished run, queued as delivery rows. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "model/budget.h"
#include "model/webhook.h"

#define MAX_RULES 256

static const char sql_subs[] =
    "SELECT id, events, format FROM webhook_subscriptions"
    " WHERE org_id = ? AND enabled = TRUE AND (site_id IS NULL OR site_id = ?)";
static const char sql_site[] =
    "SELECT name, url FROM sites WHERE id = ? AND org_id = ?";
/* metric columns in budget order (BM_HEALTH .. BM_TBT) */
static const char sql_report[] =
    "SELECT health, performance, seo, accessibility, best_practices, security,"
    " agent_readiness, lcp_ms, cls, inp_ms, fcp_ms, ttfb_ms, tbt_ms"
    " FROM reports WHERE id = ? AND org_id = ?";
static const char sql_prev[] =
    "SELECT health, performance, seo, accessibility, best_practices, security,"
    " agent_readiness, lcp_ms, cls, inp_ms, fcp_ms, ttfb_ms, tbt_ms"
    " FROM reports WHERE site_id = ? AND org_id = ? AND id <> ?"
    " ORDER BY created_at DESC, id DESC LIMIT 1";
static const char sql_budgets[] =
    "SELECT metric, operator, threshold FROM budgets"
    " WHERE site_id = ? AND org_id = ? ORDER BY created_at, id LIMIT 256";
static const char sql_alerts[] =
    "SELECT metric, threshold FROM alert_rules"
    " WHERE site_id = ? AND org_id = ? ORDER BY created_at, id LIMIT 256";
static const char sql_delivery[] =
    "INSERT INTO webhook_deliveries (id, subscription_id, org_id, event_id,"
    " event_type, payload) VALUES (?, ?, ?, ?, ?, ?)";
_Static_assert(BM_HEALTH == 0 && BM_AGENT_READINESS == 6 && BM_TBT == 12,
    "sql_report follows budget order");

/* What the events of one run are built from. */
struct run_facts {
	const struct run_claim *c;
	const char *report_id, *error;
	struct db_res *site;              /* name, url; NULL without a site */
	struct budget_values cur, prev;
	bool has_cur;
	struct budget_violation budget[MAX_RULES], regress[MAX_RULES];
	size_t nbudget, nregress;
};

static json_object *
num_json(double d)
{
	if (isfinite(d) && d == floor(d) && fabs(d) < 1e15)
		return json_object_new_int64((int64_t)d);
	return json_object_new_double(d);
}

static json_object *
now_json(void)
{
	struct timespec ts;
	struct tm tm;
	char s[96];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, ts.tv_nsec / 1000000);
	return json_object_new_string(s);
}

/* Row 0 of sql with params p into vals; false when no row / error. */
static bool
load_values(struct db *db, const char *sql, const struct db_param *p,
    size_t np, struct budget_values *vals, enum sa_err *rc)
{
	struct db_res *r = NULL;
	bool found;

	budget_values_clear(vals);
	if ((*rc = db_query(db, sql, p, np, &r)) != SA_OK)
		return false;
	found = r->nrows > 0;
	for (int m = 0; found && m < BM__MAX; m++)
		budget_values_set_text(vals, m, db_res_get(r, 0, m));
	db_res_free(r);
	return found;
}

static size_t
eval_budgets(const struct db_res *r, struct run_facts *f)
{
	struct budget b[MAX_RULES];
	size_t n = 0;

	for (size_t i = 0; i < r->nrows && n < MAX_RULES; i++) {
		enum budget_metric m = budget_metric_parse(db_res_get(r, i, 0));
		enum budget_op op = budget_op_parse(db_res_get(r, i, 1));

		if (m != BM__MAX && op != BUDGET_OP__MAX)
			b[n++] = (struct budget){ m, op,
			    strtod(db_res_get(r, i, 2), NULL) };
	}
	return budget_eval(b, n, &f->cur, f->budget);
}

static size_t
eval_alerts(const struct db_res *r, struct run_facts *f, bool has_prev)
{
	struct alert_rule a[MAX_RULES];
	size_t n = 0;

	for (size_t i = 0; has_prev && i < r->nrows && n < MAX_RULES; i++) {
		enum budget_metric m = budget_metric_parse(db_res_get(r, i, 0));

		if (m != BM__MAX)
			a[n++] = (struct alert_rule){ m,
			    strtod(db_res_get(r, i, 1), NULL) };
	}
	return alert_eval(a, n, &f->cur, &f->prev, f->regress);
}

/* Budgets (same evaluation as budget-check) and alert rules of the site. */
static enum sa_err
evaluate(struct db *db, struct run_facts *f)
{
	const struct run_claim *c = f->c;
	struct db_param p[3] = { DB_STR(c->site_id), DB_STR(c->org_id),
	    DB_STR(f->report_id) };
	struct db_res *b = NULL, *a = NULL;
	enum sa_err rc;
	bool has_prev = load_values(db, sql_prev, p, 3, &f->prev, &rc);

	if (rc == SA_OK && (rc = db_query(db, sql_budgets, p, 2, &b)) == SA_OK &&
	    (rc = db_query(db, sql_alerts, p, 2, &a)) == SA_OK) {
		f->nbudget = eval_budgets(b, f);
		f->nregress = eval_alerts(a, f, has_prev);
	}
	db_res_free(b);
	db_res_free(a);
	return rc;
}

static enum sa_err
gather(struct db *db, struct run_facts *f)
{
	const struct run_claim *c = f->c;
	struct db_param p[2] = { DB_STR(c->site_id), DB_STR(c->org_id) };
	struct db_param q[2] = { DB_STR(f->report_id), DB_STR(c->org_id) };
	enum sa_err rc = SA_OK;

	if (c->site_id[0] && (rc = db_query(db, sql_site, p, 2, &f->site)) != SA_OK)
		return rc;
	if (f->site && f->site->nrows == 0) {
		db_res_free(f->site);
		f->site = NULL;
	}
	if (f->report_id == NULL)
		return SA_OK;
	f->has_cur = load_values(db, sql_report, q, 2, &f->cur, &rc);
	if (rc == SA_OK && f->site && f->has_cur)
		rc = evaluate(db, f);
	return rc;
}

static json_object *
site_json(const struct run_facts *f)
{
	json_object *o;

	if (f->site == NULL)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(f->c->site_id));
	json_object_object_add(o, "name",
	    json_object_new_string(db_res_get(f->site, 0, 0)));
	json_object_object_add(o, "url",
	    json_object_new_string(db_res_get(f->site, 0, 1)));
	return o;
}

static json_object *
scan_json(const struct run_facts *f)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_string(f->c->id));
	json_object_object_add(o, "kind", json_object_new_string(f->c->kind));
	json_object_object_add(o, "url", json_object_new_string(f->c->url));
	json_object_object_add(o, "strategy",
	    json_object_new_string(f->c->strategy));
	json_object_object_add(o, "status",
	    json_object_new_string(f->report_id ? "completed" : "failed"));
	json_object_object_add(o, "reportId",
	    f->report_id ? json_object_new_string(f->report_id) : NULL);
	json_object_object_add(o, "error",
	    f->error ? json_object_new_string(f->error) : NULL);
	return o;
}

static json_object *
scores_json(const struct run_facts *f)
{
	/* agentReadiness too: outside health, null when not measured */
	static const enum budget_metric scores[] = { BM_HEALTH, BM_PERFORMANCE,
		BM_SEO, BM_ACCESSIBILITY, BM_BEST_PRACTICES, BM_SECURITY,
		BM_AGENT_READINESS };
	json_object *o;

	if (!f->has_cur)
		return NULL;
	o = json_object_new_object();
	for (size_t i = 0; i < SA_NITEMS(scores); i++)
		json_object_object_add(o, budget_metric_name(scores[i]),
		    f->cur.has[scores[i]] ? num_json(f->cur.v[scores[i]]) : NULL);
	return o;
}


/* The JSON payload of event e (docs/webhooks.md); caller puts it. */
static json_object *
event_json(const struct run_facts *f, enum webhook_event e, const char *id)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "type",
	    json_object_new_string(webhook_event_name(e)));
	json_object_object_add(o, "created", now_json());
	json_object_object_add(o, "site", site_json(f));
	json_object_object_add(o, "scan", scan_json(f));
	json_object_object_add(o, "scores", scores_json(f));
	if (e == WH_BUDGET)
		json_object_object_add(o, "violations",
		    budget_violations_json(f->budget, f->nbudget));
	if (e == WH_REGRESSION)
		json_object_object_add(o, "regressions",
		    budget_violations_json(f->regress, f->nregress));
	return o;
}

/* The Slack incoming-webhook form of the event: {"text": "…"}. */
static json_object *
slack_json(const struct run_facts *f, enum webhook_event e)
{
	static const enum budget_metric five[] = { BM_HEALTH, BM_PERFORMANCE,
		BM_SEO, BM_ACCESSIBILITY, BM_BEST_PRACTICES };
	json_object *o = json_object_new_object();
	char text[1024];
	size_t n;

	n = (size_t)snprintf(text, sizeof(text), "siteaudit %s: %s",
	    webhook_event_name(e), f->site ? db_res_get(f->site, 0, 0) : f->c->url);
	for (size_t i = 0; f->has_cur && i < SA_NITEMS(five) && n < sizeof(text); i++)
		if (f->cur.has[five[i]])
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s %s %.0f",
			    i ? "," : " —", budget_metric_name(five[i]),
			    f->cur.v[five[i]]);
	if (f->has_cur && f->cur.has[BM_AGENT_READINESS] && n < sizeof(text))
		n += (size_t)snprintf(text + n, sizeof(text) - n, "; %s %.0f",
		    budget_metric_name(BM_AGENT_READINESS),
		    f->cur.v[BM_AGENT_READINESS]);
	if (e == WH_SCAN_FAILED && f->error && n < sizeof(text))
		snprintf(text + n, sizeof(text) - n, " — %s", f->error);
	json_object_object_add(o, "text", json_object_new_string(text));
	return o;
}

static bool
sub_wants(const struct db_res *subs, size_t i, enum webhook_event e)
{
	const char *set = db_res_get(subs, i, 1), *name = webhook_event_name(e);
	size_t len = strlen(name);

	for (const char *p = set; p && (p = strstr(p, name)) != NULL; p += len)
		if ((p == set || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return true;
	return false;
}

static enum sa_err
insert_delivery(struct db *db, const struct run_facts *f, const char *sub,
    const char *event_id, enum webhook_event e, json_object *payload)
{
	char id[UUID_STRLEN + 1];
	struct db_param p[6];

	uuid_v7(id);
	p[0] = DB_STR(id), p[1] = DB_STR(sub), p[2] = DB_STR(f->c->org_id);
	p[3] = DB_STR(event_id), p[4] = DB_STR(webhook_event_name(e));
	p[5] = DB_STR(json_object_to_json_string_ext(payload,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	return db_exec(db, sql_delivery, p, 6, NULL);
}

/* One event: a shared event id, one delivery per interested subscription. */
static enum sa_err
enqueue_event(struct db *db, const struct run_facts *f,
    const struct db_res *subs, enum webhook_event e)
{
	char event_id[UUID_STRLEN + 1];
	json_object *plain, *slack;
	enum sa_err rc = SA_OK;

	uuid_v7(event_id);
	plain = event_json(f, e, event_id);
	slack = slack_json(f, e);
	for (size_t i = 0; i < subs->nrows && rc == SA_OK; i++) {
		const char *fmt = db_res_get(subs, i, 2);

		if (sub_wants(subs, i, e))
			rc = insert_delivery(db, f, db_res_get(subs, i, 0), event_id,
			    e, fmt && strcmp(fmt, "slack") == 0 ? slack : plain);
	}
	json_object_put(plain);
	json_object_put(slack);
	return rc;
}

static enum sa_err
enqueue_all(struct db *db, struct run_facts *f, const struct db_res *subs)
{
	enum sa_err rc;

	if ((rc = gather(db, f)) != SA_OK)
		return rc;
	rc = enqueue_event(db, f, subs,
	    f->report_id ? WH_SCAN_COMPLETED : WH_SCAN_FAILED);
	if (rc == SA_OK && f->nregress)
		rc = enqueue_event(db, f, subs, WH_REGRESSION);
	if (rc == SA_OK && f->nbudget)
		rc = enqueue_event(db, f, subs, WH_BUDGET);
	return rc;
}

enum sa_err
webhook_enqueue_run(struct db *db, const struct run_claim *c,
    const char *report_id, const char *error)
{
	struct db_param p[2] = { DB_STR(c->org_id),
	    c->site_id[0] ? DB_STR(c->site_id) : DB_NULL };
	struct db_res *subs = NULL;
	struct run_facts *f;
	enum sa_err rc;

	if ((rc = db_query(db, sql_subs, p, 2, &subs)) != SA_OK)
		return rc;
	if (subs->nrows == 0) {
		db_res_free(subs);
		return SA_OK;
	}
	if ((f = calloc(1, sizeof(*f))) == NULL) {
		db_res_free(subs);
		return SA_ENOMEM;
	}
	*f = (struct run_facts){ .c = c, .report_id = report_id, .error = error };
	rc = enqueue_all(db, f, subs);
	db_res_free(f->site);
	free(f);
	db_res_free(subs);
	return rc;
}
