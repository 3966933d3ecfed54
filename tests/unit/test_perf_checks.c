/* test_perf_checks.c: each performance check failing and passing on fixture pages. */
/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gumbo.h>
#include "audit/audit.h"
#include "audit/perf.h"
#include "audit/resources.h"
#include "audit/score.h"

#define BASE "http://127.0.0.1/perf/"
#define ROOT "tests/fixtures/"

/* One fixture page with its sub-resources "fetched" from tests/fixtures. */
struct fx {
	char              *html;
	size_t             len;
	GumboOutput       *g;
	struct res_set     rs;
	struct page_ctx    ctx;
	struct perf_result *pf;
	const char        *extra_name, *extra_value;   /* header on every resource */
	const struct fetch_resp *doc;   /* the document's response, or NULL */
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)n + 1);
	*len = fread(b, 1, (size_t)n, f);
	b[*len] = '\0';
	fclose(f);
	return b;
}

static const char *
mime(const char *url)
{
	const char *dot = strrchr(url, '.');

	if (dot && strcmp(dot, ".css") == 0)
		return "text/css";
	if (dot && strcmp(dot, ".js") == 0)
		return "application/javascript";
	if (dot && strcmp(dot, ".png") == 0)
		return "image/png";
	if (dot && strcmp(dot, ".html") == 0)
		return "text/html";
	return "font/woff2";
}

static void
add_header(struct fetch_resp *r, const char *name, const char *value)
{
	r->headers = realloc(r->headers, (r->nheaders + 1) * sizeof(*r->headers));
	r->headers[r->nheaders].name = strdup(name);
	r->headers[r->nheaders].value = strdup(value);
	r->nheaders++;
}

/* Serves resources [from, n) from the fixture directory. */
static void
fake_fetch(struct fx *f, size_t from)
{
	for (size_t i = from; i < f->rs.n; i++) {
		struct fetch_resp *r = &f->rs.resps[i];
		char path[512];

		const char *p = strstr(f->rs.v[i].url, "://");

		/* every host (third parties too) is served from tests/fixtures */
		p = p ? strchr(p + 3, '/') : NULL;
		snprintf(path, sizeof(path), ROOT "%s", p ? p + 1 : "");
		r->body = slurp(path, &r->body_len);
		r->status = r->body ? 200 : 404;
		r->wire_bytes = r->body_len;
		add_header(r, "Content-Type", mime(f->rs.v[i].url));
		if (f->extra_name)
			add_header(r, f->extra_name, f->extra_value);
		f->rs.v[i].fetched = true;
		f->rs.v[i].resp = r;
	}
}

static void
fx_open(struct fx *f, const char *page)
{
	char path[256], url[256];
	size_t first;

	snprintf(path, sizeof(path), ROOT "perf/%s", page);
	snprintf(url, sizeof(url), BASE "%s", page);
	assert_non_null(f->html = slurp(path, &f->len));
	assert_non_null(f->g = gumbo_parse(f->html));
	assert_int_equal(resources_init(&f->rs, url, 0), SA_OK);
	assert_int_equal(resources_discover(&f->rs, f->g, url, STRATEGY_MOBILE),
	    SA_OK);
	fake_fetch(f, 0);
	first = f->rs.n;
	for (size_t i = 0; i < first; i++)
		if (f->rs.v[i].type == RES_STYLESHEET && f->rs.resps[i].body)
			resources_discover_css(&f->rs, f->rs.resps[i].body,
			    f->rs.resps[i].body_len, f->rs.v[i].url, (long)i);
	fake_fetch(f, first);
	f->ctx.url = url;
	f->ctx.status = 200;
	f->ctx.html = f->html;
	f->ctx.html_len = f->len;
	f->ctx.gumbo = f->g;
	f->ctx.strategy = STRATEGY_MOBILE;
	f->ctx.resp = f->doc;
	f->ctx.resources = f->rs.v;
	f->ctx.nresources = f->rs.n;
	assert_int_equal(perf_run(&f->ctx, -1, &f->pf), SA_OK);
	f->ctx.perf = f->pf;
	f->ctx.url = NULL;   /* url[] dies here; checks do not need it */
}

