/* perf_int.h: internal — pieces shared by the perf_*.c files. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_PERF_INT_H
#define SA_PERF_INT_H

#include "audit/perf.h"

/* Main-thread costs at 1x CPU (docs/performance-model.md). */
#define PERF_JS_MS_PER_KB     0.35   /* parse + compile + run, per decoded KB */
#define PERF_CSS_MS_PER_KB    0.08
#define PERF_HTML_MS_PER_KB   0.15
#define PERF_MS_PER_ELEMENT   0.025  /* parse + style + layout, per element */
#define PERF_PAINT_MS         8.0    /* first layout + paint */
#define PERF_CHUNK_MS         60.0   /* parser slice after the first paint */
#define PERF_IFRAME_MS        20.0   /* an embedded document's own work */
#define PERF_LONG_TASK_MS     50.0

/*
 * The network simulation: doc_end and end[i] (arrival of reqs[i], -1 when
 * left out: skip set, or keep != NULL and keep[i] false). SA_ENOMEM.
 */
enum sa_err perf_net(const struct perf_input *in, const struct perf_profile *p,
    const bool *keep, double *doc_end, double *end);

/*
 * The main thread over one network run: FCP, LCP, TBT, TTI into m (si and
 * load untouched); block[i] (may be NULL) the blocking time of reqs[i]'s
 * tasks. SA_ENOMEM.
 */
enum sa_err perf_cpu(const struct perf_input *in, const struct perf_profile *p,
    double doc_end, const double *end, struct perf_metrics *m, double *block);

#endif
