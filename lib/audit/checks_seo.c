/* checks_seo.c: the SEO check table and the document-level SEO checks. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <json-c/json.h>
#include "audit/checks_seo.h"
#include "audit/dom.h"
#include "audit/fetch.h"
#include "audit/robots.h"

#define TITLE_MIN 10
#define TITLE_MAX 60
#define DESC_MIN  50
#define DESC_MAX  160

/*
 * Weights are Lighthouse's SEO category weights (is-crawlable 4.043, the
 * rest 1). viewport and structured-data are 1 here (see docs/scoring.md);
 * the *-length advice entries are weight 0 and CHECK_INFO at worst.
 */
const struct check_def audit_checks_seo[] = {
	{ "is-crawlable", DIM_SEO, 4.043, SEV_CRITICAL,
	  "Page isn't blocked from indexing",
	  "Search engines can't include a page in results when robots meta, "
	  "X-Robots-Tag or robots.txt forbid crawling or indexing it.",
	  seo_is_crawlable },
	{ "document-title", DIM_SEO, 1, SEV_SERIOUS,
	  "Document has a `<title>` element",
	  "The title is the headline of the page in search results and the "
	  "tab label; every page needs a non-empty, specific one.",
	  seo_document_title },
	{ "meta-description", DIM_SEO, 1, SEV_MODERATE,
	  "Document has a meta description",
	  "Search engines often show the meta description as the snippet "
	  "under the title; write a concise summary of the page.",
	  seo_meta_description },
	{ "http-status-code", DIM_SEO, 1, SEV_CRITICAL,
	  "Page has successful HTTP status code",
	  "Pages answered with a 4xx or 5xx status may not be indexed.",
	  seo_http_status },
	{ "link-text", DIM_SEO, 1, SEV_MINOR,
	  "Links have descriptive text",
	  "Link text such as \"click here\" or \"read more\" tells search "
	  "engines and people nothing about the target; describe it.",
	  seo_link_text },
	{ "crawlable-anchors", DIM_SEO, 1, SEV_MODERATE,
	  "Links are crawlable",
	  "Crawlers follow only real href URLs; javascript: links and "
	  "click handlers without an href hide pages from them.",
	  seo_crawlable_anchors },
	{ "robots-txt", DIM_SEO, 1, SEV_SERIOUS,
	  "robots.txt is valid",
	  "A malformed robots.txt can stop crawlers from understanding how "
	  "the site wants to be crawled or indexed.",
	  seo_robots_txt },
	{ "image-alt", DIM_SEO, 1, SEV_CRITICAL,
	  "Image elements have `[alt]` attributes",
	  "Alt text tells search engines (and screen-reader users) what an "
	  "image shows; use alt=\"\" for decorative images.",
	  seo_image_alt },
	{ "hreflang", DIM_SEO, 1, SEV_MODERATE,
	  "Document has a valid `hreflang`",
	  "hreflang links tell search engines which version of a page to "
	  "list for a language or region; they need a valid language code "
	  "and an absolute URL, in the <head>.",
	  seo_hreflang },
	{ "canonical", DIM_SEO, 1, SEV_MODERATE,
	  "Document has a valid `rel=canonical`",
	  "A canonical link says which URL to show in search results; a "
	  "wrong one can drop the page from the index.",
	  seo_canonical },
	{ "structured-data", DIM_SEO, 1, SEV_MINOR,
	  "Structured data is valid",
	  "JSON-LD blocks must parse as JSON and name a @context and @type "
	  "for search engines to use them for rich results.",
	  seo_structured_data },
	{ "viewport", DIM_SEO, 1, SEV_SERIOUS,
	  "Has a `<meta name=\"viewport\">` tag with `width` or "
	  "`initial-scale`",
	  "Without a viewport tag mobile browsers render the page at "
	  "desktop width; mobile-first indexing ranks such pages lower.",
	  seo_viewport },
	{ "title-length", DIM_SEO, 0, SEV_MINOR,
	  "Title length fits search results",
	  "Titles of about 10 to 60 characters show in full in search "
	  "results (advice only; it never lowers the score).",
	  seo_title_length },
	{ "meta-description-length", DIM_SEO, 0, SEV_MINOR,
	  "Meta description length fits search results",
	  "Descriptions of about 50 to 160 characters show in full as the "
	  "snippet (advice only; it never lowers the score).",
	  seo_description_length },
};
const size_t audit_checks_seo_count = SA_NITEMS(audit_checks_seo);

