/* test_seo.c: unit tests for the SEO checks (lib/audit/checks_seo*.c). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/check.h"
#include "audit/fetch.h"

#define URL "https://www.example.com/blog/post?id=7"

struct run {
	GumboOutput       *g;
	struct page_ctx    ctx;
	struct check_result r;
};

static const struct check_def *
def(const char *id)
{
	for (size_t i = 0; i < audit_checks_seo_count; i++)
		if (strcmp(audit_checks_seo[i].id, id) == 0)
			return &audit_checks_seo[i];
	fail_msg("no SEO check %s", id);
	return NULL;
}

/* Parses html and runs check id with ctx tweaked by the caller first. */
static void
prepare(struct run *x, const char *html)
{
	memset(x, 0, sizeof(*x));
	x->g = gumbo_parse(html);
	assert_non_null(x->g);
	x->ctx.url = URL;
	x->ctx.status = 200;
	x->ctx.html = html;
	x->ctx.html_len = strlen(html);
	x->ctx.gumbo = x->g;
}

static void
exec(struct run *x, const char *id)
{
	x->r.verdict = CHECK_NA;
	def(id)->run(&x->ctx, &x->r);
}

static void
done(struct run *x)
{
	check_result_free(&x->r);
	gumbo_destroy_output(&kGumboDefaultOptions, x->g);
}

static void
expect(const char *id, const char *html, enum check_verdict v)
{
	struct run x;

	prepare(&x, html);
	exec(&x, id);
	assert_int_equal(x.r.verdict, v);
	if (v != CHECK_FAIL)
		assert_int_equal(x.r.nitems, v == CHECK_INFO ? 1 : 0);
	done(&x);
}

/* Fails with exactly one item whose selector is sel (NULL: no element). */
static void
expect_fail_at(const char *id, const char *html, const char *sel)
{
	struct run x;

	prepare(&x, html);
	exec(&x, id);
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_int_equal(x.r.nitems, 1);
	if (sel)
		assert_string_equal(x.r.items[0].selector, sel);
	else
		assert_null(x.r.items[0].selector);
	done(&x);
}

