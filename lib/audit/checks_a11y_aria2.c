/* checks_a11y_aria2.c: ARIA ownership (required children / parent) and
 * attribute-per-role rules (allowed, prohibited). */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"

/* The explicit, valid role of n with a table entry (first token only). */
static const struct a11y_role_def *
explicit_def(const GumboNode *n, char *buf, size_t len)
{
	if (!a11y_role(n, buf, len) || !a11y_role_valid(buf))
		return NULL;
	return a11y_role_def(buf);
}

/*==== aria-required-children ==============================================*/

/* Roles axe only "reviews" (not applicable for us) when they own nothing. */
static const char *const review_empty = " doc-bibliography doc-endnotes grid "
    "list listbox menu menubar table tablist tree treegrid rowgroup ";

struct owned {
	const struct a11y_role_def *parent;
	const GumboNode *bad;        /* first owned element not allowed */
	char bad_role[48];
	bool found;                  /* a required role is owned */
	bool content;                /* owns text or elements */
};

static bool
allowed_in_context(const char *role, const char *parent)
{
	const struct a11y_role_def *d = a11y_role_def(role);

	return d != NULL && a11y_token_in(d->context, parent);
}

static void owned_walk(struct owned *o, const struct a11y_scan *s,
    const GumboNode *n);

/* One owned node: axe's getOwnedRoles. Role-less, unfocusable elements
 * without global ARIA are looked through, as are a required group. */
static void
owned_one(struct owned *o, const struct a11y_scan *s, const GumboNode *c)
{
	char buf[48];
	const char *role;
	bool special;

	if (c->type == GUMBO_NODE_TEXT) {
		o->content |= c->v.text.text[strspn(c->v.text.text, " \t\r\n")]
		    != '\0';
		return;
	}
	if (c->type != GUMBO_NODE_ELEMENT || dom_is(c, GUMBO_TAG_SCRIPT) ||
	    dom_is(c, GUMBO_TAG_TEMPLATE) || dom_is(c, GUMBO_TAG_STYLE) ||
	    a11y_hidden2(s, c))
		return;
	role = a11y_role_of(c, buf, sizeof(buf));
	special = dom_is_focusable(c) || a11y_has_global_attr(c);
	if ((role == NULL && !special) || (role != NULL &&
	    (strcmp(role, "group") == 0 || strcmp(role, "rowgroup") == 0) &&
	    a11y_token_in(o->parent->owned, role))) {
		owned_walk(o, s, c);
		return;
	}
	o->content = true;
	if (role != NULL && a11y_token_in(o->parent->owned, role)) {
		o->found = true;
		return;
	}
	if (o->bad == NULL && (role == NULL ||
	    !allowed_in_context(role, o->parent->role))) {
		o->bad = c;
		snprintf(o->bad_role, sizeof(o->bad_role), "%s",
		    role ? role : dom_tag_name(c));
	}
}

static void
owned_walk(struct owned *o, const struct a11y_scan *s, const GumboNode *n)
{
	const GumboVector *v = &n->v.element.children;

	for (unsigned i = 0; i < v->length; i++)
		owned_one(o, s, v->data[i]);
}

/* Elements named by aria-owns are owned too. */
static void
owned_refs(struct owned *o, const struct a11y_scan *s, const GumboNode *n)
{
	const char *v = dom_attr(n, "aria-owns"), *e;
	char id[128];
	const GumboNode *t;

	for (; v != NULL && *v; v = e) {
		while (isspace((unsigned char)*v))
			v++;
		for (e = v; *e && !isspace((unsigned char)*e); e++)
			;
		if (e == v || (size_t)(e - v) >= sizeof(id))
			continue;
		memcpy(id, v, (size_t)(e - v));
		id[e - v] = '\0';
		if ((t = dom_by_id(s->root, id)) != NULL)
			owned_one(o, s, t);
	}
}

