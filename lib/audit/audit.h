/* audit.h: the audit engine's entry points — url or html in, report out. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_AUDIT_H
#define SA_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "audit/check.h"
#include "audit/crux.h"
#include "audit/fetch.h"
#include "sa.h"

#define AUDIT_DIM_BIT(d) (1u << (d))
#define AUDIT_DIMS_ALL   ((1u << DIM__MAX) - 1)

struct audit_opts {
	enum audit_strategy strategy;     /* STRATEGY_MOBILE by default */
	unsigned            dims;         /* AUDIT_DIM_BIT()s to run; 0 = all */
	struct fetch_opts   fetch;        /* used by audit_url() only */
	size_t              max_stylesheets;  /* linked sheets fetched (16) */
	int                 parallel;     /* concurrent sub-resource fetches */
	size_t              max_resources;      /* sub-resources kept (60) */
	size_t              max_resource_total; /* their wire bytes (24 MiB) */
	struct crux_opts    crux;         /* field data; no key = none (audit_url) */
	/* A crawl's per-origin llms.txt / ai-catalog, fetched once and shared
	 * by its pages; NULL: audit_url fetches them itself (agent dim only).
	 * audit_html never fetches: it uses this one when set (page audits). */
	const struct agent_site *agent_site;
};

/* One audited page (one URL under one strategy). */
struct audit_page {
	char                    *url;        /* as requested */
	char                    *final_url;  /* after redirects */
	enum audit_strategy      strategy;
	long                     status;     /* HTTP status of the document */
	double                   ttfb_ms;    /* < 0 when not measured */
	int                      scores[DIM__MAX];   /* SCORE_ABSENT or 0..100 */
	const struct check_def **defs;       /* the checks run, in run order */
	struct check_result     *results;    /* results[i] belongs to defs[i] */
	size_t                   nchecks;
	struct perf_result      *perf;       /* the load model; NULL if not run */
	struct crux_data         crux;       /* CrUX field data (has false: none) */
};

struct audit_report {
	char               *url;           /* as requested */
	char               *final_url;     /* NULL when the fetch failed */
	enum audit_strategy strategy;
	unsigned            dims;          /* the dimensions that were run */
	enum fetch_err      fetch_err;     /* FETCH_OK unless the fetch failed */
	char                errmsg[256];   /* one sentence when fetch_err set */
	long                status;        /* HTTP status of the document */
	int                 scores[DIM__MAX];  /* SCORE_ABSENT or 0..100 */
	int                 overall;       /* SCORE_ABSENT or 0..100 */
	struct audit_page  *pages;
	size_t              npages;
	int64_t             generated_ms;  /* Unix time in ms */
};

/* Defaults: mobile, all dimensions, fetch caps from conf_defaults(). */
void audit_opts_init(struct audit_opts *o);

/*
 * Parses a comma-separated dimension list ("accessibility,seo"; also
 * "performance", "best-practices" / "bestPractices", "security") into
 * *mask. SA_EINVAL on an unknown or empty name.
 */
enum sa_err audit_parse_dims(const char *list, unsigned *mask);

/*
 * Audits a document already in memory, with no network: status 200, no
 * response headers, no robots.txt, only inline <style> for CSS. Pure, so
 * unit tests use it. On SA_OK *out is a report with one page (free with
 * audit_report_free); otherwise *out is NULL (SA_ENOMEM, SA_EINVAL).
 */
enum sa_err audit_html(const char *url, const char *html, size_t len,
    const struct audit_opts *o, struct audit_report **out);

/*
 * Fetches url through the guarded fetcher (plus /robots.txt and linked
 * stylesheets), then audits it. *out is always set unless SA_ENOMEM; free
 * it with audit_report_free. Returns SA_OK when the audit ran (any HTTP
 * status; see report->status), SA_EINVAL for a malformed URL or scheme,
 * SA_EDENIED for a refused address, SA_EIO for any other fetch failure;
 * report->fetch_err / ->errmsg then say which. With o->crux.api_key set
 * and performance selected, also asks the CrUX API for the page's field
 * data (pages[0].crux; a CrUX failure only leaves it empty).
 */
enum sa_err audit_url(const char *url, const struct audit_opts *o,
    struct audit_report **out);

void audit_report_free(struct audit_report *r);

/* "mobile" / "desktop". */
const char *audit_strategy_name(enum audit_strategy s);

#endif
