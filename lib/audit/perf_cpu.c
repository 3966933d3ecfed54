/* perf_cpu.c: the main thread of a simulated load, and the metrics it gives. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit/perf.h"
#include "audit/perf_int.h"

#define MAX_CHUNKS   400     /* parser slices after the first paint */
#define FONT_BLOCK_MS 3000.0 /* text stays invisible at most this long */

struct task {
	double start, dur;
	int    req;
};

/* Main-thread tasks, sorted by start, never overlapping. */
struct thread {
	struct task *t;
	size_t       n, cap;
	bool         oom;
};

/* Places a task at the earliest free slot at or after ready; its end. */
static double
place(struct thread *th, double ready, double dur, int req)
{
	double cur = ready;
	size_t i;

	if (dur <= 0)
		return ready;
	for (i = 0; i < th->n; i++) {
		if (th->t[i].start + th->t[i].dur <= cur)
			continue;
		if (th->t[i].start >= cur + dur)
			break;
		cur = th->t[i].start + th->t[i].dur;
	}
	if (th->n == th->cap) {
		size_t cap = th->cap ? th->cap * 2 : 64;
		struct task *v = realloc(th->t, cap * sizeof(*v));

		if (v == NULL) {
			th->oom = true;
			return cur + dur;
		}
		th->t = v, th->cap = cap;
	}
	memmove(&th->t[i + 1], &th->t[i], (th->n - i) * sizeof(*th->t));
	th->t[i] = (struct task){ cur, dur, req };
	th->n++;
	return cur + dur;
}

static bool
is_type(const struct perf_req *r, enum resource_type t, const double *end,
    size_t i)
{
	return r->type == t && end[i] >= 0;
}

/* Stylesheets and parser-blocking scripts (run in document order after
 * the style sheets) gate the first paint; returns the gate. */
static double
first_paint_gate(struct thread *th, const struct perf_input *in, double m,
    double parsed, const double *end)
{
	double gate, css = parsed, js = parsed;

	for (size_t i = 0; i < in->nreqs; i++) {
		const struct perf_req *r = &in->reqs[i];

		if (r->render_blocking && is_type(r, RES_STYLESHEET, end, i))
			css = fmax(css, place(th, end[i], r->cpu_ms * m, (int)i));
	}
	gate = css;
	for (size_t i = 0; i < in->nreqs; i++) {
		const struct perf_req *r = &in->reqs[i];

		if (r->parser_blocking && is_type(r, RES_SCRIPT, end, i)) {
			js = place(th, fmax(fmax(end[i], js), css), r->cpu_ms * m,
			    (int)i);
			gate = fmax(gate, js);
		}
	}
	return gate;
}

/* When the LCP element paints. */
static double
lcp_time(struct thread *th, const struct perf_input *in, double m,
    double fcp, const double *end)
{
	double fonts = 0;

	if (in->lcp_req >= 0 && end[in->lcp_req] >= 0)
		return place(th, fmax(fcp, end[in->lcp_req]), 2 * m, in->lcp_req);
	if (in->lcp_req >= 0)
		return fcp;
	for (size_t i = 0; i < in->nreqs; i++)
		if (is_type(&in->reqs[i], RES_FONT, end, i) &&
		    !in->reqs[i].font_swap)
			fonts = fmax(fonts, end[i]);
	return fmax(fcp, fmin(fonts, fcp + FONT_BLOCK_MS));
}

/* The rest of the parse, sliced; returns when it is done. */
static double
parse_rest(struct thread *th, const struct perf_input *in, double m,
    double fcp)
{
	double rest = in->parse_ms * (1 - in->first_parse_share) * m;
	double chunk = PERF_CHUNK_MS * m, t = fcp;

	if (rest / chunk > MAX_CHUNKS)
		chunk = rest / MAX_CHUNKS;
	while (rest > 0) {
		t = place(th, fcp, fmin(chunk, rest), -1);
		rest -= chunk;
	}
	return t;
}

/* Everything after the first paint: the rest of the parse, async and
 * deferred scripts, other style sheets, frames. */
static void
after_paint(struct thread *th, const struct perf_input *in, double m,
    double fcp, const double *end)
{
	double def = parse_rest(th, in, m, fcp);

	for (size_t i = 0; i < in->nreqs; i++) {
		const struct perf_req *r = &in->reqs[i];

		if (end[i] < 0 || r->render_blocking || r->parser_blocking)
			continue;
		if (!(r->type == RES_SCRIPT && r->defer))
			place(th, end[i], r->cpu_ms * m, (int)i);
	}
	for (size_t i = 0; i < in->nreqs; i++)
		if (is_type(&in->reqs[i], RES_SCRIPT, end, i) && in->reqs[i].defer &&
		    !in->reqs[i].parser_blocking)
			def = place(th, fmax(end[i], def), in->reqs[i].cpu_ms * m,
			    (int)i);
}

/*
 * When everything Lantern's pessimistic LCP graph holds is done: every
 * request but images outside the first viewport, with its main-thread work.
 */
static double
settle_time(const struct thread *th, const struct perf_input *in,
    const double *end)
{
	double t = 0;

	for (size_t i = 0; i < in->nreqs; i++)
		if (end[i] >= 0 && !(in->reqs[i].type == RES_IMAGE &&
		    !in->reqs[i].in_viewport))
			t = fmax(t, end[i]);
	for (size_t i = 0; i < th->n; i++) {
		int k = th->t[i].req;

		if (k >= 0 && !(in->reqs[k].type == RES_IMAGE &&
		    !in->reqs[k].in_viewport))
			t = fmax(t, th->t[i].start + th->t[i].dur);
	}
	return t;
}

/* TBT (Lighthouse: the part of each task beyond 50 ms, after FCP) and TTI. */
static void
blocking(const struct thread *th, const struct perf_input *in, double fcp,
    struct perf_metrics *mt, double *block)
{
	mt->tbt = 0;
	mt->tti = fcp;
	if (block)
		for (size_t i = 0; i < in->nreqs; i++)
			block[i] = 0;
	for (size_t i = 0; i < th->n; i++) {
		const struct task *t = &th->t[i];
		double from = fmax(t->start + PERF_LONG_TASK_MS, fcp);
		double to = t->start + t->dur;

		if (t->dur > PERF_LONG_TASK_MS)
			mt->tti = fmax(mt->tti, to);
		if (to <= from)
			continue;
		mt->tbt += to - from;
		if (block && t->req >= 0)
			block[t->req] += to - from;
	}
}

enum sa_err
perf_cpu(const struct perf_input *in, const struct perf_profile *p,
    double doc_end, const double *end, struct perf_metrics *mt, double *block)
{
	struct thread th = { NULL, 0, 0, false };
	double m = p->cpu_mult, parsed, fcp;

	parsed = place(&th, doc_end, (in->parse_ms * in->first_parse_share +
	    in->inline_js_ms) * m, -1);
	fcp = first_paint_gate(&th, in, m, parsed, end);
	mt->fcp = fcp = place(&th, fcp, PERF_PAINT_MS * m, -1);
	mt->lcp = lcp_time(&th, in, m, fcp, end);
	after_paint(&th, in, m, fcp, end);
	blocking(&th, in, fcp, mt, block);
	mt->settle = fmax(mt->lcp, settle_time(&th, in, end));
	free(th.t);
	return th.oom ? SA_ENOMEM : SA_OK;
}
