/* checks_a11y_contrast.c: color-contrast — WCAG AA text contrast. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include "audit/checks_a11y.h"
#include "audit/css.h"
#include "audit/dom.h"

#define CONTRAST_MAX_ELEMS 5000   /* text elements examined per page */

struct contrast {
	const struct page_ctx *p;
	struct check_result   *r;
	size_t                 seen, examined;
};

static bool
has_own_text(const GumboNode *n)
{
	const GumboVector *v = &n->v.element.children;
	const char *t;
	unsigned i;

	for (i = 0; i < v->length; i++) {
		const GumboNode *c = v->data[i];
		if (c->type != GUMBO_NODE_TEXT && c->type != GUMBO_NODE_CDATA)
			continue;
		for (t = c->v.text.text; *t; t++)
			if (!isspace((unsigned char)*t))
				return true;
	}
	return false;
}

/* Subtrees that never show text, or are hidden / disabled. */
static bool
skip_subtree(const GumboNode *n)
{
	switch (n->v.element.tag) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
		return true;
	default:
		break;
	}
	return dom_has_attr(n, "hidden") || dom_has_attr(n, "disabled") ||
	    dom_style_has(n, "display", "none");
}

static void
hex(char *out, size_t len, struct css_color c)
{
	snprintf(out, len, "#%02x%02x%02x", (unsigned)(c.r + 0.5),
	    (unsigned)(c.g + 0.5), (unsigned)(c.b + 0.5));
}

static void
judge(struct contrast *c, const GumboNode *n)
{
	struct css_style st;
	double ratio, need;
	char note[160], fg[8], bg[8];

	css_compute(c->p->css, n, &st);
	if (st.hidden || st.bg_image)
		return;        /* invisible, or unknowable: an image behind */
	c->seen++;
	ratio = css_contrast(st.color, st.background);
	need = css_is_large_text(&st) ? 3.0 : 4.5;
	if (ratio >= need)
		return;
	hex(fg, sizeof(fg), st.color);
	hex(bg, sizeof(bg), st.background);
	snprintf(note, sizeof(note), "contrast %.2f:1 (foreground %s, "
	    "background %s, %.1fpx %s), needs %.1f:1", ratio, fg, bg,
	    st.font_px, st.font_weight >= 700 ? "bold" : "normal", need);
	check_fail_node(c->r, n, note);
}

static bool
contrast_cb(const GumboNode *n, void *arg)
{
	struct contrast *c = arg;

	if (skip_subtree(n))
		return false;
	if (has_own_text(n) && c->examined < CONTRAST_MAX_ELEMS) {
		c->examined++;
		judge(c, n);
	}
	return true;
}

/* Text in <body> meets WCAG AA contrast: 4.5:1, or 3:1 for large text
 * (>= 24px, or >= 18.66px bold). Colours come from css.c. */
void
a11y_color_contrast(const struct page_ctx *p, struct check_result *r)
{
	struct contrast c = { .p = p, .r = r };
	const GumboNode *body = dom_body(p->gumbo);

	if (body == NULL)
		return;
	dom_walk(body, contrast_cb, &c);
	if (c.seen > 0)
		check_pass(r);
}
