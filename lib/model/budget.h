/* budget.h: performance budgets — metrics, operators, and their evaluation. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_BUDGET_H
#define SA_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

/* The metrics a budget can name; the names are the API's (camelCase). */
enum budget_metric {
	BM_HEALTH,
	BM_PERFORMANCE,
	BM_SEO,
	BM_ACCESSIBILITY,
	BM_BEST_PRACTICES,   /* "bestPractices" */
	BM_SECURITY,
	BM_AGENT_READINESS,  /* "agentReadiness": a score, not part of health */
	BM_LCP,              /* ms */
	BM_CLS,              /* unitless */
	BM_INP,              /* ms */
	BM_FCP,              /* ms */
	BM_TTFB,             /* ms */
	BM_TBT,              /* ms */
	BM__MAX
};

enum budget_op {
	BUDGET_MIN,   /* violated when actual < threshold */
	BUDGET_MAX,   /* violated when actual > threshold */
	BUDGET_OP__MAX,
	/* alert rules (not configurable as budget operators): */
	BUDGET_DROP = BUDGET_OP__MAX, /* a score fell by more than threshold */
	BUDGET_RISE,                  /* a timing grew by more than threshold */
	BUDGET_OP__ALL
};

/* One configured budget (a `budgets` row). */
struct budget {
	enum budget_metric metric;
	enum budget_op     op;
	double             threshold;
};

/* The measured values of one report; has[m] false means "no value". */
struct budget_values {
	bool   has[BM__MAX];
	double v[BM__MAX];
};

struct budget_violation {
	enum budget_metric metric;
	enum budget_op     op;
	double             threshold;
	bool               has_actual;   /* false: the report had no value */
	double             actual;
};

/* "health", …, "bestPractices", "security", "agentReadiness", "lcp", …,
 * "tbt"; never NULL for a valid metric. */
const char *budget_metric_name(enum budget_metric m);
/* The metric called name, or BM__MAX when unknown. Case-sensitive. */
enum budget_metric budget_metric_parse(const char *name);
/* True for the ms / unitless metrics, false for the 0–100 scores. */
bool budget_metric_is_timing(enum budget_metric m);
/* "min" | "max" | "drop" | "increase". */
const char *budget_op_name(enum budget_op op);
/* The operator called name, or BUDGET_OP__MAX when unknown. */
enum budget_op budget_op_parse(const char *name);

/* Clears vals: no metric has a value. */
void budget_values_clear(struct budget_values *vals);
/*
 * Sets metric m from the decimal text cell (a database cell); NULL or
 * unparsable text leaves m without a value. Returns whether it was set.
 */
bool budget_values_set_text(struct budget_values *vals, enum budget_metric m,
    const char *cell);

/*
 * Evaluates n budgets against vals, writing one entry per violated budget
 * into out (room for n entries), in the order of b; returns how many.
 * A budget whose metric has no value in vals is a violation (fail closed:
 * a CI gate must not pass on a missing measurement); has_actual is false.
 */
size_t budget_eval(const struct budget *b, size_t n,
    const struct budget_values *vals, struct budget_violation *out);

/*
 * An alert rule (an `alert_rules` row): kind score_drop on a score metric
 * ("health dropped by more than 5 points since the previous scan") or
 * metric_worsened on a timing ("lcp grew by more than 500 ms").
 */
struct alert_rule {
	enum budget_metric metric;
	double             threshold;
};

/*
 * Evaluates n alert rules on the change from prev to cur, writing one
 * violation per broken rule into out (room for n): op BUDGET_DROP for
 * scores, BUDGET_RISE for timings, actual = the observed change. A rule
 * whose metric is missing in either scan is not violated (there is no
 * change to judge). Returns how many.
 */
size_t alert_eval(const struct alert_rule *a, size_t n,
    const struct budget_values *cur, const struct budget_values *prev,
    struct budget_violation *out);

/* The violations as the API's JSON array [{metric, threshold, actual,
 * operator}] (actual null when not measured); caller puts it. */
struct json_object *budget_violations_json(const struct budget_violation *v,
    size_t n);

#endif
