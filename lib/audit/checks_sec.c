/* checks_sec.c: the security check table and the response-header checks. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/checks_bp.h"
#include "audit/checks_sec.h"
#include "audit/dom.h"
#include "audit/fetch.h"

#define HSTS_MIN_AGE 31536000L   /* one year, as hstspreload.org asks */

/*
 * Weights are ours (Lighthouse has these as unscored weight-0 diagnostics,
 * or not at all); docs/checks-security.md gives the reasoning: transport
 * (TLS, HSTS) and script injection weigh most, information leaks least.
 */
const struct check_def audit_checks_sec[] = {
	{ "has-hsts", DIM_SECURITY, 3, SEV_SERIOUS,
	  "Uses a strong HSTS policy",
	  "Strict-Transport-Security with max-age of at least one year and "
	  "includeSubDomains makes browsers use HTTPS only, so no first "
	  "request can be downgraded. HTTPS pages only.",
	  sec_has_hsts },
	{ "csp-xss", DIM_SECURITY, 3, SEV_SERIOUS,
	  "A Content-Security-Policy protects against XSS",
	  "A CSP whose script-src (or default-src) allows neither "
	  "'unsafe-inline' nor 'unsafe-eval' stops most injected scripts.",
	  sec_csp_xss },
	{ "x-content-type-options", DIM_SECURITY, 1, SEV_MODERATE,
	  "Sets X-Content-Type-Options: nosniff",
	  "nosniff stops browsers from guessing a response's type and, for "
	  "example, running an uploaded text file as a script.",
	  sec_xcto },
	{ "clickjacking-mitigation", DIM_SECURITY, 2, SEV_MODERATE,
	  "Pages cannot be framed by other sites",
	  "X-Frame-Options (DENY or SAMEORIGIN) or a CSP frame-ancestors "
	  "directive keeps other sites from framing the page to trick "
	  "clicks.",
	  sec_clickjacking },
	{ "referrer-policy", DIM_SECURITY, 1, SEV_MINOR,
	  "Sets a Referrer-Policy that does not leak full URLs",
	  "A Referrer-Policy such as strict-origin-when-cross-origin keeps "
	  "paths and query strings from being sent to other sites.",
	  sec_referrer_policy },
	{ "permissions-policy", DIM_SECURITY, 1, SEV_MINOR,
	  "Sets a Permissions-Policy",
	  "A Permissions-Policy header turns off powerful browser features "
	  "(camera, geolocation, …) the site does not use, also for "
	  "embedded third parties.",
	  sec_permissions_policy },
	{ "cookie-flags", DIM_SECURITY, 2, SEV_SERIOUS,
	  "Cookies are set with Secure, HttpOnly and SameSite",
	  "Secure keeps cookies off plain HTTP (HTTPS pages), HttpOnly keeps "
	  "them from scripts, and SameSite limits cross-site requests that "
	  "carry them.",
	  sec_cookie_flags },
	{ "external-links-noopener", DIM_SECURITY, 1, SEV_MINOR,
	  "Links to other sites that open a new window use rel=noopener",
	  "A page opened with target=_blank can reach back to the opener "
	  "through window.opener unless the link has rel=noopener or "
	  "noreferrer.",
	  sec_noopener },
	{ "subresource-integrity", DIM_SECURITY, 2, SEV_MODERATE,
	  "Third-party scripts and styles carry an integrity hash",
	  "Subresource Integrity (integrity=\"sha384-…\") makes the browser "
	  "refuse a third-party file that was changed, e.g. on a "
	  "compromised CDN.",
	  sec_sri },
	{ "version-disclosure", DIM_SECURITY, 1, SEV_MINOR,
	  "Response headers do not reveal software versions",
	  "Server, X-Powered-By and X-AspNet-Version values with version "
	  "numbers tell attackers which known vulnerabilities to try.",
	  sec_version_disclosure },
	{ "tls-certificate", DIM_SECURITY, 5, SEV_CRITICAL,
	  "The TLS certificate is valid for at least 30 more days",
	  "An expired or invalid certificate makes browsers refuse the "
	  "site; renew it well before it expires. HTTPS pages only.",
	  sec_tls_certificate },
	{ "tls-version", DIM_SECURITY, 3, SEV_SERIOUS,
	  "Uses TLS 1.2 or newer",
	  "TLS 1.0 and 1.1 are deprecated (RFC 8996) and refused by current "
	  "browsers. HTTPS pages only.",
	  sec_tls_version },
};
const size_t audit_checks_sec_count = SA_NITEMS(audit_checks_sec);

/*==== HSTS ================================================================*/

