/* crawl_discover.c: robots.txt and sitemaps — where a crawl finds its first pages. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/crawl_int.h"
#include "audit/sitemap.h"
#include "audit/urlnorm.h"

/* Fetches url into *r; true when it answered 2xx with a body. */
static bool
fetch_ok(const struct crawl *c, const char *url, struct fetch_resp *r)
{
	memset(r, 0, sizeof(*r));
	fetch_url(url, &c->aopt[0].fetch, r);
	return r->err == FETCH_OK && r->status >= 200 && r->status <= 299 &&
	    r->body != NULL;
}

/* Reads prefix + "robots.txt" into *out (left NULL unless a 2xx). */
static enum sa_err
read_robots(struct crawl *c, const char *prefix, struct robots **out)
{
	struct fetch_resp r;
	char url[4096];
	enum sa_err rc = SA_OK;

	if ((size_t)snprintf(url, sizeof(url), "%srobots.txt", prefix) >=
	    sizeof(url))
		return SA_OK;
	if (fetch_ok(c, url, &r) && urlnorm_same_origin(r.final_url ?
	    r.final_url : url, c->origin))
		rc = robots_parse(r.body, r.body_len, out);
	if (rc == SA_OK && *out != NULL && out == &c->robots) {
		c->robots_txt = r.body;   /* the agent checks read the text */
		r.body = NULL;
	}
	fetch_resp_free(&r);
	return rc;
}

/*
 * Reads robots.txt once for the whole crawl: the origin's and, when the
 * crawl is scoped to a directory (a site under a path), that directory's.
 */
static enum sa_err
read_all_robots(struct crawl *c)
{
	char root[2048];
	enum sa_err rc;

	snprintf(root, sizeof(root), "%s/", c->origin);
	if ((rc = read_robots(c, root, &c->robots)) != SA_OK)
		return rc;
	if (strcmp(root, c->scope) == 0)
		return SA_OK;
	return read_robots(c, c->scope, &c->robots_dir);
}

/* The queue of sitemap files still to read. */
struct smq {
	struct strset seen;
	char        **v;
	size_t        n, next;
};

/* Queues a sitemap URL (normal form, same origin, once). */
static enum sa_err
smq_add(struct smq *q, const struct crawl *c, const char *base,
    const char *loc)
{
	char *u = urlnorm(base, loc), **v;
	int added;

	if (u == NULL || !urlnorm_same_origin(u, c->origin) ||
	    q->n >= CRAWL_MAX_SITEMAPS) {
		free(u);
		return SA_OK;
	}
	if ((added = strset_add(&q->seen, u)) <= 0) {
		free(u);
		return added < 0 ? SA_ENOMEM : SA_OK;
	}
	if ((v = realloc(q->v, (q->n + 1) * sizeof(*v))) == NULL) {
		free(u);
		return SA_ENOMEM;
	}
	q->v = v;
	q->v[q->n++] = u;
	return SA_OK;
}

static void
smq_free(struct smq *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->v[i]);
	free(q->v);
	strset_free(&q->seen);
}

/* Locs still accepted from sitemaps: enough to fill max_pages. */
static size_t
loc_budget(const struct crawl *c)
{
	size_t cap = c->o->max_pages * 4 + 100;

	if (cap > SITEMAP_MAX_URLS)
		cap = SITEMAP_MAX_URLS;
	return c->stats.sitemap_urls >= cap ? 0 : cap - c->stats.sitemap_urls;
}

/* Queues the locs of one parsed sitemap (pages, or child sitemaps). */
static enum sa_err
take_locs(struct crawl *c, struct smq *q, const char *url,
    const struct sitemap *sm)
{
	enum sa_err rc = SA_OK;

	for (size_t i = 0; i < sm->nlocs && rc == SA_OK; i++) {
		char *u;

		if (sm->is_index) {
			rc = smq_add(q, c, url, sm->locs[i]);
			continue;
		}
		c->stats.sitemap_urls++;
		if ((u = urlnorm(url, sm->locs[i])) == NULL)
			continue;
		rc = crawl_enqueue(c, u, false);
		free(u);
	}
	return rc;
}

/* Fetches and reads one sitemap file. */
static enum sa_err
read_sitemap(struct crawl *c, struct smq *q, const char *url)
{
	struct fetch_resp r;
	struct sitemap sm;
	size_t budget = loc_budget(c);
	enum sa_err rc = SA_OK, prc;

	if (budget == 0)
		return SA_OK;
	if (fetch_ok(c, url, &r) && urlnorm_same_origin(r.final_url ?
	    r.final_url : url, c->origin)) {
		prc = sitemap_parse(r.body, r.body_len, budget, &sm);
		if (prc == SA_ENOMEM)
			rc = prc;
		else if (sm.nlocs > 0 || prc == SA_OK)
			c->stats.sitemaps++;
		if (rc == SA_OK)
			rc = take_locs(c, q, url, &sm);
		sitemap_free(&sm);
	}
	fetch_resp_free(&r);
	return rc;
}

/* Queues the Sitemap: lines of r. */
static enum sa_err
robots_sitemaps(struct crawl *c, struct smq *q, const struct robots *r)
{
	enum sa_err rc = SA_OK;

	for (size_t i = 0; r && i < r->nsitemaps && rc == SA_OK; i++)
		rc = smq_add(q, c, c->scope, r->sitemaps[i]);
	return rc;
}

/* The robots.txt Sitemap: lines, else <scope>sitemap.xml. */
static enum sa_err
first_sitemaps(struct crawl *c, struct smq *q)
{
	char url[4096];
	enum sa_err rc;

	if ((rc = robots_sitemaps(c, q, c->robots_dir)) != SA_OK ||
	    (rc = robots_sitemaps(c, q, c->robots)) != SA_OK)
		return rc;
	if (q->n == 0 && (size_t)snprintf(url, sizeof(url), "%ssitemap.xml",
	    c->scope) < sizeof(url))
		rc = smq_add(q, c, NULL, url);
	return rc;
}

enum sa_err
crawl_discover(struct crawl *c)
{
	struct smq q;
	enum sa_err rc;

	memset(&q, 0, sizeof(q));
	if ((rc = read_all_robots(c)) != SA_OK || !c->o->sitemaps)
		return rc;
	strset_init(&q.seen);
	rc = first_sitemaps(c, &q);
	while (rc == SA_OK && q.next < q.n) {
		q.next++;
		rc = read_sitemap(c, &q, q.v[q.next - 1]);
	}
	smq_free(&q);
	return rc;
}
