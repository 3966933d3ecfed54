/* crawl.c: whole-site audits — breadth-first discovery, level by level. */
/* SPDX-License-Identifier: MIT */
/*
 * The crawl runs in levels: level 0 is the start page plus every sitemap
 * URL (in sitemap order); level k+1 is the new in-scope links of level
 * k's pages, in page order then document order. Each level is processed
 * by a pool of threads, but pages are accepted in level order, so which
 * pages make the cut at max_pages depends only on the site, not on which
 * thread finished first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "audit/crawl_int.h"
#include "audit/score.h"
#include "audit/urlnorm.h"

void
crawl_opts_init(struct crawl_opts *o)
{
	memset(o, 0, sizeof(*o));
	audit_opts_init(&o->audit);
	o->max_pages = CRAWL_DEFAULT_PAGES;
	o->parallel = CRAWL_DEFAULT_PARALLEL;
	o->agent = "siteaudit";
	o->sitemaps = true;
}

/* Appends an item for url (taken over) to the level. */
static enum sa_err
level_push(struct crawl *c, char *url)
{
	struct crawl_item *v;

	if (c->nitems == c->cap_items) {
		size_t cap = c->cap_items ? c->cap_items * 2 : 64;

		if ((v = realloc(c->items, cap * sizeof(*v))) == NULL) {
			free(url);
			return SA_ENOMEM;
		}
		c->items = v;
		c->cap_items = cap;
	}
	memset(&c->items[c->nitems], 0, sizeof(c->items[0]));
	c->items[c->nitems++].url = url;
	c->found++;
	c->stats.found++;
	return SA_OK;
}

bool
crawl_in_scope(const struct crawl *c, const char *url)
{
	return c->scope != NULL && strncmp(url, c->scope, c->scope_len) == 0;
}

/* robots.txt of the origin, and of the scope directory, both allow url. */
static bool
allowed(const struct crawl *c, const char *url)
{
	const char *path = urlnorm_path(url);

	return robots_allowed(c->robots, c->agent, path) &&
	    robots_allowed(c->robots_dir, c->agent, path);
}

enum sa_err
crawl_enqueue(struct crawl *c, const char *url, bool force)
{
	char *u;
	int added;

	if (!crawl_in_scope(c, url))
		return SA_OK;
	if ((added = strset_add(&c->seen, url)) <= 0)
		return added < 0 ? SA_ENOMEM : SA_OK;
	if (!force && !allowed(c, url)) {
		c->stats.disallowed++;
		return SA_OK;
	}
	if (!force && urlnorm_non_html_hint(url)) {
		c->stats.non_html++;
		return SA_OK;
	}
	if ((u = strdup(url)) == NULL)
		return SA_ENOMEM;
	return level_push(c, u);
}

/* Moves an accepted item to c->pages. */
static enum sa_err
accept_page(struct crawl *c, struct crawl_item *it)
{
	struct crawl_item *v;

	if (c->npages == c->cap_pages) {
		size_t cap = c->cap_pages ? c->cap_pages * 2 : 64;

		if ((v = realloc(c->pages, cap * sizeof(*v))) == NULL)
			return SA_ENOMEM;
		c->pages = v;
		c->cap_pages = cap;
	}
	c->pages[c->npages++] = *it;
	memset(it, 0, sizeof(*it));
	c->want--;
	return SA_OK;
}

/* Counts an outcome that is not an accepted page. */
static void
count_outcome(struct crawl *c, enum crawl_outcome oc)
{
	if (oc == CO_NON_HTML)
		c->stats.non_html++;
	else if (oc == CO_ERROR || oc == CO_OFFSITE)
		c->stats.errors++;
}

/* Accepts the processed items [from, c->next) in order, up to c->want. */
static enum sa_err
merge(struct crawl *c, size_t from)
{
	enum sa_err rc = SA_OK;
	int fresh;

	for (size_t i = from; i < c->next && rc == SA_OK; i++) {
		struct crawl_item *it = &c->items[i];

		c->stats.fetched += it->pre == NULL;
		if (it->outcome != CO_PAGE) {
			count_outcome(c, it->outcome);
			continue;
		}
		if (c->want == 0)
			continue;        /* audited past the cap: dropped */
		if ((fresh = strset_add(&c->finals, it->final)) < 0)
			return SA_ENOMEM;
		if (fresh == 0)
			continue;        /* another spelling redirected here */
		strset_add(&c->seen, it->final);
		rc = accept_page(c, it);
	}
	return rc;
}

