/* test_llm.c: the page-audit LLM writer's request building and reply checks. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/llm.h"
#include "audit/modifications.h"

static const char PAGE[] =
    "<html><head><title>Hi</title></head><body><h1>Fresh bread daily</h1>"
    "<p>We bake sourdough, rye and spelt loaves every morning in Lyon.</p>"
    "<img src=a.jpg><a href=/x>click here</a></body></html>";

static json_object *
mods_of(json_object *res)
{
	return json_object_object_get(res, "modifications");
}

static const char *
field(json_object *m, const char *k)
{
	return json_object_get_string(json_object_object_get(m, k));
}

/* Index of the first edit of type, or -1. */
static int
index_of(json_object *mods, const char *type)
{
	for (size_t i = 0; i < json_object_array_length(mods); i++)
		if (strcmp(field(json_object_array_get_idx(mods, i), "type"), type) == 0)
			return (int)i;
	return -1;
}

static void
request_lists_text_edits(void **state)
{
	json_object *res = mods_build("https://ex.com/", PAGE, sizeof(PAGE) - 1, NULL);
	json_object *req, *msgs, *user, *edits;
	const char *body;

	(void)state;
	req = llm_request("m1", "https://ex.com/", "Hi", "We bake", mods_of(res));
	assert_non_null(req);
	assert_string_equal(field(req, "model"), "m1");
	assert_string_equal(field(json_object_object_get(req, "response_format"),
	    "type"), "json_object");
	msgs = json_object_object_get(req, "messages");
	assert_int_equal(json_object_array_length(msgs), 2);
	assert_string_equal(field(json_object_array_get_idx(msgs, 0), "role"), "system");
	user = json_tokener_parse(field(json_object_array_get_idx(msgs, 1), "content"));
	assert_non_null(user);
	assert_string_equal(field(user, "url"), "https://ex.com/");
	edits = json_object_object_get(user, "edits");
	assert_true(json_object_array_length(edits) >= 3);
	body = json_object_to_json_string(edits);
	assert_non_null(strstr(body, "\"title\""));
	assert_non_null(strstr(body, "\"image_alt\""));
	assert_non_null(strstr(body, "\"link_text\""));
	assert_null(strstr(body, "\"canonical\""));
	json_object_put(user);
	json_object_put(req);
	json_object_put(res);
}

static void
request_trims_excerpt(void **state)
{
	json_object *res = mods_build("https://ex.com/", PAGE, sizeof(PAGE) - 1, NULL);
	char *big = malloc(20000);
	json_object *req, *user;

	(void)state;
	memset(big, 'a', 19999);
	big[19999] = '\0';
	req = llm_request(NULL, "https://ex.com/", NULL, big, mods_of(res));
	user = json_tokener_parse(field(json_object_array_get_idx(
	    json_object_object_get(req, "messages"), 1), "content"));
	assert_true(strlen(field(user, "text")) <= LLM_MAX_EXCERPT);
	assert_string_equal(field(req, "model"), "gpt-4o-mini");
	json_object_put(user);
	json_object_put(req);
	json_object_put(res);
	free(big);
}

static void
no_text_edits_no_request(void **state)
{
	json_object *mods = json_object_new_array();

	(void)state;
	assert_null(llm_request("m", "u", "t", "x", mods));
	json_object_put(mods);
}

static void
apply_replaces_valid(void **state)
{
	json_object *res = mods_build("https://ex.com/", PAGE, sizeof(PAGE) - 1, NULL);
	json_object *mods = mods_of(res);
	int t = index_of(mods, "title"), a = index_of(mods, "image_alt");
	char reply[512];

	(void)state;
	assert_true(t >= 0 && a >= 0);
	assert_string_equal(field(json_object_array_get_idx(mods, t), "source"), "rules");
	snprintf(reply, sizeof(reply), "{\"proposals\":[{\"id\":%d,\"proposed\":"
	    "\" Fresh\\u0007 sourdough in Lyon \"},{\"id\":\"%d\",\"proposed\":\"\"},"
	    "{\"id\":999,\"proposed\":\"x\"}]}", t, a);
	assert_int_equal(llm_apply(mods, reply), 1);
	assert_string_equal(field(json_object_array_get_idx(mods, t), "proposedValue"),
	    "Fresh sourdough in Lyon");
	assert_string_equal(field(json_object_array_get_idx(mods, t), "source"), "llm");
	assert_string_equal(field(json_object_array_get_idx(mods, a), "source"), "rules");
	json_object_put(res);
}

