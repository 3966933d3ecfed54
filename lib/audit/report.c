/* report.c: the audit report as JSON (json-c) — scores, summaries, issues, pages. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include "audit/report.h"
#include "audit/report_int.h"
#include "audit/perf.h"
#include "audit/score.h"
#include "util/buf.h"

#define SUMMARY_IDS 5   /* failing ids named in a summary sentence */

static const char *const sev_names[] = {
	[SEV_MINOR] = "minor", [SEV_MODERATE] = "moderate",
	[SEV_SERIOUS] = "serious", [SEV_CRITICAL] = "critical",
};

static const char *const dim_labels[DIM__MAX] = {
	[DIM_PERFORMANCE] = "Performance", [DIM_ACCESSIBILITY] = "Accessibility",
	[DIM_SEO] = "SEO", [DIM_BEST_PRACTICES] = "Best practices",
	[DIM_SECURITY] = "Security", [DIM_AGENT_READINESS] = "Agent readiness",
};

const char *
report_severity_name(enum check_severity s)
{
	return (unsigned)s < SA_NITEMS(sev_names) ? sev_names[s] : "minor";
}

const char *
report_dim_label(enum audit_dim d)
{
	return (unsigned)d < DIM__MAX ? dim_labels[d] : "?";
}

/*==== Issue aggregation ===================================================*/

static struct report_issue *
issue_for(struct report_issues *is, const struct check_def *def)
{
	struct report_issue *v;

	for (size_t i = 0; i < is->n; i++)
		if (is->v[i].def == def)
			return &is->v[i];
	if ((v = realloc(is->v, (is->n + 1) * sizeof(*v))) == NULL)
		return NULL;
	is->v = v;
	memset(&v[is->n], 0, sizeof(v[is->n]));
	v[is->n].def = def;
	v[is->n].info = true;
	v[is->n].order = is->n;
	return &v[is->n++];
}

static void
issue_add(struct report_issue *it, const struct audit_page *pg,
    const struct check_result *res)
{
	if (res->verdict == CHECK_FAIL)
		it->info = false;
	it->count += res->nitems ? res->nitems : 1;
	for (size_t k = 0; k < res->nitems && it->nex < REPORT_MAX_EXAMPLES; k++) {
		it->ex[it->nex].page = pg->final_url ? pg->final_url : pg->url;
		it->ex[it->nex].item = &res->items[k];
		it->nex++;
	}
	if (res->nitems == 0 && it->nex < REPORT_MAX_EXAMPLES) {
		it->ex[it->nex].page = pg->final_url ? pg->final_url : pg->url;
		it->ex[it->nex].item = NULL;
		it->nex++;
	}
}

