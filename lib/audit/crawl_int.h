/* crawl_int.h: the site crawl's internal state, shared by the crawl_*.c files. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CRAWL_INT_H
#define SA_CRAWL_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include "audit/agent_site.h"
#include "audit/crawl.h"
#include "audit/fetch.h"
#include "audit/robots.h"

/* A set of strings (open addressing, FNV-1a); it owns copies. */
struct strset {
	char  **slots;
	size_t  cap;    /* power of two */
	size_t  n;
};

void strset_init(struct strset *s);
/* 1 when added, 0 when already there, -1 on ENOMEM. */
int strset_add(struct strset *s, const char *str);
bool strset_has(const struct strset *s, const char *str);
void strset_free(struct strset *s);

/* How fetching one URL ended. */
enum crawl_outcome {
	CO_PENDING,     /* not processed */
	CO_PAGE,        /* an HTML page in scope, audited */
	CO_ERROR,       /* fetch failure, non-2xx, or the audit failed */
	CO_NON_HTML,    /* Content-Type says it is not HTML */
	CO_OFFSITE,     /* redirected out of the crawl's scope */
};

/* One URL of the current breadth-first level. */
struct crawl_item {
	char                *url;        /* normal form */
	struct fetch_resp   *pre;        /* already fetched (the start page) */
	enum crawl_outcome   outcome;
	char                *final;      /* normal form of the final URL */
	char               **links;      /* in-scope links, normal form */
	size_t               nlinks;
	struct audit_report *rep[2];     /* primary, and desktop when both */
};

struct crawl {
	const struct crawl_opts *o;
	struct audit_opts  aopt[2];     /* primary, desktop */
	int                nstrat;      /* 1, or 2 with both */
	char              *origin;      /* "scheme://host[:port]" */
	char              *scope;       /* origin + the start page's directory */
	size_t             scope_len;
	char              *start_final; /* the start page's final URL */
	long               start_status;
	struct robots     *robots;      /* /robots.txt; NULL: allow all */
	struct robots     *robots_dir;  /* <scope>robots.txt, when the scope
	                                   is not the origin's root */
	char              *robots_txt;  /* the origin's robots.txt text */
	struct agent_site  agent_site;  /* llms.txt, ai-catalog: per origin,
	                                   shared by every page's audit */
	const char        *agent;
	struct strset      seen;        /* every URL ever considered */
	struct strset      finals;      /* final URLs of accepted pages */
	/* the level being crawled */
	struct crawl_item *items;
	size_t             nitems, cap_items;
	size_t             next;        /* next item to claim */
	size_t             inflight;
	size_t             okcount;     /* CO_PAGE items of this level */
	size_t             want;        /* pages still wanted */
	size_t             done;        /* pages audited overall (progress) */
	size_t             found;       /* URLs queued overall (progress) */
	pthread_mutex_t    mu;
	/* accepted pages, in discovery order */
	struct crawl_item *pages;
	size_t             npages, cap_pages;
	struct crawl_stats stats;
};

/* True when url (normal form) is inside the crawl's scope. */
bool crawl_in_scope(const struct crawl *c, const char *url);

/*
 * Queues url (normal form) on the current level unless it was seen, is
 * out of scope, disallowed by robots.txt or hinted non-HTML (counted in
 * stats). force skips the robots and extension tests. SA_OK or SA_ENOMEM.
 */
enum sa_err crawl_enqueue(struct crawl *c, const char *url, bool force);

/*
 * Processes items [c->next, c->nitems) of the level with o->parallel
 * threads, stopping early once c->want pages are in hand.
 */
void crawl_run_level(struct crawl *c);

/* Processes one item: fetch, classify, extract links, audit. */
void crawl_page(struct crawl *c, struct crawl_item *it);

/* Frees what an item owns and zeroes it. */
void crawl_item_free(struct crawl_item *it);

/* Reads robots.txt and the sitemaps of c->origin; queues sitemap URLs. */
enum sa_err crawl_discover(struct crawl *c);

/*
 * Builds res->primary (and ->extra) from c->pages (moving their audited
 * pages out), sorted by URL, with site-level scores. url is the start URL
 * as given.
 */
enum sa_err crawl_build_reports(struct crawl *c, const char *url,
    struct crawl_result *res);

#endif
