/* test_sign.c: signed download links — HMAC-SHA256, expiry, tampering. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "pdf/sign.h"

#define SECRET "s3cret-key"
#define PATH   "/files/reports/01a2085a-9980-7f51-80cd-54fe8b026278.pdf"

/* A known answer, computed independently with Python's hmac module. */
static void
hmac_known_answer(void **state)
{
	char hex[SIGN_HEX_LEN + 1];

	(void)state;
	assert_int_equal(sign_path("key", "/x.pdf", 1700000000, hex), SA_OK);
	assert_string_equal(hex,
	    "f7ecfe5401a0a9ee5604c34b475043094a8d566d098c5e08ffc15ec778e61b87");
}

static void
valid_and_expired(void **state)
{
	char hex[SIGN_HEX_LEN + 1];

	(void)state;
	assert_int_equal(sign_path(SECRET, PATH, 1000, hex), SA_OK);
	assert_int_equal(strlen(hex), SIGN_HEX_LEN);
	assert_int_equal(sign_verify(SECRET, PATH, "1000", hex, 999), SIGN_VALID);
	assert_int_equal(sign_verify(SECRET, PATH, "1000", hex, 1000), SIGN_VALID);
	assert_int_equal(sign_verify(SECRET, PATH, "1000", hex, 1001),
	    SIGN_EXPIRED);
}

static void
tampering_is_bad(void **state)
{
	char hex[SIGN_HEX_LEN + 1], bad[SIGN_HEX_LEN + 1];

	(void)state;
	assert_int_equal(sign_path(SECRET, PATH, 5000, hex), SA_OK);
	memcpy(bad, hex, sizeof(bad));
	bad[10] = bad[10] == '0' ? '1' : '0';
	assert_int_equal(sign_verify(SECRET, PATH, "5000", bad, 1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, PATH, "5001", hex, 1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, "/files/reports/x.pdf", "5000", hex,
	    1), SIGN_BAD);
	assert_int_equal(sign_verify("other", PATH, "5000", hex, 1), SIGN_BAD);
	/* an expired link with a wrong signature says "bad", not "expired" */
	assert_int_equal(sign_verify(SECRET, PATH, "5000", bad, 9999), SIGN_BAD);
}

static void
malformed_inputs_are_bad(void **state)
{
	char hex[SIGN_HEX_LEN + 1];

	(void)state;
	assert_int_equal(sign_path(SECRET, PATH, 5000, hex), SA_OK);
	assert_int_equal(sign_verify(SECRET, PATH, NULL, hex, 1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, PATH, "5000", NULL, 1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, PATH, "", hex, 1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, PATH, "05000", hex, 1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, PATH, "5000x", hex, 1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, PATH, "-5000", hex, 1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, PATH, "99999999999999999999", hex,
	    1), SIGN_BAD);
	assert_int_equal(sign_verify(SECRET, PATH, "5000", "abc", 1), SIGN_BAD);
	assert_int_equal(sign_verify(NULL, PATH, "5000", hex, 1), SIGN_BAD);
	assert_int_equal(sign_verify("", PATH, "5000", hex, 1), SIGN_BAD);
	assert_int_equal(sign_path(NULL, PATH, 1, hex), SA_EINVAL);
	assert_int_equal(sign_path("", PATH, 1, hex), SA_EINVAL);
}

static void
uppercase_hex_is_accepted(void **state)
{
	char hex[SIGN_HEX_LEN + 1];

	(void)state;
	assert_int_equal(sign_path(SECRET, PATH, 5000, hex), SA_OK);
	for (size_t i = 0; i < SIGN_HEX_LEN; i++)
		if (hex[i] >= 'a' && hex[i] <= 'f')
			hex[i] = (char)(hex[i] - 32);
	assert_int_equal(sign_verify(SECRET, PATH, "5000", hex, 1), SIGN_VALID);
}

static void
url_shape(void **state)
{
	char url[512], hex[SIGN_HEX_LEN + 1], want[512];

	(void)state;
	assert_int_equal(sign_path(SECRET, PATH, 77, hex), SA_OK);
	snprintf(want, sizeof(want), "https://a.example%s?expires=77&sig=%s",
	    PATH, hex);
	assert_int_equal(sign_url(SECRET, "https://a.example/", PATH, 77, url,
	    sizeof(url)), SA_OK);
	assert_string_equal(url, want);
	assert_int_equal(sign_url(SECRET, "https://a.example", PATH, 77, url,
	    sizeof(url)), SA_OK);
	assert_string_equal(url, want);
	assert_int_equal(sign_url(SECRET, "https://a.example", PATH, 77, url, 40),
	    SA_ETOOBIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hmac_known_answer),
		cmocka_unit_test(valid_and_expired),
		cmocka_unit_test(tampering_is_bad),
		cmocka_unit_test(malformed_inputs_are_bad),
		cmocka_unit_test(uppercase_hex_is_accepted),
		cmocka_unit_test(url_shape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
