/* crawl_page.c: the crawl's workers — fetch a page, collect its links, audit it. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <gumbo.h>
#include "audit/crawl_int.h"
#include "audit/dom.h"
#include "audit/urlnorm.h"

#define LINKS_MAX 5000   /* links kept per page */

/*==== Links ===============================================================*/

struct links {
	const struct crawl *c;
	const char         *base;
	char              **v;
	size_t              n, cap;
	bool                nomem;
};

static void
links_add(struct links *l, const char *href)
{
	char *u, **v;

	if (l->n >= LINKS_MAX || (u = urlnorm(l->base, href)) == NULL)
		return;
	if (!crawl_in_scope(l->c, u)) {
		free(u);
		return;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;

		if ((v = realloc(l->v, cap * sizeof(*v))) == NULL) {
			l->nomem = true;
			free(u);
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = u;
}

static bool
link_cb(const GumboNode *n, void *arg)
{
	const char *href;

	if ((dom_is(n, GUMBO_TAG_A) || dom_is(n, GUMBO_TAG_AREA)) &&
	    (href = dom_attr(n, "href")) != NULL && *href != '#')
		links_add(arg, href);
	return true;
}

/* The <base href> of the document, or NULL. */
static const char *
base_href(const GumboOutput *g)
{
	const GumboNode *head = dom_head(g), *b;

	b = head ? dom_find(head, GUMBO_TAG_BASE) : NULL;
	return b ? dom_attr(b, "href") : NULL;
}

/* Collects the in-scope links of the page body into it->links. */
static void
collect_links(const struct crawl *c, struct crawl_item *it,
    const struct fetch_resp *r)
{
	struct links l = { c, r->final_url ? r->final_url : it->url,
	    NULL, 0, 0, false };
	GumboOutput *g;
	const char *bh;
	char *base = NULL;

	g = gumbo_parse_with_options(&kGumboDefaultOptions, r->body,
	    r->body_len);
	if (g == NULL)
		return;
	if ((bh = base_href(g)) != NULL && (base = urlnorm(l.base, bh)) != NULL)
		l.base = base;
	dom_walk(g->root, link_cb, &l);
	gumbo_destroy_output(&kGumboDefaultOptions, g);
	free(base);
	it->links = l.v;
	it->nlinks = l.n;
}

/*==== One page ============================================================*/

/* True when the response is (probably) an HTML document. */
static bool
is_html(const struct fetch_resp *r)
{
	const char *ct = fetch_header(r, "Content-Type");

	if (ct == NULL)
		return true;
	while (*ct == ' ')
		ct++;
	return strncasecmp(ct, "text/html", 9) == 0 ||
	    strncasecmp(ct, "application/xhtml+xml", 21) == 0;
}

/* Sorts the response into an outcome; fills it->final for pages. */
static enum crawl_outcome
classify(const struct crawl *c, struct crawl_item *it,
    const struct fetch_resp *r)
{
	if (r->err != FETCH_OK || r->status < 200 || r->status > 299)
		return CO_ERROR;
	it->final = urlnorm(NULL, r->final_url ? r->final_url : it->url);
	if (it->final == NULL || !crawl_in_scope(c, it->final))
		return CO_OFFSITE;
	return is_html(r) ? CO_PAGE : CO_NON_HTML;
}

/* Audits the page under each strategy; false when an audit failed. */
static bool
audit_item(const struct crawl *c, struct crawl_item *it)
{
	for (int s = 0; s < c->nstrat; s++) {
		enum sa_err rc = audit_url(it->url, &c->aopt[s], &it->rep[s]);

		if (rc != SA_OK || it->rep[s] == NULL || it->rep[s]->npages != 1 ||
		    it->rep[s]->status < 200 || it->rep[s]->status > 299)
			return false;
	}
	return true;
}

void
crawl_page(struct crawl *c, struct crawl_item *it)
{
	struct fetch_resp own, *r = it->pre;

	if (r == NULL) {
		memset(&own, 0, sizeof(own));
		fetch_url(it->url, &c->aopt[0].fetch, &own);
		r = &own;
	}
	it->outcome = classify(c, it, r);
	if (it->outcome == CO_PAGE) {
		collect_links(c, it, r);
		if (!audit_item(c, it))
			it->outcome = CO_ERROR;
	}
	if (r == &own)
		fetch_resp_free(&own);
}

void
crawl_item_free(struct crawl_item *it)
{
	free(it->url);
	if (it->pre) {
		fetch_resp_free(it->pre);
		free(it->pre);
	}
	free(it->final);
	for (size_t i = 0; i < it->nlinks; i++)
		free(it->links[i]);
	free(it->links);
	audit_report_free(it->rep[0]);
	audit_report_free(it->rep[1]);
	memset(it, 0, sizeof(*it));
}

/*==== Workers =============================================================*/

/* Claims the next item under c->mu; NULL when the level is done. */
static struct crawl_item *
claim(struct crawl *c)
{
	if (c->next >= c->nitems || c->okcount + c->inflight >= c->want)
		return NULL;
	c->inflight++;
	return &c->items[c->next++];
}

static void *
worker(void *arg)
{
	struct crawl *c = arg;
	struct crawl_item *it;

	pthread_mutex_lock(&c->mu);
	while ((it = claim(c)) != NULL) {
		pthread_mutex_unlock(&c->mu);
		crawl_page(c, it);
		pthread_mutex_lock(&c->mu);
		c->inflight--;
		if (it->outcome == CO_PAGE) {
			c->okcount++;
			c->done++;
		}
		if (c->o->progress)
			c->o->progress(c->o->progress_arg, c->done, c->found,
			    it->url);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

void
crawl_run_level(struct crawl *c)
{
	pthread_t th[CRAWL_MAX_PARALLEL];
	int n = c->o->parallel, started = 0;

	if (n < 1)
		n = CRAWL_DEFAULT_PARALLEL;
	if (n > CRAWL_MAX_PARALLEL)
		n = CRAWL_MAX_PARALLEL;
	if ((size_t)n > c->nitems - c->next)
		n = (int)(c->nitems - c->next);
	for (int i = 1; i < n; i++)
		if (pthread_create(&th[started], NULL, worker, c) == 0)
			started++;
	worker(c);   /* this thread works too */
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
}