/*==== Content =============================================================*/

static const GumboNode *
first_title(const struct page_ctx *p)
{
	return p->gumbo ? dom_find(p->gumbo->root, GUMBO_TAG_TITLE) : NULL;
}

void
seo_document_title(const struct page_ctx *p, struct check_result *r)
{
	const GumboNode *t = first_title(p);
	char *text;

	if (p->gumbo == NULL)
		return;
	if (t == NULL) {
		check_fail_node(r, dom_head(p->gumbo), "No <title> element");
		return;
	}
	text = dom_text(t);
	if (text == NULL || text[0] == '\0')
		check_fail_node(r, t, "The <title> element is empty");
	else
		check_pass(r);
	free(text);
}

static bool
blank(const char *s)
{
	while (s && isspace((unsigned char)*s))
		s++;
	return s == NULL || *s == '\0';
}

void
seo_meta_description(const struct page_ctx *p, struct check_result *r)
{
	const GumboNode *m;

	if (p->gumbo == NULL)
		return;
	if ((m = seo_meta(p->gumbo, "description")) == NULL)
		check_fail_node(r, dom_head(p->gumbo),
		    "No <meta name=\"description\"> element");
	else if (blank(dom_attr(m, "content")))
		check_fail_node(r, m, "The description is empty");
	else
		check_pass(r);
}

void
seo_http_status(const struct page_ctx *p, struct check_result *r)
{
	char note[64];

	if (p->status <= 0)
		return;
	if (p->status >= 400 && p->status <= 599) {
		snprintf(note, sizeof(note), "HTTP status %ld", p->status);
		check_fail_text(r, p->url, note);
	} else {
		check_pass(r);
	}
}

/*==== Crawling ============================================================*/

/* True when a robots directive list ("noindex, nofollow") blocks indexing. */
static bool
directives_block(const char *v)
{
	while (v && *v) {
		size_t len;

		while (*v == ',' || isspace((unsigned char)*v))
			v++;
		len = strcspn(v, ",");
		while (len > 0 && isspace((unsigned char)v[len - 1]))
			len--;
		if ((len == 7 && strncasecmp(v, "noindex", 7) == 0) ||
		    (len == 4 && strncasecmp(v, "none", 4) == 0))
			return true;
		v += len;
		v += strcspn(v, ",");
	}
	return false;
}

/* X-Robots-Tag value, optionally "botname: directives"; only ours count. */
static bool
header_blocks(const char *v)
{
	const char *colon = strchr(v, ':');
	size_t n;

	if (colon != NULL) {
		n = (size_t)(colon - v);
		if (strcspn(v, " ,") >= n &&
		    strncasecmp(v, "unavailable_after", n) != 0) {
			if (strncasecmp(v, "googlebot", n) != 0 || n != 9)
				return false;
			v = colon + 1;
		}
	}
	return directives_block(v);
}

static void
crawl_meta(const struct page_ctx *p, struct check_result *r)
{
	struct seo_nodes metas = seo_collect(p->gumbo, GUMBO_TAG_META);

	for (size_t i = 0; i < metas.n; i++) {
		const GumboNode *m = metas.v[i];

		if ((dom_attr_eq(m, "name", "robots") ||
		    dom_attr_eq(m, "name", "googlebot")) &&
		    directives_block(dom_attr(m, "content")))
			check_fail_node(r, m, "The robots meta tag blocks indexing");
	}
	free(metas.v);
}

