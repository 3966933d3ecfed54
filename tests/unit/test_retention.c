/* test_retention.c: the pure part of retention — DAYS arguments and which
 * horizon applies to an org. The prune pass is tested end to end in
 * tests/e2e/test_retention.py. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/retention.h"

static void
parse_days_accepts_numbers_and_default(void **state)
{
	long d = 42;

	(void)state;
	assert_int_equal(retention_parse_days("0", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(retention_parse_days("30", &d), 0);
	assert_int_equal(d, 30);
	assert_int_equal(retention_parse_days("36500", &d), 0);
	assert_int_equal(d, RETENTION_MAX_DAYS);
	assert_int_equal(retention_parse_days("default", &d), 0);
	assert_int_equal(d, RETENTION_DEFAULT);
}

static void
parse_days_rejects_everything_else(void **state)
{
	static const char *const bad[] = { "", "-1", "+5", " 5", "5 ", "5d",
	    "36501", "99999999999999999999999", "Default", "forever", "0x10",
	    "1.5" };
	long d = 7;

	(void)state;
	assert_int_equal(retention_parse_days(NULL, &d), -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (retention_parse_days(bad[i], &d) != -1)
			fail_msg("'%s' was accepted", bad[i]);
		assert_int_equal(d, 7);   /* untouched on error */
	}
}

static void
override_wins_over_the_default(void **state)
{
	(void)state;
	assert_int_equal(retention_effective_days(RETENTION_DEFAULT, 365), 365);
	assert_int_equal(retention_effective_days(30, 365), 30);
	/* an org kept forever although the instance prunes */
	assert_int_equal(retention_effective_days(0, 365), 0);
	/* an org pruned although the instance keeps everything */
	assert_int_equal(retention_effective_days(90, 0), 90);
	assert_int_equal(retention_effective_days(RETENTION_DEFAULT, 0), 0);
	assert_int_equal(retention_effective_days(RETENTION_DEFAULT, -3), 0);
}

static void
describe_names_the_source(void **state)
{
	char out[RETENTION_DESC_LEN];

	(void)state;
	retention_describe(out, RETENTION_DEFAULT, 365);
	assert_string_equal(out, "retention: 365 days (the configured default)");
	retention_describe(out, 30, 365);
	assert_string_equal(out, "retention: 30 days (org override)");
	retention_describe(out, 0, 365);
	assert_string_equal(out, "retention: keep forever (org override)");
	retention_describe(out, RETENTION_DEFAULT, 0);
	assert_string_equal(out, "retention: keep forever (the configured default)");
	retention_describe(out, RETENTION_MAX_DAYS, 0);
	assert_string_equal(out, "retention: 36500 days (org override)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_days_accepts_numbers_and_default),
		cmocka_unit_test(parse_days_rejects_everything_else),
		cmocka_unit_test(override_wins_over_the_default),
		cmocka_unit_test(describe_names_the_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
