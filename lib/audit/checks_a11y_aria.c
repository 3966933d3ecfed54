/* checks_a11y_aria.c: ARIA attribute, value, role and aria-hidden checks. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"

enum aria_type {
	T_STRING, T_BOOL, T_TRISTATE, T_TOKEN, T_TOKENS, T_IDREF, T_IDREFS,
	T_INT, T_NUMBER, T__MAX
};

struct aria_attr {
	const char    *name;    /* without "aria-" */
	enum aria_type type;
	const char    *tokens;  /* " a b c " for T_TOKEN(S) */
};

/* ARIA 1.2 states and properties (plus ARIA 1.3's braille / description
 * attributes, which browsers already ship). */
static const struct aria_attr attrs[] = {
	{ "activedescendant", T_IDREF, NULL }, { "atomic", T_BOOL, NULL },
	{ "autocomplete", T_TOKEN, " inline list both none " },
	{ "braillelabel", T_STRING, NULL },
	{ "brailleroledescription", T_STRING, NULL },
	{ "busy", T_BOOL, NULL }, { "checked", T_TRISTATE, NULL },
	{ "colcount", T_INT, NULL }, { "colindex", T_INT, NULL },
	{ "colindextext", T_STRING, NULL }, { "colspan", T_INT, NULL },
	{ "controls", T_IDREFS, NULL },
	{ "current", T_TOKEN, " page step location date time true false " },
	{ "describedby", T_IDREFS, NULL }, { "description", T_STRING, NULL },
	{ "details", T_IDREFS, NULL }, { "disabled", T_BOOL, NULL },
	{ "dropeffect", T_TOKENS, " copy execute link move none popup " },
	{ "errormessage", T_IDREFS, NULL },
	{ "expanded", T_TOKEN, " true false undefined " },
	{ "flowto", T_IDREFS, NULL },
	{ "grabbed", T_TOKEN, " true false undefined " },
	{ "haspopup", T_TOKEN, " true false menu listbox tree grid dialog " },
	{ "hidden", T_TOKEN, " true false undefined " },
	{ "invalid", T_TOKEN, " grammar false spelling true " },
	{ "keyshortcuts", T_STRING, NULL }, { "label", T_STRING, NULL },
	{ "labelledby", T_IDREFS, NULL }, { "level", T_INT, NULL },
	{ "live", T_TOKEN, " assertive off polite " },
	{ "modal", T_BOOL, NULL }, { "multiline", T_BOOL, NULL },
	{ "multiselectable", T_BOOL, NULL },
	{ "orientation", T_TOKEN, " horizontal undefined vertical " },
	{ "owns", T_IDREFS, NULL }, { "placeholder", T_STRING, NULL },
	{ "posinset", T_INT, NULL }, { "pressed", T_TRISTATE, NULL },
	{ "readonly", T_BOOL, NULL },
	{ "relevant", T_TOKENS, " additions all removals text " },
	{ "required", T_BOOL, NULL }, { "roledescription", T_STRING, NULL },
	{ "rowcount", T_INT, NULL }, { "rowindex", T_INT, NULL },
	{ "rowindextext", T_STRING, NULL }, { "rowspan", T_INT, NULL },
	{ "selected", T_TOKEN, " true false undefined " },
	{ "setsize", T_INT, NULL },
	{ "sort", T_TOKEN, " ascending descending none other " },
	{ "valuemax", T_NUMBER, NULL }, { "valuemin", T_NUMBER, NULL },
	{ "valuenow", T_NUMBER, NULL }, { "valuetext", T_STRING, NULL },
};

static const struct aria_attr *
aria_lookup(const char *name)
{
	size_t i;

	if (strncasecmp(name, "aria-", 5) != 0)
		return NULL;
	for (i = 0; i < SA_NITEMS(attrs); i++)
		if (strcasecmp(name + 5, attrs[i].name) == 0)
			return &attrs[i];
	return NULL;
}

static const GumboVector *
attr_list(const GumboNode *n)
{
	return &n->v.element.attributes;
}

static void
note_attr(struct check_result *r, const GumboNode *n, const char *what,
    const GumboAttribute *a)
{
	char note[160];

	snprintf(note, sizeof(note), "%s %.40s=\"%.60s\"", what, a->name,
	    a->value);
	check_fail_node(r, n, note);
}

static void
valid_attr_one(struct a11y_scan *s, const GumboNode *n)
{
	const GumboVector *v = attr_list(n);
	unsigned i;

	for (i = 0; i < v->length; i++) {
		const GumboAttribute *a = v->data[i];
		if (strncasecmp(a->name, "aria-", 5) != 0)
			continue;
		s->seen++;
		if (aria_lookup(a->name) == NULL) {
			note_attr(s->r, n, "unknown attribute", a);
			return;
		}
	}
}

/* Every aria-* attribute is a real ARIA state or property. */
void
a11y_aria_valid_attr(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, valid_attr_one, NULL);
}

