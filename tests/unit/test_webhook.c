/* test_webhook.c: webhook signing, backoff, event names and tokens. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>
#include "model/webhook.h"

/* HMAC-SHA256("key", "1700000000.{}") computed independently (openssl). */
static void
sign_known_vector(void **state)
{
	char sig[WEBHOOK_SIG_LEN + 1];

	(void)state;
	webhook_sign("key", 1700000000LL, "{}", 2, sig);
	assert_int_equal(strlen(sig), WEBHOOK_SIG_LEN);
	assert_string_equal(sig, "v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
}

static void
sign_depends_on_every_part(void **state)
{
	char a[WEBHOOK_SIG_LEN + 1], b[WEBHOOK_SIG_LEN + 1];

	(void)state;
	webhook_sign("key", 1, "{}", 2, a);
	webhook_sign("key", 2, "{}", 2, b);
	assert_string_not_equal(a, b);
	webhook_sign("kez", 1, "{}", 2, b);
	assert_string_not_equal(a, b);
	webhook_sign("key", 1, "{ }", 3, b);
	assert_string_not_equal(a, b);
}

static void
backoff_grows_with_jitter_and_cap(void **state)
{
	(void)state;
	for (int i = 0; i < 50; i++) {
		long d1 = webhook_backoff_s(1), d2 = webhook_backoff_s(2);
		long d9 = webhook_backoff_s(30);

		assert_true(d1 >= 24 && d1 <= 36);
		assert_true(d2 >= 48 && d2 <= 72);
		assert_true(d9 >= WEBHOOK_BACKOFF_MAX_S * 4 / 5 &&
		    d9 <= WEBHOOK_BACKOFF_MAX_S * 6 / 5);
	}
}

static void
event_names_round_trip(void **state)
{
	(void)state;
	for (int e = 0; e < WH__MAX; e++)
		assert_int_equal(webhook_event_parse(webhook_event_name(e)), e);
	assert_int_equal(webhook_event_parse("scan.started"), WH__MAX);
	assert_int_equal(webhook_event_parse(NULL), WH__MAX);
	assert_string_equal(webhook_event_name(WH_BUDGET), "budget.violated");
}

static void
secrets_and_tokens(void **state)
{
	char s1[WEBHOOK_SECRET_LEN + 1], s2[WEBHOOK_SECRET_LEN + 1];
	char t[HOOK_TOKEN_LEN + 1];
	unsigned char h[32], h2[32];

	(void)state;
	webhook_secret_new(s1);
	webhook_secret_new(s2);
	assert_int_equal(strlen(s1), WEBHOOK_SECRET_LEN);
	assert_memory_equal(s1, "whsec_", 6);
	assert_string_not_equal(s1, s2);
	hook_token_new(t, h);
	assert_int_equal(strlen(t), HOOK_TOKEN_LEN);
	assert_memory_equal(t, "dh_", 3);
	hook_token_hash(t, h2);
	assert_memory_equal(h, h2, 32);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sign_known_vector),
		cmocka_unit_test(sign_depends_on_every_part),
		cmocka_unit_test(backoff_grows_with_jitter_and_cap),
		cmocka_unit_test(event_names_round_trip),
		cmocka_unit_test(secrets_and_tokens),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
