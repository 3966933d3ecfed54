/* checks_a11y_struct.c: lists, definition lists, tables and ARIA id refs. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"
#include "util/buf.h"

static const GumboVector *
children(const GumboNode *n)
{
	return &n->v.element.children;
}

/* True when n keeps its native semantics (no role, or role equals it). */
static bool
native_role(const GumboNode *n, const char *role)
{
	return !dom_has_attr(n, "role") || dom_attr_eq(n, "role", role);
}

static bool
script_support(const GumboNode *c)
{
	return dom_is(c, GUMBO_TAG_SCRIPT) || dom_is(c, GUMBO_TAG_TEMPLATE);
}

static void
list_one(struct a11y_scan *s, const GumboNode *n)
{
	const GumboVector *v = children(n);
	unsigned i;

	if (!(dom_is(n, GUMBO_TAG_UL) || dom_is(n, GUMBO_TAG_OL)) ||
	    !native_role(n, "list") || dom_is_hidden(n))
		return;
	s->seen++;
	for (i = 0; i < v->length; i++) {
		const GumboNode *c = v->data[i];
		if (c->type != GUMBO_NODE_ELEMENT || script_support(c) ||
		    (dom_is(c, GUMBO_TAG_LI) && native_role(c, "listitem")))
			continue;
		check_fail_node(s->r, n, "list has children other than <li>");
		return;
	}
}

/* <ul> / <ol> contain only <li>, <script> and <template> elements. */
void
a11y_list(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, list_one, NULL);
}

static void
listitem_one(struct a11y_scan *s, const GumboNode *n)
{
	const GumboNode *par = dom_parent(n);

	if (!native_role(n, "listitem") || dom_is_hidden(n))
		return;
	s->seen++;
	if (par != NULL && (dom_is(par, GUMBO_TAG_UL) ||
	    dom_is(par, GUMBO_TAG_OL) || dom_is(par, GUMBO_TAG_MENU) ||
	    dom_attr_eq(par, "role", "list")))
		return;
	check_fail_node(s->r, n, "<li> outside <ul>, <ol> or <menu>");
}

/* Each <li> has a list parent. */
void
a11y_listitem(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LI, listitem_one, NULL);
}

/* Checks the children of a <dl> (or of a <div> group inside it). */
static bool
dl_children_ok(const GumboNode *n, bool in_div, bool *seen_dt)
{
	const GumboVector *v = children(n);
	unsigned i;

	for (i = 0; i < v->length; i++) {
		const GumboNode *c = v->data[i];
		if (c->type != GUMBO_NODE_ELEMENT || script_support(c))
			continue;
		if (dom_is(c, GUMBO_TAG_DT))
			*seen_dt = true;
		else if (dom_is(c, GUMBO_TAG_DD) && !*seen_dt)
			return false;
		else if (dom_is(c, GUMBO_TAG_DIV) && !in_div)
			if (!dl_children_ok(c, true, seen_dt))
				return false;
		if (!dom_is(c, GUMBO_TAG_DT) && !dom_is(c, GUMBO_TAG_DD) &&
		    (in_div || !dom_is(c, GUMBO_TAG_DIV)))
			return false;
	}
	return true;
}

static void
dl_one(struct a11y_scan *s, const GumboNode *n)
{
	bool seen_dt = false;

	if (dom_has_attr(n, "role") || dom_is_hidden(n))
		return;
	s->seen++;
	if (!dl_children_ok(n, false, &seen_dt))
		check_fail_node(s->r, n, "<dl> holds other elements or a <dd> "
		    "before any <dt>");
}

/* <dl> holds only <dt>/<dd> groups (optionally in <div>s), dt first. */
void
a11y_definition_list(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_DL, dl_one, NULL);
}

static void
dlitem_one(struct a11y_scan *s, const GumboNode *n)
{
	const GumboNode *par = dom_parent(n);

	if (!(dom_is(n, GUMBO_TAG_DT) || dom_is(n, GUMBO_TAG_DD)) ||
	    dom_has_attr(n, "role") || dom_is_hidden(n))
		return;
	s->seen++;
	if (dom_is(par, GUMBO_TAG_DIV))
		par = dom_parent(par);
	if (!dom_is(par, GUMBO_TAG_DL))
		check_fail_node(s->r, n, "not inside a <dl>");
}

/* Each <dt> / <dd> sits in a <dl> (directly or in a <div> group). */
void
a11y_dlitem(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, dlitem_one, NULL);
}

/*==== Tables ==============================================================*/

static const GumboNode *
table_of(const GumboNode *n)
{
	for (n = dom_parent(n); n != NULL; n = dom_parent(n))
		if (dom_is(n, GUMBO_TAG_TABLE))
			return n;
	return NULL;
}

static bool
is_cell(const GumboNode *n)
{
	return dom_is(n, GUMBO_TAG_TD) || dom_is(n, GUMBO_TAG_TH);
}

