/* test_form.c: application/x-www-form-urlencoded parsing. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "web/form.h"

static int
get(const char *body, const char *name, char *out, size_t outlen)
{
	return form_get(body, strlen(body), name, out, outlen);
}

static void
finds_and_decodes_fields(void **state)
{
	char v[64];

	(void)state;
	assert_int_equal(get("a=1&name=Acme+Inc%21&b=", "name", v, sizeof(v)), 1);
	assert_string_equal(v, "Acme Inc!");
	assert_int_equal(get("a=1&b=", "b", v, sizeof(v)), 1);
	assert_string_equal(v, "");
	assert_int_equal(get("flag&x=1", "flag", v, sizeof(v)), 1);
	assert_string_equal(v, "");
	assert_int_equal(get("x=%3Cscript%3E", "x", v, sizeof(v)), 1);
	assert_string_equal(v, "<script>");
	assert_int_equal(get("my%5Fname=v", "my_name", v, sizeof(v)), 1);
	assert_string_equal(v, "v");
	/* the first of repeated fields wins */
	assert_int_equal(get("k=1&k=2", "k", v, sizeof(v)), 1);
	assert_string_equal(v, "1");
}

static void
absent_and_prefix_names(void **state)
{
	char v[16];

	(void)state;
	assert_int_equal(get("", "a", v, sizeof(v)), 0);
	assert_int_equal(get("ab=1&ba=2", "a", v, sizeof(v)), 0);
	assert_int_equal(get("_csrf_x=1", "_csrf", v, sizeof(v)), 0);
	assert_int_equal(get("&&=&a=1", "a", v, sizeof(v)), 1);
	assert_string_equal(v, "1");
}

static void
malformed_and_too_long(void **state)
{
	char v[4];

	(void)state;
	assert_int_equal(get("a=%zz", "a", v, sizeof(v)), -1);
	assert_int_equal(get("a=%4", "a", v, sizeof(v)), -1);
	assert_int_equal(get("a=%00", "a", v, sizeof(v)), -1);
	assert_int_equal(get("a=toolong", "a", v, sizeof(v)), -1);
	assert_int_equal(get("a=abc", "a", v, sizeof(v)), 1);
	assert_int_equal(form_get("a=1", 3, "a", NULL, 0), -1);
}

static void
length_bounds_the_body(void **state)
{
	char v[8];

	(void)state;
	/* only the first 3 bytes count: "b" is past the end */
	assert_int_equal(form_get("a=1&b=2", 3, "b", v, sizeof(v)), 0);
	assert_int_equal(form_get("a=123", 4, "a", v, sizeof(v)), 1);
	assert_string_equal(v, "12");
}

static void
integers_in_range(void **state)
{
	long n = -1;

	(void)state;
	assert_int_equal(form_get_long("h=23", 4, "h", 0, 23, &n), 1);
	assert_int_equal(n, 23);
	assert_int_equal(form_get_long("h=24", 4, "h", 0, 23, &n), -1);
	assert_int_equal(form_get_long("h=1x", 4, "h", 0, 23, &n), -1);
	assert_int_equal(form_get_long("h=", 2, "h", 0, 23, &n), -1);
	assert_int_equal(form_get_long("x=1", 3, "h", 0, 23, &n), 0);
}

static void
content_types(void **state)
{
	(void)state;
	assert_true(form_is_urlencoded("application/x-www-form-urlencoded"));
	assert_true(form_is_urlencoded("Application/X-WWW-Form-Urlencoded; charset=UTF-8"));
	assert_false(form_is_urlencoded("application/json"));
	assert_false(form_is_urlencoded("application/x-www-form-urlencodedX"));
	assert_false(form_is_urlencoded(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_and_decodes_fields),
		cmocka_unit_test(absent_and_prefix_names),
		cmocka_unit_test(malformed_and_too_long),
		cmocka_unit_test(length_bounds_the_body),
		cmocka_unit_test(integers_in_range),
		cmocka_unit_test(content_types),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
