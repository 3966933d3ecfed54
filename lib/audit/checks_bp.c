/* checks_bp.c: the best-practices check table and the document-level checks. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/checks_bp.h"
#include "audit/dom.h"
#include "audit/fetch.h"

#define CHARSET_WINDOW 1024   /* bytes a charset declaration must fit in */
#define MAX_ITEMS      50     /* offending elements listed per check */

/*
 * Weights are Lighthouse's best-practices category weights (default-config:
 * is-on-https 5, deprecations 5, redirects-http / doctype / charset /
 * image-aspect-ratio / errors-in-console 1, no-vulnerable-libraries 1 in
 * Lighthouse 9). mixed-content is part of is-on-https in Lighthouse; here it
 * is its own check, weight 3. See docs/checks-best-practices.md.
 */
const struct check_def audit_checks_bp[] = {
	{ "is-on-https", DIM_BEST_PRACTICES, 5, SEV_CRITICAL,
	  "Uses HTTPS",
	  "Every page should be served over HTTPS: it keeps intruders from "
	  "reading or changing what is sent, and many browser features "
	  "require it.",
	  bp_is_on_https },
	{ "redirects-http", DIM_BEST_PRACTICES, 1, SEV_SERIOUS,
	  "Redirects HTTP traffic to HTTPS",
	  "When the http:// address is asked for, the server should answer "
	  "with a redirect to https:// so every visitor ends up secure.",
	  bp_redirects_http },
	{ "doctype", DIM_BEST_PRACTICES, 1, SEV_MODERATE,
	  "Page has the HTML doctype",
	  "Without <!DOCTYPE html> the browser renders the page in quirks "
	  "mode, with legacy layout rules.",
	  bp_doctype },
	{ "charset", DIM_BEST_PRACTICES, 1, SEV_MODERATE,
	  "Properly defines charset",
	  "Declare the character encoding in the Content-Type header or in "
	  "a <meta charset> within the first 1024 bytes of the HTML.",
	  bp_charset },
	{ "deprecations", DIM_BEST_PRACTICES, 5, SEV_MODERATE,
	  "Avoids deprecated and obsolete HTML",
	  "Obsolete elements such as <font>, <center>, <marquee> or "
	  "<frameset> are not part of HTML any more; browsers may drop "
	  "them. Use CSS and current elements instead.",
	  bp_deprecations },
	{ "no-vulnerable-libraries", DIM_BEST_PRACTICES, 1, SEV_SERIOUS,
	  "Avoids front-end JavaScript libraries with known security "
	  "vulnerabilities",
	  "Some versions of popular libraries have published "
	  "vulnerabilities; upgrade to a fixed version.",
	  bp_vulnerable_libraries },
	{ "errors-in-subresources", DIM_BEST_PRACTICES, 1, SEV_MODERATE,
	  "Sub-resources load without errors",
	  "Scripts, styles, images and other files the page references "
	  "answer with an error (4xx / 5xx) or cannot be fetched.",
	  bp_errors_in_subresources },
	{ "image-aspect-ratio", DIM_BEST_PRACTICES, 1, SEV_MINOR,
	  "Displays images with correct aspect ratio",
	  "The width and height attributes of an image should keep the "
	  "proportions of the image file, or it is shown distorted.",
	  bp_image_aspect_ratio },
	{ "mixed-content", DIM_BEST_PRACTICES, 3, SEV_SERIOUS,
	  "Does not load resources over HTTP on an HTTPS page",
	  "An https page that loads scripts, styles, images or frames over "
	  "plain http is not secure; browsers block or warn about them.",
	  bp_mixed_content },
};
const size_t audit_checks_bp_count = SA_NITEMS(audit_checks_bp);

/*==== transport ===========================================================*/

void
bp_is_on_https(const struct page_ctx *p, struct check_result *r)
{
	if (bp_is_https(p->url))
		check_pass(r);
	else if (bp_is_http(p->url))
		check_fail_text(r, p->url, "The page is served over plain HTTP");
}

/*
 * Judged only when the audit started at an http:// URL: passes when it
 * ended on https://. An audit of an https:// URL is NA (checks do not
 * fetch; audit the http:// address to test the redirect).
 */
void
bp_redirects_http(const struct page_ctx *p, struct check_result *r)
{
	const char *asked = p->resp ? p->resp->url : NULL;

	if (!bp_is_http(asked))
		return;
	if (bp_is_https(p->url))
		check_pass(r);
	else
		check_fail_text(r, asked, "http:// is not redirected to https://");
}

/*==== document ============================================================*/

/* Legacy public identifiers that put a browser in quirks mode (HTML
 * Living Standard §13.2.6.4.1, "initial" insertion mode), by prefix.
 * XXX: condensed — the spec lists each DTD; these prefixes cover them. */
static const char *const quirks_prefixes[] = {
	"+//Silmaril//", "-//AS//", "-//AdvaSoft", "-//IETF//",
	"-//Metrius//", "-//Microsoft//", "-//Netscape Comm. Corp.//",
	"-//O'Reilly", "-//SQ//", "-//SoftQuad", "-//Spyglass//", "-//Sun",
	"-//W3C//DTD HTML 3", "-//W3C//DTD HTML 4.0 ", "-//W3C//DTD HTML "
	"Experimental", "-//W3C//DTD W3 HTML", "-//W3O//", "-//WebTechs//",
	"-//W3C//DTD HTML 4.01 Frameset//", "-//W3C//DTD HTML 4.01 "
	"Transitional//",
};

