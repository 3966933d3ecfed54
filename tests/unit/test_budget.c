/* test_budget.c: budget metrics, operators and evaluation. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/budget.h"

static void
names_round_trip(void **state)
{
	(void)state;
	for (int m = 0; m < BM__MAX; m++)
		assert_int_equal(budget_metric_parse(budget_metric_name(m)), m);
	assert_int_equal(budget_metric_parse("bestPractices"), BM_BEST_PRACTICES);
	assert_int_equal(budget_metric_parse("best_practices"), BM__MAX);
	assert_int_equal(budget_metric_parse("LCP"), BM__MAX);
	assert_int_equal(budget_metric_parse(NULL), BM__MAX);
	assert_int_equal(budget_op_parse("min"), BUDGET_MIN);
	assert_int_equal(budget_op_parse("max"), BUDGET_MAX);
	assert_int_equal(budget_op_parse("eq"), BUDGET_OP__MAX);
	assert_string_equal(budget_op_name(BUDGET_MAX), "max");
	assert_true(budget_metric_is_timing(BM_CLS));
	assert_false(budget_metric_is_timing(BM_SECURITY));
}

/* The sixth score is a budget metric like the scores: named, not a timing,
 * judged min / max and by score_drop rules. */
static void
agent_readiness_metric(void **state)
{
	struct budget b[] = { { BM_AGENT_READINESS, BUDGET_MIN, 60 } };
	struct alert_rule a[] = { { BM_AGENT_READINESS, 5 } };
	struct budget_values cur, prev;
	struct budget_violation out[1];

	(void)state;
	assert_int_equal(budget_metric_parse("agentReadiness"), BM_AGENT_READINESS);
	assert_string_equal(budget_metric_name(BM_AGENT_READINESS), "agentReadiness");
	assert_int_equal(budget_metric_parse("agent_readiness"), BM__MAX);
	assert_false(budget_metric_is_timing(BM_AGENT_READINESS));
	assert_true(budget_metric_is_timing(BM_LCP));
	budget_values_clear(&cur);
	budget_values_clear(&prev);
	assert_int_equal(budget_eval(b, 1, &cur, out), 1);   /* unmeasured */
	assert_false(out[0].has_actual);
	assert_true(budget_values_set_text(&cur, BM_AGENT_READINESS, "59"));
	assert_int_equal(budget_eval(b, 1, &cur, out), 1);
	assert_true(out[0].actual == 59.0);
	assert_true(budget_values_set_text(&cur, BM_AGENT_READINESS, "60"));
	assert_int_equal(budget_eval(b, 1, &cur, out), 0);
	budget_values_set_text(&prev, BM_AGENT_READINESS, "70");
	assert_int_equal(alert_eval(a, 1, &cur, &prev, out), 1);   /* -10 */
	assert_int_equal(out[0].op, BUDGET_DROP);
	assert_true(out[0].actual == 10.0);
}

static void
text_cells(void **state)
{
	struct budget_values v;

	(void)state;
	budget_values_clear(&v);
	assert_true(budget_values_set_text(&v, BM_CLS, "0.08"));
	assert_true(v.has[BM_CLS]);
	assert_true(v.v[BM_CLS] > 0.0799 && v.v[BM_CLS] < 0.0801);
	assert_false(budget_values_set_text(&v, BM_LCP, NULL));
	assert_false(budget_values_set_text(&v, BM_LCP, ""));
	assert_false(budget_values_set_text(&v, BM_LCP, "12ms"));
	assert_false(budget_values_set_text(&v, BM_LCP, "nan"));
	assert_false(v.has[BM_LCP]);
	assert_false(budget_values_set_text(&v, BM__MAX, "1"));
}

