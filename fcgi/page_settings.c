/* page_settings.c: a site's budgets, alert rules and schedule editors. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fcgi.h"
#include "model/budget.h"
#include "model/schedule.h"
#include "model/ui_settings.h"
#include "ui.h"

/* agentReadiness is a score like the others here (min budgets, score_drop
 * rules), though it is not part of health. */
static const char *const score_metrics[] = { "health", "performance",
    "accessibility", "seo", "bestPractices", "security", "agentReadiness" };
static const char *const timing_metrics[] = { "lcp", "cls", "inp", "fcp",
    "ttfb", "tbt" };
static const char *const weekdays[] = { "Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday" };

static json_object *
rows_json(const struct db_res *res, const char *const *keys, size_t n)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; res && i < res->nrows; i++) {
		json_object *o = json_object_new_object();
		for (size_t c = 0; c < n; c++)
			ui_set(o, keys[c], db_res_get(res, i, c));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *
options(const char *const *names, size_t n, long selected, bool numbered)
{
	json_object *a = json_object_new_array();
	char v[24];   /* any size_t in decimal */

	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_new_object();
		snprintf(v, sizeof(v), "%zu", i);
		ui_set(o, "value", numbered ? v : names[i]);
		ui_set(o, "label", names[i]);
		ui_set_bool(o, "selected", (long)i == selected);
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *
num_options(long from, long to, long selected)
{
	json_object *a = json_object_new_array();
	char v[16];

	for (long i = from; i <= to; i++) {
		json_object *o = json_object_new_object();
		snprintf(v, sizeof(v), "%ld", i);
		ui_set(o, "value", v);
		ui_set(o, "label", v);
		ui_set_bool(o, "selected", i == selected);
		json_object_array_add(a, o);
	}
	return a;
}

static long
site_long(json_object *ctx, const char *key)
{
	json_object *s, *v;

	if (!json_object_object_get_ex(ctx, "site", &s) ||
	    !json_object_object_get_ex(s, key, &v))
		return -1;
	return strtol(json_object_get_string(v), NULL, 10);
}

static void
add_schedule(json_object *ctx)
{
	json_object *s, *v;
	int kind = -1;

	if (json_object_object_get_ex(ctx, "site", &s) &&
	    json_object_object_get_ex(s, "schedule", &v))
		kind = sched_kind_parse(json_object_get_string(v));
	json_object_object_add(ctx, "kinds", options(sched_kind_names, SCHED__MAX,
	    kind, false));
	json_object_object_add(ctx, "hours", num_options(0, 23, site_long(ctx, "hour")));
	json_object_object_add(ctx, "weekdays", options(weekdays, 7,
	    site_long(ctx, "weekday"), true));
	json_object_object_add(ctx, "monthdays", num_options(1, 28,
	    site_long(ctx, "monthday")));
}

static bool
add_lists(struct req *r, const char *site, json_object *ctx)
{
	static const char *const bk[BU__N] = { "id", "metric", "operator", "threshold" };
	static const char *const ak[AL__N] = { "id", "kind", "metric", "threshold" };
	struct db_res *b = NULL, *a = NULL;
	bool ok = ui_budgets_list(r->db, r->auth.org_id, site, &b) == SA_OK &&
	    ui_alerts_list(r->db, r->auth.org_id, site, &a) == SA_OK;

	if (ok) {
		json_object_object_add(ctx, "budgets", rows_json(b, bk, BU__N));
		json_object_object_add(ctx, "alerts", rows_json(a, ak, AL__N));
	}
	db_res_free(b);
	db_res_free(a);
	return ok;
}

static void
settings_page(struct req *r, int status, const char *error)
{
	const char *site = ui_path_uuid(r, 0);
	json_object *ctx = ui_ctx(r, "Site settings", "sites");

	if (!ui_load_site(r, site, ctx)) {
		json_object_put(ctx);
		return;
	}
	if (!add_lists(r, site, ctx)) {
		json_object_put(ctx);
		ui_db_fail(r);
		return;
	}
	json_object_object_add(ctx, "score_metrics", options(score_metrics,
	    SA_NITEMS(score_metrics), -1, false));
	json_object_object_add(ctx, "timing_metrics", options(timing_metrics,
	    SA_NITEMS(timing_metrics), -1, false));
	add_schedule(ctx);
	page_webhooks_add(r, site, ctx);   /* page_webhooks.c */
	ui_set(ctx, "error", error);
	ui_render(r, status, "settings", ctx);
}

void
page_settings_show(struct req *r, int status, const char *error)
{
	settings_page(r, status, error);
}

/* GET /sites/{siteId}/settings */
void
page_settings(struct req *r)
{
	settings_page(r, 200, NULL);
}

static bool
may_manage(struct req *r)
{
	if (ui_can(r, ROLE_ADMIN))
		return true;
	ui_error(r, 403, "Not allowed",
	    "Only admins and owners can change budgets, alerts and schedules.");
	return false;
}

static bool
threshold(const struct req *r, double *out)
{
	char v[32], *end;

	if (ui_form(r, "threshold", v, sizeof(v)) != 1 || v[0] == '\0')
		return false;
	errno = 0;
	*out = strtod(v, &end);
	return *end == '\0' && errno == 0 && isfinite(*out) && *out >= 0 &&
	    *out <= 1e7;
}

static void
done(struct req *r, enum sa_err rc, const char *notice)
{
	char loc[256];

	if (rc == SA_ENOTFOUND) {
		ui_error(r, 404, "Not found", "There is no such site or rule.");
		return;
	}
	if (rc != SA_OK) {
		ui_db_fail(r);
		return;
	}
	snprintf(loc, sizeof(loc), "/sites/%s/settings?notice=%s",
	    r->match.params[0], notice);
	ui_redirect(r, loc);
}

/* POST /sites/{siteId}/budgets */
void
page_budget_add(struct req *r)
{
	char metric[24], op[8];
	double t;
	const char *site = ui_path_uuid(r, 0);

	if (!may_manage(r))
		return;
	if (site == NULL || ui_form(r, "metric", metric, sizeof(metric)) != 1 ||
	    budget_metric_parse(metric) == BM__MAX ||
	    ui_form(r, "operator", op, sizeof(op)) != 1 ||
	    budget_op_parse(op) == BUDGET_OP__MAX || !threshold(r, &t)) {
		settings_page(r, 422, "Pick a metric, min or max, and a number "
		    "from 0 up as the threshold.");
		return;
	}
	done(r, ui_budget_add(r->db, r->auth.org_id, site, metric, op, t),
	    "budget_saved");
}

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

/* POST /sites/{siteId}/alerts */
void
page_alert_add(struct req *r)
{
	char kind[24], metric[24];
	double t;
	const char *site = ui_path_uuid(r, 0);
	bool ok;

	if (!may_manage(r))
		return;
	ok = site && ui_form(r, "kind", kind, sizeof(kind)) == 1 &&
	    ui_form(r, "metric", metric, sizeof(metric)) == 1 && threshold(r, &t);
	if (ok && strcmp(kind, "score_drop") == 0)
		ok = in_list(metric, score_metrics, SA_NITEMS(score_metrics));
	else if (ok && strcmp(kind, "metric_worsened") == 0)
		ok = in_list(metric, timing_metrics, SA_NITEMS(timing_metrics));
	else
		ok = false;
	if (!ok) {
		settings_page(r, 422, "A score-drop rule needs a score; a "
		    "metric rule needs a timing metric; both need a threshold.");
		return;
	}
	done(r, ui_alert_add(r->db, r->auth.org_id, site, kind, metric, t),
	    "alert_saved");
}

/* POST /sites/{siteId}/budgets/{budgetId}/delete */
void
page_budget_del(struct req *r)
{
	const char *site = ui_path_uuid(r, 0), *id = ui_path_uuid(r, 1);

	if (!may_manage(r))
		return;
	done(r, site && id ? ui_budget_del(r->db, r->auth.org_id, site, id) :
	    SA_ENOTFOUND, "budget_deleted");
}

/* POST /sites/{siteId}/alerts/{ruleId}/delete */
void
page_alert_del(struct req *r)
{
	const char *site = ui_path_uuid(r, 0), *id = ui_path_uuid(r, 1);

	if (!may_manage(r))
		return;
	done(r, site && id ? ui_alert_del(r->db, r->auth.org_id, site, id) :
	    SA_ENOTFOUND, "alert_deleted");
}

/* An optional field: absent (0) or valid (1) is fine, malformed is not. */
static bool
form_ok(int rc)
{
	return rc >= 0;
}

/* POST /sites/{siteId}/schedule */
void
page_schedule_set(struct req *r)
{
	char kind[16], next[20], err[160];
	long hour = -1, wd = -1, md = -1;
	json_object *probe = json_object_new_object();
	bool ok;

	if (!may_manage(r) || !ui_load_site(r, ui_path_uuid(r, 0), probe)) {
		json_object_put(probe);
		return;
	}
	json_object_put(probe);
	ok = ui_form(r, "schedule", kind, sizeof(kind)) == 1 &&
	    sched_kind_parse(kind) >= 0 &&
	    form_ok(ui_form_long(r, "hour", 0, 23, &hour)) &&
	    form_ok(ui_form_long(r, "weekday", 0, 6, &wd)) &&
	    form_ok(ui_form_long(r, "monthday", 1, 28, &md));
	if (!ok || sched_site_set(r->db, r->match.params[0], kind, (int)hour,
	    (int)wd, (int)md, next, err, sizeof(err)) != SA_OK) {
		settings_page(r, 422, "Choose off, daily, weekly or monthly, with "
		    "an hour, a weekday and a day of the month in range.");
		return;
	}
	done(r, SA_OK, "schedule_saved");
}
