/* check.h: the audit check interface — one small function per check id. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CHECK_H
#define SA_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include "sa.h"

struct fetch_resp;
struct css_sheet;
struct perf_result;
struct agent_site;

enum audit_dim {
	DIM_PERFORMANCE,
	DIM_ACCESSIBILITY,
	DIM_SEO,
	DIM_BEST_PRACTICES,
	DIM_SECURITY,
	DIM_AGENT_READINESS,   /* the sixth score; never part of "overall" */
	DIM__MAX
};
/* The documented five dimensions that make up "overall". */
#define DIM_OVERALL_COUNT DIM_AGENT_READINESS
/* JSON names: "performance", "accessibility", "seo", "bestPractices",
 * "security", "agentReadiness" */
extern const char *const audit_dim_names[DIM__MAX];

enum audit_strategy { STRATEGY_MOBILE, STRATEGY_DESKTOP };

enum check_verdict { CHECK_NA, CHECK_PASS, CHECK_FAIL, CHECK_INFO };
enum check_severity { SEV_MINOR, SEV_MODERATE, SEV_SERIOUS, SEV_CRITICAL };

/* One offending element (or header, or resource). */
struct check_item {
	char *selector;   /* CSS path, e.g. "main > form:nth-of-type(1) > input#q" */
	char *snippet;    /* outer HTML, at most 200 bytes (UTF-8 safe) */
	char *note;       /* optional detail, e.g. "contrast 2.1:1, needs 4.5:1" */
};

struct check_result {
	enum check_verdict verdict;   /* starts as CHECK_NA */
	struct check_item *items;
	size_t             nitems;
	char              *detail;    /* optional sentence for the report */
};

/* What referenced a sub-resource. */
enum resource_type {
	RES_STYLESHEET, RES_SCRIPT, RES_IMAGE, RES_FONT, RES_IFRAME,
	RES_PRELOAD, RES_MEDIA, RES_OTHER, RES__MAX
};

/*
 * One sub-resource of the page (found in the DOM or in a linked stylesheet)
 * and, when it was fetched, its response. Filled by lib/audit/resources.c;
 * read-only for checks.
 */
struct page_resource {
	char               *url;          /* absolute */
	enum resource_type  type;
	const GumboNode    *node;         /* referencing element; NULL for CSS url() */
	bool                is_async, is_defer, is_module;
	bool                render_blocking; /* sync script / stylesheet in <head> */
	bool                third_party;  /* other registrable domain than the page */
	char               *host;
	long                parent;       /* stylesheet (index) whose CSS referenced
	                                     it; -1: the document */
	bool                font_swap;    /* font: its @font-face sets font-display
	                                     swap / optional / fallback */
	bool                fetched;      /* false when over the count / byte cap */
	const struct fetch_resp *resp;    /* NULL unless fetched */
};

/* Everything a check may look at for one page. Read-only for checks. */
struct page_ctx {
	const char        *url;          /* final URL of the document */
	long               status;       /* HTTP status of the document */
	const struct fetch_resp *resp;   /* document response; NULL in unit tests */
	const char        *html;
	size_t             html_len;
	GumboOutput       *gumbo;
	struct css_sheet  *css;          /* parsed <style> + linked sheets; may be NULL */
	const char        *robots_txt;   /* body of /robots.txt, NULL if not fetched */
	long               robots_status;/* 0 when not fetched */
	enum audit_strategy strategy;
	const struct page_resource *resources;  /* sub-resources; may be NULL */
	size_t             nresources;
	const struct perf_result *perf;  /* the load model's output; may be NULL */
	/* The origin's llms.txt / llms-full.txt / ai-catalog (agent_site.h);
	 * NULL without network (audit_html): those checks are then N/A. */
	const struct agent_site *agent;
};

struct check_def {
	const char         *id;        /* Lighthouse / axe-core id */
	enum audit_dim      dim;
	double              weight;    /* in the dimension's weighted mean */
	enum check_severity severity;
	const char         *title;     /* what passing means, e.g. "Images have alt text" */
	const char         *description;
	void (*run)(const struct page_ctx *p, struct check_result *r);
};

/* Marks r failed and records node (selector + snippet) with an optional note. */
void check_fail_node(struct check_result *r, const GumboNode *node,
    const char *note);
/* Marks r failed with an item that is not an element (header, URL, …). */
void check_fail_text(struct check_result *r, const char *what,
    const char *note);
/* Sets the verdict to pass unless it has already failed. */
void check_pass(struct check_result *r);
void check_result_free(struct check_result *r);

/* The check tables, one per file; each ends at its count. */
extern const struct check_def audit_checks_a11y[];
extern const size_t audit_checks_a11y_count;
extern const struct check_def audit_checks_seo[];
extern const size_t audit_checks_seo_count;
extern const struct check_def audit_checks_bp[];
extern const size_t audit_checks_bp_count;
extern const struct check_def audit_checks_sec[];
extern const size_t audit_checks_sec_count;
extern const struct check_def audit_checks_perf[];
extern const size_t audit_checks_perf_count;
extern const struct check_def audit_checks_agent[];
extern const size_t audit_checks_agent_count;

#endif