static void
fx_close(struct fx *f)
{
	perf_result_free(f->pf);
	resources_free(&f->rs);
	gumbo_destroy_output(&kGumboDefaultOptions, f->g);
	free(f->html);
}

static enum check_verdict
verdict(const char *page, const char *id, const char *hn, const char *hv)
{
	struct fx f = { .extra_name = hn, .extra_value = hv };
	struct check_result r = { CHECK_NA, NULL, 0, NULL };
	enum check_verdict v;
	size_t i;

	fx_open(&f, page);
	for (i = 0; i < audit_checks_perf_count; i++)
		if (strcmp(audit_checks_perf[i].id, id) == 0)
			break;
	assert_true(i < audit_checks_perf_count);
	audit_checks_perf[i].run(&f.ctx, &r);
	v = r.verdict;
	check_result_free(&r);
	fx_close(&f);
	return v;
}

#define FAILS(page, id) assert_int_equal(verdict(page, id, NULL, NULL), CHECK_FAIL)
#define PASSES(page, id) assert_int_equal(verdict(page, id, NULL, NULL), CHECK_PASS)

static void
test_render_blocking(void **state)
{
	(void)state;
	FAILS("css-one.html", "render-blocking-resources");
	FAILS("js-sync-head.html", "render-blocking-resources");
	PASSES("js-defer.html", "render-blocking-resources");
	PASSES("minimal.html", "render-blocking-resources");
}

static void
test_images(void **state)
{
	(void)state;
	FAILS("images-unsized.html", "unsized-images");
	PASSES("hero-image.html", "unsized-images");
	FAILS("hero-lazy.html", "lcp-lazy-loaded");
	PASSES("hero-image.html", "lcp-lazy-loaded");
	FAILS("images-many.html", "offscreen-images");
	PASSES("hero-image.html", "offscreen-images");
	FAILS("hero-image.html", "modern-image-formats");
	PASSES("minimal.html", "modern-image-formats");
}

static void
test_text_and_cache(void **state)
{
	(void)state;
	FAILS("css-one.html", "uses-text-compression");
	assert_int_equal(verdict("css-one.html", "uses-text-compression",
	    "Content-Encoding", "gzip"), CHECK_PASS);
	FAILS("css-one.html", "uses-long-cache-ttl");
	assert_int_equal(verdict("css-one.html", "uses-long-cache-ttl",
	    "Cache-Control", "public, max-age=31536000"), CHECK_PASS);
	FAILS("css-one.html", "unminified-css");
	PASSES("minimal.html", "unminified-css");
}

static void
test_dom_fonts_js(void **state)
{
	(void)state;
	FAILS("dom-big.html", "dom-size");
	PASSES("minimal.html", "dom-size");
	FAILS("fonts.html", "font-display");
	assert_int_equal(verdict("minimal.html", "font-display", NULL, NULL),
	    CHECK_NA);
	PASSES("js-huge.html", "bootup-time");
	PASSES("minimal.html", "redirects");
	PASSES("minimal.html", "server-response-time");
}

static void
test_savings_and_lcp_element(void **state)
{
	struct fx f = { 0 };

	(void)state;
	fx_open(&f, "css-heavy.html");
	assert_int_equal(f.pf->opps[PO_RENDER_BLOCKING].verdict, CHECK_FAIL);
	assert_true(f.pf->opps[PO_RENDER_BLOCKING].ms > 1000);
	assert_true(f.pf->opps[PO_TEXT_COMPRESSION].bytes > 300000);
	assert_true(f.pf->fcp_ms > 2000);
	fx_close(&f);
	memset(&f, 0, sizeof(f));
	fx_open(&f, "hero-image.html");
	assert_string_equal(f.pf->lcp_kind, "image");
	assert_non_null(strstr(f.pf->lcp_selector, "img"));
	assert_true(f.pf->lcp_ms > f.pf->fcp_ms);
	fx_close(&f);
}

static void
test_image_encoding_and_size(void **state)
{
	(void)state;
	/* 128x128 noise JPEG at quantiser 1 (~28 KB) vs a gradient at 16 */
	FAILS("jpeg-heavy.html", "uses-optimized-images");
	PASSES("jpeg-light.html", "uses-optimized-images");
	PASSES("hero-image.html", "uses-optimized-images");   /* PNG: n/a */
	/* hero.png (360x240) shown at 90x60 vs at its own size */
	FAILS("image-oversized.html", "uses-responsive-images");
	PASSES("hero-image.html", "uses-responsive-images");
}

