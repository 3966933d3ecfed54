/* perf.c: the load model's entry points — simulate, score, savings. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit/dom.h"
#include "audit/fetch.h"
#include "audit/perf.h"
#include "audit/perf_int.h"
#include "audit/perf_opps_int.h"
#include "audit/score.h"

/* erfc^-1(1/5): puts p10 at 0.9 (Lighthouse's statistics.js). */
#define INVERSE_ERFC_ONE_FIFTH 0.9061938024368232

/* Lighthouse 10+ control points per metric: {p10, median}. */
static const double curves[2][PM__MAX][2] = {
	[STRATEGY_MOBILE] = {
		[PM_FCP] = { 1800, 3000 }, [PM_SI] = { 3387, 5800 },
		[PM_LCP] = { 2500, 4000 }, [PM_TBT] = { 200, 600 },
		[PM_CLS] = { 0.1, 0.25 },
	},
	[STRATEGY_DESKTOP] = {
		[PM_FCP] = { 934, 1600 }, [PM_SI] = { 1311, 2300 },
		[PM_LCP] = { 1200, 2400 }, [PM_TBT] = { 150, 350 },
		[PM_CLS] = { 0.1, 0.25 },
	},
};

/* Lighthouse 10+ performance category weights. */
static const double weights[PM__MAX] = {
	[PM_FCP] = 10, [PM_SI] = 10, [PM_LCP] = 25, [PM_TBT] = 30, [PM_CLS] = 25,
};

/* A fast, unthrottled load: stands in for Lantern's observed speed line. */
static const struct perf_profile fast = { 2, 200 * 1024, 200 * 1024, 1 };

double
perf_lognormal(double value, double p10, double median)
{
	double x, cp;

	if (!(value > 0))
		return 1;
	x = log(value / median) * INVERSE_ERFC_ONE_FIFTH / -log(p10 / median);
	cp = erfc(x) / 2;
	if (value <= p10)
		return fmax(0.9, fmin(1, cp));
	if (value <= median)
		return fmax(0.5, fmin(0.8999999999999999, cp));
	return fmax(0, fmin(0.49999999999999994, cp));
}

double
perf_metric_score(enum perf_metric m, enum audit_strategy st, double value)
{
	int s = st == STRATEGY_DESKTOP ? STRATEGY_DESKTOP : STRATEGY_MOBILE;

	return perf_lognormal(value, curves[s][m][0], curves[s][m][1]);
}

int
perf_score(enum audit_strategy st, const double values[PM__MAX])
{
	double sum = 0, total = 0;

	for (int m = 0; m < PM__MAX; m++) {
		double s;

		if (isnan(values[m]) || values[m] < 0)
			continue;
		/* audit scores are kept to two decimals, as Lighthouse does */
		s = floor(perf_metric_score((enum perf_metric)m, st, values[m]) *
		    100 + 0.5) / 100;
		sum += s * weights[m];
		total += weights[m];
	}
	return total > 0 ? score_round(sum / total) : SCORE_ABSENT;
}

/* The optimistic graph: document, render-blocking requests, the LCP
 * resource and (for text) blocking fonts, with what they wait for. */
static void
optimistic_keep(const struct perf_input *in, bool *keep)
{
	for (size_t i = 0; i < in->nreqs; i++) {
		const struct perf_req *r = &in->reqs[i];

		keep[i] = r->render_blocking || r->parser_blocking ||
		    (int)i == in->lcp_req ||
		    (in->lcp_req < 0 && r->type == RES_FONT && !r->font_swap);
	}
	for (size_t pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < in->nreqs; i++)
			if (keep[i] && in->reqs[i].after >= 0)
				keep[in->reqs[i].after] = true;
}

/* One network + main-thread run; load = last arrival. */
static enum sa_err
run_once(const struct perf_input *in, const struct perf_profile *p,
    const bool *keep, struct perf_metrics *m, double *end, double *block)
{
	double doc_end;
	enum sa_err rc;

	if ((rc = perf_net(in, p, keep, &doc_end, end)) != SA_OK)
		return rc;
	m->load = doc_end;
	for (size_t i = 0; i < in->nreqs; i++)
		m->load = fmax(m->load, end[i]);
	return perf_cpu(in, p, doc_end, end, m, block);
}

static void
average(struct perf_metrics *m, const struct perf_metrics *o,
    const struct perf_metrics *pe)
{
	m->fcp = (o->fcp + pe->fcp) / 2;
	m->lcp = fmax(m->fcp, (o->lcp + pe->settle) / 2);
	m->tbt = (o->tbt + pe->tbt) / 2;
	m->tti = fmax(m->fcp, (o->tti + pe->tti) / 2);
	m->load = pe->load;
}

