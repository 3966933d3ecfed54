/* test_resources.c: sub-resource discovery and the third-party heuristic. */
/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <gumbo.h>
#include "audit/resources.h"

static void
test_site_heuristic(void **state)
{
	(void)state;
	assert_string_equal(resources_site("www.example.com"), "example.com");
	assert_string_equal(resources_site("a.b.shop.example.co.uk"),
	    "example.co.uk");
	assert_string_equal(resources_site("example.com"), "example.com");
	assert_string_equal(resources_site("localhost"), "localhost");
	assert_string_equal(resources_site("127.0.0.1"), "127.0.0.1");
	assert_false(resources_third_party("www.example.com", "cdn.example.com"));
	assert_true(resources_third_party("www.example.com",
	    "www.googletagmanager.com"));
}

static const char page[] =
    "<!doctype html><html><head>"
    "<link rel=stylesheet href=/a.css>"
    "<link rel=stylesheet href=/print.css media=print>"
    "<link rel=preload as=font href=/f.woff2>"
    "<script src=/sync.js></script>"
    "<script async src=https://cdn.other.net/a.js></script>"
    "<script defer src=/d.js></script>"
    "<script type=module src=/m.js></script>"
    "<script type=application/ld+json>{}</script>"
    "<style>@font-face{font-family:x;src:url(/x.woff2);font-display:swap}"
    ".h{background:url('/bg.png')}</style>"
    "</head><body>"
    "<img src=/small.png srcset='/small.png 200w, /big.png 800w, /huge.png 1600w'>"
    "<picture><source type=image/avif srcset=/p.avif><img src=/p.jpg></picture>"
    "<iframe src=/frame.html></iframe>"
    "<script src=/late.js></script>"
    "<img src=data:image/png;base64,AAAA>"
    "</body></html>";

static const struct page_resource *
by_url(const struct res_set *s, const char *url)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].url, url) == 0)
			return &s->v[i];
	return NULL;
}

static void
test_discover(void **state)
{
	GumboOutput *g = gumbo_parse(page);
	struct res_set s;
	const struct page_resource *r;

	(void)state;
	assert_int_equal(resources_init(&s, "https://www.example.com/", 0), SA_OK);
	assert_int_equal(resources_discover(&s, g, "https://www.example.com/",
	    STRATEGY_MOBILE), SA_OK);
	assert_non_null(r = by_url(&s, "https://www.example.com/a.css"));
	assert_true(r->render_blocking);
	assert_false(by_url(&s, "https://www.example.com/print.css")->render_blocking);
	assert_int_equal(by_url(&s, "https://www.example.com/f.woff2")->type,
	    RES_PRELOAD);
	assert_true(by_url(&s, "https://www.example.com/sync.js")->render_blocking);
	assert_non_null(r = by_url(&s, "https://cdn.other.net/a.js"));
	assert_true(r->is_async && r->third_party && !r->render_blocking);
	assert_true(by_url(&s, "https://www.example.com/d.js")->is_defer);
	assert_true(by_url(&s, "https://www.example.com/m.js")->is_module);
	assert_false(by_url(&s, "https://www.example.com/late.js")->render_blocking);
	/* 412 px at DPR 1.75 needs 721 px: the 800w candidate */
	assert_non_null(by_url(&s, "https://www.example.com/big.png"));
	assert_null(by_url(&s, "https://www.example.com/small.png"));
	assert_non_null(by_url(&s, "https://www.example.com/p.avif"));
	assert_int_equal(by_url(&s, "https://www.example.com/frame.html")->type,
	    RES_IFRAME);
	assert_non_null(r = by_url(&s, "https://www.example.com/x.woff2"));
	assert_true(r->type == RES_FONT && r->font_swap && r->parent == -1);
	assert_int_equal(by_url(&s, "https://www.example.com/bg.png")->type,
	    RES_IMAGE);
	for (size_t i = 0; i < s.n; i++)
		assert_null(strstr(s.v[i].url, "data:"));
	resources_free(&s);
	gumbo_destroy_output(&kGumboDefaultOptions, g);
}

static void
test_css_fonts_and_cap(void **state)
{
	static const char css[] = "@font-face { font-family: a; src: "
	    "url(a.woff2) format('woff2'), url(a.woff) format('woff'); }\n"
	    "p { background: url(\"i.jpg\") } q { background: url(x.txt) }";
	struct res_set s;

	(void)state;
	assert_int_equal(resources_init(&s, "http://h/", 2), SA_OK);
	assert_int_equal(resources_discover_css(&s, css, sizeof(css) - 1,
	    "http://h/css/s.css", 4), SA_OK);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.v[0].url, "http://h/css/a.woff2");
	assert_false(s.v[0].font_swap);
	assert_int_equal(s.v[0].parent, 4);
	assert_string_equal(s.v[1].url, "http://h/css/i.jpg");
	resources_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_site_heuristic),
		cmocka_unit_test(test_discover),
		cmocka_unit_test(test_css_fonts_and_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
