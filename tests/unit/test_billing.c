/* test_billing.c: page-audit eligibility rules of document 003, per plan. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model/billing.h"

static struct billing_decision
decide(const char *plan, long used, long balance, bool cap_set, double cap,
    bool bypass)
{
	struct billing_state s = { plan, used, balance, cap_set, cap, bypass };
	struct billing_decision d;

	billing_decide(&s, &d);
	return d;
}

static void
starter_disabled(void **state)
{
	struct billing_decision d = decide("starter", 0, 1000, false, 0, false);

	(void)state;
	assert_int_equal(d.reason, BILL_DISABLED);
	assert_string_equal(billing_reason_name(d.reason), "disabled");
	assert_int_equal(d.charge, 0);
}

static void
growth_and_pro_quotas(void **state)
{
	struct billing_decision d;

	(void)state;
	for (long used = 0; used < 4; used++) {
		d = decide("growth", used, 0, false, 0, false);
		assert_int_equal(d.reason, BILL_OK);
		assert_string_equal(d.mode, "quota");
		assert_int_equal(d.remaining, 3 - used);
		assert_int_equal(d.charge, 0);
	}
	d = decide("growth", 4, 0, false, 0, false);
	assert_int_equal(d.reason, BILL_QUOTA_REACHED);
	assert_int_equal(d.quota, 4);
	assert_string_equal(billing_reason_name(d.reason), "quota_reached");
	assert_int_equal(decide("pro", 9, 0, false, 0, false).reason, BILL_OK);
	d = decide("pro", 10, 0, false, 0, false);
	assert_int_equal(d.reason, BILL_QUOTA_REACHED);
	assert_int_equal(d.quota, 10);
}

static void
agency_credits_and_cap(void **state)
{
	struct billing_decision d;

	(void)state;
	d = decide("agency", 0, 5000, false, 0, false);
	assert_int_equal(d.reason, BILL_OK);
	assert_string_equal(d.mode, "credits");
	assert_int_equal(d.charge, 100);
	assert_int_equal(d.remaining, 4900);
	/* no cap: unlimited overage */
	assert_int_equal(decide("agency", 0, -100000, false, 0, false).reason, BILL_OK);
	/* cap EUR 1 = 100 credits of overage */
	assert_int_equal(decide("agency", 0, 0, true, 1.0, false).reason, BILL_OK);
	d = decide("agency", 0, -1, true, 1.0, false);
	assert_int_equal(d.reason, BILL_INSUFFICIENT_CREDITS);
	assert_string_equal(billing_reason_name(d.reason), "insufficient_credits");
	assert_int_equal(decide("agency", 0, 99, true, 0, false).reason,
	    BILL_INSUFFICIENT_CREDITS);
	assert_int_equal(decide("agency", 0, 100, true, 0, false).reason, BILL_OK);
}

static void
bypass_skips_everything(void **state)
{
	const char *plans[] = { "starter", "growth", "pro", "agency" };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct billing_decision d = decide(plans[i], 1000, -1000000, true, 0, true);

		assert_int_equal(d.reason, BILL_OK);
		assert_string_equal(d.mode, "bypass");
		assert_int_equal(d.charge, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(starter_disabled),
		cmocka_unit_test(growth_and_pro_quotas),
		cmocka_unit_test(agency_credits_and_cap),
		cmocka_unit_test(bypass_skips_everything),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