static void
crawl_headers(const struct page_ctx *p, struct check_result *r)
{
	char what[300];

	if (p->resp == NULL)
		return;
	for (size_t i = 0; i < p->resp->nheaders; i++) {
		const struct fetch_header *h = &p->resp->headers[i];

		if (strcasecmp(h->name, "x-robots-tag") != 0 ||
		    !header_blocks(h->value))
			continue;
		snprintf(what, sizeof(what), "X-Robots-Tag: %.270s", h->value);
		check_fail_text(r, what, "The X-Robots-Tag header blocks indexing");
	}
}

static void
crawl_robots(const struct page_ctx *p, struct check_result *r)
{
	struct robots *rb = NULL;
	char *path;
	char note[300];

	if (p->robots_txt == NULL || p->robots_status < 200 ||
	    p->robots_status > 299)
		return;
	if ((path = seo_url_path(p->url)) == NULL)
		return;
	if (robots_parse(p->robots_txt, strlen(p->robots_txt), &rb) == SA_OK &&
	    !robots_allowed(rb, "Googlebot", path)) {
		snprintf(note, sizeof(note),
		    "robots.txt disallows %.250s for Googlebot", path);
		check_fail_text(r, "robots.txt", note);
	}
	robots_free(rb);
	free(path);
}

void
seo_is_crawlable(const struct page_ctx *p, struct check_result *r)
{
	if (p->gumbo == NULL)
		return;
	crawl_meta(p, r);
	crawl_headers(p, r);
	crawl_robots(p, r);
	check_pass(r);
}

void
seo_robots_txt(const struct page_ctx *p, struct check_result *r)
{
	struct robots *rb = NULL;
	char note[300];

	if (p->robots_status <= 0 ||
	    (p->robots_status >= 400 && p->robots_status < 500))
		return;   /* not fetched, or no robots.txt: not applicable */
	if (p->robots_status >= 500 || p->robots_txt == NULL) {
		snprintf(note, sizeof(note),
		    "Request for robots.txt returned HTTP status %ld",
		    p->robots_status);
		check_fail_text(r, "robots.txt", note);
		return;
	}
	if (robots_parse(p->robots_txt, strlen(p->robots_txt), &rb) != SA_OK)
		return;
	for (size_t i = 0; i < rb->nerrors; i++) {
		snprintf(note, sizeof(note), "line %zu: %s", rb->errors[i].line,
		    rb->errors[i].message);
		check_fail_text(r, rb->errors[i].text, note);
	}
	robots_free(rb);
	check_pass(r);
}

/*==== Elements ============================================================*/

/* axe's image-alt: alt, aria-label(ledby), title or a presentational role. */
static bool
img_has_alt(const GumboNode *img)
{
	const char *role = dom_attr(img, "role");

	if (dom_has_attr(img, "alt"))
		return true;
	if (role && (strcasecmp(role, "none") == 0 ||
	    strcasecmp(role, "presentation") == 0))
		return true;
	return !blank(dom_attr(img, "aria-label")) ||
	    !blank(dom_attr(img, "aria-labelledby")) ||
	    !blank(dom_attr(img, "title"));
}

void
seo_image_alt(const struct page_ctx *p, struct check_result *r)
{
	struct seo_nodes imgs = seo_collect(p->gumbo, GUMBO_TAG_IMG);

	for (size_t i = 0; i < imgs.n; i++) {
		if (dom_is_hidden(imgs.v[i]))
			continue;
		if (img_has_alt(imgs.v[i]))
			check_pass(r);
		else
			check_fail_node(r, imgs.v[i], "Image has no alt attribute");
	}
	free(imgs.v);
}

