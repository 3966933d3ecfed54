/* test_metrics.c: shared request counters — buckets, clamping, fork sharing. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include "web/metrics.h"

static void
counts_and_buckets(void **state)
{
	(void)state;
	assert_true(metrics_init());
	metrics_observe(3, 200, 0.004);
	metrics_observe(3, 200, 0.2);
	metrics_observe(3, 404, 30);
	metrics_observe(3, 99, 0.1);      /* ignored: not an HTTP status */
	assert_int_equal(metrics_requests(3, 200), 2);
	assert_int_equal(metrics_requests(3, 404), 1);
	assert_int_equal(metrics_bucket(3, 0), 1);              /* ≤ 0.005 */
	assert_int_equal(metrics_bucket(3, 5), 2);              /* ≤ 0.25 */
	assert_int_equal(metrics_bucket(3, METRICS_NBUCKETS - 1), 2);
	assert_int_equal(metrics_bucket(3, METRICS_NBUCKETS), 3);   /* +Inf */
	assert_true(metrics_sum(3) > 30.2 && metrics_sum(3) < 30.21);
}

static void
out_of_range_routes_share_the_last_slot(void **state)
{
	(void)state;
	assert_true(metrics_init());
	metrics_observe(SIZE_MAX, 404, 0.001);
	assert_int_equal(metrics_requests(METRICS_MAX_ROUTES - 1, 404), 1);
	assert_int_equal(metrics_requests(SIZE_MAX, 404), 1);
}

static void
children_add_to_the_parents_counters(void **state)
{
	pid_t pid[4];

	(void)state;
	assert_true(metrics_init());
	for (int i = 0; i < 4; i++) {
		if ((pid[i] = fork()) == 0) {
			for (int k = 0; k < 1000; k++)
				metrics_observe(7, 201, 0.01);
			_exit(0);
		}
		assert_true(pid[i] > 0);
	}
	for (int i = 0; i < 4; i++)
		waitpid(pid[i], NULL, 0);
	assert_int_equal(metrics_requests(7, 201), 4000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_and_buckets),
		cmocka_unit_test(out_of_range_routes_share_the_last_slot),
		cmocka_unit_test(children_add_to_the_parents_counters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
