/* css.c: a small CSS reader — style sheets, selectors and the cascade. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/css.h"
#include "audit/css_int.h"
#include "audit/dom.h"

static const char *const prop_names[CSS_PROP__MAX] = {
	[CSS_COLOR] = "color",
	[CSS_BG_COLOR] = "background-color",
	[CSS_BG_IMAGE] = "background-image",
	[CSS_FONT_SIZE] = "font-size",
	[CSS_FONT_WEIGHT] = "font-weight",
	[CSS_DISPLAY] = "display",
	[CSS_VISIBILITY] = "visibility",
};
_Static_assert(SA_NITEMS(prop_names) == CSS_PROP__MAX, "prop name table");

/*==== Sheets ==============================================================*/

struct css_sheet *
css_sheet_new(void)
{
	return calloc(1, sizeof(struct css_sheet));
}

void
css_sheet_free(struct css_sheet *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ntexts; i++)
		free(s->texts[i]);
	free(s->texts);
	free(s->rules);
	free(s->decls);
	css_index_free(s);
	free(s);
}

size_t
css_sheet_rules(const struct css_sheet *s)
{
	return s ? s->nrules : 0;
}

/* Copies text without comments; NULL on allocation failure. */
static char *
strip_comments(const char *t, size_t len)
{
	char *out = malloc(len + 1), *w = out;
	size_t i = 0;
	const char *end;

	if (out == NULL)
		return NULL;
	while (i < len) {
		if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
			end = memmem(t + i + 2, len - i - 2, "*/", 2);
			i = end ? (size_t)(end - t) + 2 : len;
			*w++ = ' ';
			continue;
		}
		*w++ = t[i] == '\0' ? ' ' : t[i];
		i++;
	}
	*w = '\0';
	return out;
}

static void *
grow(void *p, size_t *alloc, size_t need, size_t size)
{
	size_t n = *alloc ? *alloc : 16;
	void *q;

	if (need <= *alloc)
		return p;
	while (n < need)
		n *= 2;
	if ((q = realloc(p, n * size)) != NULL)
		*alloc = n;
	return q;
}

/*==== Declarations ========================================================*/

/* End of the declaration starting at p: ';' outside quotes and parens. */
static const char *
decl_end(const char *p, const char *end)
{
	int depth = 0;
	char q = 0;

	for (; p < end; p++) {
		if (q) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && depth > 0) {
			depth--;
		} else if (*p == ';' && depth == 0) {
			return p;
		}
	}
	return end;
}

static void
trim(const char **a, const char **b)
{
	while (*a < *b && isspace((unsigned char)**a))
		(*a)++;
	while (*b > *a && isspace((unsigned char)(*b)[-1]))
		(*b)--;
}

static bool
span_eq(const char *a, size_t n, const char *word)
{
	return n == strlen(word) && strncasecmp(a, word, n) == 0;
}

/* Splits "name: value [!important]" and hands it to fn. */
static void
decl_one(const char *p, const char *e, css_decl_fn fn, void *arg)
{
	const char *colon = memchr(p, ':', (size_t)(e - p)), *v, *bang;
	bool imp = false;

	if (colon == NULL)
		return;
	v = colon + 1;
	trim(&p, &colon);
	trim(&v, &e);
	bang = memrchr(v, '!', (size_t)(e - v));
	if (bang != NULL) {
		const char *w = bang + 1, *we = e;
		trim(&w, &we);
		imp = span_eq(w, (size_t)(we - w), "important");
		if (imp) {
			e = bang;
			trim(&v, &e);
		}
	}
	if (p < colon && v < e)
		fn(arg, p, (size_t)(colon - p), v, (size_t)(e - v), imp);
}

void
css_decls_each(const char *s, size_t len, css_decl_fn fn, void *arg)
{
	const char *p = s, *end = s + len, *e;

	while (p < end) {
		e = decl_end(p, end);
		decl_one(p, e, fn, arg);
		p = e + 1;
	}
}