static void
children_one(struct a11y_scan *s, const GumboNode *n)
{
	char role[48], note[192];
	struct owned o = { 0 };

	if ((o.parent = explicit_def(n, role, sizeof(role))) == NULL ||
	    o.parent->owned == NULL || a11y_hidden2(s, n))
		return;
	owned_walk(&o, s, n);
	owned_refs(&o, s, n);
	if (o.bad != NULL) {
		s->seen++;
		snprintf(note, sizeof(note), "role \"%s\" may not own \"%s\"",
		    role, o.bad_role);
		check_fail_node(s->r, n, note);
		return;
	}
	if (o.found || dom_attr_eq(n, "aria-busy", "true")) {
		s->seen++;
		return;
	}
	if (!o.content && a11y_token_in(review_empty, role))
		return;   /* axe: needs review, not a failure */
	s->seen++;
	snprintf(note, sizeof(note), "role \"%s\" owns none of:%.80s", role,
	    o.parent->owned);
	check_fail_node(s->r, n, note);
}

/* Composite roles own their required children (list → listitem, …). */
void
a11y_aria_required_children(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, children_one, NULL);
}

/*==== aria-required-parent ================================================*/

/* axe's getMissingContext: the nearest ancestor with a role decides
 * (from n itself when self). group ancestors are looked through when the
 * role may sit in a group; a treeitem's group may sit in a treeitem. */
static bool
context_ok(const GumboNode *n, bool self, const char *role,
    const char *context)
{
	char buf[48];
	const char *r;
	bool groups = a11y_token_in(context, "group"), in_group = false;

	for (n = self ? n : dom_parent(n); n != NULL; n = dom_parent(n)) {
		if ((r = a11y_role_of(n, buf, sizeof(buf))) == NULL)
			continue;
		if (strcmp(r, "group") == 0 && groups) {
			in_group = true;
			continue;
		}
		return a11y_token_in(context, r) || (in_group &&
		    strcmp(role, "treeitem") == 0 && strcmp(r, role) == 0);
	}
	return false;
}

struct owner_find {
	const char      *id;
	const GumboNode *owner;
};

static bool
owner_cb(const GumboNode *n, void *arg)
{
	struct owner_find *f = arg;
	const char *v = dom_attr(n, "aria-owns"), *e;
	size_t idlen = strlen(f->id);

	for (; v != NULL && *v && f->owner == NULL; v = e) {
		while (isspace((unsigned char)*v))
			v++;
		for (e = v; *e && !isspace((unsigned char)*e); e++)
			;
		if ((size_t)(e - v) == idlen && memcmp(v, f->id, idlen) == 0)
			f->owner = n;
	}
	return f->owner == NULL;
}

static void
parent_one(struct a11y_scan *s, const GumboNode *n)
{
	char role[48], note[192];
	const struct a11y_role_def *d = explicit_def(n, role, sizeof(role));
	struct owner_find f = { dom_attr(n, "id"), NULL };

	if (d == NULL || d->context == NULL || a11y_hidden2(s, n))
		return;
	s->seen++;
	if (context_ok(n, false, role, d->context))
		return;
	if (f.id != NULL && *f.id != '\0') {
		dom_walk(s->root, owner_cb, &f);
		if (f.owner != NULL && context_ok(f.owner, true, role,
		    d->context))
			return;
	}
	snprintf(note, sizeof(note), "role \"%s\" needs a parent with role "
	    "in:%.80s", role, d->context);
	check_fail_node(s->r, n, note);
}

/* Roles that only make sense inside a container sit in one. */
void
a11y_aria_required_parent(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, parent_one, NULL);
}

/*==== aria-allowed-attr / aria-prohibited-attr ============================*/

bool
a11y_has_aria(const GumboNode *n)
{
	const GumboVector *v = &n->v.element.attributes;

	for (unsigned i = 0; i < v->length; i++)
		if (strncasecmp(((GumboAttribute *)v->data[i])->name, "aria-", 5)
		    == 0)
			return true;
	return false;
}