void
sec_has_hsts(const struct page_ctx *p, struct check_result *r)
{
	const char *v = bp_header(p, "Strict-Transport-Security"), *m;
	char note[160] = "";
	long age = -1;

	if (p->resp == NULL || !bp_is_https(p->url))
		return;
	if (v == NULL) {
		check_fail_text(r, "Strict-Transport-Security",
		    "The response has no Strict-Transport-Security header");
		return;
	}
	if ((m = strcasestr(v, "max-age")) != NULL) {
		m += strspn(m + 7, " =\"") + 7;
		age = isdigit((unsigned char)*m) ? strtol(m, NULL, 10) : -1;
	}
	if (age < HSTS_MIN_AGE)
		snprintf(note, sizeof(note), "max-age %s one year (31536000)",
		    age < 0 ? "is missing, needs" : "is below");
	if (strcasestr(v, "includesubdomains") == NULL)
		snprintf(note + strlen(note), sizeof(note) - strlen(note),
		    "%sincludeSubDomains is missing", note[0] ? "; " : "");
	if (note[0])
		check_fail_text(r, v, note);
	else
		check_pass(r);
}

/*==== CSP =================================================================*/

bool
sec_csp_directive(const char *policy, size_t plen, const char *name,
    const char **val, size_t *len)
{
	size_t nl = strlen(name), i = 0;

	while (i < plen) {
		size_t end = i, s;

		while (end < plen && policy[end] != ';')
			end++;
		s = i;
		while (s < end && isspace((unsigned char)policy[s]))
			s++;
		if (end - s >= nl && strncasecmp(policy + s, name, nl) == 0 &&
		    (s + nl == end || isspace((unsigned char)policy[s + nl]))) {
			*val = policy + s + nl;
			*len = end - s - nl;
			return true;
		}
		i = end + 1;
	}
	return false;
}

bool
sec_csp_has(const char *val, size_t len, const char *tok)
{
	size_t tl = strlen(tok), i = 0;

	while (i < len) {
		size_t k;

		while (i < len && isspace((unsigned char)val[i]))
			i++;
		k = i;
		while (k < len && !isspace((unsigned char)val[k]))
			k++;
		if (k - i >= tl && strncasecmp(val + i, tok, tl) == 0)
			return true;
		i = k;
	}
	return false;
}

/* Why one policy does not stop XSS, or NULL when it does. */
static const char *
csp_weakness(const char *pol, size_t plen)
{
	const char *v;
	size_t n;

	if (!sec_csp_directive(pol, plen, "script-src", &v, &n) &&
	    !sec_csp_directive(pol, plen, "default-src", &v, &n))
		return "No script-src or default-src: any script may run";
	if (sec_csp_has(v, n, "'unsafe-eval'"))
		return "script-src allows 'unsafe-eval'";
	if (sec_csp_has(v, n, "'unsafe-inline'") &&
	    !sec_csp_has(v, n, "'nonce-") && !sec_csp_has(v, n, "'sha"))
		return "script-src allows 'unsafe-inline' (without a nonce or "
		    "hash)";
	return NULL;
}

struct csp_state {
	struct check_result *r;
	const char *weak_pol, *weak_why;
	bool        any, strong;
};

/* Judges every comma-separated policy in one header or meta value. */
static void
csp_value(struct csp_state *s, const char *v)
{
	while (v && *v) {
		size_t n = strcspn(v, ",");
		const char *why = csp_weakness(v, n);

		s->any = true;
		if (why == NULL)
			s->strong = true;
		else if (s->weak_why == NULL) {
			s->weak_pol = v;
			s->weak_why = why;
		}
		v += n + (v[n] == ',');
	}
}

static bool
csp_meta_cb(const GumboNode *n, void *arg)
{
	if (dom_is(n, GUMBO_TAG_META) &&
	    dom_attr_eq(n, "http-equiv", "content-security-policy"))
		csp_value(arg, dom_attr(n, "content"));
	return true;
}

/* Passes when at least one enforced policy (header or <meta>) is strong:
 * every policy applies, so the strictest one decides. */
void
sec_csp_xss(const struct page_ctx *p, struct check_result *r)
{
	struct csp_state s = { r, NULL, NULL, false, false };

	if (p->resp == NULL)
		return;
	for (size_t i = 0; i < p->resp->nheaders; i++)
		if (strcasecmp(p->resp->headers[i].name,
		    "Content-Security-Policy") == 0)
			csp_value(&s, p->resp->headers[i].value);
	if (p->gumbo)
		dom_walk(p->gumbo->root, csp_meta_cb, &s);
	if (s.strong)
		check_pass(r);
	else if (!s.any)
		check_fail_text(r, "Content-Security-Policy",
		    "No Content-Security-Policy header or <meta>");
	else
		check_fail_text(r, s.weak_pol, s.weak_why);
}

/*==== simple headers ======================================================*/

/* Fails r for a missing header name. */
static void
missing(struct check_result *r, const char *name)
{
	char note[96];

	snprintf(note, sizeof(note), "The response has no %s header", name);
	check_fail_text(r, name, note);
}

/* value without surrounding blanks equals want (ASCII case-insensitive). */
static bool
value_is(const char *value, const char *want)
{
	size_t n;

	value += strspn(value, " \t");
	n = strlen(value);
	while (n > 0 && isspace((unsigned char)value[n - 1]))
		n--;
	return n == strlen(want) && strncasecmp(value, want, n) == 0;
}

