/* test_body.c: JSON request bodies — 400 for non-JSON, 422 naming the field. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "web/body.h"

static const struct field fields[] = {
	{ "siteId", FIELD_UUID, true, 0, 0, NULL },
	{ "strategy", FIELD_ENUM, false, 0, 0, "mobile|desktop|both" },
	{ "url", FIELD_URL, false, 0, 2048, NULL },
	{ "limit", FIELD_INT, false, 1, 100, NULL },
	{ "name", FIELD_STRING, false, 1, 5, NULL },
};

/* Runs body text through parse + validate; returns the status (200 = ok). */
static int
run(const char *text, struct field_val *v, char *msg, size_t msglen)
{
	struct req r;
	json_object *o;
	int status = 200;

	req_init(&r);
	r.body = text ? strdup(text) : NULL;
	r.body_len = text ? strlen(text) : 0;
	if ((o = body_json(&r)) == NULL || !body_validate(&r, o, fields, 5, v))
		status = r.status;
	snprintf(msg, msglen, "%s", buf_str(&r.out));
	json_object_put(o);
	req_free(&r);
	return status;
}

static void
valid_body(void **state)
{
	struct field_val v[5];
	char msg[256];

	(void)state;
	assert_int_equal(run("{\"siteId\":\"11111111-2222-3333-4444-555555555555\","
	    "\"strategy\":\"both\",\"limit\":7}", v, msg, sizeof(msg)), 200);
	assert_true(v[0].present);
	assert_true(v[1].present);
	assert_false(v[2].present);
	assert_int_equal(v[3].num, 7);
}

static void
not_json_is_400(void **state)
{
	struct field_val v[5];
	char msg[256];

	(void)state;
	assert_int_equal(run("{not json", v, msg, sizeof(msg)), 400);
	assert_non_null(strstr(msg, "\"error\":\"invalid_json\""));
	assert_int_equal(run("[1,2]", v, msg, sizeof(msg)), 400);
	assert_int_equal(run("", v, msg, sizeof(msg)), 400);
	assert_int_equal(run(NULL, v, msg, sizeof(msg)), 400);
	assert_int_equal(run("{} trailing", v, msg, sizeof(msg)), 400);
}

static void
bad_fields_are_422_and_named(void **state)
{
	struct field_val v[5];
	char msg[256];

	(void)state;
	assert_int_equal(run("{}", v, msg, sizeof(msg)), 422);
	assert_non_null(strstr(msg, "siteId is required"));
	assert_int_equal(run("{\"siteId\":\"aaaa-bbbb\"}", v, msg, sizeof(msg)), 422);
	assert_non_null(strstr(msg, "siteId must be a UUID"));
	assert_int_equal(run("{\"siteId\":5}", v, msg, sizeof(msg)), 422);
	assert_non_null(strstr(msg, "siteId must be a string"));
	assert_int_equal(run("{\"siteId\":\"11111111-2222-3333-4444-555555555555\","
	    "\"strategy\":\"tablet\"}", v, msg, sizeof(msg)), 422);
	assert_non_null(strstr(msg, "strategy must be one of: mobile,desktop,both"));
	assert_int_equal(run("{\"siteId\":\"11111111-2222-3333-4444-555555555555\","
	    "\"url\":\"ftp://x\"}", v, msg, sizeof(msg)), 422);
	assert_non_null(strstr(msg, "url must be an http"));
	assert_int_equal(run("{\"siteId\":\"11111111-2222-3333-4444-555555555555\","
	    "\"limit\":500}", v, msg, sizeof(msg)), 422);
	assert_non_null(strstr(msg, "limit is out of range"));
	assert_int_equal(run("{\"siteId\":\"11111111-2222-3333-4444-555555555555\","
	    "\"limit\":\"5\"}", v, msg, sizeof(msg)), 422);
	assert_int_equal(run("{\"siteId\":\"11111111-2222-3333-4444-555555555555\","
	    "\"name\":\"toolong\"}", v, msg, sizeof(msg)), 422);
	assert_non_null(strstr(msg, "name is too long"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_body),
		cmocka_unit_test(not_json_is_400),
		cmocka_unit_test(bad_fields_are_422_and_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
