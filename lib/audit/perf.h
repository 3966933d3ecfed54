/* perf.h: the load-performance model — a Lantern-style simulation of a page load. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_PERF_H
#define SA_PERF_H

#include <stdbool.h>
#include <stddef.h>
#include "audit/check.h"
#include "sa.h"

/* Network and CPU conditions (Lighthouse's simulated throttling). */
struct perf_profile {
	double rtt_ms;       /* round trip */
	double down_kbps;    /* kilobits (1024 bits) per second */
	double up_kbps;
	double cpu_mult;     /* CPU slowdown */
};

/* Lighthouse's mobile (slow 4G, 4x CPU) and desktop (dense 4G, 1x). */
extern const struct perf_profile perf_profiles[2];

/* One sub-request of the page in the model. */
struct perf_req {
	enum resource_type type;   /* preloads carry their as= type */
	size_t  bytes;             /* on the wire */
	size_t  decoded;           /* after content decoding */
	int     origin;            /* 0 = the document's origin */
	bool    https;
	bool    render_blocking;   /* stylesheet / sync script in <head> */
	bool    parser_blocking;   /* any classic sync script */
	bool    async, defer;      /* scripts */
	bool    lazy;              /* img loading=lazy */
	bool    in_viewport;       /* image in the first viewport */
	bool    font_swap;         /* font that does not block text painting */
	bool    skip;              /* left out of the load (a "what if" run) */
	int     after;             /* request this one waits for; -1: document */
	double  cpu_ms;            /* main-thread cost at 1x once it arrives */
	size_t  res;               /* index into page_ctx.resources */
};

/* Everything the simulation needs; built from a page by perf_input_build. */
struct perf_input {
	size_t  doc_bytes, doc_decoded;
	bool    doc_https;
	double  server_ms;         /* measured server response time (a parameter) */
	int     redirects;         /* hops before the document */
	double  parse_ms;          /* HTML parse + style + layout at 1x */
	double  first_parse_share; /* part of parse_ms needed for the first paint */
	double  inline_js_ms;      /* inline scripts at 1x (parser-blocking) */
	size_t  elements;          /* DOM elements */
	struct perf_req *reqs;
	size_t  nreqs;
	int     norigins;
	int     lcp_req;           /* request of the LCP image; -1: text */
	/* The likely LCP element (borrowed from the DOM). */
	const GumboNode *lcp_node;
	double  lcp_area;          /* px² in the first viewport */
};

struct perf_task {
	double start, dur;         /* main-thread task in ms */
	int    req;                /* its request, -1 for document work */
};

/* Opportunities and diagnostics, by Lighthouse id (perf_opp_ids). */
enum perf_opp_id {
	PO_RENDER_BLOCKING, PO_TEXT_COMPRESSION, PO_CACHE_TTL, PO_MODERN_IMAGES,
	PO_OPTIMIZED_IMAGES, PO_RESPONSIVE_IMAGES, PO_OFFSCREEN_IMAGES,
	PO_UNMINIFIED_CSS, PO_UNMINIFIED_JS, PO_TOTAL_BYTES, PO_DOM_SIZE,
	PO_REDIRECTS, PO_SERVER_TIME, PO_FONT_DISPLAY, PO_UNSIZED_IMAGES,
	PO_LCP_LAZY, PO_PRECONNECT, PO_BOOTUP, PO_THIRD_PARTY, PO__MAX
};
extern const char *const perf_opp_ids[PO__MAX];     /* "render-blocking-resources" */
extern const char *const perf_opp_titles[PO__MAX];  /* "Eliminate render-blocking resources" */

/* One offending resource / element of an opportunity. */
struct perf_item {
	const GumboNode *node;     /* valid while the DOM lives; may be NULL */
	char *what;                /* URL or description */
	char *note;                /* "120 KiB, 340 ms", … */
};

struct perf_opp {
	enum check_verdict verdict;  /* CHECK_NA, CHECK_PASS or CHECK_FAIL */
	double  ms;                  /* savingsMs: the model re-run without it */
	size_t  bytes;               /* savingsBytes */
	struct perf_item *items;
	size_t  nitems;
};

