/* test_urlnorm.c: URL normalisation cases for the site crawl. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/urlnorm.h"

static void
expect_norm(const char *base, const char *ref, const char *want)
{
	char *got = urlnorm(base, ref);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("urlnorm(%s, %s) = %s, want NULL",
			    base ? base : "-", ref ? ref : "-", got);
		return;
	}
	if (got == NULL)
		fail_msg("urlnorm(%s, %s) = NULL, want %s", base ? base : "-",
		    ref ? ref : "-", want);
	assert_string_equal(got, want);
	free(got);
}

static void
test_case_and_ports(void **state)
{
	(void)state;
	expect_norm(NULL, "HTTP://Example.COM/A/b", "http://example.com/A/b");
	expect_norm(NULL, "http://example.com:80/x", "http://example.com/x");
	expect_norm(NULL, "https://example.com:443/x", "https://example.com/x");
	expect_norm(NULL, "https://example.com:80/x", "https://example.com:80/x");
	expect_norm(NULL, "http://example.com", "http://example.com/");
	expect_norm(NULL, "http://[::1]:8080/", "http://[::1]:8080/");
}

static void
test_fragment_query(void **state)
{
	(void)state;
	expect_norm(NULL, "http://h/p#top", "http://h/p");
	expect_norm(NULL, "http://h/p?", "http://h/p");
	expect_norm(NULL, "http://h/p?#x", "http://h/p");
	expect_norm(NULL, "http://h/p?b=2&a=1", "http://h/p?b=2&a=1");
	expect_norm("http://h/dir/page", "#frag", "http://h/dir/page");
	expect_norm("http://h/dir/page?a=1", "?b=2", "http://h/dir/page?b=2");
	expect_norm("http://h/dir/page?a=1", "", "http://h/dir/page?a=1");
}

static void
test_dots_and_relative(void **state)
{
	(void)state;
	expect_norm("http://h/a/b/c.html", "./d.html", "http://h/a/b/d.html");
	expect_norm("http://h/a/b/c.html", "../d.html", "http://h/a/d.html");
	expect_norm("http://h/a/b/c.html", "../../../../d", "http://h/d");
	expect_norm("http://h/a/b/", "x/../y/./z", "http://h/a/b/y/z");
	expect_norm("http://h/a/b/", "..", "http://h/a/");
	expect_norm("http://h/a/", "//other:81/q", "http://other:81/q");
	expect_norm("http://h/a/", "  /sp.html \n", "http://h/sp.html");
	expect_norm(NULL, "http://h/a/%2e%2E/b", "http://h/b");
}

static void
test_percent_encoding(void **state)
{
	(void)state;
	expect_norm(NULL, "http://h/a%2fb", "http://h/a%2Fb");
	expect_norm(NULL, "http://h/%7Euser/page%2D1", "http://h/~user/page-1");
	expect_norm(NULL, "http://h/%41?q=%7e%3d", "http://h/A?q=~%3D");
	expect_norm(NULL, "http://h/100%", "http://h/100%25");
	expect_norm("http://h/", "a b.html", "http://h/a%20b.html");
}

static void
test_rejected(void **state)
{
	(void)state;
	expect_norm(NULL, "mailto:a@b.c", NULL);
	expect_norm("http://h/", "javascript:void(0)", NULL);
	expect_norm(NULL, "ftp://h/x", NULL);
	expect_norm(NULL, "http://user:pw@h/x", NULL);
	expect_norm(NULL, "not a url", NULL);
	expect_norm(NULL, NULL, NULL);
}

static void
test_origin_helpers(void **state)
{
	(void)state;
	assert_true(urlnorm_same_origin("http://h/a", "http://h/b?c"));
	assert_false(urlnorm_same_origin("http://h/a", "https://h/a"));
	assert_false(urlnorm_same_origin("http://h:81/a", "http://h/a"));
	assert_false(urlnorm_same_origin("http://h/a", "http://hh/a"));
	assert_int_equal(urlnorm_origin_len("https://h:8/x"), strlen("https://h:8"));
	assert_int_equal(urlnorm_dir_len("http://h/a/b.html?q=/x"),
	    strlen("http://h/a/"));
	assert_int_equal(urlnorm_dir_len("http://h/"), strlen("http://h/"));
	assert_string_equal(urlnorm_path("http://h/a?q=1"), "/a?q=1");
	assert_string_equal(urlnorm_path("http://h"), "/");
	assert_true(urlnorm_non_html_hint("http://h/doc.PDF"));
	assert_true(urlnorm_non_html_hint("http://h/a/img.png?x=1"));
	assert_false(urlnorm_non_html_hint("http://h/a.b/page"));
	assert_false(urlnorm_non_html_hint("http://h/page.html"));
	assert_false(urlnorm_non_html_hint("http://h/"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_and_ports),
		cmocka_unit_test(test_fragment_query),
		cmocka_unit_test(test_dots_and_relative),
		cmocka_unit_test(test_percent_encoding),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_origin_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
