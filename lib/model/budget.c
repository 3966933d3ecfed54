/* budget.c: performance budgets — metrics, operators, and their evaluation. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/budget.h"

static const char *const metric_names[BM__MAX] = {
	[BM_HEALTH] = "health",
	[BM_PERFORMANCE] = "performance",
	[BM_SEO] = "seo",
	[BM_ACCESSIBILITY] = "accessibility",
	[BM_BEST_PRACTICES] = "bestPractices",
	[BM_SECURITY] = "security",
	[BM_AGENT_READINESS] = "agentReadiness",
	[BM_LCP] = "lcp",
	[BM_CLS] = "cls",
	[BM_INP] = "inp",
	[BM_FCP] = "fcp",
	[BM_TTFB] = "ttfb",
	[BM_TBT] = "tbt",
};
_Static_assert(sizeof(metric_names) / sizeof(metric_names[0]) == BM__MAX,
    "metric_names out of step with enum budget_metric");

static const char *const op_names[BUDGET_OP__ALL] = {
	[BUDGET_MIN] = "min",
	[BUDGET_DROP] = "drop",
	[BUDGET_RISE] = "increase",
	[BUDGET_MAX] = "max",
};

const char *
budget_metric_name(enum budget_metric m)
{
	return (unsigned)m < BM__MAX ? metric_names[m] : "unknown";
}

enum budget_metric
budget_metric_parse(const char *name)
{
	for (int m = 0; name && m < BM__MAX; m++)
		if (strcmp(metric_names[m], name) == 0)
			return (enum budget_metric)m;
	return BM__MAX;
}

bool
budget_metric_is_timing(enum budget_metric m)
{
	return m >= BM_LCP && m < BM__MAX;
}

const char *
budget_op_name(enum budget_op op)
{
	return (unsigned)op < BUDGET_OP__ALL ? op_names[op] : "unknown";
}

enum budget_op
budget_op_parse(const char *name)
{
	for (int o = 0; name && o < BUDGET_OP__MAX; o++)
		if (strcmp(op_names[o], name) == 0)
			return (enum budget_op)o;
	return BUDGET_OP__MAX;
}

void
budget_values_clear(struct budget_values *vals)
{
	memset(vals, 0, sizeof(*vals));
}

bool
budget_values_set_text(struct budget_values *vals, enum budget_metric m,
    const char *cell)
{
	char *end;
	double d;

	if ((unsigned)m >= BM__MAX)
		return false;
	vals->has[m] = false;
	if (cell == NULL || *cell == '\0')
		return false;
	errno = 0;
	d = strtod(cell, &end);
	if (*end != '\0' || errno != 0 || !isfinite(d))
		return false;
	vals->has[m] = true;
	vals->v[m] = d;
	return true;
}

static bool
violated(const struct budget *b, const struct budget_values *vals)
{
	double a;

	if ((unsigned)b->metric >= BM__MAX || !vals->has[b->metric])
		return true;
	a = vals->v[b->metric];
	return b->op == BUDGET_MIN ? a < b->threshold : a > b->threshold;
}

size_t
budget_eval(const struct budget *b, size_t n, const struct budget_values *vals,
    struct budget_violation *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!violated(&b[i], vals))
			continue;
		out[k].metric = b[i].metric;
		out[k].op = b[i].op;
		out[k].threshold = b[i].threshold;
		out[k].has_actual = (unsigned)b[i].metric < BM__MAX &&
		    vals->has[b[i].metric];
		out[k].actual = out[k].has_actual ? vals->v[b[i].metric] : 0;
		k++;
	}
	return k;
}

size_t
alert_eval(const struct alert_rule *a, size_t n,
    const struct budget_values *cur, const struct budget_values *prev,
    struct budget_violation *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		enum budget_metric m = a[i].metric;
		bool timing;
		double change;

		if ((unsigned)m >= BM__MAX || !cur->has[m] || !prev->has[m])
			continue;
		timing = budget_metric_is_timing(m);
		change = timing ? cur->v[m] - prev->v[m] : prev->v[m] - cur->v[m];
		if (change <= a[i].threshold)
			continue;
		out[k] = (struct budget_violation){ .metric = m,
		    .op = timing ? BUDGET_RISE : BUDGET_DROP,
		    .threshold = a[i].threshold, .has_actual = true,
		    .actual = change };
		k++;
	}
	return k;
}