/* Why one JSON-LD object is unusable, or NULL when it is fine. */
static const char *
jsonld_problem(json_object *o, bool need_context)
{
	json_object *graph;

	if (!json_object_is_type(o, json_type_object))
		return "JSON-LD item is not an object";
	if (need_context && !json_object_object_get_ex(o, "@context", NULL))
		return "JSON-LD has no @context";
	if (json_object_object_get_ex(o, "@graph", &graph) &&
	    json_object_is_type(graph, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(graph); i++) {
			const char *why = jsonld_problem(
			    json_object_array_get_idx(graph, i), false);
			if (why)
				return why;
		}
		return NULL;
	}
	if (!json_object_object_get_ex(o, "@type", NULL))
		return "JSON-LD has no @type";
	return NULL;
}

static const char *
jsonld_check(const char *text, json_object **keep)
{
	enum json_tokener_error jerr;
	json_object *o = json_tokener_parse_verbose(text, &jerr);
	const char *why = NULL;

	*keep = o;
	if (o == NULL)
		return "JSON-LD does not parse as JSON";
	if (!json_object_is_type(o, json_type_array))
		return jsonld_problem(o, true);
	for (size_t i = 0; i < json_object_array_length(o) && !why; i++)
		why = jsonld_problem(json_object_array_get_idx(o, i), true);
	return why;
}

/* Raw text of a <script> (gumbo keeps it as one text child). */
static const char *
script_text(const GumboNode *s)
{
	const GumboVector *kids = &s->v.element.children;

	if (kids->length == 0)
		return "";
	return ((const GumboNode *)kids->data[0])->v.text.text;
}

void
seo_structured_data(const struct page_ctx *p, struct check_result *r)
{
	struct seo_nodes scripts = seo_collect(p->gumbo, GUMBO_TAG_SCRIPT);

	for (size_t i = 0; i < scripts.n; i++) {
		json_object *o = NULL;
		const char *why;

		if (!dom_attr_eq(scripts.v[i], "type", "application/ld+json"))
			continue;
		if ((why = jsonld_check(script_text(scripts.v[i]), &o)) != NULL)
			check_fail_node(r, scripts.v[i], why);
		else
			check_pass(r);
		json_object_put(o);
	}
	free(scripts.v);
}

void
seo_viewport(const struct page_ctx *p, struct check_result *r)
{
	const GumboNode *m;
	const char *c;

	if (p->gumbo == NULL)
		return;
	if ((m = seo_meta(p->gumbo, "viewport")) == NULL) {
		check_fail_node(r, dom_head(p->gumbo),
		    "No <meta name=\"viewport\"> element");
		return;
	}
	c = dom_attr(m, "content");
	if (c && (strcasestr(c, "width") || strcasestr(c, "initial-scale")))
		check_pass(r);
	else
		check_fail_node(r, m, "The viewport has no width or initial-scale");
}

/*==== Length advice =======================================================*/

/* Length in code points of a UTF-8 string. */
static size_t
u8len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Pass when lo <= len(text) <= hi; else advice on n. */
static void
length_advice(struct check_result *r, const GumboNode *n, const char *what,
    const char *text, size_t lo, size_t hi)
{
	size_t len = u8len(text);
	char note[128];

	if (len >= lo && len <= hi) {
		check_pass(r);
		return;
	}
	snprintf(note, sizeof(note), "%s is %zu characters; aim for %zu-%zu",
	    what, len, lo, hi);
	seo_info_node(r, n, note);
}

void
seo_title_length(const struct page_ctx *p, struct check_result *r)
{
	const GumboNode *t = first_title(p);
	char *text;

	if (t == NULL || (text = dom_text(t)) == NULL)
		return;
	if (text[0] != '\0')
		length_advice(r, t, "The title", text, TITLE_MIN, TITLE_MAX);
	free(text);
}

void
seo_description_length(const struct page_ctx *p, struct check_result *r)
{
	const GumboNode *m;
	const char *c;

	if (p->gumbo == NULL || (m = seo_meta(p->gumbo, "description")) == NULL)
		return;
	if (blank(c = dom_attr(m, "content")))
		return;
	while (isspace((unsigned char)*c))
		c++;
	length_advice(r, m, "The description", c, DESC_MIN, DESC_MAX);
}
