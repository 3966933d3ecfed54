/* test_fault.c: SITEAUDIT_FAULT names fault points exactly, never by prefix. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "util/fault.h"

static void
single_name(void **state)
{
	(void)state;
	assert_true(fault_armed("run.claimed", "run.claimed"));
	assert_false(fault_armed("run.claimed", "run.fetched"));
	assert_false(fault_armed(NULL, "run.claimed"));
	assert_false(fault_armed("", "run.claimed"));
}

static void
lists_and_prefixes(void **state)
{
	(void)state;
	assert_true(fault_armed("run.fetched|webhook.sent", "webhook.sent"));
	assert_true(fault_armed("run.fetched,webhook.sent", "run.fetched"));
	assert_false(fault_armed("run.claimedX", "run.claimed"));
	assert_false(fault_armed("run", "run.claimed"));
	assert_false(fault_armed("|run.written|", "run"));
	assert_true(fault_armed("|run.written|", "run.written"));
}

static void
unset_env_is_a_no_op(void **state)
{
	(void)state;
	unsetenv("SITEAUDIT_FAULT");
	fault_point("run.claimed");   /* would _exit(137) if armed */
	assert_true(1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(single_name),
		cmocka_unit_test(lists_and_prefixes),
		cmocka_unit_test(unset_env_is_a_no_op),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