/* Frees the level's items and starts the next level with their links. */
static enum sa_err
next_level(struct crawl *c, size_t first_page)
{
	enum sa_err rc = SA_OK;

	for (size_t i = 0; i < c->nitems; i++)
		crawl_item_free(&c->items[i]);
	c->nitems = c->next = c->okcount = 0;
	for (size_t p = first_page; p < c->npages && rc == SA_OK; p++)
		for (size_t k = 0; k < c->pages[p].nlinks && rc == SA_OK; k++)
			rc = crawl_enqueue(c, c->pages[p].links[k], false);
	return rc;
}

/* Crawls level after level until the pages are in or nothing is left. */
static enum sa_err
crawl_levels(struct crawl *c)
{
	enum sa_err rc = SA_OK;

	while (rc == SA_OK && c->nitems > 0 && c->want > 0) {
		size_t first_page = c->npages;

		while (rc == SA_OK && c->next < c->nitems && c->want > 0) {
			size_t from = c->next;

			c->okcount = 0;   /* want already counts accepted pages */
			crawl_run_level(c);
			rc = merge(c, from);
		}
		if (rc == SA_OK)
			rc = next_level(c, first_page);
	}
	return rc;
}

static enum sa_err
map_fetch_err(enum fetch_err e)
{
	if (e == FETCH_EURL || e == FETCH_ESCHEME)
		return SA_EINVAL;
	return e == FETCH_EDENIED ? SA_EDENIED : SA_EIO;
}

/* A report that says the start page could not be fetched. */
static enum sa_err
fail_report(const char *url, const struct crawl_opts *o,
    const struct fetch_resp *r, struct crawl_result *res)
{
	struct audit_report *rep = calloc(1, sizeof(*rep));

	if (rep == NULL || (rep->url = strdup(url)) == NULL) {
		free(rep);
		return SA_ENOMEM;
	}
	rep->strategy = o->audit.strategy;
	rep->overall = SCORE_ABSENT;
	for (int d = 0; d < DIM__MAX; d++)
		rep->scores[d] = SCORE_ABSENT;
	rep->fetch_err = r->err;
	snprintf(rep->errmsg, sizeof(rep->errmsg), "%s",
	    r->errmsg[0] ? r->errmsg : fetch_strerror(r->err));
	res->primary = rep;
	return map_fetch_err(r->err);
}

/* Sets up c from the normalised options *o. */
static void
crawl_init(struct crawl *c, const struct crawl_opts *o)
{
	memset(c, 0, sizeof(*c));
	c->o = o;
	c->aopt[0] = o->audit;
	c->aopt[1] = o->audit;
	c->aopt[1].strategy = STRATEGY_DESKTOP;
	c->nstrat = o->both ? 2 : 1;
	c->agent = o->agent ? o->agent : "siteaudit";
	c->want = o->max_pages;
	strset_init(&c->seen);
	strset_init(&c->finals);
	pthread_mutex_init(&c->mu, NULL);
}

static void
crawl_fini(struct crawl *c)
{
	for (size_t i = 0; i < c->nitems; i++)
		crawl_item_free(&c->items[i]);
	for (size_t i = 0; i < c->npages; i++)
		crawl_item_free(&c->pages[i]);
	free(c->items);
	free(c->pages);
	free(c->origin);
	free(c->scope);
	robots_free(c->robots_dir);
	free(c->start_final);
	robots_free(c->robots);
	free(c->robots_txt);
	agent_site_free(&c->agent_site);
	strset_free(&c->seen);
	strset_free(&c->finals);
	pthread_mutex_destroy(&c->mu);
}

/* Queues the start page (fetched already: *start is taken over). */
static enum sa_err
queue_start(struct crawl *c, const char *norm, struct fetch_resp *start)
{
	char *fin = urlnorm(NULL, start->final_url ? start->final_url : norm);
	struct crawl_item *it;
	enum sa_err rc = SA_ENOMEM;

	if (fin == NULL)
		fin = strdup(norm);
	if (fin == NULL || (c->origin = strndup(fin,
	    urlnorm_origin_len(fin))) == NULL)
		goto out;
	c->scope_len = urlnorm_dir_len(fin);
	if ((c->scope = strndup(fin, c->scope_len)) == NULL)
		goto out;
	c->start_status = start->status;
	if ((c->start_final = strdup(fin)) == NULL)
		goto out;
	if ((rc = crawl_enqueue(c, norm, true)) != SA_OK)
		goto out;
	rc = SA_ENOMEM;
	if (c->nitems == 0 || strset_add(&c->seen, fin) < 0)
		goto out;
	it = &c->items[c->nitems - 1];
	if ((it->pre = malloc(sizeof(*it->pre))) == NULL)
		goto out;
	*it->pre = *start;
	memset(start, 0, sizeof(*start));
	rc = SA_OK;
out:
	free(fin);
	return rc;
}

