/* test_bp.c: unit tests for the best-practices checks (lib/audit/checks_bp*.c). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/check.h"
#include "audit/checks_bp.h"
#include "audit/dom.h"
#include "audit/fetch.h"

#define HTTPS "https://www.example.com/page.html"
#define HTTP  "http://www.example.com/page.html"

struct run {
	GumboOutput          *g;
	struct page_ctx       ctx;
	struct check_result   r;
	struct fetch_resp     resp;
	struct fetch_header   hdr[4];
	struct page_resource  res[4];
	struct fetch_resp     rresp[4];
};

static const struct check_def *
def(const char *id)
{
	for (size_t i = 0; i < audit_checks_bp_count; i++)
		if (strcmp(audit_checks_bp[i].id, id) == 0)
			return &audit_checks_bp[i];
	fail_msg("no best-practices check %s", id);
	return NULL;
}

static void
prepare(struct run *x, const char *url, const char *html)
{
	memset(x, 0, sizeof(*x));
	x->g = gumbo_parse(html);
	assert_non_null(x->g);
	x->ctx.url = url;
	x->ctx.status = 200;
	x->ctx.html = html;
	x->ctx.html_len = strlen(html);
	x->ctx.gumbo = x->g;
}

/* Gives the page a response that asked for `asked`, with one header. */
static void
with_resp(struct run *x, const char *asked, const char *name,
    const char *value)
{
	x->resp.url = (char *)asked;
	x->resp.status = 200;
	if (name) {
		x->hdr[0].name = (char *)name;
		x->hdr[0].value = (char *)value;
		x->resp.headers = x->hdr;
		x->resp.nheaders = 1;
	}
	x->ctx.resp = &x->resp;
}