static void
apply_rejects_bad(void **state)
{
	json_object *res = mods_build("https://ex.com/", PAGE, sizeof(PAGE) - 1, NULL);
	json_object *mods = mods_of(res);
	const char *resp = "{\"choices\":[{\"message\":{\"content\":\"not json\"}}]}";

	(void)state;
	assert_int_equal(llm_apply(mods, "{\"x\":1}"), -1);
	assert_int_equal(llm_apply(mods, NULL), -1);
	assert_int_equal(llm_apply_response(mods, resp, strlen(resp)), -1);
	assert_int_equal(llm_apply_response(mods, "{}", 2), -1);
	assert_int_equal(llm_apply_response(mods, "garbage", 7), -1);
	json_object_put(res);
}

static void
apply_response_ok(void **state)
{
	json_object *res = mods_build("https://ex.com/", PAGE, sizeof(PAGE) - 1, NULL);
	json_object *mods = mods_of(res);
	int t = index_of(mods, "title");
	char resp[512];

	(void)state;
	snprintf(resp, sizeof(resp), "{\"choices\":[{\"message\":{\"role\":"
	    "\"assistant\",\"content\":\"{\\\"proposals\\\":[{\\\"id\\\":%d,"
	    "\\\"proposed\\\":\\\"Bakery in Lyon\\\"}]}\"}}]}", t);
	assert_int_equal(llm_apply_response(mods, resp, strlen(resp)), 1);
	assert_string_equal(field(json_object_array_get_idx(mods, t), "proposedValue"),
	    "Bakery in Lyon");
	json_object_put(res);
}

static void
clean_caps(void **state)
{
	char long_title[80];
	char *s;

	(void)state;
	memset(long_title, 'x', 71);
	long_title[71] = '\0';
	assert_null(llm_clean("title", long_title));
	long_title[70] = '\0';
	s = llm_clean("title", long_title);
	assert_non_null(s);
	free(s);
	assert_null(llm_clean("title", " \t\n "));
	assert_null(llm_clean("canonical", "x"));
	assert_null(llm_clean("link_text", NULL));
	s = llm_clean("image_alt", "A\r\nloaf\x01 of  bread");
	assert_string_equal(s, "A loaf of bread");
	free(s);
	/* 160 two-byte characters fit a description; 161 do not. */
	{
		char d[400];

		for (int i = 0; i < 161; i++)
			memcpy(d + 2 * i, "\xC3\xA9", 2);
		d[322] = '\0';
		assert_null(llm_clean("meta_description", d));
		d[320] = '\0';
		s = llm_clean("meta_description", d);
		assert_non_null(s);
		free(s);
	}
}

static void
rewrite_unset_is_noop(void **state)
{
	json_object *res = mods_build("https://ex.com/", PAGE, sizeof(PAGE) - 1, NULL);
	struct llm_opts o = { NULL, "m", "k", 1000 };

	(void)state;
	assert_int_equal(llm_rewrite(&o, "https://ex.com/", PAGE, sizeof(PAGE) - 1,
	    mods_of(res)), 0);
	json_object_put(res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_lists_text_edits),
		cmocka_unit_test(request_trims_excerpt),
		cmocka_unit_test(no_text_edits_no_request),
		cmocka_unit_test(apply_replaces_valid),
		cmocka_unit_test(apply_rejects_bad),
		cmocka_unit_test(apply_response_ok),
		cmocka_unit_test(clean_caps),
		cmocka_unit_test(rewrite_unset_is_noop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