static double
mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The agent checks' per-origin files (llms.txt, llms-full.txt, the
 * ai-catalog found through robots.txt or the start page) are fetched once
 * here and shared by every page's audit instead of once per page.
 */
static enum sa_err
crawl_agent_site(struct crawl *c)
{
	const struct fetch_resp *start = c->nitems ? c->items[0].pre : NULL;
	unsigned dims = c->aopt[0].dims ? c->aopt[0].dims : AUDIT_DIMS_ALL;
	GumboOutput *g;
	enum sa_err rc;

	if (!(dims & AUDIT_DIM_BIT(DIM_AGENT_READINESS)) || start == NULL)
		return SA_OK;
	g = gumbo_parse_with_options(&kGumboDefaultOptions,
	    start->body ? start->body : "", start->body ? start->body_len : 0);
	if (g == NULL)
		return SA_ENOMEM;
	rc = agent_site_fetch(&c->agent_site, c->start_final, g, start,
	    c->robots_txt, &c->aopt[0].fetch, c->aopt[0].parallel);
	gumbo_destroy_output(&kGumboDefaultOptions, g);
	c->aopt[0].agent_site = c->aopt[1].agent_site = &c->agent_site;
	return rc;
}

/* Normalised copy of the caller's options. */
static void
norm_opts(const struct crawl_opts *in, struct crawl_opts *o)
{
	*o = *in;
	if (o->max_pages == 0)
		o->max_pages = CRAWL_DEFAULT_PAGES;
	if (o->max_pages > CRAWL_MAX_PAGES)
		o->max_pages = CRAWL_MAX_PAGES;
	if (o->parallel < 1)
		o->parallel = CRAWL_DEFAULT_PARALLEL;
	if (o->parallel > CRAWL_MAX_PARALLEL)
		o->parallel = CRAWL_MAX_PARALLEL;
}

/* Fetches the start page; fails the crawl when that fetch failed. */
static enum sa_err
fetch_start(const char *url, const struct crawl_opts *o, char **norm,
    struct fetch_resp *start, struct crawl_result *res)
{
	memset(start, 0, sizeof(*start));
	if ((*norm = urlnorm(NULL, url)) == NULL) {
		start->err = FETCH_EURL;
		snprintf(start->errmsg, sizeof(start->errmsg),
		    "not an http(s) URL: %.200s", url);
		return fail_report(url, o, start, res);
	}
	fetch_url(*norm, &o->audit.fetch, start);
	if (start->err != FETCH_OK)
		return fail_report(url, o, start, res);
	return SA_OK;
}

enum sa_err
crawl_site(const char *url, const struct crawl_opts *opts,
    struct crawl_result *res)
{
	struct crawl_opts o;
	struct crawl c;
	struct fetch_resp start;
	char *norm = NULL;
	double t0 = mono_s();
	enum sa_err rc;

	memset(res, 0, sizeof(*res));
	norm_opts(opts, &o);
	crawl_init(&c, &o);
	if ((rc = fetch_start(url ? url : "", &o, &norm, &start, res)) != SA_OK)
		goto out;
	if ((rc = queue_start(&c, norm, &start)) == SA_OK &&
	    (rc = crawl_discover(&c)) == SA_OK &&
	    (rc = crawl_agent_site(&c)) == SA_OK)
		rc = crawl_levels(&c);
	c.stats.seconds = mono_s() - t0;
	res->stats = c.stats;
	if (rc == SA_OK)
		rc = crawl_build_reports(&c, url, res);
	res->stats.pages = res->primary ? res->primary->npages : 0;
out:
	fetch_resp_free(&start);
	free(norm);
	crawl_fini(&c);
	return rc;
}

void
crawl_result_free(struct crawl_result *res)
{
	audit_report_free(res->primary);
	audit_report_free(res->extra);
	memset(res, 0, sizeof(*res));
}
