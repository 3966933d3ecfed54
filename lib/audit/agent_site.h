/* agent_site.h: the per-origin files the agent-readiness checks read. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_AGENT_SITE_H
#define SA_AGENT_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include "audit/fetch.h"
#include "sa.h"

struct audit_opts;
struct page_ctx;

/* At most this many llms.txt links are fetched to see that they resolve. */
#define AGENT_LINKS_MAX 8

/* One side file of the origin as fetched (fetched false: never asked). */
struct agent_doc {
	bool            fetched;
	char           *url;
	enum fetch_err  err;
	char            errmsg[256];
	long            status;     /* 0 when the fetch failed */
	char           *body;       /* NUL-terminated; NULL when none */
	size_t          len;
};

/* How the ai-catalog URL was found (Lighthouse 13.5's order). */
enum agent_catalog_via {
	CATALOG_WELL_KNOWN,   /* /.well-known/ai-catalog.json, no signal */
	CATALOG_ROBOTS,       /* "Agentmap:" line of robots.txt */
	CATALOG_LINK,         /* <link rel="ai-catalog" href> */
	CATALOG_HEADER,       /* Link: <…>; rel="ai-catalog" */
};

/* A link of llms.txt and whether it resolved. */
struct agent_link {
	char           *url;
	enum fetch_err  err;
	long            status;
};

struct agent_site {
	struct agent_doc        llms;        /* /llms.txt */
	struct agent_doc        llms_full;   /* /llms-full.txt */
	struct agent_doc        catalog;     /* the ai-catalog, wherever found */
	enum agent_catalog_via  catalog_via;
	struct agent_link      *links;       /* llms.txt links checked */
	size_t                  nlinks;
	size_t                  links_total; /* links llms.txt holds */
};

/*
 * The ai-catalog URL a discovery signal names, resolved against base, or
 * NULL (caller frees). robots: the first "Agentmap:" line; dom: the first
 * <link> whose rel tokens hold "ai-catalog"; header: a Link header value
 * with rel="ai-catalog".
 */
char *agent_catalog_from_robots(const char *robots_txt, const char *base);
char *agent_catalog_from_dom(const GumboOutput *doc, const char *base);
char *agent_catalog_from_header(const char *link_header, const char *base);

/*
 * The targets of the Markdown links ("[text](url)") in text, resolved
 * against base, in file order, same-origin ones first, without
 * duplicates; at most max kept, *total gets how many distinct ones there
 * are. Returns the count in *out (caller frees each and the array).
 */
size_t agent_llms_links(const char *text, const char *base, size_t max,
    char ***out, size_t *total);

/*
 * Fetches the origin's /llms.txt, /llms-full.txt and ai-catalog (found
 * through robots.txt, the page's <link>, its Link header, else the
 * well-known path), then up to AGENT_LINKS_MAX of llms.txt's links, all
 * through the guarded fetcher. page_url / doc / resp are the page whose
 * signals count. SA_OK or SA_ENOMEM; fetch failures are recorded, not
 * returned. Free with agent_site_free.
 */
enum sa_err agent_site_fetch(struct agent_site *s, const char *page_url,
    const GumboOutput *doc, const struct fetch_resp *resp,
    const char *robots_txt, const struct fetch_opts *fo, int parallel);
void agent_site_free(struct agent_site *s);

/*
 * For audit_url: when the agent dimension is selected, points ctx->agent
 * at o->agent_site (shared by a crawl) or fetches own and points there.
 */
enum sa_err agent_page(struct agent_site *own, const struct audit_opts *o,
    unsigned dims, struct page_ctx *ctx);

#endif
