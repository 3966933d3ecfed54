/* css.h: a small CSS reader for colour contrast: colours, cascade, ratios. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CSS_H
#define SA_CSS_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include "sa.h"

/* sRGB colour: r, g, b in 0..255, a (alpha) in 0..1. */
struct css_color {
	double r, g, b, a;
};

/* What css_compute resolves for one element. */
struct css_style {
	struct css_color color;       /* text colour, alpha already blended */
	struct css_color background;  /* opaque: composited over white */
	double font_px;               /* computed font size in CSS px */
	int    font_weight;           /* 100..900 */
	bool   bg_image;              /* an image / gradient lies behind: unknown */
	bool   hidden;                /* display:none or visibility:hidden */
};

struct css_sheet;

/* An empty sheet (NULL on allocation failure); free with css_sheet_free. */
struct css_sheet *css_sheet_new(void);
/*
 * Parses text (len bytes, need not be NUL-terminated) and appends its rules
 * in source order after the rules already added: call it for each <style>
 * block and linked sheet in document order. Unsupported rules (at-rules,
 * pseudo-classes, attribute selectors, sibling combinators) are skipped.
 * Returns SA_OK, SA_ENOMEM, or SA_ETOOBIG past 20000 rules.
 */
enum sa_err css_sheet_add(struct css_sheet *s, const char *text, size_t len);
/* Number of rules kept (one per selector in a list). */
size_t css_sheet_rules(const struct css_sheet *s);
/* Adds the text of every <style> below root (skipping media="print" ones
 * and those inside <svg> / <template>) in document order. */
enum sa_err css_sheet_add_styles(struct css_sheet *s, const GumboNode *root);
void css_sheet_free(struct css_sheet *s);

/*
 * Parses a CSS colour: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() and
 * hsl()/hsla() (comma or space syntax, % or numbers, "/ alpha"), named
 * colours and "transparent". Returns false when s is not one.
 */
bool css_parse_color(const char *s, size_t len, struct css_color *out);
/* Looks up a named colour (case-insensitive); false when unknown. */
bool css_named_color(const char *s, size_t len, struct css_color *out);

/* Specificity of one simple selector, as ids * 10000 + classes * 100 + types;
 * 0 for the universal selector, -1 when the selector is unsupported. */
long css_specificity(const char *sel, size_t len);

/*
 * Resolves n's colour, background, font size and weight from sheet (may be
 * NULL: inline styles and defaults only) + inline style="" + inheritance.
 */
void css_compute(const struct css_sheet *sheet, const GumboNode *n,
    struct css_style *out);

/* WCAG relative luminance of an opaque colour, 0..1. */
double css_luminance(struct css_color c);
/* WCAG contrast ratio of two opaque colours, 1..21. */
double css_contrast(struct css_color a, struct css_color b);
/* fg composited over an opaque bg (alpha blending). */
struct css_color css_blend(struct css_color fg, struct css_color bg);
/* Large text per WCAG: >= 24px, or >= 18.66px and bold (>= 700). */
bool css_is_large_text(const struct css_style *st);

#endif
