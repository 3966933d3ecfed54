/* css_match.c: selector matching, the rule index and the cascade. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/css.h"
#include "audit/css_int.h"
#include "audit/dom.h"

static bool
span_eq(const char *a, size_t n, const char *word)
{
	return n == strlen(word) && strncasecmp(a, word, n) == 0;
}

/*==== Matching ============================================================*/

static bool
has_class(const GumboNode *n, struct span c)
{
	const char *p = dom_attr(n, "class"), *e;

	while (p != NULL && *p != '\0') {
		while (isspace((unsigned char)*p))
			p++;
		for (e = p; *e && !isspace((unsigned char)*e); e++)
			;
		if ((size_t)(e - p) == c.n && memcmp(p, c.p, c.n) == 0)
			return true;
		p = e;
	}
	return false;
}

static bool
compound_match(const struct compound *c, const GumboNode *n)
{
	const char *id;
	unsigned i;

	if (n == NULL)
		return false;
	if (c->tag.n && !span_eq(c->tag.p, c->tag.n, dom_tag_name(n)))
		return false;
	if (c->id.n && ((id = dom_attr(n, "id")) == NULL ||
	    strlen(id) != c->id.n || memcmp(id, c->id.p, c->id.n) != 0))
		return false;
	for (i = 0; i < c->ncls; i++)
		if (!has_class(n, c->cls[i]))
			return false;
	return true;
}

/* Right to left; a descendant combinator takes the nearest matching
 * ancestor (XXX: no backtracking, so rare "a > b c" cases can miss). */
static bool
rule_match(const struct rule *r, const GumboNode *n)
{
	size_t i = r->nparts - 1;

	if (!compound_match(&r->parts[i], n))
		return false;
	while (i-- > 0) {
		if (r->parts[i + 1].child) {
			n = dom_parent(n);
			if (!compound_match(&r->parts[i], n))
				return false;
			continue;
		}
		for (n = dom_parent(n); n && !compound_match(&r->parts[i], n);
		    n = dom_parent(n))
			;
		if (n == NULL)
			return false;
	}
	return true;
}

/*==== The index: rules by the key of their rightmost compound ============*/

static uint32_t
key_hash(char kind, const char *p, size_t n)
{
	uint32_t h = 2166136261u ^ (unsigned char)kind;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		h = (h ^ (kind == 't' ? (unsigned char)tolower(c) : c)) *
		    16777619u;
	}
	return h;
}

static bool
key_eq(const struct bucket *b, char kind, const char *p, size_t n)
{
	if (b->kind != kind || b->name.n != n)
		return false;
	return kind == 't' ? strncasecmp(b->name.p, p, n) == 0 :
	    memcmp(b->name.p, p, n) == 0;
}

/* The slot for key: its bucket, or the empty slot where it would go. */
static struct bucket *
slot(const struct css_sheet *s, char kind, const char *p, size_t n)
{
	size_t mask = s->tabsize - 1, i = key_hash(kind, p, n) & mask;

	while (s->tab[i].kind != 0 && !key_eq(&s->tab[i], kind, p, n))
		i = (i + 1) & mask;
	return &s->tab[i];
}

static bool
push(size_t **v, size_t *n, size_t *alloc, size_t x)
{
	size_t *q = *v;

	if (*n == *alloc) {
		size_t a = *alloc ? *alloc * 2 : 8;
		if ((q = realloc(*v, a * sizeof(*q))) == NULL)
			return false;
		*v = q;
		*alloc = a;
	}
	q[(*n)++] = x;
	return true;
}

static bool
index_rule(struct css_sheet *s, size_t i)
{
	const struct compound *c = &s->rules[i].parts[s->rules[i].nparts - 1];
	struct span k = c->id.n ? c->id : c->ncls ? c->cls[0] : c->tag;
	char kind = c->id.n ? '#' : c->ncls ? '.' : 't';
	struct bucket *b;

	if (k.n == 0)
		return push(&s->any, &s->nany, &s->aany, i);
	b = slot(s, kind, k.p, k.n);
	if (b->kind == 0) {
		b->kind = kind;
		b->name = k;
	}
	return push(&b->rules, &b->n, &b->alloc, i);
}

void
css_index_free(struct css_sheet *s)
{
	size_t i;

	for (i = 0; i < s->tabsize; i++)
		free(s->tab[i].rules);
	free(s->tab);
	free(s->any);
	s->tab = NULL;
	s->any = NULL;
	s->tabsize = s->nany = s->aany = 0;
}

