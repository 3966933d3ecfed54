/* test_perf.c: the load model — curves, score, monotonicity, determinism. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/perf.h"
#include "audit/score.h"

static void
test_lognormal_control_points(void **state)
{
	(void)state;
	assert_true(fabs(perf_lognormal(1800, 1800, 3000) - 0.9) < 1e-9);
	assert_true(fabs(perf_lognormal(3000, 1800, 3000) - 0.5) < 1e-9);
	assert_true(perf_lognormal(0, 1800, 3000) == 1);
	assert_true(perf_lognormal(1000, 1800, 3000) > 0.9);
	assert_true(perf_lognormal(2400, 1800, 3000) < 0.9);
	assert_true(perf_lognormal(2400, 1800, 3000) > 0.5);
	assert_true(perf_lognormal(9000, 1800, 3000) < 0.5);
	assert_true(fabs(perf_metric_score(PM_LCP, STRATEGY_DESKTOP, 1200) -
	    0.9) < 1e-9);
	assert_true(fabs(perf_metric_score(PM_TBT, STRATEGY_MOBILE, 600) -
	    0.5) < 1e-9);
}

static void
test_score_weights_renormalise(void **state)
{
	double at_p10[PM__MAX] = { 1800, 3387, 2500, 200, NAN };
	double at_median[PM__MAX] = { 3000, 5800, 4000, 600, NAN };
	double fast[PM__MAX] = { 100, 100, 100, 0, NAN };

	(void)state;
	assert_int_equal(perf_score(STRATEGY_MOBILE, at_p10), 90);
	assert_int_equal(perf_score(STRATEGY_MOBILE, at_median), 50);
	assert_int_equal(perf_score(STRATEGY_MOBILE, fast), 100);
	/* only LCP (25) bad: 25 / 75 of the present weight lost half */
	at_p10[PM_LCP] = 4000;
	assert_int_equal(perf_score(STRATEGY_MOBILE, at_p10),
	    score_round((0.9 * 50 + 0.5 * 25) / 75));
}

/* A page: 20 KB document, one stylesheet of css bytes, one image. */
static struct perf_input *
page(size_t css, bool blocking)
{
	struct perf_input *in = calloc(1, sizeof(*in));

	in->doc_bytes = in->doc_decoded = 20000;
	in->parse_ms = 5;
	in->first_parse_share = 1;
	in->elements = 200;
	in->norigins = 1;
	in->lcp_req = 1;
	in->nreqs = 2;
	in->reqs = calloc(2, sizeof(*in->reqs));
	in->reqs[0] = (struct perf_req){ .type = RES_STYLESHEET, .bytes = css,
	    .decoded = css, .render_blocking = blocking, .after = -1,
	    .cpu_ms = 1 };
	in->reqs[1] = (struct perf_req){ .type = RES_IMAGE, .bytes = 80000,
	    .decoded = 80000, .in_viewport = true, .after = -1 };
	return in;
}

static void
test_more_bytes_later_metrics(void **state)
{
	struct perf_input *a = page(10000, true), *b = page(200000, true);
	struct perf_metrics ma, mb;

	(void)state;
	perf_simulate(a, &perf_profiles[STRATEGY_MOBILE], &ma, NULL, NULL);
	perf_simulate(b, &perf_profiles[STRATEGY_MOBILE], &mb, NULL, NULL);
	assert_true(mb.fcp > ma.fcp);
	assert_true(mb.lcp >= ma.lcp);
	assert_true(mb.load > ma.load);
	perf_input_free(a);
	perf_input_free(b);
}

static void
test_more_rtt_later_metrics(void **state)
{
	struct perf_input *a = page(30000, true);
	struct perf_profile slow = perf_profiles[STRATEGY_MOBILE];
	struct perf_metrics fast, slower;

	(void)state;
	slow.rtt_ms *= 2;
	perf_simulate(a, &perf_profiles[STRATEGY_MOBILE], &fast, NULL, NULL);
	perf_simulate(a, &slow, &slower, NULL, NULL);
	assert_true(slower.fcp > fast.fcp);
	assert_true(slower.lcp > fast.lcp);
	perf_simulate(a, &perf_profiles[STRATEGY_DESKTOP], &slower, NULL, NULL);
	assert_true(slower.fcp < fast.fcp);
	perf_input_free(a);
}

static void
test_render_blocking_css_delays_fcp(void **state)
{
	struct perf_input *rb = page(60000, true), *nb = page(60000, false);
	struct perf_metrics a, b;

	(void)state;
	perf_simulate(rb, &perf_profiles[STRATEGY_MOBILE], &a, NULL, NULL);
	perf_simulate(nb, &perf_profiles[STRATEGY_MOBILE], &b, NULL, NULL);
	assert_true(a.fcp > b.fcp + 150);   /* at least one more round trip */
	perf_input_free(rb);
	perf_input_free(nb);
}

static void
test_script_cpu_gives_tbt(void **state)
{
	struct perf_input *in = page(10000, true);
	struct perf_metrics a, b;

	(void)state;
	in->reqs[0].type = RES_SCRIPT;
	in->reqs[0].render_blocking = false;
	in->reqs[0].async = true;
	in->reqs[0].cpu_ms = 10;
	perf_simulate(in, &perf_profiles[STRATEGY_MOBILE], &a, NULL, NULL);
	in->reqs[0].cpu_ms = 100;
	perf_simulate(in, &perf_profiles[STRATEGY_MOBILE], &b, NULL, NULL);
	assert_true(a.tbt < 1);
	/* a 400 ms task at 4x blocks 350 ms in the pessimistic run; the
	 * optimistic one leaves async scripts out, and the two are averaged */
	assert_true(b.tbt > 150);
	perf_input_free(in);
}

static void
test_deterministic(void **state)
{
	struct perf_input *in = page(45000, true);
	struct perf_metrics a, b;

	(void)state;
	perf_simulate(in, &perf_profiles[STRATEGY_MOBILE], &a, NULL, NULL);
	perf_simulate(in, &perf_profiles[STRATEGY_MOBILE], &b, NULL, NULL);
	assert_memory_equal(&a, &b, sizeof(a));
	perf_input_free(in);
}

static void
test_image_size_sniff(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\x68"
	    "\0\0\0\xf0\x08\x02";
	static const char gif[] = "GIF89a\x20\x00\x10\x00\x00";
	int w, h;

	(void)state;
	assert_true(perf_image_size(png, sizeof(png) - 1, &w, &h));
	assert_int_equal(w, 360);
	assert_int_equal(h, 240);
	assert_true(perf_image_size(gif, sizeof(gif) - 1, &w, &h));
	assert_int_equal(w, 32);
	assert_int_equal(h, 16);
	assert_false(perf_image_size("not an image", 12, &w, &h));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lognormal_control_points),
		cmocka_unit_test(test_score_weights_renormalise),
		cmocka_unit_test(test_more_bytes_later_metrics),
		cmocka_unit_test(test_more_rtt_later_metrics),
		cmocka_unit_test(test_render_blocking_css_delays_fcp),
		cmocka_unit_test(test_script_cpu_gives_tbt),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_image_size_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
