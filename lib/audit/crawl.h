/* crawl.h: whole-site audits — discover a site's pages, audit each, aggregate. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CRAWL_H
#define SA_CRAWL_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "audit/audit.h"

#define CRAWL_DEFAULT_PAGES   50
#define CRAWL_MAX_PAGES       10000
#define CRAWL_DEFAULT_PARALLEL 4     /* polite: page audits at once per origin */
#define CRAWL_MAX_PARALLEL    64
#define CRAWL_MAX_SITEMAPS    50     /* sitemap files read per crawl */

/*
 * Progress callback: pages audited so far, pages found (queued or
 * audited, capped at max_pages), and the URL just finished. Called from
 * worker threads, one call at a time.
 */
typedef void (*crawl_progress_fn)(void *arg, size_t done, size_t found,
    const char *url);

struct crawl_opts {
	struct audit_opts audit;     /* per page; .strategy is the primary one */
	bool              both;      /* also audit every page on desktop */
	size_t            max_pages; /* 1..CRAWL_MAX_PAGES (0: the default) */
	int               parallel;  /* 1..CRAWL_MAX_PARALLEL (0: the default) */
	const char       *agent;     /* robots.txt product token; "siteaudit" */
	bool              sitemaps;  /* read robots.txt Sitemap: lines and
	                                /sitemap.xml (true by default) */
	crawl_progress_fn progress;  /* may be NULL */
	void             *progress_arg;
};

struct crawl_stats {
	size_t found;       /* distinct same-origin URLs discovered */
	size_t fetched;     /* documents fetched */
	size_t pages;       /* HTML pages audited (per strategy) */
	size_t disallowed;  /* URLs skipped by robots.txt */
	size_t non_html;    /* skipped: extension hint or Content-Type */
	size_t errors;      /* fetch failures and non-2xx answers */
	size_t sitemap_urls;/* <loc> entries read from sitemaps */
	size_t sitemaps;    /* sitemap files read */
	double seconds;     /* wall time of the whole crawl */
};

/*
 * The result of a crawl: primary holds one page per audited URL under
 * opts.audit.strategy; extra (only with opts.both) the same URLs audited
 * on desktop. Pages are sorted by URL. Each report's scores are the mean
 * over its pages of each dimension (score_mean), and its overall score
 * is score_overall() of those means; its issues aggregate all its pages.
 */
struct crawl_result {
	struct audit_report *primary;
	struct audit_report *extra;
	struct crawl_stats   stats;
};

/* Defaults: audit_opts_init(), 50 pages, 4 at once, sitemaps on. */
void crawl_opts_init(struct crawl_opts *o);

/*
 * Crawls the site at url: robots.txt (Disallow rules for o->agent and "*",
 * Sitemap lines), the sitemaps (indexes and gzip'd files too; /sitemap.xml
 * when robots.txt names none), then same-origin links breadth first. URLs
 * are normalised (urlnorm) and de-duplicated; robots-disallowed URLs and
 * non-HTML resources are skipped; pages are audited o->parallel at a time
 * with audit_url(). The crawl stops at o->max_pages pages; which pages
 * those are depends only on the site (discovery order), not on timing.
 * Every fetch goes through the guarded fetcher; a redirect that leaves
 * the origin ends that page.
 *
 * Fills *out (free with crawl_result_free) unless SA_ENOMEM. Returns SA_OK
 * when the start page was audited; otherwise primary->fetch_err/errmsg
 * say why, and the code is that of audit_url() (SA_EINVAL, SA_EDENIED,
 * SA_EIO).
 */
enum sa_err crawl_site(const char *url, const struct crawl_opts *o,
    struct crawl_result *out);

void crawl_result_free(struct crawl_result *res);

/*
 * The report document of a crawl: report_to_json(primary) with "pages"
 * holding every page row of both reports sorted by URL then strategy and,
 * with an extra report, "strategy": "both" and "desktop": {overall,
 * scores}. with_stats adds "crawl": {pages, found, disallowed, nonHtml,
 * errors, sitemaps, sitemapUrls, seconds}. Caller json_object_put()s it;
 * NULL on ENOMEM.
 */
json_object *crawl_report_json(const struct crawl_result *res,
    bool with_stats);

/*
 * Sets r->scores to the mean of its pages' scores per dimension and
 * r->overall to score_overall() of them (site-level scoring).
 */
void crawl_score_report(struct audit_report *r);

#endif