/* The colour part of a background shorthand, or "transparent". */
static struct span
bg_color_part(const char *v, size_t n)
{
	const char *p = v, *end = v + n, *t;
	struct css_color c;
	int depth = 0;

	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		for (t = p; t < end && (depth > 0 || !isspace((unsigned char)*t));
		    t++)
			depth += *t == '(' ? 1 : *t == ')' ? -1 : 0;
		if (t > p && css_parse_color(p, (size_t)(t - p), &c))
			return (struct span){ p, (size_t)(t - p) };
		p = t;
	}
	return (struct span){ "transparent", 11 };
}

static bool
has_image(const char *v, size_t n)
{
	return memmem(v, n, "url(", 4) != NULL ||
	    memmem(v, n, "gradient(", 9) != NULL ||
	    memmem(v, n, "image-set(", 10) != NULL;
}

void
css_expand(const char *name, size_t nlen, const char *v, size_t vlen,
    css_prop_fn fn, void *arg)
{
	enum css_prop p;
	struct span c;

	if (span_eq(name, nlen, "background")) {
		c = bg_color_part(v, vlen);
		fn(arg, CSS_BG_COLOR, c.p, c.n);
		if (has_image(v, vlen))
			fn(arg, CSS_BG_IMAGE, v, vlen);
		else
			fn(arg, CSS_BG_IMAGE, "none", 4);
		return;
	}
	for (p = 0; p < CSS_PROP__MAX; p++)
		if (span_eq(name, nlen, prop_names[p]))
			fn(arg, p, v, vlen);
}

/*==== Selectors ===========================================================*/

static bool
ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' ||
	    (unsigned char)c >= 0x80;
}

/* Parses one compound at *pp; false when unsupported. */
static bool
parse_compound(const char **pp, const char *end, struct compound *c)
{
	const char *p = *pp, *s;

	memset(c, 0, sizeof(*c));
	if (p < end && *p == '*')
		p++;
	for (s = p; p < end && ident_char(*p); p++)
		;
	c->tag = (struct span){ s, (size_t)(p - s) };
	while (p < end && (*p == '.' || *p == '#')) {
		char kind = *p++;
		for (s = p; p < end && ident_char(*p); p++)
			;
		if (p == s || (kind == '#' && c->id.n) ||
		    (kind == '.' && c->ncls == MAX_CLASS))
			return false;
		if (kind == '#')
			c->id = (struct span){ s, (size_t)(p - s) };
		else
			c->cls[c->ncls++] = (struct span){ s, (size_t)(p - s) };
	}
	*pp = p;
	return p == end || isspace((unsigned char)*p) || *p == '>';
}

static long
spec_of(const struct compound *c, size_t n)
{
	long s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += (c[i].id.n ? 10000 : 0) + 100 * (long)c[i].ncls +
		    (c[i].tag.n ? 1 : 0);
	return s;
}

/* Parses a complex selector into r (parts, spec); false if unsupported. */
static bool
parse_selector(const char *p, const char *end, struct rule *r)
{
	bool child = false;

	trim(&p, &end);
	r->nparts = 0;
	while (p < end) {
		if (r->nparts == MAX_PARTS ||
		    !parse_compound(&p, end, &r->parts[r->nparts]))
			return false;
		r->parts[r->nparts++].child = child;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if ((child = p < end && *p == '>'))
			p++;
		while (p < end && isspace((unsigned char)*p))
			p++;
	}
	r->spec = spec_of(r->parts, r->nparts);
	return r->nparts > 0 && !child;
}

long
css_specificity(const char *sel, size_t len)
{
	struct rule r;

	return parse_selector(sel, sel + len, &r) ? r.spec : -1;
}

/*==== Rules ===============================================================*/

struct add_ctx {
	struct css_sheet *s;
	bool oom;
};