static bool
header_ref_ok(const struct a11y_scan *s, const GumboNode *cell,
    const char *id, size_t len)
{
	char tmp[128];
	const GumboNode *ref;

	if (len >= sizeof(tmp))
		return false;
	memcpy(tmp, id, len);
	tmp[len] = '\0';
	ref = dom_by_id(s->root, tmp);
	return ref != NULL && ref != cell && is_cell(ref) &&
	    table_of(ref) == table_of(cell);
}

static void
headers_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *h = dom_attr(n, "headers"), *e;

	if (!is_cell(n) || h == NULL || table_of(n) == NULL)
		return;
	s->seen++;
	for (; *h; h = e) {
		while (isspace((unsigned char)*h))
			h++;
		for (e = h; *e && !isspace((unsigned char)*e); e++)
			;
		if (e > h && !header_ref_ok(s, n, h, (size_t)(e - h))) {
			check_fail_node(s->r, n, "headers refers to a cell "
			    "outside this table (or to none)");
			return;
		}
	}
}

/* [headers] of a cell name other cells of the same table. */
void
a11y_td_headers_attr(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, headers_one, NULL);
}

/* First column of cell and its span, counting colspans of earlier cells. */
static void
cell_cols(const GumboNode *cell, long *first, long *span)
{
	const GumboVector *v = children(cell->parent);
	const char *cs;
	long col = 0, w = 1;
	unsigned i;

	for (i = 0; i < v->length; i++) {
		const GumboNode *c = v->data[i];
		if (!is_cell(c))
			continue;
		cs = dom_attr(c, "colspan");
		w = cs ? strtol(cs, NULL, 10) : 1;
		w = w < 1 ? 1 : w > 1000 ? 1000 : w;
		if (c == cell)
			break;
		col += w;
	}
	*first = col;
	*span = w;
}

struct th_scan {
	const GumboNode *table, *th;
	long first, span;
	bool found;
};

static bool
data_cell_cb(const GumboNode *n, void *arg)
{
	struct th_scan *t = arg;
	long f, w;

	if (t->found || (dom_is(n, GUMBO_TAG_TABLE) && n != t->table))
		return false;
	if (!dom_is(n, GUMBO_TAG_TD) || table_of(n) != t->table)
		return true;
	if (n->parent == t->th->parent) {
		t->found = true;       /* a row header's data cell */
		return false;
	}
	cell_cols(n, &f, &w);
	t->found = f < t->first + t->span && t->first < f + w;
	return false;
}

static void
th_one(struct a11y_scan *s, const GumboNode *n)
{
	struct th_scan t = { .table = table_of(n), .th = n };

	if (t.table == NULL || !dom_is(n->parent, GUMBO_TAG_TR) ||
	    dom_is_hidden(n))
		return;
	s->seen++;
	cell_cols(n, &t.first, &t.span);
	dom_walk(t.table, data_cell_cb, &t);
	if (!t.found)
		check_fail_node(s->r, n, "header describes no data cells");
}

/* Every <th> has a <td> in its row or its column. */
void
a11y_th_has_data_cells(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_TH, th_one, NULL);
}

/*==== Duplicate ids used by ARIA and labels ===============================*/

static const char *const idref_attrs[] = {
	"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
	"aria-flowto", "aria-details", "aria-activedescendant",
	"aria-errormessage",
};

static bool
refs_cb(const GumboNode *n, void *arg)
{
	struct buf *b = arg;
	const char *v;
	size_t i;

	for (i = 0; i < SA_NITEMS(idref_attrs); i++)
		if ((v = dom_attr(n, idref_attrs[i])) != NULL)
			buf_printf(b, "%s ", v);
	if (dom_is(n, GUMBO_TAG_LABEL) && (v = dom_attr(n, "for")) != NULL)
		buf_printf(b, "%s ", v);
	return true;
}

static bool
referenced(const char *refs, const char *id)
{
	size_t n = strlen(id);
	const char *p;

	for (p = strstr(refs, id); p != NULL; p = strstr(p + 1, id))
		if ((p == refs || isspace((unsigned char)p[-1])) &&
		    (p[n] == '\0' || isspace((unsigned char)p[n])))
			return true;
	return false;
}

static void
dup_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *id = dom_attr(n, "id");

	if (id == NULL || *id == '\0' || !referenced(s->arg, id))
		return;
	s->seen++;
	if (dom_by_id(s->root, id) == n && dom_count_id(s->root, id) > 1)
		check_fail_node(s->r, n, "id is not unique");
}

/* Ids referenced by ARIA attributes or label[for] are unique. */
void
a11y_duplicate_id_aria(const struct page_ctx *p, struct check_result *r)
{
	struct buf refs;
	const GumboNode *root = dom_root(p->gumbo);

	buf_init(&refs, 1 << 20);
	if (root != NULL)
		dom_walk(root, refs_cb, &refs);
	if (refs.len > 0)
		a11y_each(p, r, GUMBO_TAG_LAST, dup_one, refs.ptr);
	buf_free(&refs);
}