static bool
prefix_ci(const char *s, const char *prefix)
{
	return s && strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * The rendering mode a doctype selects. gumbo leaves doc_type_quirks_mode
 * at "no quirks" for these, so the rules are applied here.
 */
static GumboQuirksModeEnum
doctype_mode(const GumboDocument *d)
{
	const char *pub = d->public_identifier, *sys = d->system_identifier;
	bool has_sys = sys && *sys;

	if (d->doc_type_quirks_mode != GUMBO_DOCTYPE_NO_QUIRKS)
		return d->doc_type_quirks_mode;
	if (prefix_ci(pub, "-//W3C//DTD XHTML 1.0 Frameset//") ||
	    prefix_ci(pub, "-//W3C//DTD XHTML 1.0 Transitional//"))
		return GUMBO_DOCTYPE_LIMITED_QUIRKS;
	if (has_sys && (prefix_ci(pub, "-//W3C//DTD HTML 4.01 Frameset//") ||
	    prefix_ci(pub, "-//W3C//DTD HTML 4.01 Transitional//")))
		return GUMBO_DOCTYPE_LIMITED_QUIRKS;
	for (size_t i = 0; i < SA_NITEMS(quirks_prefixes); i++)
		if (prefix_ci(pub, quirks_prefixes[i]))
			return GUMBO_DOCTYPE_QUIRKS;
	if (prefix_ci(sys, "http://www.ibm.com/data/dtd/v11/ibmxhtml1-"
	    "transitional.dtd"))
		return GUMBO_DOCTYPE_QUIRKS;
	return GUMBO_DOCTYPE_NO_QUIRKS;
}

void
bp_doctype(const struct page_ctx *p, struct check_result *r)
{
	const GumboDocument *d;

	if (p->gumbo == NULL)
		return;
	d = &p->gumbo->document->v.document;
	if (!d->has_doctype)
		check_fail_text(r, NULL, "The document has no <!DOCTYPE html>");
	else if (d->name == NULL || strcasecmp(d->name, "html") != 0)
		check_fail_text(r, d->name, "The doctype name must be \"html\"");
	else if (doctype_mode(d) == GUMBO_DOCTYPE_QUIRKS)
		check_fail_text(r, d->public_identifier,
		    "The doctype triggers quirks mode");
	else if (doctype_mode(d) == GUMBO_DOCTYPE_LIMITED_QUIRKS)
		check_fail_text(r, d->public_identifier,
		    "The doctype triggers limited-quirks mode");
	else
		check_pass(r);
}

/* Offset of needle in s[0..n) ignoring ASCII case, or n when absent. */
static size_t
find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return i;
	return n;
}

/* True when a <meta …charset…> tag ends within the first `window` bytes. */
static bool
meta_charset_early(const char *html, size_t len, size_t window)
{
	size_t n = len < window ? len : window, at = 0, i, end;

	while ((i = find_ci(html + at, n - at, "<meta")) < n - at) {
		at += i + 5;
		end = at;
		while (end < n && html[end] != '>')
			end++;
		if (end < n && find_ci(html + at, end - at, "charset") < end - at)
			return true;
	}
	return false;
}

static bool
meta_charset_cb(const GumboNode *n, void *arg)
{
	const char *c = dom_attr(n, "content");

	if (dom_is(n, GUMBO_TAG_META) && *(const GumboNode **)arg == NULL &&
	    (dom_has_attr(n, "charset") || (c && strcasestr(c, "charset="))))
		*(const GumboNode **)arg = n;
	return true;
}

void
bp_charset(const struct page_ctx *p, struct check_result *r)
{
	const char *ct = bp_header(p, "Content-Type");
	const unsigned char *u = (const unsigned char *)p->html;
	const GumboNode *meta = NULL;

	if (p->gumbo == NULL || p->html == NULL)
		return;
	if ((ct && strcasestr(ct, "charset=")) ||
	    (p->html_len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
	    meta_charset_early(p->html, p->html_len, CHARSET_WINDOW)) {
		check_pass(r);
		return;
	}
	dom_walk(p->gumbo->root, meta_charset_cb, &meta);
	if (meta)
		check_fail_node(r, meta, "The charset is declared after the "
		    "first 1024 bytes");
	else
		check_fail_node(r, dom_head(p->gumbo), "No charset in the "
		    "Content-Type header or a <meta charset>");
}

/* Obsolete elements (HTML Living Standard, "Obsolete features" §16.2). */
static const char *const obsolete[] = {
	"acronym", "applet", "basefont", "bgsound", "big", "blink", "center",
	"dir", "font", "frame", "frameset", "isindex", "keygen", "listing",
	"marquee", "menuitem", "multicol", "nextid", "nobr", "noembed",
	"noframes", "plaintext", "rb", "rtc", "spacer", "strike", "tt", "xmp",
};

static bool
obsolete_cb(const GumboNode *n, void *arg)
{
	struct check_result *r = arg;
	const char *name = dom_tag_name(n);
	char note[64];

	for (size_t i = 0; i < SA_NITEMS(obsolete); i++)
		if (strcmp(name, obsolete[i]) == 0 && r->nitems < MAX_ITEMS) {
			snprintf(note, sizeof(note), "<%s> is obsolete", name);
			check_fail_node(r, n, note);
		}
	return true;
}

void
bp_deprecations(const struct page_ctx *p, struct check_result *r)
{
	if (p->gumbo == NULL)
		return;
	dom_walk(p->gumbo->root, obsolete_cb, r);
	check_pass(r);
}
