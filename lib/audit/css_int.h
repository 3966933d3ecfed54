/* css_int.h: internals shared by the css_*.c files (not a public API). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CSS_INT_H
#define SA_CSS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>

/* The properties the contrast check needs. */
enum css_prop {
	CSS_COLOR,
	CSS_BG_COLOR,      /* background-color, colour part of background */
	CSS_BG_IMAGE,      /* background-image, image part of background */
	CSS_FONT_SIZE,
	CSS_FONT_WEIGHT,
	CSS_DISPLAY,
	CSS_VISIBILITY,
	CSS_PROP__MAX
};

struct css_sheet;

/* Called for each "name: value" of a declaration block (trimmed spans,
 * !important stripped and reported). */
typedef void (*css_decl_fn)(void *arg, const char *name, size_t nlen,
    const char *val, size_t vlen, bool important);
void css_decls_each(const char *s, size_t len, css_decl_fn fn, void *arg);

/* Maps one declaration onto the properties above (background expands to
 * CSS_BG_COLOR + CSS_BG_IMAGE); unknown names produce nothing. */
typedef void (*css_prop_fn)(void *arg, enum css_prop p, const char *val,
    size_t vlen);
void css_expand(const char *name, size_t nlen, const char *val, size_t vlen,
    css_prop_fn fn, void *arg);

/* The cascaded (winning, not inherited) value of prop on n from sheet
 * (may be NULL) and n's inline style; false when nothing declares it.
 * *v points into the sheet or the node's attribute. */
bool css_cascade(const struct css_sheet *s, const GumboNode *n,
    enum css_prop prop, const char **v, size_t *len);

#endif
