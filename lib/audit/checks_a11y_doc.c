/* checks_a11y_doc.c: document checks: language, title, meta, headings. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"
#include "util/buf.h"

/* ISO 639-1 two-letter codes (from Debian iso-codes) plus the deprecated
 * iw / in / ji / mo / sh that pages still use. */
static const char iso639_1[] = " "
	"aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca "
	"ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj "
	"fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii "
	"ik in io is it iu iw ja ji jv ka kg ki kj kk kl km kn ko kr ks ku kv "
	"kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na "
	"nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn "
	"ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta "
	"te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh "
	"yi yo za zh zu"
	" ";

static bool
subtags_ok(const char *p)
{
	size_t n;

	while (*p == '-') {
		p++;
		for (n = 0; isalnum((unsigned char)p[n]); n++)
			;
		if (n == 0 || n > 8)
			return false;
		p += n;
	}
	return *p == '\0';
}

/* BCP 47 shape with a known (2-letter) or well-formed (3-letter) primary
 * language subtag, or a private-use / grandfathered "x-" / "i-" tag. */
static bool
lang_valid(const char *v)
{
	char key[5];
	size_t n;

	for (n = 0; isalpha((unsigned char)v[n]); n++)
		;
	if (n == 1 && (tolower((unsigned char)*v) == 'x' ||
	    tolower((unsigned char)*v) == 'i'))
		return v[1] == '-' && subtags_ok(v + 1);
	if (n == 3)
		return subtags_ok(v + 3);
	if (n != 2)
		return false;
	key[0] = ' ';
	key[1] = (char)tolower((unsigned char)v[0]);
	key[2] = (char)tolower((unsigned char)v[1]);
	key[3] = ' ';
	key[4] = '\0';
	return strstr(iso639_1, key) != NULL && subtags_ok(v + 2);
}

/* lang or xml:lang with surrounding white space skipped; NULL when blank. */
static const char *
lang_of(const GumboNode *n)
{
	const char *v = dom_attr(n, "lang");

	if (v == NULL)
		v = dom_attr(n, "xml:lang");
	while (v != NULL && isspace((unsigned char)*v))
		v++;
	return v != NULL && *v != '\0' ? v : NULL;
}

static void
lang_note(struct check_result *r, const GumboNode *n, const char *v)
{
	struct buf b;
	char *note;

	buf_init(&b, 256);
	buf_printf(&b, "lang=\"%.60s\" is not a valid language tag", v);
	note = buf_take(&b, NULL);
	check_fail_node(r, n, note);
	free(note);
}

/* <html> has a non-empty lang (or xml:lang). Always applicable. */
void
a11y_html_has_lang(const struct page_ctx *p, struct check_result *r)
{
	const GumboNode *html = dom_root(p->gumbo);

	if (html == NULL)
		return;
	if (lang_of(html) == NULL)
		check_fail_node(r, html, "no lang attribute");
	check_pass(r);
}

/* <html lang> is a valid tag; NA when the page has no lang. */
void
a11y_html_lang_valid(const struct page_ctx *p, struct check_result *r)
{
	const GumboNode *html = dom_root(p->gumbo);
	const char *v = html ? lang_of(html) : NULL;
	char tmp[64];
	size_t n;

	if (v == NULL)
		return;
	for (n = 0; v[n] && !isspace((unsigned char)v[n]) && n < 63; n++)
		tmp[n] = v[n];
	tmp[n] = '\0';
	if (!lang_valid(tmp))
		lang_note(r, html, v);
	check_pass(r);
}

static void
valid_lang_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *v = dom_attr(n, "lang");

	if (dom_is(n, GUMBO_TAG_HTML) || v == NULL || *v == '\0')
		return;
	s->seen++;
	if (!lang_valid(v))
		lang_note(s->r, n, v);
}

/* Every other [lang] in the page is a valid tag. */
void
a11y_valid_lang(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, valid_lang_one, NULL);
}

static bool
title_cb(const GumboNode *n, void *arg)
{
	const GumboNode **hit = arg;

	if (*hit == NULL && dom_is(n, GUMBO_TAG_TITLE) &&
	    n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML)
		*hit = n;
	return *hit == NULL && !dom_is(n, GUMBO_TAG_SVG);
}

/* The document has a non-blank HTML <title>. Always applicable. */
void
a11y_document_title(const struct page_ctx *p, struct check_result *r)
{
	const GumboNode *html = dom_root(p->gumbo), *title = NULL;
	char *text;

	if (html == NULL)
		return;
	dom_walk(html, title_cb, &title);
	if (title == NULL) {
		check_fail_node(r, html, "no <title> element");
	} else {
		text = dom_text(title);
		if (text != NULL && *text == '\0')
			check_fail_node(r, title, "empty <title>");
		free(text);
	}
	check_pass(r);
}

/* Value of key in a viewport content string ("a=1, b=no"); NULL if absent.
 * Writes at most outlen - 1 bytes. */