void
sec_xcto(const struct page_ctx *p, struct check_result *r)
{
	const char *v = bp_header(p, "X-Content-Type-Options");

	if (p->resp == NULL)
		return;
	if (v == NULL)
		missing(r, "X-Content-Type-Options");
	else if (!value_is(v, "nosniff"))
		check_fail_text(r, v, "The value must be \"nosniff\"");
	else
		check_pass(r);
}

/* True when a Content-Security-Policy header has frame-ancestors (the
 * directive is ignored in <meta>). */
static bool
has_frame_ancestors(const struct fetch_resp *f)
{
	const char *v;
	size_t n;

	for (size_t i = 0; i < f->nheaders; i++)
		if (strcasecmp(f->headers[i].name,
		    "Content-Security-Policy") == 0 &&
		    sec_csp_directive(f->headers[i].value,
		    strlen(f->headers[i].value), "frame-ancestors", &v, &n))
			return true;
	return false;
}

void
sec_clickjacking(const struct page_ctx *p, struct check_result *r)
{
	const char *x = bp_header(p, "X-Frame-Options");

	if (p->resp == NULL)
		return;
	if (has_frame_ancestors(p->resp) ||
	    (x && (value_is(x, "deny") || value_is(x, "sameorigin"))))
		check_pass(r);
	else if (x)
		check_fail_text(r, x, "X-Frame-Options must be DENY or "
		    "SAMEORIGIN (ALLOW-FROM is obsolete)");
	else
		check_fail_text(r, "X-Frame-Options", "Neither X-Frame-Options "
		    "nor a CSP frame-ancestors directive");
}

/* The last token of a Referrer-Policy list that browsers know, or NULL. */
static const char *
referrer_token(const char *v, char *buf, size_t bufsz)
{
	static const char *const known[] = {
		"no-referrer", "no-referrer-when-downgrade", "same-origin",
		"origin", "strict-origin", "origin-when-cross-origin",
		"strict-origin-when-cross-origin", "unsafe-url",
	};
	const char *found = NULL;

	while (v && *v) {
		size_t n = strcspn(v, ",");

		snprintf(buf, bufsz, "%.*s", (int)n, v);
		for (size_t i = 0; i < SA_NITEMS(known); i++)
			if (value_is(buf, known[i]))
				found = known[i];
		v += n + (v[n] == ',');
	}
	return found;
}

static bool
referrer_meta_cb(const GumboNode *n, void *arg)
{
	if (dom_is(n, GUMBO_TAG_META) && dom_attr_eq(n, "name", "referrer"))
		*(const char **)arg = dom_attr(n, "content");
	return true;
}

void
sec_referrer_policy(const struct page_ctx *p, struct check_result *r)
{
	const char *v = bp_header(p, "Referrer-Policy"), *tok;
	char buf[64];

	if (p->resp == NULL)
		return;
	if (v == NULL && p->gumbo)
		dom_walk(p->gumbo->root, referrer_meta_cb, &v);
	if (v == NULL) {
		missing(r, "Referrer-Policy");
		return;
	}
	tok = referrer_token(v, buf, sizeof(buf));
	if (tok == NULL)
		check_fail_text(r, v, "No policy a browser understands");
	else if (strcmp(tok, "unsafe-url") == 0 ||
	    strcmp(tok, "no-referrer-when-downgrade") == 0)
		check_fail_text(r, v, "Sends the full URL to other sites");
	else
		check_pass(r);
}

void
sec_permissions_policy(const struct page_ctx *p, struct check_result *r)
{
	const char *v = bp_header(p, "Permissions-Policy");

	if (p->resp == NULL)
		return;
	if (v == NULL)
		v = bp_header(p, "Feature-Policy");
	if (v == NULL || v[strspn(v, " \t")] == '\0')
		missing(r, "Permissions-Policy");
	else
		check_pass(r);
}

/*==== version disclosure ==================================================*/

static const char *const disclosing[] = {
	"Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version",
	"X-Generator", "X-Powered-CMS", "X-Drupal-Version",
};

/* True when v holds a version number: digits, a dot, digits ("1.22"),
 * or, for the ASP.NET headers, any digit. */
static bool
has_version(const char *name, const char *v)
{
	if (strncasecmp(name, "X-AspNet", 8) == 0 && strpbrk(v, "0123456789"))
		return true;
	for (; *v; v++)
		if (isdigit((unsigned char)v[0]) && v[1] == '.' &&
		    isdigit((unsigned char)v[2]))
			return true;
	return false;
}

void
sec_version_disclosure(const struct page_ctx *p, struct check_result *r)
{
	const struct fetch_resp *f = p->resp;
	char what[200];

	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nheaders; i++)
		for (size_t k = 0; k < SA_NITEMS(disclosing); k++)
			if (strcasecmp(f->headers[i].name, disclosing[k]) == 0 &&
			    has_version(disclosing[k], f->headers[i].value)) {
				snprintf(what, sizeof(what), "%s: %s",
				    disclosing[k], f->headers[i].value);
				check_fail_text(r, what,
				    "The header reveals a version number");
			}
	check_pass(r);
}