static int
issue_cmp(const void *a, const void *b)
{
	const struct report_issue *x = a, *y = b;
	int c;

	if (x->def->dim != y->def->dim)
		return x->def->dim < y->def->dim ? -1 : 1;
	if (x->info != y->info)
		return x->info ? 1 : -1;
	if (x->def->severity != y->def->severity)
		return x->def->severity > y->def->severity ? -1 : 1;
	if (x->def->weight != y->def->weight)
		return x->def->weight > y->def->weight ? -1 : 1;
	if ((c = strcmp(x->def->id, y->def->id)) != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

enum sa_err
report_collect_issues(const struct audit_report *r, struct report_issues *is)
{
	is->v = NULL;
	is->n = 0;
	for (size_t p = 0; p < r->npages; p++) {
		const struct audit_page *pg = &r->pages[p];

		for (size_t k = 0; k < pg->nchecks; k++) {
			const struct check_result *res = &pg->results[k];
			struct report_issue *it;

			if (res->verdict != CHECK_FAIL &&
			    !(res->verdict == CHECK_INFO && res->nitems > 0))
				continue;
			if ((it = issue_for(is, pg->defs[k])) == NULL) {
				free(is->v);
				is->v = NULL;
				is->n = 0;
				return SA_ENOMEM;
			}
			issue_add(it, pg, res);
		}
	}
	if (is->n > 1)
		qsort(is->v, is->n, sizeof(*is->v), issue_cmp);
	return SA_OK;
}

/*==== URLs ================================================================*/

static char *
url_part(CURLU *u, CURLUPart part)
{
	char *v = NULL, *out = NULL;

	if (curl_url_get(u, part, &v, 0) == CURLUE_OK && v != NULL)
		out = strdup(v);
	curl_free(v);
	return out;
}

char *
report_url_path(const char *url)
{
	CURLU *u = curl_url();
	char *path = NULL, *query = NULL;
	struct buf b;

	buf_init(&b, 1 << 20);
	if (u != NULL && url != NULL &&
	    curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		path = url_part(u, CURLUPART_PATH);
		query = url_part(u, CURLUPART_QUERY);
		buf_adds(&b, path && *path ? path : "/");
		if (query && *query)
			buf_printf(&b, "?%s", query);
	}
	curl_url_cleanup(u);
	free(path);
	free(query);
	return b.len ? buf_take(&b, NULL) : NULL;
}

/*==== JSON helpers ========================================================*/

static json_object *
jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *
jscore(int score)
{
	return score == SCORE_ABSENT ? NULL : json_object_new_int(score);
}

/* s cut to at most max bytes on a UTF-8 boundary (new string). */
static json_object *
jstr_cut(const char *s, size_t max)
{
	size_t n;

	if (s == NULL)
		return NULL;
	if ((n = strlen(s)) <= max)
		return json_object_new_string(s);
	while (n > max || (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80))
		n--;
	return json_object_new_string_len(s, (int)n);
}

static json_object *
example_json(const struct report_issue *it, size_t i)
{
	json_object *o = json_object_new_object();
	const struct check_item *item = it->ex[i].item;

	json_object_object_add(o, "page", jstr(it->ex[i].page));
	json_object_object_add(o, "selector", item ? jstr(item->selector) : NULL);
	json_object_object_add(o, "snippet",
	    item ? jstr_cut(item->snippet, REPORT_SNIPPET_MAX) : NULL);
	if (item && item->note)
		json_object_object_add(o, "note", jstr(item->note));
	return o;
}

static json_object *
issue_json(const struct report_issue *it)
{
	json_object *o = json_object_new_object(), *ex = json_object_new_array();

	json_object_object_add(o, "id", jstr(it->def->id));
	json_object_object_add(o, "dimension", jstr(audit_dim_names[it->def->dim]));
	json_object_object_add(o, "severity", jstr(it->info ? "info" :
	    report_severity_name(it->def->severity)));
	json_object_object_add(o, "title", jstr(it->def->title));
	json_object_object_add(o, "description", jstr(it->def->description));
	json_object_object_add(o, "count", json_object_new_int64((int64_t)it->count));
	for (size_t i = 0; i < it->nex; i++)
		json_object_array_add(ex, example_json(it, i));
	json_object_object_add(o, "examples", ex);
	return o;
}

json_object *
report_issues_json(const struct audit_report *r)
{
	struct report_issues is;
	json_object *a;

	if (report_collect_issues(r, &is) != SA_OK)
		return NULL;
	a = json_object_new_array();
	for (size_t i = 0; i < is.n; i++)
		json_object_array_add(a, issue_json(&is.v[i]));
	free(is.v);
	return a;
}

/*==== Pages (the export rows) =============================================*/

static json_object *
page_scores(const struct audit_page *pg)
{
	static const enum audit_dim order[] = {
		DIM_PERFORMANCE, DIM_SEO, DIM_ACCESSIBILITY, DIM_BEST_PRACTICES,
	};
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < SA_NITEMS(order); i++)
		json_object_object_add(o, audit_dim_names[order[i]],
		    jscore(pg->scores[order[i]]));
	/* the sixth score: an extra property of the export row, when measured */
	if (pg->scores[DIM_AGENT_READINESS] != SCORE_ABSENT)
		json_object_object_add(o, audit_dim_names[DIM_AGENT_READINESS],
		    jscore(pg->scores[DIM_AGENT_READINESS]));
	return o;
}

/* A model estimate in whole ms, or null. */
static json_object *
jms(const struct perf_result *pf, double v)
{
	return pf && v >= 0 ? json_object_new_int64(llround(v)) : NULL;
}

/* A field metric: ms rounded to an integer, CLS to 2 decimals; null if < 0. */
static json_object *
jfield(double v, bool ms)
{
	if (v < 0)
		return NULL;
	return ms ? json_object_new_int64(llround(v)) :
	    json_object_new_double(round(v * 100) / 100);
}

static json_object *
page_vitals(const struct audit_page *pg)
{
	json_object *o = json_object_new_object();
	const struct perf_result *pf = pg->perf;

	json_object_object_add(o, "lcp", jms(pf, pf ? pf->lcp_ms : -1));
	/* CLS and INP are not modelled: only field data supplies them */
	json_object_object_add(o, "cls", jfield(pg->crux.has ? pg->crux.cls : -1,
	    false));
	json_object_object_add(o, "inp", jfield(pg->crux.has ? pg->crux.inp_ms :
	    -1, true));
	json_object_object_add(o, "fcp", jms(pf, pf ? pf->fcp_ms : -1));
	json_object_object_add(o, "ttfb", pg->ttfb_ms >= 0 ?
	    json_object_new_int64(llround(pg->ttfb_ms)) : NULL);
	return o;
}

/* CrUX p75s (docs/crux.md): lcp, cls, inp, hasCruxData. */
static json_object *
page_crux(const struct audit_page *pg)
{
	json_object *o = json_object_new_object();
	const struct crux_data *c = &pg->crux;

	json_object_object_add(o, "lcp", jfield(c->has ? c->lcp_ms : -1, true));
	json_object_object_add(o, "cls", jfield(c->has ? c->cls : -1, false));
	json_object_object_add(o, "inp", jfield(c->has ? c->inp_ms : -1, true));
	json_object_object_add(o, "hasCruxData", json_object_new_boolean(c->has));
	return o;
}

static json_object *
page_a11y_issues(const struct audit_page *pg)
{
	json_object *a = json_object_new_array();

	for (size_t k = 0; k < pg->nchecks; k++) {
		json_object *o;

		if (pg->defs[k]->dim != DIM_ACCESSIBILITY ||
		    pg->results[k].verdict != CHECK_FAIL)
			continue;
		o = json_object_new_object();
		json_object_object_add(o, "id", jstr(pg->defs[k]->id));
		json_object_object_add(o, "title", jstr(pg->defs[k]->title));
		json_object_object_add(o, "score", json_object_new_int(0));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *
page_json(const struct audit_page *pg)
{
	const char *url = pg->final_url ? pg->final_url : pg->url;
	json_object *o = json_object_new_object();
	char *path = report_url_path(url);

	json_object_object_add(o, "pageUrl", jstr(url));
	json_object_object_add(o, "pagePath", jstr(path ? path : "/"));
	json_object_object_add(o, "strategy", jstr(audit_strategy_name(pg->strategy)));
	json_object_object_add(o, "scores", page_scores(pg));
	json_object_object_add(o, "coreWebVitals", page_vitals(pg));
	json_object_object_add(o, "crux", page_crux(pg));
	json_object_object_add(o, "opportunities", report_opportunities(pg->perf));
	json_object_object_add(o, "thirdPartyScripts",
	    report_third_parties(pg->perf));
	if (pg->perf)
		json_object_object_add(o, "metrics", report_metrics(pg));
	json_object_object_add(o, "a11yIssues", page_a11y_issues(pg));
	free(path);
	return o;
}

json_object *
report_pages_json(const struct audit_report *r)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < r->npages; i++)
		json_object_array_add(a, page_json(&r->pages[i]));
	return a;
}

/*==== Summaries ===========================================================*/

/* Distinct checks of dim that applied, and the failing ones (in order). */
static size_t
dim_counts(const struct audit_report *r, enum audit_dim dim,
    const struct check_def **failing, size_t *nfail)
{
	const struct check_def *seen[256];
	size_t nseen = 0;

	*nfail = 0;
	for (size_t p = 0; p < r->npages; p++)
		for (size_t k = 0; k < r->pages[p].nchecks; k++) {
			const struct check_def *d = r->pages[p].defs[k];
			enum check_verdict v = r->pages[p].results[k].verdict;
			size_t i;

			if (d->dim != dim || d->weight <= 0 ||
			    (v != CHECK_PASS && v != CHECK_FAIL))
				continue;
			for (i = 0; i < nseen && seen[i] != d; i++)
				;
			if (i == nseen && nseen < SA_NITEMS(seen))
				seen[nseen++] = d;
			for (i = 0; i < *nfail && failing[i] != d; i++)
				;
			if (v == CHECK_FAIL && i == *nfail && *nfail < 256)
				failing[(*nfail)++] = d;
		}
	return nseen;
}

char *
report_summary(const struct audit_report *r, enum audit_dim dim)
{
	const struct check_def *failing[256];
	size_t nfail, napplied;
	struct buf b;

	if (r->scores[dim] == SCORE_ABSENT)
		return NULL;
	if (dim == DIM_PERFORMANCE)
		return report_perf_summary(r);
	napplied = dim_counts(r, dim, failing, &nfail);
	buf_init(&b, 4096);
	buf_printf(&b, "%s scored %d/100: ", dim_labels[dim], r->scores[dim]);
	if (nfail == 0) {
		buf_printf(&b, "all %zu applicable checks passed.", napplied);
		return buf_take(&b, NULL);
	}
	buf_printf(&b, "%zu of %zu applicable check%s failed (", nfail, napplied,
	    napplied == 1 ? "" : "s");
	for (size_t i = 0; i < nfail && i < SUMMARY_IDS; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", failing[i]->id);
	if (nfail > SUMMARY_IDS)
		buf_printf(&b, " and %zu more", nfail - SUMMARY_IDS);
	buf_adds(&b, ").");
	return buf_take(&b, NULL);
}

/*==== The document ========================================================*/

static json_object *
scores_json(const struct audit_report *r, bool summaries)
{
	json_object *o = json_object_new_object();

	for (int d = 0; d < DIM__MAX; d++) {
		char *s;

		if (r->scores[d] == SCORE_ABSENT)
			continue;
		if (!summaries) {
			json_object_object_add(o, audit_dim_names[d], jscore(r->scores[d]));
			continue;
		}
		s = report_summary(r, (enum audit_dim)d);
		json_object_object_add(o, audit_dim_names[d], jstr(s));
		free(s);
	}
	return o;
}

void
report_iso8601(int64_t ms, char out[32])
{
	time_t secs = (time_t)(ms / 1000);
	struct tm tm;
	char day[24];

	gmtime_r(&secs, &tm);
	strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 32, "%s.%03dZ", day, (int)(ms % 1000));
}

json_object *
report_to_json(const struct audit_report *r)
{
	json_object *o = json_object_new_object();
	char when[32];

	if (o == NULL)
		return NULL;
	report_iso8601(r->generated_ms, when);
	json_object_object_add(o, "url", jstr(r->url));
	json_object_object_add(o, "finalUrl", jstr(r->final_url));
	json_object_object_add(o, "strategy", jstr(audit_strategy_name(r->strategy)));
	json_object_object_add(o, "overall", jscore(r->overall));
	json_object_object_add(o, "scores", scores_json(r, false));
	json_object_object_add(o, "summaries", scores_json(r, true));
	json_object_object_add(o, "issues", report_issues_json(r));
	json_object_object_add(o, "pages", report_pages_json(r));
	json_object_object_add(o, "generatedAt", jstr(when));
	return o;
}

char *
report_json_string(const struct audit_report *r, bool pretty)
{
	json_object *o = report_to_json(r);
	const char *s;
	char *out = NULL;

	if (o == NULL)
		return NULL;
	s = json_object_to_json_string_ext(o, (pretty ? JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED : JSON_C_TO_STRING_PLAIN) |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	if (s != NULL)
		out = strdup(s);
	json_object_put(o);
	return out;
}
