/* test_robots.c: unit tests for the robots.txt parser and matcher. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/robots.h"

static struct robots *
parse(const char *txt)
{
	struct robots *r = NULL;

	assert_int_equal(robots_parse(txt, strlen(txt), &r), SA_OK);
	assert_non_null(r);
	return r;
}

static void
test_match(void **state)
{
	(void)state;
	assert_true(robots_match("/", "/anything"));
	assert_true(robots_match("/fish", "/fish.html"));
	assert_true(robots_match("/fish", "/fish/salmon.html"));
	assert_false(robots_match("/fish", "/Fish.asp"));
	assert_false(robots_match("/fish/", "/fish"));
	assert_true(robots_match("/*.php", "/folder/filename.php?parameters"));
	assert_true(robots_match("/*.php$", "/filename.php"));
	assert_false(robots_match("/*.php$", "/filename.php?parameters"));
	assert_false(robots_match("/*.php$", "/filename.php5"));
	assert_true(robots_match("/fish*.php", "/fishheads/catfish.php?p"));
	assert_false(robots_match("/fish*.php", "/Fish.PHP"));
	assert_true(robots_match("*", "/x"));
	assert_true(robots_match("/a*b*c", "/aXbYcZ"));
	assert_false(robots_match("/a*b*c", "/aXcYb"));
	assert_true(robots_match("/$", "/"));
	assert_false(robots_match("/$", "/x"));
}

static void
test_groups(void **state)
{
	struct robots *r = parse(
	    "# comment\n"
	    "User-agent: Googlebot-News\n"
	    "Disallow: /\n"
	    "\n"
	    "User-agent: googlebot\n"
	    "User-agent: bingbot\n"
	    "Disallow: /private/  # trailing comment\n"
	    "Allow: /private/open\n"
	    "\n"
	    "User-agent: *\n"
	    "Disallow: /tmp\n"
	    "Crawl-delay: 5\n"
	    "Sitemap: https://example.com/sitemap.xml\n");

	(void)state;
	assert_int_equal(r->ngroups, 3);
	assert_int_equal(r->groups[1].nagents, 2);
	assert_string_equal(r->groups[1].agents[0], "googlebot");
	assert_int_equal(r->nsitemaps, 1);
	assert_string_equal(r->sitemaps[0], "https://example.com/sitemap.xml");
	assert_int_equal(r->nerrors, 0);
	assert_false(robots_allowed(r, "Googlebot", "/private/x"));
	assert_true(robots_allowed(r, "Googlebot", "/private/open/x"));
	assert_true(robots_allowed(r, "Googlebot", "/tmp/x"));    /* own group */
	assert_false(robots_allowed(r, "Googlebot-News", "/a"));
	assert_false(robots_allowed(r, "SomeBot/1.0", "/tmp/x"));
	assert_true(robots_allowed(r, "SomeBot/1.0", "/private/x"));
	assert_true(robots_allowed(r, "BINGBOT", "/tmp"));
	assert_true(robots_allowed(r, "Googlebot-News", "/robots.txt"));
	robots_free(r);
}

static void
test_longest_match(void **state)
{
	struct robots *r = parse(
	    "User-agent: *\r\n"
	    "Allow: /p\r\n"
	    "Disallow: /\r\n"
	    "Disallow: /page\r\n"
	    "Allow: /page$\r\n"
	    "Allow: /folder/\r\n"
	    "Disallow: /folder/*.html\r\n"
	    "Allow: /same\r\n"
	    "Disallow: /same\r\n"
	    "Disallow:\r\n");

	(void)state;
	assert_true(robots_allowed(r, "x", "/p"));
	assert_false(robots_allowed(r, "x", "/"));
	assert_true(robots_allowed(r, "x", "/page"));
	assert_false(robots_allowed(r, "x", "/page.htm"));
	assert_false(robots_allowed(r, "x", "/folder/page.html"));
	assert_true(robots_allowed(r, "x", "/folder/page.txt"));
	assert_true(robots_allowed(r, "x", "/same"));     /* tie: allow wins */
	assert_int_equal(r->nerrors, 0);
	robots_free(r);
}

static void
test_empty_and_none(void **state)
{
	struct robots *r = parse("");

	(void)state;
	assert_true(robots_allowed(r, "Googlebot", "/x"));
	robots_free(r);
	assert_true(robots_allowed(NULL, "Googlebot", "/x"));
	r = parse("User-agent: *\nDisallow:\n");
	assert_true(robots_allowed(r, "Googlebot", "/x"));
	robots_free(r);
	/* UTF-8 BOM and no trailing newline */
	r = parse("\xEF\xBB\xBFUser-agent: *\nDisallow: /x");
	assert_false(robots_allowed(r, "Googlebot", "/x"));
	assert_int_equal(r->nerrors, 0);
	robots_free(r);
}

static void
test_errors(void **state)
{
	struct robots *r = parse(
	    "Disallow: /early\n"
	    "User-agent:\n"
	    "User-agent: *\n"
	    "no colon here\n"
	    "Dissalow: /typo\n"
	    "Disallow: nope\n"
	    "Allow: /a$b\n"
	    "Sitemap: /relative.xml\n"
	    "Sitemap: gopher://x/y\n"
	    "Disallow: /ok$\n");

	(void)state;
	assert_int_equal(r->nerrors, 8);
	assert_int_equal(r->errors[0].line, 1);
	assert_string_equal(r->errors[0].message, "No user-agent specified");
	assert_string_equal(r->errors[1].message, "No user-agent specified");
	assert_string_equal(r->errors[2].message, "Syntax not understood");
	assert_string_equal(r->errors[2].text, "no colon here");
	assert_string_equal(r->errors[3].message, "Unknown directive");
	assert_string_equal(r->errors[4].message,
	    "Pattern should either be empty, start with \"/\" or \"*\"");
	assert_string_equal(r->errors[5].message,
	    "\"$\" should be used only at the end of the pattern");
	assert_string_equal(r->errors[6].message, "Invalid sitemap URL");
	assert_int_equal(r->errors[7].line, 9);
	assert_int_equal(r->nsitemaps, 0);
	assert_false(robots_allowed(r, "x", "/ok"));
	assert_true(robots_allowed(r, "x", "/early"));
	robots_free(r);
}

static void
test_long_lines(void **state)
{
	size_t n = 10000;
	char *txt = malloc(n + 64);
	struct robots *r;

	(void)state;
	assert_non_null(txt);
	memcpy(txt, "User-agent: *\nDisallow: /", 25);
	memset(txt + 25, 'a', n);
	memcpy(txt + 25 + n, "\nDisallow: /b\n", 15);
	assert_int_equal(robots_parse(txt, strlen(txt), &r), SA_OK);
	txt[25 + n] = '\0';
	assert_false(robots_allowed(r, "x", "/b"));
	/* the cut pattern still matches the full-length path */
	assert_false(robots_allowed(r, "x", txt + 24));
	assert_true(robots_allowed(r, "x", "/aaaa"));
	robots_free(r);
	free(txt);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_longest_match),
		cmocka_unit_test(test_empty_and_none),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_long_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