static void
add_decl(void *arg, enum css_prop p, const char *v, size_t n)
{
	struct add_ctx *a = arg;
	struct css_sheet *s = a->s;
	struct decl *d;

	if ((d = grow(s->decls, &s->adecls, s->ndecls + 1, sizeof(*d))) == NULL) {
		a->oom = true;
		return;
	}
	s->decls = d;
	d[s->ndecls].prop = p;
	d[s->ndecls].val = (struct span){ v, n };
	s->ndecls++;
}

static void
add_decl_raw(void *arg, const char *name, size_t nlen, const char *v,
    size_t vlen, bool important)
{
	struct add_ctx *a = arg;
	size_t before = a->s->ndecls, i;

	css_expand(name, nlen, v, vlen, add_decl, arg);
	for (i = before; i < a->s->ndecls; i++)
		a->s->decls[i].important = important;
}

/* One rule per supported selector of the list, sharing the declarations. */
static enum sa_err
add_rule(struct css_sheet *s, const char *sel, const char *sel_end,
    const char *body, const char *body_end)
{
	struct add_ctx a = { .s = s };
	size_t first = s->ndecls;
	const char *p, *comma;
	struct rule r, *rs;

	css_decls_each(body, (size_t)(body_end - body), add_decl_raw, &a);
	if (a.oom)
		return SA_ENOMEM;
	if (s->ndecls == first)
		return SA_OK;
	for (p = sel; p < sel_end; p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(sel_end - p))) == NULL)
			comma = sel_end;
		if (!parse_selector(p, comma, &r))
			continue;
		if (s->nrules == MAX_RULES)
			return SA_ETOOBIG;
		rs = grow(s->rules, &s->arules, s->nrules + 1, sizeof(*rs));
		if (rs == NULL)
			return SA_ENOMEM;
		s->rules = rs;
		r.order = s->nrules;
		r.first = first;
		r.ndecls = s->ndecls - first;
		rs[s->nrules++] = r;
	}
	return SA_OK;
}

/* The matching '}' for the '{' at open (quotes respected), or end. */
static const char *
block_end(const char *open, const char *end)
{
	int depth = 0;
	char q = 0;
	const char *p;

	for (p = open; p < end; p++) {
		if (q) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}' && --depth == 0) {
			return p;
		}
	}
	return end;
}

/* Skips an at-rule (its block, or up to ';'); returns where to go on. */
static const char *
skip_at_rule(const char *p, const char *end)
{
	const char *brace = memchr(p, '{', (size_t)(end - p));
	const char *semi = memchr(p, ';', (size_t)(end - p));

	if (semi != NULL && (brace == NULL || semi < brace))
		return semi + 1;
	if (brace == NULL)
		return end;
	p = block_end(brace, end);
	return p < end ? p + 1 : end;
}

static enum sa_err
parse_sheet(struct css_sheet *s, const char *p, const char *end)
{
	const char *open, *close;
	enum sa_err rc;

	while (p < end) {
		while (p < end && (isspace((unsigned char)*p) || *p == '}'))
			p++;
		if (p == end)
			break;
		if (*p == '@') {
			p = skip_at_rule(p, end);
			continue;
		}
		if ((open = memchr(p, '{', (size_t)(end - p))) == NULL)
			break;
		close = block_end(open, end);
		if ((rc = add_rule(s, p, open, open + 1, close)) != SA_OK)
			return rc;
		p = close < end ? close + 1 : end;
	}
	return SA_OK;
}

enum sa_err
css_sheet_add(struct css_sheet *s, const char *text, size_t len)
{
	char **texts, *t;
	enum sa_err rc, rc2;

	if (s == NULL || (text == NULL && len > 0))
		return SA_EINVAL;
	texts = realloc(s->texts, (s->ntexts + 1) * sizeof(*texts));
	if (texts == NULL)
		return SA_ENOMEM;
	s->texts = texts;
	if ((t = strip_comments(text, len)) == NULL)
		return SA_ENOMEM;
	s->texts[s->ntexts++] = t;
	rc = parse_sheet(s, t, t + strlen(t));
	rc2 = css_index_build(s);
	return rc != SA_OK ? rc : rc2;
}