static void
allowed_attr_one(struct a11y_scan *s, const GumboNode *n)
{
	static const struct a11y_role_def generic = { "generic", NULL, NULL,
	    " ", false };
	const GumboVector *v = &n->v.element.attributes;
	const struct a11y_role_def *d;
	char role[48], note[160];

	if (!a11y_has_aria(n) || a11y_hidden2(s, n))
		return;
	d = explicit_def(n, role, sizeof(role));
	if (d != NULL && d->no_name && a11y_has_global_attr(n) &&
	    (strcmp(role, "none") == 0 || strcmp(role, "presentation") == 0))
		d = NULL;   /* conflict resolution: the implicit role applies */
	if (d == NULL && !dom_has_attr(n, "role") &&
	    (dom_is(n, GUMBO_TAG_DIV) || dom_is(n, GUMBO_TAG_SPAN)))
		d = &generic;   /* no role at all: only global attributes */
	s->seen++;
	if (d == NULL)
		return;   /* implicit roles: not judged (no false positives) */
	for (unsigned i = 0; i < v->length; i++) {
		const GumboAttribute *a = v->data[i];
		if (!a11y_attr_known(a->name) || a11y_attr_allowed(d, a->name))
			continue;
		if (strcmp(a->name, "aria-required") == 0 &&
		    strcmp(a->value, "false") == 0)
			continue;   /* axe ignores it */
		if (d == &generic)
			snprintf(note, sizeof(note), "%.40s is not allowed on "
			    "<%s> without a role", a->name, dom_tag_name(n));
		else
			snprintf(note, sizeof(note), "%.40s is not allowed on "
			    "role \"%s\"", a->name, role);
		check_fail_node(s->r, n, note);
		return;
	}
}

/* aria-* attributes are ones the element's role supports. */
void
a11y_aria_allowed_attr(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, allowed_attr_one, NULL);
}

/* html elements axe marks namingProhibited (variant-free ones). */
static const char *const naming_prohibited = " abbr b bdi bdo cite code data "
    "del div em i ins kbd mark p pre q s samp small span strong sub sup time "
    "u var ";

static bool
in_widget(const GumboNode *n)
{
	char buf[48];
	const char *r;
	static const char *const widgets = " button checkbox gridcell link "
	    "menuitem menuitemcheckbox menuitemradio option radio scrollbar "
	    "searchbox separator slider spinbutton switch tab textbox "
	    "treeitem progressbar combobox listbox ";

	for (n = dom_parent(n); n != NULL; n = dom_parent(n))
		if ((r = a11y_role_of(n, buf, sizeof(buf))) != NULL)
			return a11y_token_in(widgets, r);
	return false;
}

static bool
blank_attr(const GumboNode *n, const char *name)
{
	const char *v = dom_attr(n, name);

	return v == NULL || v[strspn(v, " \t\r\n\f")] == '\0';
}

static void
prohibited_one(struct a11y_scan *s, const GumboNode *n)
{
	char role[48], note[192];
	const struct a11y_role_def *d;
	char *text;
	bool has_text;

	if ((blank_attr(n, "aria-label") && blank_attr(n, "aria-labelledby")) ||
	    a11y_hidden2(s, n))
		return;
	s->seen++;
	d = explicit_def(n, role, sizeof(role));
	if (d == NULL) {
		if (dom_has_attr(n, "role") || in_widget(n) ||
		    !a11y_token_in(naming_prohibited, dom_tag_name(n)))
			return;
		snprintf(role, sizeof(role), "<%s>", dom_tag_name(n));
	} else if (!d->no_name) {
		return;
	}
	text = dom_text(n);
	has_text = text != NULL && *text != '\0';
	free(text);
	if (has_text)
		return;   /* axe: "needs review" when the text still speaks */
	snprintf(note, sizeof(note), "aria-label / aria-labelledby cannot name "
	    "%s", role);
	check_fail_node(s->r, n, note);
}

/* aria-label(ledby) is not used where ARIA forbids naming. */
void
a11y_aria_prohibited_attr(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, prohibited_one, NULL);
}