static void
min_and_max_boundaries(void **state)
{
	struct budget_values v;
	struct budget b[] = {
		{ BM_PERFORMANCE, BUDGET_MIN, 80 },   /* 68 < 80: violated */
		{ BM_SEO, BUDGET_MIN, 95 },           /* 95 == 95: passes */
		{ BM_LCP, BUDGET_MAX, 2500 },         /* 3420 > 2500: violated */
		{ BM_TBT, BUDGET_MAX, 300 },          /* 300 == 300: passes */
	};
	struct budget_violation out[4];

	(void)state;
	budget_values_clear(&v);
	budget_values_set_text(&v, BM_PERFORMANCE, "68");
	budget_values_set_text(&v, BM_SEO, "95");
	budget_values_set_text(&v, BM_LCP, "3420");
	budget_values_set_text(&v, BM_TBT, "300");
	assert_int_equal(budget_eval(b, 4, &v, out), 2);
	assert_int_equal(out[0].metric, BM_PERFORMANCE);
	assert_int_equal(out[0].op, BUDGET_MIN);
	assert_true(out[0].has_actual);
	assert_true(out[0].actual == 68 && out[0].threshold == 80);
	assert_int_equal(out[1].metric, BM_LCP);
	assert_int_equal(out[1].op, BUDGET_MAX);
	assert_true(out[1].actual == 3420);
}

static void
missing_value_is_a_violation(void **state)
{
	struct budget_values v;
	struct budget b[] = { { BM_SECURITY, BUDGET_MIN, 50 } };
	struct budget_violation out[1];

	(void)state;
	budget_values_clear(&v);
	assert_int_equal(budget_eval(b, 1, &v, out), 1);
	assert_false(out[0].has_actual);
	assert_int_equal(out[0].metric, BM_SECURITY);
}

static void
no_budgets_pass(void **state)
{
	struct budget_values v;
	struct budget_violation out[1];

	(void)state;
	budget_values_clear(&v);
	assert_int_equal(budget_eval(NULL, 0, &v, out), 0);
}

static void
alert_rules_judge_the_change(void **state)
{
	struct alert_rule a[] = {
		{ BM_PERFORMANCE, 5 }, { BM_SEO, 5 }, { BM_LCP, 500 }, { BM_TBT, 100 },
	};
	struct budget_values cur, prev;
	struct budget_violation v[4];

	(void)state;
	budget_values_clear(&cur);
	budget_values_clear(&prev);
	/* no baseline: nothing to judge */
	cur.has[BM_PERFORMANCE] = true, cur.v[BM_PERFORMANCE] = 10;
	assert_int_equal(alert_eval(a, 4, &cur, &prev, v), 0);
	prev.has[BM_PERFORMANCE] = true, prev.v[BM_PERFORMANCE] = 16;  /* -6 */
	prev.has[BM_SEO] = cur.has[BM_SEO] = true;
	prev.v[BM_SEO] = 90, cur.v[BM_SEO] = 85;                     /* -5: ok */
	prev.has[BM_LCP] = cur.has[BM_LCP] = true;
	prev.v[BM_LCP] = 3000, cur.v[BM_LCP] = 2000;                 /* better */
	prev.has[BM_TBT] = cur.has[BM_TBT] = true;
	prev.v[BM_TBT] = 100, cur.v[BM_TBT] = 250;                   /* +150 */
	assert_int_equal(alert_eval(a, 4, &cur, &prev, v), 2);
	assert_int_equal(v[0].metric, BM_PERFORMANCE);
	assert_int_equal(v[0].op, BUDGET_DROP);
	assert_true(v[0].actual == 6.0);
	assert_int_equal(v[1].metric, BM_TBT);
	assert_int_equal(v[1].op, BUDGET_RISE);
	assert_true(v[1].actual == 150.0);
	assert_string_equal(budget_op_name(BUDGET_DROP), "drop");
	assert_string_equal(budget_op_name(BUDGET_RISE), "increase");
	/* alert operators are not budget operators */
	assert_int_equal(budget_op_parse("drop"), BUDGET_OP__MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(agent_readiness_metric),
		cmocka_unit_test(text_cells),
		cmocka_unit_test(min_and_max_boundaries),
		cmocka_unit_test(missing_value_is_a_violation),
		cmocka_unit_test(no_budgets_pass),
		cmocka_unit_test(alert_rules_judge_the_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