enum sa_err
css_index_build(struct css_sheet *s)
{
	size_t size = 16, i;

	css_index_free(s);
	while (size < 2 * s->nrules)
		size *= 2;
	if ((s->tab = calloc(size, sizeof(*s->tab))) == NULL)
		return SA_ENOMEM;
	s->tabsize = size;
	for (i = 0; i < s->nrules; i++)
		if (!index_rule(s, i)) {
			css_index_free(s);
			return SA_ENOMEM;
		}
	return SA_OK;
}

/*==== The cascade =========================================================*/

struct win {
	bool        imp;    /* winner's importance */
	long        rank;   /* specificity * 2^20 + source order */
	const char *v;
	size_t      n;
};

#define INLINE_RANK (1L << 50)   /* above any selector's rank */

static void
consider(struct win *w, bool imp, long rank, const char *v, size_t n)
{
	if (w->v != NULL && (imp < w->imp || (imp == w->imp && rank < w->rank)))
		return;
	w->imp = imp;
	w->rank = rank;
	w->v = v;
	w->n = n;
}

struct cascade {
	const struct css_sheet *s;
	const GumboNode        *n;
	struct win              w[CSS_PROP__MAX];
	bool                    cur_imp;   /* of the inline declaration */
};

static void
rule_consider(struct cascade *c, size_t ri)
{
	const struct rule *r = &c->s->rules[ri];
	const struct decl *d;
	size_t i;

	if (!rule_match(r, c->n))
		return;
	for (i = r->first; i < r->first + r->ndecls; i++) {
		d = &c->s->decls[i];
		consider(&c->w[d->prop], d->important,
		    r->spec * (1L << 20) + (long)r->order, d->val.p, d->val.n);
	}
}

static void
bucket_consider(struct cascade *c, char kind, const char *p, size_t n)
{
	const struct bucket *b;
	size_t i;

	if (n == 0 || c->s->tabsize == 0)
		return;
	b = slot(c->s, kind, p, n);
	for (i = 0; b->kind != 0 && i < b->n; i++)
		rule_consider(c, b->rules[i]);
}

/* Candidate rules: unkeyed ones, then the buckets of n's id, classes and
 * tag. Without an index (allocation failed) every rule is tried. */
static void
rules_consider(struct cascade *c)
{
	const char *id = dom_attr(c->n, "id"), *cl = dom_attr(c->n, "class");
	const char *tag = dom_tag_name(c->n), *e;
	size_t i;

	if (c->s->tabsize == 0) {
		for (i = 0; i < c->s->nrules; i++)
			rule_consider(c, i);
		return;
	}
	for (i = 0; i < c->s->nany; i++)
		rule_consider(c, c->s->any[i]);
	if (id != NULL)
		bucket_consider(c, '#', id, strlen(id));
	for (; cl != NULL && *cl; cl = e) {
		while (isspace((unsigned char)*cl))
			cl++;
		for (e = cl; *e && !isspace((unsigned char)*e); e++)
			;
		bucket_consider(c, '.', cl, (size_t)(e - cl));
	}
	bucket_consider(c, 't', tag, strlen(tag));
}

static void
inline_prop(void *arg, enum css_prop p, const char *v, size_t n)
{
	struct cascade *c = arg;

	consider(&c->w[p], c->cur_imp, INLINE_RANK, v, n);
}

static void
inline_decl(void *arg, const char *name, size_t nlen, const char *v,
    size_t vlen, bool important)
{
	struct cascade *c = arg;

	c->cur_imp = important;
	css_expand(name, nlen, v, vlen, inline_prop, c);
}

void
css_cascade_all(const struct css_sheet *s, const GumboNode *n,
    struct css_val out[CSS_PROP__MAX])
{
	struct cascade c = { .s = s, .n = n };
	const char *style = dom_attr(n, "style");
	int p;

	if (s != NULL)
		rules_consider(&c);
	if (style != NULL)
		css_decls_each(style, strlen(style), inline_decl, &c);
	for (p = 0; p < CSS_PROP__MAX; p++)
		out[p] = (struct css_val){ c.w[p].v, c.w[p].n };
}

bool
css_cascade(const struct css_sheet *s, const GumboNode *n,
    enum css_prop prop, const char **v, size_t *len)
{
	struct css_val all[CSS_PROP__MAX];

	css_cascade_all(s, n, all);
	*v = all[prop].v;
	*len = all[prop].n;
	return *v != NULL;
}