static const char *
viewport_value(const char *c, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key), i;
	const char *p;

	for (p = c; p && *p; p = strpbrk(p, ",;")) {
		while (*p == ',' || *p == ';' || isspace((unsigned char)*p))
			p++;
		if (strncasecmp(p, key, klen) != 0)
			continue;
		p += klen;
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '=')
			continue;
		for (p++; isspace((unsigned char)*p); p++)
			;
		for (i = 0; p[i] && p[i] != ',' && p[i] != ';' &&
		    !isspace((unsigned char)p[i]) && i + 1 < outlen; i++)
			out[i] = p[i];
		out[i] = '\0';
		return out;
	}
	return NULL;
}

static void
viewport_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *c = dom_attr(n, "content");
	char v[32], *end;
	double x;

	if (!dom_attr_eq(n, "name", "viewport") || c == NULL)
		return;
	s->seen++;
	if (viewport_value(c, "user-scalable", v, sizeof(v)) != NULL &&
	    (strcasecmp(v, "no") == 0 ||
	    ((x = strtod(v, &end)) > -1 && x < 1 && end != v)))
		check_fail_node(s->r, n, "user-scalable=no disables zooming");
	else if (viewport_value(c, "maximum-scale", v, sizeof(v)) != NULL &&
	    (x = strtod(v, &end)) >= 0 && x < 2 && end != v)
		check_fail_node(s->r, n, "maximum-scale is less than 2");
}

/* <meta name=viewport> allows zooming (axe: maximum-scale >= 2). */
void
a11y_meta_viewport(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_META, viewport_one, NULL);
}

static void
refresh_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *c = dom_attr(n, "content");
	char *end;
	double delay;

	if (!dom_attr_eq(n, "http-equiv", "refresh") || c == NULL)
		return;
	s->seen++;
	delay = strtod(c, &end);
	if (end != c && delay > 0 && delay < 72000)
		check_fail_node(s->r, n, "timed refresh or redirect");
}

/* No <meta http-equiv=refresh> with a delay (0 = instant redirect is ok,
 * as are delays of 20 hours or more, like axe). */
void
a11y_meta_refresh(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_META, refresh_one, NULL);
}

struct bypass {
	bool links, way;
};

static void
bypass_one(struct a11y_scan *s, const GumboNode *n)
{
	struct bypass *b = s->arg;
	const char *href = dom_attr(n, "href");

	if (dom_is(n, GUMBO_TAG_A) && href != NULL) {
		b->links = true;
		if (href[0] == '#' && href[1] != '\0')
			b->way = true;
	}
	if (a11y_heading_level(n) > 0 || dom_is(n, GUMBO_TAG_MAIN) ||
	    dom_attr_eq(n, "role", "main"))
		b->way = true;
}

/* A page with links offers a heading, a skip link or a main landmark. */
void
a11y_bypass(const struct page_ctx *p, struct check_result *r)
{
	struct bypass b = { false, false };
	struct check_result tmp = { .verdict = CHECK_NA };

	a11y_each(p, &tmp, GUMBO_TAG_LAST, bypass_one, &b);
	if (!b.links)
		return;
	if (!b.way)
		check_fail_node(r, dom_root(p->gumbo),
		    "no heading, skip link or main landmark");
	check_pass(r);
}

static void
heading_order_one(struct a11y_scan *s, const GumboNode *n)
{
	int *prev = s->arg, lvl = a11y_heading_level(n);
	char note[64];

	if (lvl == 0 || dom_is_hidden(n))
		return;
	s->seen++;
	if (*prev > 0 && lvl > *prev + 1) {
		snprintf(note, sizeof(note), "h%d follows h%d", lvl, *prev);
		check_fail_node(s->r, n, note);
	}
	*prev = lvl;
}

/* Heading levels only increase by one (h2 → h4 fails). */
void
a11y_heading_order(const struct page_ctx *p, struct check_result *r)
{
	int prev = 0;

	a11y_each(p, r, GUMBO_TAG_LAST, heading_order_one, &prev);
}

static void
empty_heading_one(struct a11y_scan *s, const GumboNode *n)
{
	if (a11y_heading_level(n) == 0 || dom_is_hidden(n))
		return;
	s->seen++;
	if (!a11y_has_name(s, n))
		check_fail_node(s->r, n, "heading has no text");
}

/* Every visible heading has text. */
void
a11y_empty_heading(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, empty_heading_one, NULL);
}

static void
tabindex_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *t = dom_attr(n, "tabindex");
	char *end;
	long v;

	if (t == NULL)
		return;
	s->seen++;
	v = strtol(t, &end, 10);
	if (end != t && v > 0)
		check_fail_node(s->r, n, "tabindex greater than 0");
}

/* No element has tabindex > 0; NA when nothing uses tabindex. */
void
a11y_tabindex(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, tabindex_one, NULL);
}
