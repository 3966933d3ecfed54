/* css_compute.c: computed colour, background and font of an element. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/css.h"
#include "audit/css_int.h"
#include "audit/dom.h"

#define CHAIN_MAX 128   /* ancestors considered; deeper ones are ignored */

static const struct css_color black = { 0, 0, 0, 1 };
static const struct css_color white = { 255, 255, 255, 1 };
static const struct css_color link_blue = { 0, 0, 238, 1 };

static bool
is_word(const char *v, size_t n, const char *w)
{
	return n == strlen(w) && strncasecmp(v, w, n) == 0;
}

/* The user agent's font-size factor for n (h1..h6, small). */
static double
ua_font_em(const GumboNode *n)
{
	switch (n->v.element.tag) {
	case GUMBO_TAG_H1: return 2;
	case GUMBO_TAG_H2: return 1.5;
	case GUMBO_TAG_H3: return 1.17;
	case GUMBO_TAG_H5: return 0.83;
	case GUMBO_TAG_H6: return 0.67;
	case GUMBO_TAG_SMALL: return 0.83;
	default: return 1;
	}
}

static bool
ua_bold(const GumboNode *n)
{
	switch (n->v.element.tag) {
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_B: case GUMBO_TAG_STRONG: case GUMBO_TAG_TH:
		return true;
	default:
		return false;
	}
}

static const struct {
	const char *word;
	double px;
} size_words[] = {
	{ "xx-small", 9 }, { "x-small", 10 }, { "small", 13 }, { "medium", 16 },
	{ "large", 18 }, { "x-large", 24 }, { "xx-large", 32 },
	{ "xxx-large", 48 },
};

/* A font-size value in px relative to the parent's; -1 when not understood. */
static double
font_px(const char *v, size_t n, double parent)
{
	char tmp[32], *end;
	double x;
	size_t i;

	for (i = 0; i < SA_NITEMS(size_words); i++)
		if (is_word(v, n, size_words[i].word))
			return size_words[i].px;
	if (is_word(v, n, "smaller") || is_word(v, n, "larger"))
		return *v == 's' || *v == 'S' ? parent / 1.2 : parent * 1.2;
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	x = strtod(tmp, &end);
	if (end == tmp || x < 0)
		return -1;
	if (strcasecmp(end, "px") == 0 || (*end == '\0' && x == 0))
		return x;
	if (strcasecmp(end, "pt") == 0)
		return x * 4 / 3;
	if (strcasecmp(end, "em") == 0)
		return x * parent;
	if (strcasecmp(end, "rem") == 0)
		return x * 16;
	if (strcmp(end, "%") == 0)
		return x * parent / 100;
	return -1;
}

static int
font_weight(const char *v, size_t n, int parent)
{
	char tmp[16], *end;
	long w;

	if (is_word(v, n, "normal"))
		return 400;
	if (is_word(v, n, "bold"))
		return 700;
	if (is_word(v, n, "bolder"))
		return parent < 600 ? 700 : 900;
	if (is_word(v, n, "lighter"))
		return parent > 500 ? 400 : 100;
	if (n == 0 || n >= sizeof(tmp))
		return parent;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	w = strtol(tmp, &end, 10);
	return (*end == '\0' && w >= 1 && w <= 1000) ? (int)w : parent;
}

/* Applies e's own declarations (cv) on top of the inherited state. */
static void
apply_color(const GumboNode *e, const struct css_val *cv,
    struct css_style *st)
{
	struct css_color c;

	if (dom_is(e, GUMBO_TAG_A) && dom_has_attr(e, "href"))
		st->color = link_blue;
	if (cv[CSS_COLOR].v == NULL)
		return;
	if (is_word(cv[CSS_COLOR].v, cv[CSS_COLOR].n, "initial"))
		st->color = black;
	else if (css_parse_color(cv[CSS_COLOR].v, cv[CSS_COLOR].n, &c))
		st->color = c;
}

static void
apply_font(const GumboNode *e, const struct css_val *cv,
    struct css_style *st)
{
	const struct css_val *fs = &cv[CSS_FONT_SIZE], *fw = &cv[CSS_FONT_WEIGHT];
	double px, parent = st->font_px;