/* Third-party code by registrable domain (thirdPartyScripts rows). */
struct perf_third {
	char  *domain;
	size_t bytes;
	double blocking_ms;
};

/* The model's output for one page under one profile. */
struct perf_result {
	enum audit_strategy strategy;
	double fcp_ms, lcp_ms, si_ms, tbt_ms, tti_ms;
	double ttfb_ms;            /* measured; < 0 when not measured */
	double load_ms;            /* last request done (pessimistic run) */
	double *req_end;           /* per request, pessimistic run; -1 skipped */
	double *req_blocking;      /* per request: its tasks' blocking time */
	size_t  total_bytes;       /* document + fetched sub-resources */
	struct perf_input *in;     /* owned: re-run with changes for savings */
	int     score;             /* 0..100, SCORE_ABSENT when not scored */
	char   *lcp_selector;      /* the LCP element, or NULL */
	char   *lcp_snippet;
	const char *lcp_kind;      /* "image" | "text" */
	struct perf_opp opps[PO__MAX];
	struct perf_third *third;  /* by blocking time, then bytes */
	size_t  nthird;
};

/* The metric values of one simulation (what perf_simulate returns). */
struct perf_metrics {
	double fcp, lcp, si, tbt, tti, load;
	double settle;   /* all but offscreen images done (pessimistic LCP) */
};

/*
 * Builds the model's input from a page: its DOM, document response and
 * ctx->resources (unfetched resources count with a nominal size per type).
 * *out is owned by the caller: perf_input_free(). SA_ENOMEM.
 */
enum sa_err perf_input_build(const struct page_ctx *ctx,
    struct perf_input **out);
/* A deep copy of in (NULL on ENOMEM); free with perf_input_free. */
struct perf_input *perf_input_dup(const struct perf_input *in);
void perf_input_free(struct perf_input *in);

/*
 * Runs the model on in under prof: the optimistic and pessimistic
 * simulations averaged as Lantern does. Deterministic: same input, same
 * numbers. req_end / req_block (may be NULL) get nreqs entries from the
 * pessimistic run.
 */
void perf_simulate(const struct perf_input *in, const struct perf_profile *p,
    struct perf_metrics *m, double *req_end, double *req_block);

/*
 * The whole model for a page: input, simulation under the strategy's
 * profile, score. ttfb_ms is the measured TTFB (< 0: none). *out owned by
 * the caller (perf_result_free). SA_ENOMEM.
 */
enum sa_err perf_run(const struct page_ctx *ctx, double ttfb_ms,
    struct perf_result **out);
void perf_result_free(struct perf_result *r);

/*
 * Lighthouse's log-normal metric score: 1 at 0, 0.9 at p10, 0.5 at the
 * median, towards 0 above, clamped into the band of the control points.
 */
double perf_lognormal(double value, double p10, double median);

enum perf_metric { PM_FCP, PM_SI, PM_LCP, PM_TBT, PM_CLS, PM__MAX };

/* Score (0..1) of metric m for value under strategy st. */
double perf_metric_score(enum perf_metric m, enum audit_strategy st,
    double value);

/*
 * The performance score: Lighthouse's weighted mean (FCP 10, SI 10,
 * LCP 25, TBT 30, CLS 25) over the metrics present (values < 0 or NaN
 * are absent and their weight is dropped), rounded like score_round().
 */
int perf_score(enum audit_strategy st, const double values[PM__MAX]);

/*
 * What a change to the input saves: runs the model on mod and returns
 * max(ΔFCP, ΔLCP, Δload) against r, in ms (never negative).
 */
double perf_savings(const struct perf_result *r, const struct perf_input *mod);

/*
 * Fills r->opps and r->third from the page and the model (perf_run calls
 * it). SA_ENOMEM.
 */
enum sa_err perf_opportunities(const struct page_ctx *ctx,
    struct perf_result *r);

/* Sniffs PNG / GIF / JPEG / WebP dimensions; false when unknown. */
bool perf_image_size(const char *body, size_t len, int *w, int *h);

#endif