static void
test_bootup_and_third_parties(void **state)
{
	(void)state;
	FAILS("js-bootup.html", "bootup-time");      /* ~1 MB of script */
	PASSES("js-huge.html", "bootup-time");       /* 400 KB */
	FAILS("third-party-heavy.html", "third-party-summary");
	PASSES("third-party-light.html", "third-party-summary");
	assert_int_equal(verdict("minimal.html", "third-party-summary", NULL,
	    NULL), CHECK_NA);
	FAILS("preconnect-missing.html", "uses-rel-preconnect");
	PASSES("preconnect-hint.html", "uses-rel-preconnect");
	PASSES("css-one.html", "uses-rel-preconnect");   /* same origin */
}

/* The verdict of id on minimal.html served as doc describes. */
static enum check_verdict
doc_verdict(const struct fetch_resp *doc, const char *id)
{
	struct fx f = { .doc = doc };
	struct check_result r = { CHECK_NA, NULL, 0, NULL };
	enum check_verdict v;
	size_t i;

	fx_open(&f, "minimal.html");
	for (i = 0; i < audit_checks_perf_count; i++)
		if (strcmp(audit_checks_perf[i].id, id) == 0)
			break;
	assert_true(i < audit_checks_perf_count);
	audit_checks_perf[i].run(&f.ctx, &r);
	v = r.verdict;
	if (v == CHECK_FAIL)
		assert_true(f.pf->opps[strcmp(id, "redirects") == 0 ?
		    PO_REDIRECTS : PO_SERVER_TIME].ms > 0);
	check_result_free(&r);
	fx_close(&f);
	return v;
}

static void
test_redirects_and_server_time(void **state)
{
	char *chain[] = { "http://127.0.0.1/a", "http://127.0.0.1/b" };
	struct fetch_resp doc = { 0 };

	(void)state;
	doc.status = 200;
	doc.wait_ms = 40;
	assert_int_equal(doc_verdict(&doc, "redirects"), CHECK_PASS);
	assert_int_equal(doc_verdict(&doc, "server-response-time"), CHECK_PASS);
	doc.redirects = 2;
	doc.redirect_chain = chain;
	assert_int_equal(doc_verdict(&doc, "redirects"), CHECK_FAIL);
	doc.redirects = 0;
	doc.redirect_chain = NULL;
	doc.wait_ms = 1500;   /* a synthetic slow server (nginx cannot delay) */
	assert_int_equal(doc_verdict(&doc, "server-response-time"), CHECK_FAIL);
	doc.wait_ms = 590;
	assert_int_equal(doc_verdict(&doc, "server-response-time"), CHECK_PASS);
}

static void
test_audit_html_scores_performance(void **state)
{
	static const char html[] = "<!doctype html><html lang=en><head>"
	    "<title>t</title><link rel=stylesheet href=/a.css></head>"
	    "<body><p>Hello there, a short page.</p></body></html>";
	struct audit_opts o;
	struct audit_report *r;

	(void)state;
	audit_opts_init(&o);
	o.dims = AUDIT_DIM_BIT(DIM_PERFORMANCE);
	assert_int_equal(audit_html("https://example.com/", html,
	    sizeof(html) - 1, &o, &r), SA_OK);
	assert_non_null(r->pages[0].perf);
	assert_true(r->scores[DIM_PERFORMANCE] >= 0);
	assert_true(r->pages[0].perf->fcp_ms > 0);
	audit_report_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_blocking),
		cmocka_unit_test(test_images),
		cmocka_unit_test(test_text_and_cache),
		cmocka_unit_test(test_dom_fonts_js),
		cmocka_unit_test(test_savings_and_lcp_element),
		cmocka_unit_test(test_image_encoding_and_size),
		cmocka_unit_test(test_bootup_and_third_parties),
		cmocka_unit_test(test_redirects_and_server_time),
		cmocka_unit_test(test_audit_html_scores_performance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
