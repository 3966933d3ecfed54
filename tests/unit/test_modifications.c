/* test_modifications.c: the rule-based edits of a page audit. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "audit/modifications.h"

static json_object *
find(json_object *res, const char *type, size_t nth)
{
	json_object *mods = json_object_object_get(res, "modifications");

	for (size_t i = 0; i < json_object_array_length(mods); i++) {
		json_object *m = json_object_array_get_idx(mods, i);

		if (strcmp(json_object_get_string(json_object_object_get(m, "type")),
		    type) == 0 && nth-- == 0)
			return m;
	}
	return NULL;
}

static const char *
field(json_object *m, const char *k)
{
	json_object *v = json_object_object_get(m, k);

	return v ? json_object_get_string(v) : NULL;
}

static const char bare[] =
    "<!doctype html><html><head><title>Hi</title></head><body>"
    "<h1>Fresh bread</h1><h3>Skipped</h3><p>We bake sourdough, rye and"
    " spelt loaves every morning in the harbour, from local flour.</p>"
    "<img src=\"/img/team-photo_2024.jpg\"><img src=\"b.png\" alt=\"ok\">"
    "<img src=\"/x/oven.webp\"><a href=\"/opening-hours\">click here</a>"
    "<h2>Do you deliver?</h2><p>Yes, daily.</p>"
    "<h2>Is it vegan?</h2><p>Mostly.</p></body></html>";

static void
bare_page(void **state)
{
	json_object *res = mods_build("https://bakery.example/", bare,
	    sizeof(bare) - 1, NULL), *m;

	(void)state;
	assert_non_null(res);
	m = find(res, "title", 0);
	assert_string_equal(field(m, "currentValue"), "Hi");
	assert_string_equal(field(m, "proposedValue"), "Fresh bread | bakery.example");
	m = find(res, "meta_description", 0);
	assert_null(field(m, "currentValue"));
	assert_non_null(strstr(field(m, "proposedValue"), "We bake sourdough"));
	m = find(res, "image_alt", 0);
	assert_string_equal(field(m, "proposedValue"), "Team photo 2024");
	assert_string_equal(field(find(res, "image_alt", 1), "proposedValue"), "Oven");
	assert_null(find(res, "image_alt", 2));
	m = find(res, "link_text", 0);
	assert_string_equal(field(m, "currentValue"), "click here");
	assert_string_equal(field(m, "proposedValue"), "Opening hours");
	m = find(res, "heading", 0);
	assert_string_equal(field(m, "currentValue"), "h3");
	assert_string_equal(field(m, "proposedValue"), "h2");
	m = find(res, "json_ld", 0);
	assert_non_null(strstr(field(m, "proposedValue"), "\"FAQPage\""));
	assert_non_null(strstr(field(m, "proposedValue"), "Do you deliver?"));
	assert_non_null(find(res, "canonical", 0));
	json_object_put(res);
}

static const char good[] =
    "<html><head><title>Harbour Bakery: sourdough and rye every morning</title>"
    "<meta name=\"description\" content=\"Harbour Bakery bakes sourdough, rye"
    " and spelt loaves every morning from local flour. Order online.\">"
    "<link rel=\"canonical\" href=\"https://bakery.example/\">"
    "<script type=\"application/ld+json\">{}</script></head>"
    "<body><h1>Bread</h1><img src=a.png alt=\"A loaf\"></body></html>";

static void
good_page(void **state)
{
	json_object *res = mods_build("https://bakery.example/", good,
	    sizeof(good) - 1, NULL);

	(void)state;
	assert_int_equal(json_object_array_length(
	    json_object_object_get(res, "modifications")), 0);
	assert_non_null(strstr(field(res, "summary"), "No edits"));
	json_object_put(res);
}

static void
robots_noindex(void **state)
{
	static const char html[] = "<head><meta name=robots content=\"noindex\">"
	    "</head><article><h1>News</h1></article>";
	json_object *res = mods_build("https://x.example/a", html, sizeof(html) - 1,
	    NULL);

	(void)state;
	assert_string_equal(field(find(res, "robots", 0), "proposedValue"),
	    "index, follow");
	assert_non_null(strstr(field(find(res, "json_ld", 0), "proposedValue"),
	    "\"Article\""));
	json_object_put(res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bare_page),
		cmocka_unit_test(good_page),
		cmocka_unit_test(robots_noindex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