static bool
token_in(const char *list, const char *t, size_t n)
{
	char key[40];

	if (n == 0 || n + 2 >= sizeof(key))
		return false;
	key[0] = ' ';
	for (size_t i = 0; i < n; i++)
		key[i + 1] = (char)tolower((unsigned char)t[i]);
	key[n + 1] = ' ';
	key[n + 2] = '\0';
	return strstr(list, key) != NULL;
}

/* Each white-space separated token satisfies the type; at least one. */
static bool
tokens_ok(const struct a11y_scan *s, const struct aria_attr *d,
    const char *v, bool all)
{
	const char *e;
	char id[128];
	size_t n, count = 0, hits = 0;

	for (; *v; v = e) {
		while (isspace((unsigned char)*v))
			v++;
		for (e = v; *e && !isspace((unsigned char)*e); e++)
			;
		if ((n = (size_t)(e - v)) == 0)
			break;
		count++;
		if (d->tokens != NULL) {
			hits += token_in(d->tokens, v, n);
		} else if (n < sizeof(id)) {
			memcpy(id, v, n);
			id[n] = '\0';
			hits += dom_by_id(s->root, id) != NULL;
		}
	}
	return all ? hits == count && count > 0 : hits > 0;
}

static bool
number_ok(const char *v, bool integer)
{
	char *end;

	if (integer)
		(void)strtol(v, &end, 10);
	else
		(void)strtod(v, &end);
	while (isspace((unsigned char)*end))
		end++;
	return end != v && *end == '\0';
}

static bool
value_ok(const struct a11y_scan *s, const struct aria_attr *d, const char *v)
{
	switch (d->type) {
	case T_BOOL:
		return token_in(" true false ", v, strlen(v));
	case T_TRISTATE:
		return token_in(" true false mixed undefined ", v, strlen(v));
	case T_TOKEN:
		return token_in(d->tokens, v, strlen(v));
	case T_TOKENS:
		return tokens_ok(s, d, v, true);
	case T_IDREF:
	case T_IDREFS:
		return tokens_ok(s, d, v, false);
	case T_INT:
		return number_ok(v, true);
	case T_NUMBER:
		return number_ok(v, false);
	default:
		return true;
	}
}

static void
valid_value_one(struct a11y_scan *s, const GumboNode *n)
{
	const GumboVector *v = attr_list(n);
	const struct aria_attr *d;
	unsigned i;

	for (i = 0; i < v->length; i++) {
		const GumboAttribute *a = v->data[i];
		if ((d = aria_lookup(a->name)) == NULL || a->value[0] == '\0')
			continue;
		s->seen++;
		if (!value_ok(s, d, a->value)) {
			note_attr(s->r, n, "invalid value", a);
			return;
		}
	}
}

/* Known aria-* attributes carry values of their type (booleans, tokens,
 * numbers, ids that exist). Empty values are left alone. */
void
a11y_aria_valid_attr_value(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, valid_value_one, NULL);
}

static const char *const abstract_roles =
    " command composite input landmark range roletype section sectionhead "
    "select structure widget window ";

static void
roles_one(struct a11y_scan *s, const GumboNode *n)
{
	char role[48], note[96];

	if (!a11y_role(n, role, sizeof(role)))
		return;
	s->seen++;
	if (a11y_role_valid(role))
		return;
	snprintf(note, sizeof(note), "%s role \"%s\"",
	    token_in(abstract_roles, role, strlen(role)) ? "abstract" :
	    "unknown", role);
	check_fail_node(s->r, n, note);
}

/* role="" names a concrete ARIA role (first token). */
void
a11y_aria_roles(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, roles_one, NULL);
}

static void
hidden_body_one(struct a11y_scan *s, const GumboNode *n)
{
	s->seen++;
	if (dom_attr_eq(n, "aria-hidden", "true"))
		check_fail_node(s->r, n, "aria-hidden=\"true\" on <body>");
}

/* <body> is not aria-hidden. Always applicable. */
void
a11y_aria_hidden_body(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_BODY, hidden_body_one, NULL);
}

static bool
tabbable_cb(const GumboNode *n, void *arg)
{
	bool *hit = arg;

	if (*hit || dom_has_attr(n, "hidden") ||
	    dom_style_has(n, "display", "none") ||
	    dom_style_has(n, "visibility", "hidden"))
		return false;
	*hit = dom_is_tabbable(n);
	return !*hit;
}

static void
hidden_focus_one(struct a11y_scan *s, const GumboNode *n)
{
	bool hit = false;

	if (dom_is(n, GUMBO_TAG_BODY) || !dom_attr_eq(n, "aria-hidden", "true"))
		return;
	s->seen++;
	dom_walk(n, tabbable_cb, &hit);
	if (hit)
		check_fail_node(s->r, n, "aria-hidden content can take focus");
}

/* aria-hidden="true" subtrees hold nothing reachable with Tab. */
void
a11y_aria_hidden_focus(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, hidden_focus_one, NULL);
}
