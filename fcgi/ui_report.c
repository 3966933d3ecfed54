/* ui_report.c: turns report rows and documents into page context. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/ui_sites.h"
#include "ui.h"
#include "ui_report.h"

struct col { int col; const char *key, *label, *unit; };

/* Health then the five dimensions, then the sixth score: agentReadiness is
 * outside health, so its tile says so and is left out when not measured. */
static const struct col score_cols[] = {
	{ RP_HEALTH, "health", "Health", NULL },
	{ RP_PERFORMANCE, "performance", "Performance", NULL },
	{ RP_ACCESSIBILITY, "accessibility", "Accessibility", NULL },
	{ RP_SEO, "seo", "SEO", NULL },
	{ RP_BEST_PRACTICES, "bestPractices", "Best practices", NULL },
	{ RP_SECURITY, "security", "Security", NULL },
	{ RP_AGENT_READINESS, "agentReadiness", "Agent readiness", NULL },
};

static const struct col metric_cols[] = {
	{ RP_LCP, "lcp", "Largest Contentful Paint", "ms" },
	{ RP_CLS, "cls", "Cumulative Layout Shift", "" },
	{ RP_INP, "inp", "Interaction to Next Paint", "ms" },
	{ RP_FCP, "fcp", "First Contentful Paint", "ms" },
	{ RP_TTFB, "ttfb", "Time to First Byte", "ms" },
	{ RP_TBT, "tbt", "Total Blocking Time", "ms" },
};

json_object *
ui_report_scores(const struct db_res *rep)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < SA_NITEMS(score_cols); i++) {
		const char *v = db_res_get(rep, 0, (size_t)score_cols[i].col);
		bool extra = score_cols[i].col == RP_AGENT_READINESS;
		json_object *o;

		if (extra && v == NULL)
			continue;
		o = json_object_new_object();
		ui_set(o, "key", score_cols[i].key);
		ui_set(o, "label", score_cols[i].label);
		ui_set_num(o, "value", v);
		ui_set(o, "grade", v ? ui_grade(v) : "none");
		ui_set_bool(o, "main", i == 0);
		ui_set_bool(o, "extra", extra);
		if (extra)
			ui_set(o, "note", "not in health");
		json_object_array_add(a, o);
	}
	return a;
}

json_object *
ui_report_metrics(const struct db_res *rep)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < SA_NITEMS(metric_cols); i++) {
		const char *v = db_res_get(rep, 0, (size_t)metric_cols[i].col);
		json_object *o;
		if (v == NULL)
			continue;
		o = json_object_new_object();
		ui_set(o, "key", metric_cols[i].key);
		ui_set(o, "label", metric_cols[i].label);
		ui_set_num(o, "value", v);
		ui_set(o, "unit", metric_cols[i].unit);
		json_object_array_add(a, o);
	}
	return a;
}

json_object *
ui_report_pages_json(const struct db_res *pages)
{
	static const char *const keys[PG__N] = { "url", "path", "strategy",
	    "performance", "seo", "accessibility", "best_practices", "lcp", "cls",
	    "inp", "fcp", "ttfb", "agent_readiness" };
	json_object *a = json_object_new_array();

	for (size_t i = 0; pages && i < pages->nrows; i++) {
		json_object *o = json_object_new_object();
		for (size_t c = 0; c < PG__N; c++) {
			if (c <= PG_STRATEGY)
				ui_set(o, keys[c], db_res_get(pages, i, c));
			else
				ui_set_num(o, keys[c], db_res_get(pages, i, c));
		}
		ui_set(o, "perf_grade", ui_grade(db_res_get(pages, i, PG_PERFORMANCE)));
		json_object_array_add(a, o);
	}
	return a;
}

static int
severity_rank(const char *s)
{
	static const char *const order[] = { "critical", "serious", "moderate",
	    "minor" };

	for (size_t i = 0; s && i < SA_NITEMS(order); i++)
		if (strcmp(s, order[i]) == 0)
			return (int)i;
	return (int)SA_NITEMS(order);
}

static const char *
str_of(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static long
int_of(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_int(v) : 0;
}

static int
issue_cmp(const void *a, const void *b)
{
	json_object *x = *(json_object *const *)a, *y = *(json_object *const *)b;
	int d = severity_rank(str_of(x, "severity")) - severity_rank(str_of(y, "severity"));

	if (d)
		return d;
	return (int_of(y, "count") > int_of(x, "count")) -
	    (int_of(y, "count") < int_of(x, "count"));
}

static json_object *
issue_copy(json_object *it, bool with_examples)
{
	static const char *const keys[] = { "id", "title", "description",
	    "severity", "dimension" };
	json_object *o = json_object_new_object(), *ex;

	for (size_t k = 0; k < SA_NITEMS(keys); k++)
		ui_set(o, keys[k], str_of(it, keys[k]));
	json_object_object_add(o, "count", json_object_new_int64(int_of(it, "count")));
	if (with_examples && json_object_object_get_ex(it, "examples", &ex) &&
	    json_object_is_type(ex, json_type_array))
		json_object_object_add(o, "examples", json_object_get(ex));
	return o;
}

json_object *
ui_report_issues(json_object *report, size_t max, bool with_examples)
{
	json_object *issues, *out = json_object_new_array(), **v;
	size_t n, k = 0;

	if (!report || !json_object_object_get_ex(report, "issues", &issues) ||
	    !json_object_is_type(issues, json_type_array))
		return out;
	n = json_object_array_length(issues);
	if (n == 0 || (v = calloc(n, sizeof(*v))) == NULL)
		return out;
	for (size_t i = 0; i < n; i++) {
		json_object *it = json_object_array_get_idx(issues, i);
		const char *sev = str_of(it, "severity");
		if (json_object_is_type(it, json_type_object) && sev &&
		    strcmp(sev, "info") != 0)
			v[k++] = it;
	}
	qsort(v, k, sizeof(*v), issue_cmp);
	for (size_t i = 0; i < k && i < max; i++)
		json_object_array_add(out, issue_copy(v[i], with_examples));
	free(v);
	return out;
}

json_object *
ui_report_doc(struct db *db, const char *org, const char *report)
{
	struct db_res *res = NULL;
	json_object *doc = NULL;

	if (ui_report_json(db, org, report, &res) == SA_OK && res->nrows &&
	    db_res_get(res, 0, 0))
		doc = json_tokener_parse(db_res_get(res, 0, 0));
	db_res_free(res);
	if (doc && !json_object_is_type(doc, json_type_object)) {
		json_object_put(doc);
		doc = NULL;
	}
	return doc;
}
