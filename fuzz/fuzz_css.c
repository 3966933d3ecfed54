/* fuzz_css.c: the CSS reader for colour contrast. Input: "CSS\0HTML".
 * The CSS goes through css_sheet_add() (not NUL-terminated), the colour
 * parser and the specificity counter; the HTML (gumbo) adds its <style>
 * blocks, then every element's style is computed and range-checked. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <gumbo.h>
#include "audit/css.h"
#include "fuzz.h"

#define CSS_FUZZ_MAX_NODES 4000

static void
css_check_color(struct css_color c)
{
	FUZZ_CHECK(c.r >= 0 && c.r <= 255 && c.g >= 0 && c.g <= 255 &&
	    c.b >= 0 && c.b <= 255 && c.a >= 0 && c.a <= 1);
}

static void
css_check_style(const struct css_style *st)
{
	double ratio;

	css_check_color(st->color);
	css_check_color(st->background);
	FUZZ_CHECK(isfinite(st->font_px) && st->font_px >= 0);
	FUZZ_CHECK(st->font_weight >= 100 && st->font_weight <= 900);
	ratio = css_contrast(css_blend(st->color, st->background), st->background);
	FUZZ_CHECK(ratio >= 1 - 1e-9 && ratio <= 21 + 1e-9);
	(void)css_is_large_text(st);
}

/* Computes every element below n (document order, bounded). */
static void
css_walk(const struct css_sheet *s, const GumboNode *n, size_t *budget)
{
	const GumboVector *kids;
	struct css_style st;

	if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT)
		return;
	if (n->type == GUMBO_NODE_ELEMENT) {
		if (*budget == 0)
			return;
		(*budget)--;
		css_compute(s, n, &st);
		css_check_style(&st);
	}
	kids = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children :
	    &n->v.element.children;
	for (unsigned i = 0; i < kids->length; i++)
		css_walk(s, kids->data[i], budget);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *html;
	size_t hlen, clen, budget = CSS_FUZZ_MAX_NODES;
	struct css_sheet *s = css_sheet_new();
	struct css_color c;
	GumboOutput *g;
	char *text;
	enum sa_err rc;

	FUZZ_CHECK(s != NULL);
	fuzz_split(data, size, '\0', &html, &hlen, &clen);
	if (clen == 0)            /* no NUL: all of it is CSS */
		clen = size, hlen = 0;
	rc = css_sheet_add(s, (const char *)data, clen);
	FUZZ_CHECK(rc == SA_OK || rc == SA_ETOOBIG || rc == SA_ENOMEM);
	if (css_parse_color((const char *)data, clen, &c))
		css_check_color(c);
	if (css_named_color((const char *)data, clen, &c))
		css_check_color(c);
	FUZZ_CHECK(css_specificity((const char *)data, clen) >= -1);
	text = fuzz_str(html, hlen);
	if ((g = gumbo_parse_with_options(&kGumboDefaultOptions, text,
	    hlen)) != NULL) {
		rc = css_sheet_add_styles(s, g->document);
		FUZZ_CHECK(rc == SA_OK || rc == SA_ETOOBIG || rc == SA_ENOMEM);
		css_walk(s, g->document, &budget);
		gumbo_destroy_output(&kGumboDefaultOptions, g);
	}
	css_sheet_free(s);
	free(text);
	return 0;
}
