/* css_int.h: internals shared by the css_*.c files (not a public API). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CSS_INT_H
#define SA_CSS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include "sa.h"

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


#define MAX_RULES  20000
#define MAX_PARTS  8
#define MAX_CLASS  4

struct span {
	const char *p;
	size_t      n;
};

struct compound {
	struct span tag;              /* n == 0: any */
	struct span id;
	struct span cls[MAX_CLASS];
	unsigned    ncls;
	bool        child;            /* combinator to the left part is '>' */
};

struct decl {
	enum css_prop prop;
	struct span   val;
	bool          important;
};

struct bucket {
	char        kind;         /* '#', '.', 't'; 0: empty slot */
	struct span name;
	size_t     *rules;        /* indices into css_sheet.rules */
	size_t      n, alloc;
};

struct rule {
	struct compound parts[MAX_PARTS];
	size_t          nparts;
	long            spec;
	size_t          order;
	size_t          first, ndecls;   /* into sheet->decls */
};

struct css_sheet {
	char       **texts;    /* comment-stripped copies the spans point into */
	size_t       ntexts;
	struct rule *rules;
	size_t       nrules, arules;
	struct decl *decls;
	size_t       ndecls, adecls;
	/* Rules bucketed by the key of their rightmost compound (css_match.c) */
	struct bucket *tab;
	size_t         tabsize;
	size_t        *any;         /* rules with no id / class / tag key */
	size_t         nany, aany;
};

/* (Re)builds the rule index after rules were added; SA_ENOMEM on failure
 * (matching then falls back to scanning every rule). */
enum sa_err css_index_build(struct css_sheet *s);
void css_index_free(struct css_sheet *s);

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

/* A cascaded value: v == NULL when nothing declares the property. */
struct css_val {
	const char *v;
	size_t      n;
};

/* The cascaded values of every property on n in one pass over the rules. */
void css_cascade_all(const struct css_sheet *s, const GumboNode *n,
    struct css_val out[CSS_PROP__MAX]);

/* The cascaded (winning, not inherited) value of prop on n from sheet
 * (may be NULL) and n's inline style; false when nothing declares it.
 * *v points into the sheet or the node's attribute. */
bool css_cascade(const struct css_sheet *s, const GumboNode *n,
    enum css_prop prop, const char **v, size_t *len);

#endif
