/* agent_site.c: fetching an origin's llms.txt, llms-full.txt and ai-catalog. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/agent_site.h"
#include "audit/audit.h"
#include "audit/urlnorm.h"

/* llms.txt links are only fetched to see that they answer: a small cap
 * keeps a link to a large file cheap (a capped body still resolved). */
#define LINK_MAX_BYTES (256u << 10)

enum { DOC_LLMS, DOC_FULL, DOC_CATALOG, DOC__MAX };

/* Moves what the response holds into d; r is freed by the caller. */
static void
doc_take(struct agent_doc *d, char *url, struct fetch_resp *r)
{
	d->fetched = true;
	d->url = url;
	d->err = r->err;
	snprintf(d->errmsg, sizeof(d->errmsg), "%s",
	    r->errmsg[0] ? r->errmsg : fetch_strerror(r->err));
	d->status = r->status;
	if (r->err == FETCH_OK && r->body != NULL) {
		d->body = r->body;   /* the response owns nothing else we need */
		d->len = r->body_len;
		r->body = NULL;
		r->body_len = 0;
	}
}

/* The catalog URL by Lighthouse 13.5's precedence: robots.txt's
 * Agentmap, then <link rel=ai-catalog>, then the Link header, then the
 * well-known path. */
static char *
catalog_url(struct agent_site *s, const char *page_url,
    const GumboOutput *doc, const struct fetch_resp *resp,
    const char *robots_txt)
{
	const char *hdr = resp ? fetch_header(resp, "Link") : NULL;
	char *u;

	if ((u = agent_catalog_from_robots(robots_txt, page_url)) != NULL) {
		s->catalog_via = CATALOG_ROBOTS;
		return u;
	}
	if ((u = agent_catalog_from_dom(doc, page_url)) != NULL) {
		s->catalog_via = CATALOG_LINK;
		return u;
	}
	if ((u = agent_catalog_from_header(hdr, page_url)) != NULL) {
		s->catalog_via = CATALOG_HEADER;
		return u;
	}
	s->catalog_via = CATALOG_WELL_KNOWN;
	return urlnorm(page_url, "/.well-known/ai-catalog.json");
}

/* Fetches urls into resps, except a link to llms-full.txt, which was
 * fetched already: its answer is copied instead. */
static void
fetch_links(char **urls, size_t n, const struct agent_site *s,
    const struct fetch_opts *fo, int parallel, struct fetch_resp *resps)
{
	const char *todo[AGENT_LINKS_MAX];
	size_t map[AGENT_LINKS_MAX], k = 0;
	struct fetch_resp got[AGENT_LINKS_MAX];

	memset(got, 0, sizeof(got));
	for (size_t i = 0; i < n && i < AGENT_LINKS_MAX; i++) {
		if (s->llms_full.url && strcmp(urls[i], s->llms_full.url) == 0) {
			resps[i].err = s->llms_full.err;
			resps[i].status = s->llms_full.status;
			continue;
		}
		map[k] = i;
		todo[k++] = urls[i];
	}
	if (k > 0)
		fetch_many(todo, k, fo, parallel, got);
	for (size_t j = 0; j < k; j++)
		resps[map[j]] = got[j];   /* moved: freed through resps */
}

/* Fetches up to AGENT_LINKS_MAX of llms.txt's links (same origin first). */
static enum sa_err
check_links(struct agent_site *s, const struct fetch_opts *fo, int parallel)
{
	struct fetch_opts lo = *fo;
	struct fetch_resp *resps;
	char **urls = NULL;
	size_t n;

	if (s->llms.body == NULL || s->llms.status < 200 || s->llms.status > 299)
		return SA_OK;
	n = agent_llms_links(s->llms.body, s->llms.url, AGENT_LINKS_MAX, &urls,
	    &s->links_total);
	if (n == 0) {
		free(urls);
		return SA_OK;
	}
	resps = calloc(n, sizeof(*resps));
	s->links = calloc(n, sizeof(*s->links));
	if (resps == NULL || s->links == NULL) {
		for (size_t i = 0; i < n; i++)
			free(urls[i]);
		free(urls);
		free(resps);
		return SA_ENOMEM;
	}
	lo.max_bytes = lo.max_decoded = LINK_MAX_BYTES;
	fetch_links(urls, n, s, &lo, parallel, resps);
	for (size_t i = 0; i < n; i++) {
		s->links[i].url = urls[i];
		s->links[i].err = resps[i].err;
		s->links[i].status = resps[i].status;
		fetch_resp_free(&resps[i]);
	}
	s->nlinks = n;
	free(urls);
	free(resps);
	return SA_OK;
}

enum sa_err
agent_site_fetch(struct agent_site *s, const char *page_url,
    const GumboOutput *doc, const struct fetch_resp *resp,
    const char *robots_txt, const struct fetch_opts *fo, int parallel)
{
	struct agent_doc *docs[DOC__MAX] = { &s->llms, &s->llms_full, &s->catalog };
	char *urls[DOC__MAX];
	struct fetch_resp resps[DOC__MAX];
	size_t n = 0;

	memset(s, 0, sizeof(*s));
	memset(resps, 0, sizeof(resps));
	urls[DOC_LLMS] = urlnorm(page_url, "/llms.txt");
	urls[DOC_FULL] = urlnorm(page_url, "/llms-full.txt");
	urls[DOC_CATALOG] = catalog_url(s, page_url, doc, resp, robots_txt);
	for (int i = 0; i < DOC__MAX; i++)
		if (urls[i] == NULL) {
			/* Not an http(s) page URL: nothing is fetched and the
			 * network checks stay not applicable. */
			for (int k = 0; k < DOC__MAX; k++)
				free(urls[k]);
			return SA_OK;
		}
	n = DOC__MAX;
	fetch_many((const char *const *)urls, n, fo, parallel > 0 ? parallel : 3,
	    resps);
	for (size_t i = 0; i < n; i++) {
		doc_take(docs[i], urls[i], &resps[i]);
		fetch_resp_free(&resps[i]);
	}
	return check_links(s, fo, parallel > 0 ? parallel : 3);
}

static void
doc_free(struct agent_doc *d)
{
	free(d->url);
	free(d->body);
	memset(d, 0, sizeof(*d));
}

void
agent_site_free(struct agent_site *s)
{
	if (s == NULL)
		return;
	doc_free(&s->llms);
	doc_free(&s->llms_full);
	doc_free(&s->catalog);
	for (size_t i = 0; i < s->nlinks; i++)
		free(s->links[i].url);
	free(s->links);
	memset(s, 0, sizeof(*s));
}

enum sa_err
agent_page(struct agent_site *own, const struct audit_opts *o,
    unsigned dims, struct page_ctx *ctx)
{
	enum sa_err rc;

	if (!(dims & AUDIT_DIM_BIT(DIM_AGENT_READINESS)))
		return SA_OK;
	if (o->agent_site != NULL) {   /* a crawl fetched them once per origin */
		ctx->agent = o->agent_site;
		return SA_OK;
	}
	rc = agent_site_fetch(own, ctx->url, ctx->gumbo, ctx->resp,
	    ctx->robots_txt, &o->fetch, o->parallel);
	if (rc == SA_OK)
		ctx->agent = own;
	return rc;
}
