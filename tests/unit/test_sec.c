/* test_sec.c: unit tests for the security checks (lib/audit/checks_sec*.c). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "audit/check.h"
#include "audit/checks_sec.h"
#include "audit/fetch.h"
#include "audit/fetch_int.h"

#define HTTPS "https://www.example.com/page.html"
#define HTTP  "http://www.example.com/page.html"
#define MAXH  8

struct run {
	GumboOutput         *g;
	struct page_ctx      ctx;
	struct check_result  r;
	struct fetch_resp    resp;
	struct fetch_header  hdr[MAXH];
};

static const struct check_def *
def(const char *id)
{
	for (size_t i = 0; i < audit_checks_sec_count; i++)
		if (strcmp(audit_checks_sec[i].id, id) == 0)
			return &audit_checks_sec[i];
	fail_msg("no security check %s", id);
	return NULL;
}

/*
 * A page at url with html and a response whose headers come from hdrs:
 * "Name: value" strings, NULL-terminated (hdrs NULL: no response at all).
 */
static void
prepare(struct run *x, const char *url, const char *html,
    const char *const *hdrs)
{
	static char store[MAXH][256];

	memset(x, 0, sizeof(*x));
	x->g = gumbo_parse(html);
	assert_non_null(x->g);
	x->ctx.url = url;
	x->ctx.status = 200;
	x->ctx.html = html;
	x->ctx.html_len = strlen(html);
	x->ctx.gumbo = x->g;
	if (hdrs == NULL)
		return;
	for (size_t i = 0; hdrs[i] && i < MAXH; i++) {
		char *colon;

		snprintf(store[i], sizeof(store[i]), "%s", hdrs[i]);
		colon = strchr(store[i], ':');
		assert_non_null(colon);
		*colon = '\0';
		x->hdr[i].name = store[i];
		x->hdr[i].value = colon + 1 + (colon[1] == ' ');
		x->resp.nheaders = i + 1;
	}
	x->resp.headers = x->hdr;
	x->resp.url = (char *)url;
	x->resp.status = 200;
	x->resp.tls_verify_result = -1;
	x->ctx.resp = &x->resp;
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

/* Runs id on a page and asserts the verdict (and no items unless FAIL). */
static void
verdict(const char *id, const char *url, const char *html,
    const char *const *hdrs, enum check_verdict v)
{
	struct run x;

	prepare(&x, url, html, hdrs);
	exec(&x, id);
	assert_int_equal(x.r.verdict, v);
	if (v != CHECK_FAIL)
		assert_int_equal(x.r.nitems, 0);
	done(&x);
}

/* Runs id and asserts one failing item: snippet what (if not NULL), note
 * containing note, selector sel (NULL: a text item). */
static void
fails(const char *id, const char *url, const char *html,
    const char *const *hdrs, const char *sel, const char *what,
    const char *note)
{
	struct run x;

	prepare(&x, url, html, hdrs);
	exec(&x, id);
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_int_equal(x.r.nitems, 1);
	if (sel)
		assert_string_equal(x.r.items[0].selector, sel);
	else
		assert_null(x.r.items[0].selector);
	if (what)
		assert_string_equal(x.r.items[0].snippet, what);
	if (note && strstr(x.r.items[0].note, note) == NULL)
		fail_msg("note \"%s\" lacks \"%s\"", x.r.items[0].note, note);
	done(&x);
}

#define H(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NOHDR  ((const char *const[]){ NULL })

static void
test_table(void **state)
{
	(void)state;
	assert_int_equal(audit_checks_sec_count, 12);
	for (size_t i = 0; i < audit_checks_sec_count; i++) {
		assert_int_equal(audit_checks_sec[i].dim, DIM_SECURITY);
		assert_true(audit_checks_sec[i].weight > 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(audit_checks_sec[i].id,
			    audit_checks_sec[j].id);
	}
	/* without a response (audit_html) the header checks do not apply */
	verdict("has-hsts", HTTPS, "<p>x", NULL, CHECK_NA);
	verdict("csp-xss", HTTPS, "<p>x", NULL, CHECK_NA);
	verdict("version-disclosure", HTTPS, "<p>x", NULL, CHECK_NA);
}

static void
test_hsts(void **state)
{
	(void)state;
	verdict("has-hsts", HTTPS, "<p>x", H("Strict-Transport-Security: "
	    "max-age=63072000; includeSubDomains; preload"), CHECK_PASS);
	verdict("has-hsts", HTTP, "<p>x", NOHDR, CHECK_NA);
	fails("has-hsts", HTTPS, "<p>x", NOHDR, NULL,
	    "Strict-Transport-Security", "no Strict-Transport-Security");
	fails("has-hsts", HTTPS, "<p>x", H("Strict-Transport-Security: "
	    "max-age=300"), NULL, "max-age=300",
	    "max-age is below one year (31536000); includeSubDomains is "
	    "missing");
	fails("has-hsts", HTTPS, "<p>x", H("Strict-Transport-Security: "
	    "max-age=\"31536000\""), NULL, NULL,
	    "includeSubDomains is missing");
}

static void
test_csp(void **state)
{
	(void)state;
	verdict("csp-xss", HTTP, "<p>x", H("Content-Security-Policy: "
	    "default-src 'self'; img-src *"), CHECK_PASS);
	verdict("csp-xss", HTTPS, "<p>x", H("Content-Security-Policy: "
	    "script-src 'self' 'unsafe-inline' 'nonce-abc'"), CHECK_PASS);
	verdict("csp-xss", HTTPS, "<meta http-equiv=Content-Security-Policy "
	    "content=\"script-src 'self'\">", NOHDR, CHECK_PASS);
	fails("csp-xss", HTTPS, "<p>x", NOHDR, NULL, "Content-Security-Policy",
	    "No Content-Security-Policy");
	fails("csp-xss", HTTPS, "<p>x", H("Content-Security-Policy: "
	    "script-src 'self' 'unsafe-inline'"), NULL, NULL,
	    "allows 'unsafe-inline'");
	fails("csp-xss", HTTPS, "<p>x", H("Content-Security-Policy: "
	    "default-src 'self'; script-src 'self' 'unsafe-eval'"), NULL, NULL,
	    "allows 'unsafe-eval'");
	fails("csp-xss", HTTPS, "<p>x", H("Content-Security-Policy: "
	    "img-src 'self'"), NULL, "img-src 'self'",
	    "No script-src or default-src");
	/* script-src wins over default-src */
	fails("csp-xss", HTTPS, "<p>x", H("Content-Security-Policy: "
	    "default-src 'self'; script-src * 'unsafe-inline'"), NULL, NULL,
	    "'unsafe-inline'");
}

static void
test_csp_parse(void **state)
{
	const char *pol = "default-src 'self' ; script-src-elem x; "
	    "script-src 'nonce-r4nd' https:", *v;
	size_t n;

	(void)state;
	assert_true(sec_csp_directive(pol, strlen(pol), "script-src", &v, &n));
	assert_int_equal(n, strlen(" 'nonce-r4nd' https:"));
	assert_true(sec_csp_has(v, n, "'nonce-"));
	assert_false(sec_csp_has(v, n, "'unsafe-inline'"));
	assert_false(sec_csp_directive(pol, strlen(pol), "frame-ancestors",
	    &v, &n));
}

static void
test_simple_headers(void **state)
{
	(void)state;
	verdict("x-content-type-options", HTTP, "<p>x",
	    H("X-Content-Type-Options: nosniff"), CHECK_PASS);
	fails("x-content-type-options", HTTP, "<p>x", NOHDR, NULL,
	    "X-Content-Type-Options", "no X-Content-Type-Options header");
	fails("x-content-type-options", HTTP, "<p>x",
	    H("X-Content-Type-Options: sniff"), NULL, "sniff", "nosniff");
	verdict("clickjacking-mitigation", HTTP, "<p>x",
	    H("X-Frame-Options: SAMEORIGIN"), CHECK_PASS);
	verdict("clickjacking-mitigation", HTTP, "<p>x",
	    H("Content-Security-Policy: frame-ancestors 'none'"), CHECK_PASS);
	fails("clickjacking-mitigation", HTTP, "<p>x", NOHDR, NULL,
	    "X-Frame-Options", "Neither X-Frame-Options");
	fails("clickjacking-mitigation", HTTP, "<p>x",
	    H("X-Frame-Options: ALLOW-FROM https://a.test/"), NULL,
	    "ALLOW-FROM https://a.test/", "DENY or SAMEORIGIN");
	verdict("referrer-policy", HTTP, "<p>x",
	    H("Referrer-Policy: no-referrer, strict-origin-when-cross-origin"),
	    CHECK_PASS);
	verdict("referrer-policy", HTTP, "<meta name=referrer content=origin>",
	    NOHDR, CHECK_PASS);
	fails("referrer-policy", HTTP, "<p>x", NOHDR, NULL, "Referrer-Policy",
	    "no Referrer-Policy");
	fails("referrer-policy", HTTP, "<p>x", H("Referrer-Policy: unsafe-url"),
	    NULL, "unsafe-url", "full URL");
	fails("referrer-policy", HTTP, "<p>x", H("Referrer-Policy: bogus"),
	    NULL, "bogus", "No policy");
	verdict("permissions-policy", HTTP, "<p>x",
	    H("Permissions-Policy: geolocation=(), camera=()"), CHECK_PASS);
	fails("permissions-policy", HTTP, "<p>x", NOHDR, NULL,
	    "Permissions-Policy", "no Permissions-Policy");
}

static void
test_version_disclosure(void **state)
{
	struct run x;

	(void)state;
	verdict("version-disclosure", HTTP, "<p>x",
	    H("Server: nginx", "X-Powered-By: Express"), CHECK_PASS);
	verdict("version-disclosure", HTTP, "<p>x", NOHDR, CHECK_PASS);
	fails("version-disclosure", HTTP, "<p>x", H("Server: nginx/1.22.1"),
	    NULL, "Server: nginx/1.22.1", "version number");
	prepare(&x, HTTP, "<p>x", H("Server: Apache/2.4.57 (Debian)",
	    "X-Powered-By: PHP/8.2.7", "X-AspNet-Version: 4"));
	exec(&x, "version-disclosure");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_int_equal(x.r.nitems, 3);
	assert_string_equal(x.r.items[1].snippet, "X-Powered-By: PHP/8.2.7");
	done(&x);
}

static void
test_cookie_flags(void **state)
{
	struct run x;

	(void)state;
	verdict("cookie-flags", HTTPS, "<p>x", NOHDR, CHECK_NA);
	verdict("cookie-flags", HTTPS, "<p>x", H("Set-Cookie: sid=1; Path=/; "
	    "Secure; HttpOnly; SameSite=Lax"), CHECK_PASS);
	/* Secure is not asked for on http pages */
	verdict("cookie-flags", HTTP, "<p>x", H("Set-Cookie: sid=1; HttpOnly; "
	    "SameSite=Strict"), CHECK_PASS);
	fails("cookie-flags", HTTPS, "<p>x", H("Set-Cookie: sid=abc; Path=/"),
	    NULL, "sid", "no Secure; no HttpOnly; no SameSite");
	fails("cookie-flags", HTTPS, "<p>x", H("Set-Cookie: t=1; HttpOnly; "
	    "SameSite=None"), NULL, "t", "no Secure; SameSite=None without "
	    "Secure");
	prepare(&x, HTTPS, "<p>x", H("Set-Cookie: a=1; Secure; HttpOnly; "
	    "SameSite=Lax", "Set-Cookie: b=2; Secure; SameSite=Lax"));
	exec(&x, "cookie-flags");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_int_equal(x.r.nitems, 1);
	assert_string_equal(x.r.items[0].snippet, "b");
	assert_string_equal(x.r.items[0].note, "no HttpOnly");
	done(&x);
}

static void
test_noopener(void **state)
{
	(void)state;
	verdict("external-links-noopener", HTTPS, "<a href=/x target=_blank>"
	    "x</a><a href=https://other.test/>y</a>", NOHDR, CHECK_NA);
	verdict("external-links-noopener", HTTPS, "<a href=https://other.test/ "
	    "target=_blank rel='external noopener'>x</a>", NOHDR, CHECK_PASS);
	fails("external-links-noopener", HTTPS, "<a href=/ok>x</a><a id=out "
	    "href=https://other.test/ target=_BLANK>y</a>", NOHDR, "a#out",
	    NULL, "without rel=noopener");
}

static void
test_sri(void **state)
{
	(void)state;
	verdict("subresource-integrity", HTTPS, "<script src=/app.js></script>"
	    "<script src=https://static.example.com/x.js></script>", NOHDR,
	    CHECK_NA);
	verdict("subresource-integrity", HTTPS, "<script src=https://cdn.test/"
	    "x.js integrity=sha384-abc crossorigin></script>", NOHDR,
	    CHECK_PASS);
	fails("subresource-integrity", HTTPS, "<link rel=stylesheet "
	    "href=https://cdn.test/a.css><script src=https://cdn.test/x.js "
	    "integrity='sha384-abc'></script>", NOHDR, "head > link", NULL,
	    "without integrity");
}

static void
test_tls_certificate(void **state)
{
	struct run x;

	(void)state;
	prepare(&x, HTTPS, "<p>x", NOHDR);
	exec(&x, "tls-certificate");              /* TLS facts unknown */
	assert_int_equal(x.r.verdict, CHECK_NA);
	snprintf(x.resp.tls_version, sizeof(x.resp.tls_version), "TLSv1.3");
	x.resp.tls_verify_result = 0;
	x.resp.tls_cert_expiry = (long long)time(NULL) + 90 * 86400LL;
	exec(&x, "tls-certificate");
	assert_int_equal(x.r.verdict, CHECK_PASS);
	x.resp.tls_cert_expiry = (long long)time(NULL) + 10 * 86400LL + 600;
	exec(&x, "tls-certificate");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_non_null(strstr(x.r.items[0].note, "expires in 10 days"));
	check_result_free(&x.r);
	x.resp.tls_cert_expiry = 1000000000;      /* 2001-09-09 */
	exec(&x, "tls-certificate");
	assert_string_equal(x.r.items[0].note,
	    "The certificate expired on 2001-09-09");
	check_result_free(&x.r);
	x.resp.tls_verify_result = 10;
	exec(&x, "tls-certificate");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_non_null(strstr(x.r.items[0].note, "X.509 error 10"));
	done(&x);
	verdict("tls-certificate", HTTP, "<p>x", NOHDR, CHECK_NA);
}

static void
test_tls_version(void **state)
{
	struct run x;

	(void)state;
	prepare(&x, HTTPS, "<p>x", NOHDR);
	exec(&x, "tls-version");
	assert_int_equal(x.r.verdict, CHECK_NA);
	snprintf(x.resp.tls_version, sizeof(x.resp.tls_version), "TLSv1.2");
	exec(&x, "tls-version");
	assert_int_equal(x.r.verdict, CHECK_PASS);
	snprintf(x.resp.tls_version, sizeof(x.resp.tls_version), "TLSv1.1");
	exec(&x, "tls-version");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_string_equal(x.r.items[0].snippet, "TLSv1.1");
	check_result_free(&x.r);
	snprintf(x.resp.tls_version, sizeof(x.resp.tls_version), "TLSv1");
	exec(&x, "tls-version");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	done(&x);
}

/* The certificate date format of curl's OpenSSL certinfo ("Expire date"). */
static void
test_cert_date(void **state)
{
	(void)state;
	assert_true(fetch_tls_parse_date("Mar  5 12:00:00 2025 GMT") ==
	    1741176000LL);
	assert_true(fetch_tls_parse_date(" Dec 31 23:59:59 2026 GMT") ==
	    1798761599LL);
	assert_true(fetch_tls_parse_date("not a date") == 0);
	assert_true(fetch_tls_parse_date(NULL) == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_hsts),
		cmocka_unit_test(test_csp),
		cmocka_unit_test(test_csp_parse),
		cmocka_unit_test(test_simple_headers),
		cmocka_unit_test(test_version_disclosure),
		cmocka_unit_test(test_cookie_flags),
		cmocka_unit_test(test_noopener),
		cmocka_unit_test(test_sri),
		cmocka_unit_test(test_tls_certificate),
		cmocka_unit_test(test_tls_version),
		cmocka_unit_test(test_cert_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
