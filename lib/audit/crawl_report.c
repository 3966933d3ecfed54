/* crawl_report.c: site-level reports — pages sorted by URL, scores averaged. */
/* SPDX-License-Identifier: MIT */
/*
 * Site-level scoring (docs/crawl.md): a crawl's score for a dimension is
 * the mean of that dimension's score over the pages that have one
 * (score_mean: absent scores skipped, rounded half up); its overall score
 * is score_overall() of those means, exactly as for one page. Issues are
 * aggregated over all pages by report.c (counts add up, examples name
 * their page).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "audit/crawl_int.h"
#include "audit/report.h"
#include "audit/score.h"

static const char *
page_url(const struct audit_page *p)
{
	return p->final_url ? p->final_url : p->url ? p->url : "";
}

static int
page_cmp(const void *a, const void *b)
{
	const struct audit_page *x = a, *y = b;
	int c = strcmp(page_url(x), page_url(y));

	if (c != 0)
		return c;
	return (x->strategy > y->strategy) - (x->strategy < y->strategy);
}

void
crawl_score_report(struct audit_report *r)
{
	int *v = calloc(r->npages ? r->npages : 1, sizeof(*v));

	for (int d = 0; d < DIM__MAX; d++) {
		for (size_t i = 0; v && i < r->npages; i++)
			v[i] = r->pages[i].scores[d];
		r->scores[d] = v ? score_mean(v, r->npages) : SCORE_ABSENT;
	}
	r->overall = score_overall(r->scores);
	free(v);
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* An empty site report for strategy s; NULL on ENOMEM. */
static struct audit_report *
shell(const struct crawl *c, const char *url, int s)
{
	struct audit_report *r = calloc(1, sizeof(*r));
	size_t n = c->npages ? c->npages : 1;

	if (r == NULL)
		return NULL;
	r->strategy = c->aopt[s].strategy;
	r->dims = c->aopt[s].dims ? c->aopt[s].dims : AUDIT_DIMS_ALL;
	r->status = c->start_status;
	r->generated_ms = now_ms();
	r->url = strdup(url);
	r->final_url = c->start_final ? strdup(c->start_final) : NULL;
	r->pages = calloc(n, sizeof(*r->pages));
	if (r->url == NULL || r->pages == NULL) {
		audit_report_free(r);
		return NULL;
	}
	return r;
}

/* Moves every page's audit under strategy slot s into r. */
static void
move_pages(struct crawl *c, int s, struct audit_report *r)
{
	for (size_t i = 0; i < c->npages; i++) {
		struct audit_report *one = c->pages[i].rep[s];

		if (one == NULL || one->npages != 1)
			continue;
		r->pages[r->npages++] = one->pages[0];
		memset(&one->pages[0], 0, sizeof(one->pages[0]));
		one->npages = 0;
	}
	if (r->npages > 1)
		qsort(r->pages, r->npages, sizeof(*r->pages), page_cmp);
	crawl_score_report(r);
}

enum sa_err
crawl_build_reports(struct crawl *c, const char *url, struct crawl_result *res)
{
	for (int s = 0; s < c->nstrat; s++) {
		struct audit_report *r = shell(c, url ? url : "", s);

		if (r == NULL)
			return SA_ENOMEM;
		move_pages(c, s, r);
		if (s == 0)
			res->primary = r;
		else
			res->extra = r;
	}
	return SA_OK;
}

/*==== JSON ================================================================*/

static json_object *
jscore(int v)
{
	return v == SCORE_ABSENT ? NULL : json_object_new_int(v);
}

/* Every page row of both reports, sorted by URL then strategy. */
static json_object *
all_pages_json(const struct audit_report *a, const struct audit_report *b)
{
	struct audit_report tmp = *a;
	size_t n = a->npages + b->npages;
	json_object *out;

	if ((tmp.pages = malloc((n ? n : 1) * sizeof(*tmp.pages))) == NULL)
		return NULL;
	memcpy(tmp.pages, a->pages, a->npages * sizeof(*tmp.pages));
	memcpy(tmp.pages + a->npages, b->pages, b->npages * sizeof(*tmp.pages));
	tmp.npages = n;
	qsort(tmp.pages, n, sizeof(*tmp.pages), page_cmp);
	out = report_pages_json(&tmp);
	free(tmp.pages);   /* shallow: the pages still belong to a and b */
	return out;
}

static json_object *
desktop_json(const struct audit_report *d)
{
	json_object *o = json_object_new_object(), *sc = json_object_new_object();

	for (int k = 0; k < DIM__MAX; k++)
		if (d->scores[k] != SCORE_ABSENT)
			json_object_object_add(sc, audit_dim_names[k],
			    jscore(d->scores[k]));
	json_object_object_add(o, "overall", jscore(d->overall));
	json_object_object_add(o, "scores", sc);
	return o;
}

static json_object *
stats_json(const struct crawl_stats *st)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "pages", json_object_new_int64((int64_t)st->pages));
	json_object_object_add(o, "found", json_object_new_int64((int64_t)st->found));
	json_object_object_add(o, "disallowed",
	    json_object_new_int64((int64_t)st->disallowed));
	json_object_object_add(o, "nonHtml",
	    json_object_new_int64((int64_t)st->non_html));
	json_object_object_add(o, "errors", json_object_new_int64((int64_t)st->errors));
	json_object_object_add(o, "sitemaps",
	    json_object_new_int64((int64_t)st->sitemaps));
	json_object_object_add(o, "sitemapUrls",
	    json_object_new_int64((int64_t)st->sitemap_urls));
	json_object_object_add(o, "seconds",
	    json_object_new_double(round(st->seconds * 1000) / 1000));
	return o;
}

json_object *
crawl_report_json(const struct crawl_result *res, bool with_stats)
{
	json_object *doc, *pages;

	if (res->primary == NULL || (doc = report_to_json(res->primary)) == NULL)
		return NULL;
	if (res->extra) {
		if ((pages = all_pages_json(res->primary, res->extra)) == NULL) {
			json_object_put(doc);
			return NULL;
		}
		json_object_object_add(doc, "pages", pages);
		json_object_object_add(doc, "strategy",
		    json_object_new_string("both"));
		json_object_object_add(doc, "desktop", desktop_json(res->extra));
	}
	if (with_stats)
		json_object_object_add(doc, "crawl", stats_json(&res->stats));
	return doc;
}
