/* checks_sec_doc.c: security checks on cookies, links, third-party files
 * and the TLS connection. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "audit/checks_bp.h"
#include "audit/checks_sec.h"
#include "audit/dom.h"
#include "audit/fetch.h"

#define CERT_MIN_DAYS 30
#define DAY_SECONDS   86400LL
#define MAX_ITEMS     50

/*==== cookies =============================================================*/

/* True when the attribute list of a Set-Cookie value holds attr ("Secure",
 * "SameSite"…), as a whole name before '=' / ';'. */
static bool
cookie_attr(const char *v, const char *attr, const char **value)
{
	size_t n = strlen(attr);

	for (v = strchr(v, ';'); v; v = strchr(v + 1, ';')) {
		const char *a = v + 1 + strspn(v + 1, " \t");

		if (strncasecmp(a, attr, n) == 0 && strchr(" \t=;", a[n])) {
			if (value)
				*value = a + n + strspn(a + n, " \t=");
			return true;
		}
	}
	return false;
}

/* Appends the missing flags of one cookie to note; true when any. */
static bool
cookie_problems(const char *v, bool https, char *note, size_t len)
{
	const char *ss = NULL;
	bool secure = cookie_attr(v, "Secure", NULL);
	bool same = cookie_attr(v, "SameSite", &ss);
	size_t at = 0;

	note[0] = '\0';
	if (https && !secure)
		at += (size_t)snprintf(note + at, len - at, "no Secure; ");
	if (!cookie_attr(v, "HttpOnly", NULL) && at < len)
		at += (size_t)snprintf(note + at, len - at, "no HttpOnly; ");
	if (!same && at < len)
		at += (size_t)snprintf(note + at, len - at, "no SameSite; ");
	else if (same && strncasecmp(ss, "none", 4) == 0 && !secure && at < len)
		at += (size_t)snprintf(note + at, len - at,
		    "SameSite=None without Secure; ");
	if (at >= 2 && at < len)
		note[at - 2] = '\0';
	return note[0] != '\0';
}

/* Every Set-Cookie needs HttpOnly and SameSite, and Secure on HTTPS pages
 * (a browser rejects Secure cookies sent over plain HTTP). NA without
 * cookies. */
void
sec_cookie_flags(const struct page_ctx *p, struct check_result *r)
{
	const struct fetch_resp *f = p->resp;
	char note[128], name[80];

	for (size_t i = 0; f && i < f->nheaders; i++) {
		const char *v = f->headers[i].value;

		if (strcasecmp(f->headers[i].name, "Set-Cookie") != 0)
			continue;
		if (cookie_problems(v, bp_is_https(p->url), note, sizeof(note))) {
			snprintf(name, sizeof(name), "%.*s", (int)strcspn(v, "=;"),
			    v);
			check_fail_text(r, name, note);
		} else {
			check_pass(r);
		}
	}
}

/*==== links and third-party files ========================================*/

struct link_walk {
	const struct page_ctx *p;
	struct check_result   *r;
	char                  *host;   /* of the page */
};

/* True when url is absolute (or scheme-relative) on another host. */
static bool
other_host(const struct link_walk *w, const char *url)
{
	char *h = bp_url_host(url);
	bool other = h && w->host && strcmp(h, w->host) != 0;

	free(h);
	return other;
}

static bool
noopener_cb(const GumboNode *n, void *arg)
{
	struct link_walk *w = arg;

	if ((!dom_is(n, GUMBO_TAG_A) && !dom_is(n, GUMBO_TAG_AREA)) ||
	    !dom_attr_eq(n, "target", "_blank") ||
	    !other_host(w, dom_attr(n, "href")))
		return true;
	if (bp_has_token(n, "rel", "noopener") ||
	    bp_has_token(n, "rel", "noreferrer"))
		check_pass(w->r);
	else if (w->r->nitems < MAX_ITEMS)
		check_fail_node(w->r, n, "target=_blank without rel=noopener");
	return true;
}

/* NA when no link opens another site in a new window. */
void
sec_noopener(const struct page_ctx *p, struct check_result *r)
{
	struct link_walk w = { p, r, bp_url_host(p->url) };

	if (p->gumbo && w.host)
		dom_walk(p->gumbo->root, noopener_cb, &w);
	free(w.host);
}

static bool
sri_cb(const GumboNode *n, void *arg)
{
	struct link_walk *w = arg;
	const char *u = NULL, *integrity;

	if (dom_is(n, GUMBO_TAG_SCRIPT))
		u = dom_attr(n, "src");
	else if (dom_is(n, GUMBO_TAG_LINK) &&
	    (bp_has_token(n, "rel", "stylesheet") ||
	    bp_has_token(n, "rel", "modulepreload")))
		u = dom_attr(n, "href");
	if (u == NULL || !bp_third_party(w->p, u))
		return true;
	integrity = dom_attr(n, "integrity");
	if (integrity && integrity[strspn(integrity, " \t")] != '\0')
		check_pass(w->r);
	else if (w->r->nitems < MAX_ITEMS)
		check_fail_node(w->r, n, "Third-party file without integrity");
	return true;
}

/* NA when the page has no third-party <script src> or stylesheet. */
void
sec_sri(const struct page_ctx *p, struct check_result *r)
{
	struct link_walk w = { p, r, NULL };

	if (p->gumbo)
		dom_walk(p->gumbo->root, sri_cb, &w);
}

/*==== TLS =================================================================*/

/* The document's response when it came over TLS with known facts. */
static const struct fetch_resp *
tls_resp(const struct page_ctx *p)
{
	if (p->resp == NULL || !bp_is_https(p->url) ||
	    p->resp->tls_version[0] == '\0')
		return NULL;
	return p->resp;
}

void
sec_tls_certificate(const struct page_ctx *p, struct check_result *r)
{
	const struct fetch_resp *f = tls_resp(p);
	char note[128], date[32];
	long long left;
	time_t t;
	struct tm tm;

	if (f == NULL)
		return;
	if (f->tls_verify_result > 0) {
		snprintf(note, sizeof(note), "The certificate does not verify "
		    "(X.509 error %ld)", f->tls_verify_result);
		check_fail_text(r, p->url, note);
		return;
	}
	if (f->tls_cert_expiry <= 0)
		return;
	t = (time_t)f->tls_cert_expiry;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	left = (f->tls_cert_expiry - (long long)time(NULL)) / DAY_SECONDS;
	if (f->tls_cert_expiry < (long long)time(NULL))
		snprintf(note, sizeof(note), "The certificate expired on %s",
		    date);
	else if (left < CERT_MIN_DAYS)
		snprintf(note, sizeof(note), "The certificate expires in %lld "
		    "days (%s)", left, date);
	else {
		check_pass(r);
		return;
	}
	check_fail_text(r, p->url, note);
}

void
sec_tls_version(const struct page_ctx *p, struct check_result *r)
{
	const struct fetch_resp *f = tls_resp(p);
	const char *v;
	char note[96];

	if (f == NULL)
		return;
	v = f->tls_version;
	if (strncmp(v, "TLSv1.", 6) == 0 && v[6] >= '2' && v[6] <= '9') {
		check_pass(r);
		return;
	}
	snprintf(note, sizeof(note), "Negotiated %s; use TLS 1.2 or newer", v);
	check_fail_text(r, v, note);
}