void
perf_simulate(const struct perf_input *in, const struct perf_profile *p,
    struct perf_metrics *m, double *req_end, double *req_block)
{
	size_t n = in->nreqs ? in->nreqs : 1;
	double *end = calloc(n, sizeof(double));
	bool *keep = calloc(n, sizeof(bool));
	struct perf_metrics o = { 0 }, pe = { 0 }, f = { 0 };

	memset(m, 0, sizeof(*m));
	if (end == NULL || keep == NULL)
		goto out;
	optimistic_keep(in, keep);
	if (run_once(in, p, keep, &o, end, NULL) != SA_OK ||
	    run_once(in, &fast, NULL, &f, end, NULL) != SA_OK ||
	    run_once(in, p, NULL, &pe, end, req_block) != SA_OK)
		goto out;
	if (req_end)
		memcpy(req_end, end, in->nreqs * sizeof(double));
	average(m, &o, &pe);
	/* Lantern: SI = 1.4 × observed + 0.4 × layout-based, at least FCP */
	m->si = fmax(m->fcp, 1.4 * (f.fcp + f.lcp) / 2 +
	    0.4 * (pe.fcp + pe.lcp) / 2);
out:
	free(end);
	free(keep);
}

double
perf_savings(const struct perf_result *r, const struct perf_input *mod)
{
	struct perf_metrics m;
	double d;

	perf_simulate(mod, &perf_profiles[r->strategy == STRATEGY_DESKTOP],
	    &m, NULL, NULL);
	d = fmax(r->fcp_ms - m.fcp, r->lcp_ms - m.lcp);
	d = fmax(d, r->load_ms - m.load);
	return d > 0 ? d : 0;
}

void
perf_result_free(struct perf_result *r)
{
	if (r == NULL)
		return;
	perf_opps_free(r);
	perf_input_free(r->in);
	free(r->req_end);
	free(r->req_blocking);
	free(r->lcp_selector);
	free(r->lcp_snippet);
	free(r);
}

/* Bytes of the page: document plus every fetched sub-resource. */
static size_t
total_bytes(const struct page_ctx *ctx)
{
	size_t b = ctx->resp ? ctx->resp->wire_bytes : ctx->html_len;

	for (size_t i = 0; i < ctx->nresources; i++)
		if (ctx->resources[i].resp)
			b += ctx->resources[i].resp->wire_bytes;
	return b;
}

static void
fill_result(struct perf_result *r, const struct page_ctx *ctx,
    const struct perf_metrics *m)
{
	double v[PM__MAX] = { m->fcp, m->si, m->lcp, m->tbt, NAN };

	r->fcp_ms = m->fcp;
	r->lcp_ms = m->lcp;
	r->si_ms = m->si;
	r->tbt_ms = m->tbt;
	r->tti_ms = m->tti;
	r->load_ms = m->load;
	r->total_bytes = total_bytes(ctx);
	r->score = perf_score(r->strategy, v);
	if (r->in->lcp_node) {
		r->lcp_selector = dom_selector(r->in->lcp_node);
		r->lcp_snippet = dom_snippet(r->in->lcp_node, 200);
	}
	r->lcp_kind = r->in->lcp_req >= 0 ? "image" : "text";
}

enum sa_err
perf_run(const struct page_ctx *ctx, double ttfb_ms, struct perf_result **out)
{
	struct perf_result *r = calloc(1, sizeof(*r));
	struct perf_metrics m;
	enum sa_err rc = SA_ENOMEM;
	size_t n;

	*out = NULL;
	if (r == NULL || (rc = perf_input_build(ctx, &r->in)) != SA_OK)
		goto fail;
	n = r->in->nreqs ? r->in->nreqs : 1;
	r->strategy = ctx->strategy;
	r->ttfb_ms = ttfb_ms;
	r->req_end = calloc(n, sizeof(double));
	r->req_blocking = calloc(n, sizeof(double));
	rc = SA_ENOMEM;
	if (r->req_end == NULL || r->req_blocking == NULL)
		goto fail;
	perf_simulate(r->in, &perf_profiles[ctx->strategy == STRATEGY_DESKTOP],
	    &m, r->req_end, r->req_blocking);
	fill_result(r, ctx, &m);
	if ((rc = perf_opportunities(ctx, r)) != SA_OK)
		goto fail;
	*out = r;
	return SA_OK;
fail:
	perf_result_free(r);
	return rc;
}