	st->font_px *= ua_font_em(e);
	if (ua_bold(e))
		st->font_weight = 700;
	if (fs->v != NULL && (px = font_px(fs->v, fs->n, parent)) >= 0)
		st->font_px = px;
	if (fw->v != NULL)
		st->font_weight = font_weight(fw->v, fw->n, st->font_weight);
}

static void
apply_visibility(const struct css_val *cv, struct css_style *st,
    bool *vis_hidden)
{
	const struct css_val *d = &cv[CSS_DISPLAY], *v = &cv[CSS_VISIBILITY];

	if (d->v != NULL && is_word(d->v, d->n, "none"))
		st->hidden = true;
	if (v->v != NULL)
		*vis_hidden = !is_word(v->v, v->n, "visible");
}

/* An element's own background layer; false when it paints no colour. */
static bool
own_background(const struct css_val *cv, struct css_color *c, bool *image)
{
	const struct css_val *img = &cv[CSS_BG_IMAGE], *bg = &cv[CSS_BG_COLOR];

	if (img->v != NULL && !is_word(img->v, img->n, "none"))
		*image = true;
	if (bg->v == NULL || !css_parse_color(bg->v, bg->n, c))
		return false;
	return c->a > 0;
}

/* Walks up (vals[0] is the element) until an opaque background, then
 * composites the layers over white. */
static void
resolve_background(const struct css_val (*vals)[CSS_PROP__MAX],
    size_t depth, struct css_style *st)
{
	struct css_color layers[CHAIN_MAX], c;
	size_t nl = 0, i;

	st->bg_image = false;
	for (i = 0; i < depth; i++) {
		if (!own_background(vals[i], &c, &st->bg_image))
			continue;
		layers[nl++] = c;
		if (c.a >= 1)
			break;
	}
	st->background = white;
	while (nl-- > 0)
		st->background = css_blend(layers[nl], st->background);
}

void
css_compute(const struct css_sheet *sheet, const GumboNode *n,
    struct css_style *out)
{
	const GumboNode *chain[CHAIN_MAX];
	struct css_val vals[CHAIN_MAX][CSS_PROP__MAX];
	size_t depth = 0, i;
	bool vis_hidden = false;

	*out = (struct css_style){ .color = black, .font_px = 16,
	    .font_weight = 400 };
	for (const GumboNode *e = n; e && depth < CHAIN_MAX; e = dom_parent(e))
		chain[depth++] = e;
	for (i = 0; i < depth; i++)
		css_cascade_all(sheet, chain[i], vals[i]);
	for (i = depth; i-- > 0;) {
		apply_color(chain[i], vals[i], out);
		apply_font(chain[i], vals[i], out);
		apply_visibility(vals[i], out, &vis_hidden);
	}
	out->hidden = out->hidden || vis_hidden;
	resolve_background(vals, depth, out);
	if (out->color.a < 1)
		out->color = css_blend(out->color, out->background);
}

struct styles {
	struct css_sheet *sheet;
	enum sa_err rc;
};

static bool
style_cb(const GumboNode *n, void *arg)
{
	struct styles *st = arg;
	const GumboVector *v = &n->v.element.children;
	const GumboNode *t;
	enum sa_err rc;

	if (dom_is(n, GUMBO_TAG_SVG) || dom_is(n, GUMBO_TAG_TEMPLATE))
		return false;
	if (!dom_is(n, GUMBO_TAG_STYLE) || dom_attr_eq(n, "media", "print"))
		return true;
	for (unsigned i = 0; i < v->length; i++) {
		t = v->data[i];
		if (t->type != GUMBO_NODE_TEXT && t->type != GUMBO_NODE_WHITESPACE)
			continue;
		rc = css_sheet_add(st->sheet, t->v.text.text,
		    strlen(t->v.text.text));
		if (rc != SA_OK && st->rc == SA_OK)
			st->rc = rc;
	}
	return false;
}

enum sa_err
css_sheet_add_styles(struct css_sheet *s, const GumboNode *root)
{
	struct styles st = { s, SA_OK };

	if (s == NULL || root == NULL)
		return SA_EINVAL;
	dom_walk(root, style_cb, &st);
	return st.rc;
}