/* Adds fetched resource k: url, type, element, status and body. */
static void
with_res(struct run *x, size_t k, const char *url, enum resource_type t,
    const GumboNode *node, long status, const void *body, size_t len)
{
	x->rresp[k].status = status;
	x->rresp[k].body = (char *)body;
	x->rresp[k].body_len = len;
	x->res[k].url = (char *)url;
	x->res[k].type = t;
	x->res[k].node = node;
	x->res[k].fetched = true;
	x->res[k].resp = &x->rresp[k];
	x->ctx.resources = x->res;
	x->ctx.nresources = k + 1;
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
expect(const char *id, const char *url, const char *html,
    enum check_verdict v)
{
	struct run x;

	prepare(&x, url, html);
	exec(&x, id);
	assert_int_equal(x.r.verdict, v);
	if (v != CHECK_FAIL)
		assert_int_equal(x.r.nitems, 0);
	done(&x);
}

/* Runs id and asserts a failure with n items; item 0 at sel (or, with
 * sel NULL, a text item whose note contains note). */
static void
expect_fail(struct run *x, const char *id, size_t n, const char *sel,
    const char *note)
{
	exec(x, id);
	assert_int_equal(x->r.verdict, CHECK_FAIL);
	assert_int_equal(x->r.nitems, n);
	if (sel)
		assert_string_equal(x->r.items[0].selector, sel);
	else
		assert_null(x->r.items[0].selector);
	if (note)
		assert_non_null(strstr(x->r.items[0].note, note));
}

static void
test_table(void **state)
{
	(void)state;
	assert_int_equal(audit_checks_bp_count, 9);
	for (size_t i = 0; i < audit_checks_bp_count; i++) {
		assert_int_equal(audit_checks_bp[i].dim, DIM_BEST_PRACTICES);
		assert_non_null(audit_checks_bp[i].run);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(audit_checks_bp[i].id,
			    audit_checks_bp[j].id);
	}
	assert_true(def("is-on-https")->weight == 5);
	assert_true(def("deprecations")->weight == 5);
	assert_true(def("doctype")->weight == 1);
}

static void
test_is_on_https(void **state)
{
	struct run x;

	(void)state;
	expect("is-on-https", HTTPS, "<p>x", CHECK_PASS);
	prepare(&x, HTTP, "<p>x");
	expect_fail(&x, "is-on-https", 1, NULL, "plain HTTP");
	assert_string_equal(x.r.items[0].snippet, HTTP);
	done(&x);
}

static void
test_redirects_http(void **state)
{
	struct run x;

	(void)state;
	expect("redirects-http", HTTPS, "<p>x", CHECK_NA);   /* no response */
	prepare(&x, HTTPS, "<p>x");
	with_resp(&x, "http://www.example.com/", NULL, NULL);
	exec(&x, "redirects-http");
	assert_int_equal(x.r.verdict, CHECK_PASS);
	done(&x);
	prepare(&x, HTTP, "<p>x");
	with_resp(&x, "http://www.example.com/", NULL, NULL);
	expect_fail(&x, "redirects-http", 1, NULL, "not redirected");
	assert_string_equal(x.r.items[0].snippet, "http://www.example.com/");
	done(&x);
	prepare(&x, HTTPS, "<p>x");
	with_resp(&x, HTTPS, NULL, NULL);
	exec(&x, "redirects-http");
	assert_int_equal(x.r.verdict, CHECK_NA);
	done(&x);
}

static void
test_doctype(void **state)
{
	struct run x;

	(void)state;
	expect("doctype", HTTPS, "<!DOCTYPE html><title>x</title>", CHECK_PASS);
	expect("doctype", HTTPS, "<!doctype HTML><p>x", CHECK_PASS);
	prepare(&x, HTTPS, "<title>x</title>");
	expect_fail(&x, "doctype", 1, NULL, "no <!DOCTYPE html>");
	done(&x);
	prepare(&x, HTTPS, "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 "
	    "Transitional//EN\"><p>x");
	expect_fail(&x, "doctype", 1, NULL, "quirks mode");
	done(&x);
	prepare(&x, HTTPS, "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 "
	    "Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/"
	    "xhtml1-transitional.dtd\"><p>x");
	expect_fail(&x, "doctype", 1, NULL, "limited-quirks");
	done(&x);
	expect("doctype", HTTPS, "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 "
	    "Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">"
	    "<p>x", CHECK_PASS);
}

static void
test_charset(void **state)
{
	static char late[1400];
	struct run x;

	(void)state;
	expect("charset", HTTPS, "<!DOCTYPE html><meta charset=\"utf-8\">"
	    "<title>x</title>", CHECK_PASS);
	expect("charset", HTTPS, "<meta http-equiv=Content-Type content="
	    "\"text/html; charset=utf-8\"><p>x", CHECK_PASS);
	expect("charset", HTTPS, "\xEF\xBB\xBF<p>x", CHECK_PASS);
	prepare(&x, HTTPS, "<title>x</title><p>x");
	expect_fail(&x, "charset", 1, "head", "No charset");
	done(&x);
	prepare(&x, HTTPS, "<title>x</title><p>x");
	with_resp(&x, HTTPS, "Content-Type", "text/html; charset=UTF-8");
	exec(&x, "charset");
	assert_int_equal(x.r.verdict, CHECK_PASS);
	done(&x);
	memset(late, ' ', sizeof(late) - 1);
	memcpy(late, "<!DOCTYPE html><head><!--", 25);
	memcpy(late + 1200, "--><meta charset=utf-8><p>x", 27);
	prepare(&x, HTTPS, late);
	expect_fail(&x, "charset", 1, "head > meta", "after the first 1024");
	done(&x);
}

static void
test_deprecations(void **state)
{
	struct run x;

	(void)state;
	expect("deprecations", HTTPS, "<p>fine <b>bold</b>", CHECK_PASS);
	prepare(&x, HTTPS, "<center><font color=red>x</font></center>"
	    "<marquee>y</marquee>");
	expect_fail(&x, "deprecations", 3, "center", "<center> is obsolete");
	assert_string_equal(x.r.items[1].selector, "center > font");
	assert_string_equal(x.r.items[2].note, "<marquee> is obsolete");
	done(&x);
}

static void
test_vulnerable_libraries(void **state)
{
	static const char banner[] = "/*! jQuery v3.4.1 | (c) JS Foundation */";
	struct run x;

	(void)state;
	expect("no-vulnerable-libraries", HTTPS, "<p>no scripts", CHECK_NA);
	expect("no-vulnerable-libraries", HTTPS,
	    "<script src=/app-1.2.3.js></script>", CHECK_NA);
	expect("no-vulnerable-libraries", HTTPS,
	    "<script src=/js/jquery-3.7.1.min.js></script>", CHECK_PASS);
	prepare(&x, HTTPS, "<script src=/js/jquery-1.8.3.min.js></script>"
	    "<script src=/js/lodash-4.17.21.js></script>");
	expect_fail(&x, "no-vulnerable-libraries", 1, "head > script:nth-of-type(1)",
	    "jQuery 1.8.3: CVE-2012-6708");
	done(&x);
	/* a fetched script with a banner in its body */
	prepare(&x, HTTPS, "<script src=/bundle.js></script>");
	with_res(&x, 0, "https://www.example.com/bundle.js", RES_SCRIPT,
	    dom_find(x.g->root, GUMBO_TAG_SCRIPT), 200, banner,
	    sizeof(banner) - 1);
	expect_fail(&x, "no-vulnerable-libraries", 1, "head > script",
	    "jQuery 3.4.1: CVE-2020-11022, CVE-2020-11023");
	done(&x);
}

static void
test_errors_in_subresources(void **state)
{
	struct run x;
	const GumboNode *img;

	(void)state;
	expect("errors-in-subresources", HTTPS, "<img src=a.png alt=''>",
	    CHECK_NA);
	prepare(&x, HTTPS, "<img src=/a.png alt=''><img src=/b.png alt=''>");
	img = dom_find(x.g->root, GUMBO_TAG_IMG);
	with_res(&x, 0, "https://www.example.com/a.png", RES_IMAGE, img, 200,
	    NULL, 0);
	exec(&x, "errors-in-subresources");
	assert_int_equal(x.r.verdict, CHECK_PASS);
	with_res(&x, 1, "https://www.example.com/missing.css", RES_STYLESHEET,
	    NULL, 404, NULL, 0);
	check_result_free(&x.r);
	expect_fail(&x, "errors-in-subresources", 1, NULL, NULL);
	assert_string_equal(x.r.items[0].snippet,
	    "https://www.example.com/missing.css");
	assert_string_equal(x.r.items[0].note, "HTTP 404");
	x.rresp[0].status = 503;
	check_result_free(&x.r);
	expect_fail(&x, "errors-in-subresources", 2, "img:nth-of-type(1)",
	    "HTTP 503: https://www.example.com/a.png");
	done(&x);
}

static void
test_mixed_content(void **state)
{
	struct run x;

	(void)state;
	expect("mixed-content", HTTP, "<img src=http://cdn.test/a.png alt=''>",
	    CHECK_NA);
	expect("mixed-content", HTTPS, "<img src=https://cdn.test/a.png alt=''>"
	    "<a href=http://other.test/>link</a>", CHECK_PASS);
	prepare(&x, HTTPS, "<link rel=stylesheet href=http://cdn.test/a.css>"
	    "<img src=/ok.png alt=''><script src=http://cdn.test/a.js></script>");
	expect_fail(&x, "mixed-content", 2, "head > link",
	    "Loaded over http: http://cdn.test/a.css");
	assert_string_equal(x.r.items[1].selector, "script");
	done(&x);
	/* resources (CSS url() has no element) take over from the DOM */
	prepare(&x, HTTPS, "<p>x");
	with_res(&x, 0, "http://cdn.test/bg.png", RES_IMAGE, NULL, 200, NULL, 0);
	expect_fail(&x, "mixed-content", 1, NULL, "Loaded over http");
	assert_string_equal(x.r.items[0].snippet, "http://cdn.test/bg.png");
	done(&x);
}

/* A PNG header for a w × h image (signature, IHDR length and type, size). */
static void
png(unsigned char *b, unsigned w, unsigned h)
{
	memcpy(b, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
	b[16] = (unsigned char)(w >> 24); b[17] = (unsigned char)(w >> 16);
	b[18] = (unsigned char)(w >> 8);  b[19] = (unsigned char)w;
	b[20] = (unsigned char)(h >> 24); b[21] = (unsigned char)(h >> 16);
	b[22] = (unsigned char)(h >> 8);  b[23] = (unsigned char)h;
}

static void
test_image_size(void **state)
{
	static const unsigned char gif[] = "GIF89a\x40\x01\xf0\x00";
	static const unsigned char jpg[] = {
		0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F',
		0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03,
	};
	static const unsigned char webp[] = "RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0"
	    "\0\0\0\0\x1f\x03\0\xdf\x01\0";
	unsigned char p[24];
	unsigned w = 0, h = 0;

	(void)state;
	png(p, 800, 600);
	assert_true(bp_image_size(p, sizeof(p), &w, &h));
	assert_int_equal(w, 800);
	assert_int_equal(h, 600);
	assert_false(bp_image_size(p, 20, &w, &h));
	assert_true(bp_image_size(gif, 10, &w, &h));
	assert_int_equal(w, 320);
	assert_int_equal(h, 240);
	assert_true(bp_image_size(jpg, sizeof(jpg), &w, &h));
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	assert_true(bp_image_size(webp, 30, &w, &h));
	assert_int_equal(w, 800);
	assert_int_equal(h, 480);
	assert_false(bp_image_size((const unsigned char *)"<svg/>", 6, &w, &h));
}

static void
test_image_aspect_ratio(void **state)
{
	static unsigned char file[24];
	struct run x;

	(void)state;
	png(file, 800, 600);
	expect("image-aspect-ratio", HTTPS, "<img src=a.png alt=''>", CHECK_NA);
	prepare(&x, HTTPS, "<img src=/img/a.png width=400 height=300 alt=''>");
	with_res(&x, 0, "https://www.example.com/img/a.png", RES_IMAGE,
	    dom_find(x.g->root, GUMBO_TAG_IMG), 200, file, sizeof(file));
	exec(&x, "image-aspect-ratio");
	assert_int_equal(x.r.verdict, CHECK_PASS);
	done(&x);
	prepare(&x, HTTPS, "<img id=hero src=/img/a.png width=400 height=400 "
	    "alt=''>");
	with_res(&x, 0, "https://www.example.com/img/a.png", RES_IMAGE,
	    dom_find(x.g->root, GUMBO_TAG_IMG), 200, file, sizeof(file));
	expect_fail(&x, "image-aspect-ratio", 1, "img#hero",
	    "file 800 × 600 (1.33)");
	done(&x);
	/* object-fit crops on purpose: not judged */
	prepare(&x, HTTPS, "<img src=/img/a.png width=400 height=400 alt='' "
	    "style='object-fit: cover'>");
	with_res(&x, 0, "https://www.example.com/img/a.png", RES_IMAGE,
	    dom_find(x.g->root, GUMBO_TAG_IMG), 200, file, sizeof(file));
	exec(&x, "image-aspect-ratio");
	assert_int_equal(x.r.verdict, CHECK_NA);
	done(&x);
}

/* docs/scoring.md has a "| `id` | dimension | weight |" row for every
 * best-practices and security check (as test_score.c asks of the others). */
static void
test_documented(void **state)
{
	const struct { const struct check_def *d; size_t n; } t[] = {
		{ audit_checks_bp, audit_checks_bp_count },
		{ audit_checks_sec, audit_checks_sec_count },
	};
	FILE *f = fopen("docs/scoring.md", "rb");
	static char doc[1 << 16];
	char row[256];
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(doc, 1, sizeof(doc) - 1, f);
	fclose(f);
	doc[n] = '\0';
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < t[k].n; i++) {
			snprintf(row, sizeof(row), "| `%s` | %s | %g |",
			    t[k].d[i].id, audit_dim_names[t[k].d[i].dim],
			    t[k].d[i].weight);
			if (strstr(doc, row) == NULL)
				fail_msg("docs/scoring.md lacks \"%s\"", row);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_is_on_https),
		cmocka_unit_test(test_redirects_http),
		cmocka_unit_test(test_doctype),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_deprecations),
		cmocka_unit_test(test_vulnerable_libraries),
		cmocka_unit_test(test_errors_in_subresources),
		cmocka_unit_test(test_mixed_content),
		cmocka_unit_test(test_image_size),
		cmocka_unit_test(test_image_aspect_ratio),
		cmocka_unit_test(test_documented),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
