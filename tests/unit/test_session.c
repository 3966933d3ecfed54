/* test_session.c: session tokens, cookie parsing and headers, CSRF comparison. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>
#include "auth/session.h"

static void
tokens_are_random_base64url(void **state)
{
	char a[SESSION_TOKEN_LEN + 1], b[SESSION_TOKEN_LEN + 1];

	(void)state;
	session_random_token(a);
	session_random_token(b);
	assert_int_equal(strlen(a), SESSION_TOKEN_LEN);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_"), SESSION_TOKEN_LEN);
	assert_string_not_equal(a, b);
}

static void
cookie_values_are_found_by_exact_name(void **state)
{
	char v[64];

	(void)state;
	assert_true(session_cookie_get("a=1; sa_session=tok; b=2", "sa_session", v, sizeof(v)));
	assert_string_equal(v, "tok");
	assert_true(session_cookie_get("sa_session=x", "sa_session", v, sizeof(v)));
	assert_string_equal(v, "x");
	assert_false(session_cookie_get("xsa_session=1", "sa_session", v, sizeof(v)));
	assert_false(session_cookie_get("sa_session_old=1", "sa_session", v, sizeof(v)));
	assert_false(session_cookie_get(NULL, "sa_session", v, sizeof(v)));
	assert_false(session_cookie_get("sa_session=0123456789", "sa_session", v, 4));
	assert_true(session_cookie_get("__Host-sa_session=h;sa_session=p",
	    "__Host-sa_session", v, sizeof(v)));
	assert_string_equal(v, "h");
}

static void
cookie_headers_carry_the_flags(void **state)
{
	char h[256];

	(void)state;
	session_cookie_header(h, sizeof(h), "TOKEN", true);
	assert_non_null(strstr(h, "__Host-sa_session=TOKEN;"));
	assert_non_null(strstr(h, "; Secure"));
	assert_non_null(strstr(h, "; HttpOnly"));
	assert_non_null(strstr(h, "; SameSite=Lax"));
	assert_non_null(strstr(h, "; Path=/"));
	assert_null(strstr(h, "Domain"));
	session_cookie_header(h, sizeof(h), "TOKEN", false);
	assert_true(strncmp(h, "sa_session=TOKEN;", 17) == 0);
	assert_null(strstr(h, "Secure"));
	session_cookie_header(h, sizeof(h), NULL, false);
	assert_non_null(strstr(h, "Max-Age=0"));
}

static void
csrf_comparison(void **state)
{
	struct session s;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(s.csrf, 'a', SESSION_CSRF_LEN);
	assert_true(session_csrf_ok(&s, s.csrf));
	assert_false(session_csrf_ok(&s, NULL));
	assert_false(session_csrf_ok(&s, ""));
	assert_false(session_csrf_ok(&s, "aaaa"));
	s.csrf[5] = 'b';
	assert_false(session_csrf_ok(&s, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	memset(&s, 0, sizeof(s));   /* no session token: nothing matches */
	assert_false(session_csrf_ok(&s, ""));
}

static void
lookup_refuses_malformed_tokens_without_a_database(void **state)
{
	struct session s;

	(void)state;
	/* a malformed token never reaches the database (db may be NULL) */
	assert_int_equal(session_lookup(NULL, "short", &s), SESSION_NONE);
	assert_int_equal(session_lookup(NULL, NULL, &s), SESSION_NONE);
	assert_int_equal(session_lookup(NULL,
	    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", &s), SESSION_NONE);
	assert_int_equal(session_destroy(NULL, "short"), SA_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens_are_random_base64url),
		cmocka_unit_test(cookie_values_are_found_by_exact_name),
		cmocka_unit_test(cookie_headers_carry_the_flags),
		cmocka_unit_test(csrf_comparison),
		cmocka_unit_test(lookup_refuses_malformed_tokens_without_a_database),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