static void
test_table(void **state)
{
	(void)state;
	assert_true(audit_checks_seo_count >= 14);
	for (size_t i = 0; i < audit_checks_seo_count; i++) {
		assert_int_equal(audit_checks_seo[i].dim, DIM_SEO);
		assert_non_null(audit_checks_seo[i].run);
		assert_true(audit_checks_seo[i].weight >= 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(audit_checks_seo[i].id,
			    audit_checks_seo[j].id);
	}
	assert_true(def("is-crawlable")->weight > 4.0);
}

static void
test_document_title(void **state)
{
	(void)state;
	expect_fail_at("document-title", "<html><head></head><body>x", "head");
	expect_fail_at("document-title", "<title>  </title><p>x", "head > title");
	expect("document-title", "<title>Hello</title>", CHECK_PASS);
}

static void
test_meta_description(void **state)
{
	(void)state;
	expect_fail_at("meta-description", "<title>x</title>", "head");
	expect_fail_at("meta-description",
	    "<meta name=description content=' '>", "head > meta");
	expect("meta-description",
	    "<meta name=Description content='About us'>", CHECK_PASS);
}

static void
test_http_status(void **state)
{
	struct run x;

	(void)state;
	prepare(&x, "<p>x");
	x.ctx.status = 404;
	exec(&x, "http-status-code");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_string_equal(x.r.items[0].snippet, URL);
	assert_string_equal(x.r.items[0].note, "HTTP status 404");
	done(&x);
	prepare(&x, "<p>x");
	x.ctx.status = 0;
	exec(&x, "http-status-code");
	assert_int_equal(x.r.verdict, CHECK_NA);
	done(&x);
	expect("http-status-code", "<p>x", CHECK_PASS);
}

static void
test_crawlable_meta(void **state)
{
	(void)state;
	expect_fail_at("is-crawlable",
	    "<meta name=robots content='index, NOINDEX'>", "head > meta");
	expect_fail_at("is-crawlable",
	    "<meta name=viewport content=width=device-width>"
	    "<meta name=googlebot content=none>", "head > meta:nth-of-type(2)");
	expect("is-crawlable", "<meta name=robots content='nofollow'>",
	    CHECK_PASS);
	expect("is-crawlable", "<meta name=bingbot content='noindex'>",
	    CHECK_PASS);
}

static void
crawl_header(const char *value, enum check_verdict want)
{
	struct fetch_header h = { (char *)"X-Robots-Tag", (char *)value };
	struct fetch_resp resp;
	struct run x;

	memset(&resp, 0, sizeof(resp));
	resp.headers = &h;
	resp.nheaders = 1;
	prepare(&x, "<p>x");
	x.ctx.resp = &resp;
	exec(&x, "is-crawlable");
	assert_int_equal(x.r.verdict, want);
	if (want == CHECK_FAIL) {
		assert_null(x.r.items[0].selector);
		assert_non_null(strstr(x.r.items[0].snippet, "X-Robots-Tag"));
	}
	done(&x);
}

static void
test_crawlable_header(void **state)
{
	(void)state;
	crawl_header("noindex", CHECK_FAIL);
	crawl_header("googlebot: noindex, nofollow", CHECK_FAIL);
	crawl_header("otherbot: noindex", CHECK_PASS);
	crawl_header("unavailable_after: 25 Jun 2010 15:00:00 PST", CHECK_PASS);
	crawl_header("nofollow", CHECK_PASS);
}

static void
crawl_robots(const char *txt, long status, enum check_verdict want)
{
	struct run x;

	prepare(&x, "<p>x");
	x.ctx.robots_txt = txt;
	x.ctx.robots_status = status;
	exec(&x, "is-crawlable");
	assert_int_equal(x.r.verdict, want);
	if (want == CHECK_FAIL)
		assert_string_equal(x.r.items[0].snippet, "robots.txt");
	done(&x);
}

static void
test_crawlable_robots(void **state)
{
	(void)state;
	crawl_robots("User-agent: *\nDisallow: /blog/\n", 200, CHECK_FAIL);
	crawl_robots("User-agent: *\nDisallow: /*?id=\n", 200, CHECK_FAIL);
	crawl_robots("User-agent: Googlebot\nDisallow: /\n", 200, CHECK_FAIL);
	crawl_robots("User-agent: *\nDisallow: /blog/\nAllow: /blog/post\n",
	    200, CHECK_PASS);
	crawl_robots("User-agent: bingbot\nDisallow: /\n", 200, CHECK_PASS);
	crawl_robots("User-agent: *\nDisallow: /\n", 404, CHECK_PASS);
}

static void
robots_verdict(const char *txt, long status, enum check_verdict want,
    size_t nitems)
{
	struct run x;

	prepare(&x, "<p>x");
	x.ctx.robots_txt = txt;
	x.ctx.robots_status = status;
	exec(&x, "robots-txt");
	assert_int_equal(x.r.verdict, want);
	assert_int_equal(x.r.nitems, nitems);
	done(&x);
}

static void
test_robots_txt(void **state)
{
	struct run x;

	(void)state;
	robots_verdict(NULL, 0, CHECK_NA, 0);
	robots_verdict(NULL, 404, CHECK_NA, 0);
	robots_verdict(NULL, 503, CHECK_FAIL, 1);
	robots_verdict("User-agent: *\nDisallow: /private\n"
	    "Sitemap: https://www.example.com/sitemap.xml\n", 200, CHECK_PASS, 0);
	robots_verdict("User-agent: *\nDisalow: /x\nfoo\n", 200, CHECK_FAIL, 2);
	prepare(&x, "<p>x");
	x.ctx.robots_txt = "Disallow: /a\nUser-agent: *\nAllow: a$b\n";
	x.ctx.robots_status = 200;
	exec(&x, "robots-txt");
	assert_int_equal(x.r.nitems, 2);
	assert_string_equal(x.r.items[0].snippet, "Disallow: /a");
	assert_string_equal(x.r.items[0].note, "line 1: No user-agent specified");
	assert_string_equal(x.r.items[1].note, "line 3: Pattern should either be "
	    "empty, start with \"/\" or \"*\"");
	done(&x);
}

static void
test_link_text(void **state)
{
	(void)state;
	expect_fail_at("link-text",
	    "<p><a href=/a>Pricing plans</a> <a href=/b>Click here</a></p>",
	    "p > a:nth-of-type(2)");
	expect_fail_at("link-text", "<a href=/de>Mehr</a>", "a");
	expect_fail_at("link-text", "<a href=/fr>En savoir plus…</a>", "a");
	expect_fail_at("link-text", "<a href=/es>Más información</a>", "a");
	expect_fail_at("link-text", "<a href=/nl> Lees meer </a>", "a");
	expect_fail_at("link-text", "<a href=/it>Leggi di più</a>", "a");
	expect_fail_at("link-text", "<a href=/pt>Saiba mais »</a>", "a");
	expect("link-text", "<a href=/x>Read more about pricing</a>", CHECK_PASS);
	expect("link-text", "<a href=#top>here</a><a href=/x rel=nofollow>here"
	    "</a><a href='javascript:go()'>more</a>", CHECK_NA);
	expect("link-text", "<p>no links</p>", CHECK_NA);
}

static void
test_crawlable_anchors(void **state)
{
	(void)state;
	expect_fail_at("crawlable-anchors",
	    "<nav><a href=/ok>Home</a><a href='javascript:void(0)'>Menu</a></nav>",
	    "nav > a:nth-of-type(2)");
	expect_fail_at("crawlable-anchors", "<a id=go onclick='nav()'>Go</a>",
	    "a#go");
	expect_fail_at("crawlable-anchors", "<a href='file:///etc/x'>x</a>", "a");
	expect("crawlable-anchors", "<a href='mailto:a@b.c'>Mail</a>"
	    "<a role=button onclick=f()>B</a><a name=top></a>", CHECK_PASS);
	expect("crawlable-anchors", "<p>none</p>", CHECK_NA);
}

static void
test_hreflang(void **state)
{
	(void)state;
	expect_fail_at("hreflang", "<link rel=alternate hreflang=english "
	    "href='https://www.example.com/en/'>", "head > link");
	expect_fail_at("hreflang",
	    "<link rel=alternate hreflang=de href='https://www.example.com/de/'>"
	    "<link rel=alternate hreflang=fr href='/fr/'>",
	    "head > link:nth-of-type(2)");
	expect_fail_at("hreflang", "<body><link rel=alternate hreflang=de "
	    "href='https://www.example.com/de/'>", "link");
	expect("hreflang",
	    "<link rel=alternate hreflang=en-GB href='https://www.example.com/'>"
	    "<link rel=alternate hreflang=zh-Hant-TW href='https://www.example.com/tw'>"
	    "<link rel=alternate hreflang=es-419 href='https://www.example.com/la'>"
	    "<link rel=alternate hreflang=x-default href='https://www.example.com/'>",
	    CHECK_PASS);
	expect("hreflang", "<link rel=stylesheet href=a.css>", CHECK_NA);
}

static void
test_canonical(void **state)
{
	(void)state;
	expect("canonical", "<title>x</title>", CHECK_NA);
	expect("canonical", "<link rel=canonical "
	    "href='https://www.example.com/blog/post?id=7'>", CHECK_PASS);
	expect("canonical", "<link rel=canonical "
	    "href='https://example.com/blog/post'>", CHECK_PASS);
	expect_fail_at("canonical", "<link rel=canonical href='/blog/post'>",
	    "head > link");
	expect_fail_at("canonical", "<link rel=canonical "
	    "href='https://other.org/blog/post'>", "head > link");
	expect_fail_at("canonical", "<link rel=canonical "
	    "href='https://www.example.com/'>", "head > link");
	expect_fail_at("canonical",
	    "<link rel=canonical href='https://www.example.com/a'>"
	    "<link rel=canonical href='https://www.example.com/b'>",
	    "head > link:nth-of-type(2)");
	expect_fail_at("canonical",
	    "<link rel=alternate hreflang=de href='https://www.example.com/de'>"
	    "<link rel=canonical href='https://www.example.com/de'>",
	    "head > link:nth-of-type(2)");
}

static void
test_image_alt(void **state)
{
	(void)state;
	expect_fail_at("image-alt",
	    "<main><img src=a.png alt=''><img src=b.png></main>",
	    "main > img:nth-of-type(2)");
	expect("image-alt", "<img src=a.png alt='A cat'><img src=b role=none>"
	    "<img src=c aria-label='Dog'><img src=d hidden>", CHECK_PASS);
	expect("image-alt", "<p>x</p>", CHECK_NA);
}

static void
test_structured_data(void **state)
{
	(void)state;
	expect_fail_at("structured-data",
	    "<script type=application/ld+json>{\"@context\": </script>",
	    "head > script");
	expect_fail_at("structured-data",
	    "<script type='application/ld+json'>{\"@type\":\"Thing\"}</script>",
	    "head > script");
	expect_fail_at("structured-data",
	    "<script type='application/ld+json'>"
	    "{\"@context\":\"https://schema.org\",\"@graph\":[{\"name\":1}]}"
	    "</script>", "head > script");
	expect("structured-data", "<script type='application/ld+json'>"
	    "{\"@context\":\"https://schema.org\",\"@type\":\"Article\"}</script>"
	    "<script type='application/ld+json'>[{\"@context\":\"https://schema.org"
	    "\",\"@type\":\"Person\"}]</script>", CHECK_PASS);
	expect("structured-data", "<script>var x = 1;</script>", CHECK_NA);
}

static void
test_viewport(void **state)
{
	(void)state;
	expect_fail_at("viewport", "<title>x</title>", "head");
	expect_fail_at("viewport", "<meta name=viewport content='user-scalable=yes'>",
	    "head > meta");
	expect("viewport", "<meta name=viewport content='width=device-width, "
	    "initial-scale=1'>", CHECK_PASS);
}

static void
test_lengths(void **state)
{
	struct run x;

	(void)state;
	expect("title-length", "<p>x", CHECK_NA);
	expect("title-length", "<title>A sensible page title</title>", CHECK_PASS);
	prepare(&x, "<title>Hi</title>");
	exec(&x, "title-length");
	assert_int_equal(x.r.verdict, CHECK_INFO);
	assert_string_equal(x.r.items[0].selector, "head > title");
	assert_string_equal(x.r.items[0].note,
	    "The title is 2 characters; aim for 10-60");
	done(&x);
	expect("meta-description-length", "<meta name=description content="
	    "'Short.'>", CHECK_INFO);
	expect("meta-description-length", "<meta name=description content='"
	    "A description long enough to show as a useful snippet in results.'>",
	    CHECK_PASS);
	expect("meta-description-length", "<p>x", CHECK_NA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_document_title),
		cmocka_unit_test(test_meta_description),
		cmocka_unit_test(test_http_status),
		cmocka_unit_test(test_crawlable_meta),
		cmocka_unit_test(test_crawlable_header),
		cmocka_unit_test(test_crawlable_robots),
		cmocka_unit_test(test_robots_txt),
		cmocka_unit_test(test_link_text),
		cmocka_unit_test(test_crawlable_anchors),
		cmocka_unit_test(test_hreflang),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_image_alt),
		cmocka_unit_test(test_structured_data),
		cmocka_unit_test(test_viewport),
		cmocka_unit_test(test_lengths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
