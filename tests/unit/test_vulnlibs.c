/* test_vulnlibs.c: unit tests for library detection and the vulnerable table. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/vulnlibs.h"

/* Asserts that url is detected as lib@version (lib NULL: not detected). */
static void
url_is(const char *url, const char *lib, const char *version)
{
	struct vulnlib_hit h;
	bool ok = vulnlib_from_url(url, &h);

	if (lib == NULL) {
		assert_false(ok);
		return;
	}
	assert_true(ok);
	assert_string_equal(h.lib, lib);
	assert_string_equal(h.version, version);
}

static void
test_url_shapes(void **state)
{
	(void)state;
	url_is("https://x.test/js/jquery-1.8.3.min.js", "jquery", "1.8.3");
	url_is("https://ajax.googleapis.com/ajax/libs/jquery/3.4.1/jquery.min.js",
	    "jquery", "3.4.1");
	url_is("https://code.jquery.com/ui/1.12.1/jquery-ui.min.js",
	    "jquery-ui", "1.12.1");
	url_is("https://x.test/jquery-ui-1.11.4.js", "jquery-ui", "1.11.4");
	url_is("https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.15/"
	    "lodash.min.js", "lodash", "4.17.15");
	url_is("https://cdn.jsdelivr.net/npm/vue@2.6.10/dist/vue.js", "vue",
	    "2.6.10");
	url_is("https://unpkg.com/react@16.4.0/umd/react.production.min.js",
	    "react", "16.4.0");
	url_is("https://maxcdn.bootstrapcdn.com/bootstrap/3.3.7/js/"
	    "bootstrap.min.js", "bootstrap", "3.3.7");
	url_is("https://ajax.googleapis.com/ajax/libs/angularjs/1.5.8/"
	    "angular.min.js", "angularjs", "1.5.8");
	url_is("/static/moment-2.18.1.min.js?v=3", "moment", "2.18.1");
	url_is("https://x.test/jquery-3.0.0-rc1.js", "jquery", "3.0.0-rc1");
	url_is("https://x.test/js/jquery.min.js", NULL, NULL);
	url_is("https://x.test/js/app-1.2.3.js", NULL, NULL);
	url_is("https://x.test/jquery-migrate-1.4.1.js", NULL, NULL);
}

static void
test_banners(void **state)
{
	static const char *const body =
	    "/*! jQuery v1.8.3 jquery.com | jquery.org/license */\n"
	    "(function(e,t){...})\n"
	    "/*!\n * Bootstrap v3.3.7 (http://getbootstrap.com)\n */\n"
	    "/** @license React v16.2.0\n * react-dom.production.min.js */";
	struct vulnlib_hit h[4];
	size_t n;

	(void)state;
	n = vulnlib_from_body(body, strlen(body), h, 4);
	assert_int_equal(n, 3);
	assert_string_equal(h[0].lib, "jquery");
	assert_string_equal(h[0].version, "1.8.3");
	assert_string_equal(h[1].lib, "bootstrap");
	assert_string_equal(h[1].version, "3.3.7");
	assert_string_equal(h[2].lib, "react");
	assert_string_equal(h[2].version, "16.2.0");
	n = vulnlib_from_body("/*! jQuery UI - v1.12.1 - 2016-09-14 */", 38,
	    h, 4);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].lib, "jquery-ui");
	assert_int_equal(vulnlib_from_body("var x = 1.2.3;", 14, h, 4), 0);
	n = vulnlib_from_body("//! moment.js\n//! version : 2.29.1\n", 35, h, 4);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].version, "2.29.1");
}

static void
test_vercmp(void **state)
{
	(void)state;
	assert_true(vulnlib_vercmp("1.10.2", "1.9.1") > 0);
	assert_true(vulnlib_vercmp("1.9.1", "1.10.2") < 0);
	assert_int_equal(vulnlib_vercmp("3.5.0", "3.5.0"), 0);
	assert_int_equal(vulnlib_vercmp("3.5", "3.5.0"), 0);
	assert_true(vulnlib_vercmp("3.0.0-beta1", "3.0.0") < 0);
	assert_true(vulnlib_vercmp("1.9.0b1", "1.9.0") < 0);
	assert_true(vulnlib_vercmp("1.9.0", "1.9.0b1") > 0);
	assert_true(vulnlib_vercmp("4.17.21", "4.17.3") > 0);
}

static void
test_match(void **state)
{
	const struct vulnlib_row *rows[16];
	size_t n;

	(void)state;
	assert_int_equal(vulnlib_match("jquery", "3.5.0", rows, 16), 0);
	assert_int_equal(vulnlib_match("jquery", "3.7.1", rows, 16), 0);
	n = vulnlib_match("jquery", "3.4.1", rows, 16);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0]->advisory, "CVE-2020-11022");
	assert_string_equal(rows[1]->advisory, "CVE-2020-11023");
	n = vulnlib_match("jquery", "1.8.3", rows, 16);
	assert_true(n >= 5);
	assert_int_equal(vulnlib_match("lodash", "4.17.21", rows, 16), 0);
	assert_int_equal(vulnlib_match("lodash", "4.17.20", rows, 16), 2);
	assert_int_equal(vulnlib_match("bootstrap", "3.4.1", rows, 16), 1);
	assert_int_equal(vulnlib_match("bootstrap", "5.3.2", rows, 16), 0);
	assert_int_equal(vulnlib_match("react", "16.4.1", rows, 16), 1);
	assert_int_equal(vulnlib_match("react", "16.4.2", rows, 16), 0);
	assert_int_equal(vulnlib_match("nosuchlib", "1.0.0", rows, 16), 0);
	/* max bounds the output, not the count */
	assert_true(vulnlib_match("jquery", "1.2.3", rows, 1) > 1);
}

static void
test_table_sane(void **state)
{
	(void)state;
	assert_true(vulnlib_nrows >= 40);
	for (size_t i = 0; i < vulnlib_nrows; i++) {
		const struct vulnlib_row *w = &vulnlib_rows[i];

		assert_non_null(w->lib);
		assert_non_null(w->below);
		assert_non_null(w->advisory);
		assert_non_null(w->summary);
		if (w->at_or_above)
			assert_true(vulnlib_vercmp(w->at_or_above, w->below) < 0);
		assert_string_not_equal(vulnlib_name(w->lib), "");
	}
	assert_string_equal(vulnlib_name("angularjs"), "AngularJS");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_shapes),
		cmocka_unit_test(test_banners),
		cmocka_unit_test(test_vercmp),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_table_sane),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
