/* checks_a11y_misc2.c: aria-conditional-attr, aria-text,
 * table-duplicate-name, autocomplete-valid, presentation-role-conflict. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/checks_a11y.h"
#include "audit/css.h"
#include "audit/dom.h"

/*
 * axe excludes hidden elements from these rules. Inline hiding is
 * dom_is_hidden's; display:none / visibility:hidden from the page's own
 * style sheets is css_compute's, checked on n and each ancestor.
 */
bool
a11y_hidden2(const struct a11y_scan *s, const GumboNode *n)
{
	struct css_style st;

	if (dom_is_hidden(n))
		return true;
	if (s->p->css == NULL)
		return false;
	for (; n != NULL; n = dom_parent(n)) {
		css_compute(s->p->css, n, &st);
		if (st.hidden)
			return true;
	}
	return false;
}

/*==== aria-conditional-attr ===============================================*/

/* aria-checked on a native checkbox / radio must match its checked state
 * (axe normalises anything but true / mixed to false; the indeterminate
 * state is script-only, so "mixed" never matches markup). */
static bool
checked_conflict(const GumboNode *n, char *note, size_t len)
{
	const char *t = dom_input_type(n), *v = dom_attr(n, "aria-checked");
	const char *want, *got;

	if (t == NULL || v == NULL || *v == '\0' ||
	    (strcmp(t, "checkbox") != 0 && strcmp(t, "radio") != 0))
		return false;
	got = strcasecmp(v, "true") == 0 ? "true" :
	    (strcasecmp(v, "mixed") == 0 && strcmp(t, "checkbox") == 0) ?
	    "mixed" : "false";
	want = dom_has_attr(n, "checked") ? "true" : "false";
	if (strcmp(got, want) == 0)
		return false;
	snprintf(note, len, "aria-checked=\"%s\" contradicts the %s's "
	    "checked state (%s)", got, t, want);
	return true;
}

/* Tree-only row attributes on a row of a table or grid. */
static bool
row_conflict(const GumboNode *n, const char *role, char *note, size_t len)
{
	static const char *const tree_attrs[] = { "aria-posinset",
	    "aria-setsize", "aria-expanded", "aria-level" };
	const char *attr = NULL, *owner_role;
	char buf[48];
	const GumboNode *o;

	if (role == NULL || strcmp(role, "row") != 0)
		return false;
	for (size_t i = 0; i < SA_NITEMS(tree_attrs) && !attr; i++)
		if (dom_has_attr(n, tree_attrs[i]))
			attr = tree_attrs[i];
	if (attr == NULL)
		return false;
	for (o = dom_parent(n); o != NULL; o = dom_parent(o)) {
		if (dom_is(o, GUMBO_TAG_TABLE) && !dom_has_attr(o, "role"))
			break;
		if (a11y_role(o, buf, sizeof(buf)) && (strcmp(buf, "treegrid")
		    == 0 || strcmp(buf, "table") == 0 || strcmp(buf, "grid") == 0))
			break;
	}
	if (o == NULL || (owner_role = a11y_role_of(o, buf, sizeof(buf))) ==
	    NULL || strcmp(owner_role, "treegrid") == 0)
		return false;
	snprintf(note, len, "%s on a row is only allowed in a treegrid, not a "
	    "%s", attr, owner_role);
	return true;
}

static void
conditional_one(struct a11y_scan *s, const GumboNode *n)
{
	char buf[48], note[128];
	const char *role;

	if (!a11y_has_aria(n) || a11y_hidden2(s, n))
		return;
	s->seen++;
	role = a11y_role_of(n, buf, sizeof(buf));
	if ((role != NULL && (strcmp(role, "checkbox") == 0 ||
	    strcmp(role, "radio") == 0) && checked_conflict(n, note,
	    sizeof(note))) || row_conflict(n, role, note, sizeof(note)))
		check_fail_node(s->r, n, note);
}

/* ARIA attributes used only where their condition holds. */
void
a11y_aria_conditional_attr(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, conditional_one, NULL);
}

/*==== aria-text ===========================================================*/

/* axe's role types "widget" (axe-core 4.14.1 aria-roles.js). */
static const char *const widget_roles = " button checkbox gridcell link "
    "menuitem menuitemcheckbox menuitemradio option progressbar radio "
    "scrollbar searchbox slider spinbutton switch tab textbox treeitem "
    "combobox listbox ";

static bool
focusable_widget_cb(const GumboNode *n, void *arg)
{
	const GumboNode **hit = arg;
	char buf[48];
	const char *role;

	if (*hit != NULL || dom_has_attr(n, "hidden") ||
	    dom_style_has(n, "display", "none"))
		return false;
	role = a11y_role_of(n, buf, sizeof(buf));
	if (role != NULL && a11y_token_in(widget_roles, role) &&
	    dom_is_focusable(n)) {
		*hit = n;
		return false;
	}
	return true;
}

static void
text_one(struct a11y_scan *s, const GumboNode *n)
{
	const GumboVector *v = &n->v.element.children;
	const GumboNode *hit = NULL;

	if (!dom_attr_eq(n, "role", "text") || a11y_hidden2(s, n))
		return;
	s->seen++;
	for (unsigned i = 0; i < v->length && hit == NULL; i++)
		if (((GumboNode *)v->data[i])->type == GUMBO_NODE_ELEMENT)
			dom_walk(v->data[i], focusable_widget_cb, &hit);
	if (hit != NULL)
		check_fail_node(s->r, n, "role=\"text\" contains focusable "
		    "content");
}

/* role="text" (which flattens its content) holds nothing focusable. */
void
a11y_aria_text(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, text_one, NULL);
}

/*==== table-duplicate-name ================================================*/

/* Collapses white space of v into out (lower-cased); "" when blank. */
static void
squash(const char *v, char *out, size_t len)
{
	size_t o = 0;
	bool sp = false;

	for (; *v && o + 1 < len; v++) {
		if (isspace((unsigned char)*v)) {
			sp = o > 0;
			continue;
		}
		if (sp && o + 2 < len)
			out[o++] = ' ';
		sp = false;
		out[o++] = (char)tolower((unsigned char)*v);
	}
	out[o] = '\0';
}

static void
table_one(struct a11y_scan *s, const GumboNode *n)
{
	const GumboVector *v = &n->v.element.children;
	const char *summary = dom_attr(n, "summary");
	char a[1024], b[1024], *text = NULL;

	if (a11y_hidden2(s, n))
		return;
	s->seen++;
	if (summary == NULL)
		return;
	for (unsigned i = 0; i < v->length && text == NULL; i++)
		if (dom_is(v->data[i], GUMBO_TAG_CAPTION))
			text = dom_text(v->data[i]);
	if (text == NULL)
		return;
	squash(text, a, sizeof(a));
	squash(summary, b, sizeof(b));
	free(text);
	if (*a != '\0' && strcmp(a, b) == 0)
		check_fail_node(s->r, n, "<caption> repeats the summary "
		    "attribute");
}

/* A table's <caption> and summary="" say different things. */
void
a11y_table_duplicate_name(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_TABLE, table_one, NULL);
}

/*==== autocomplete-valid ==================================================*/

/* HTML's autofill tokens as axe-core 4.14.1 lists them
 * (lib/commons/text/is-valid-autocomplete.js) plus the rule's options. */
static const char *const ac_state = " on off none false true disabled "
    "enabled undefined null xoff xon ";
static const char *const ac_ignored = " text pronouns gender message "
    "content ";
static const char *const ac_standalone = " name honorific-prefix given-name "
    "additional-name family-name honorific-suffix nickname username "
    "new-password current-password organization-title organization "
    "street-address address-line1 address-line2 address-line3 "
    "address-level4 address-level3 address-level2 address-level1 country "
    "country-name postal-code cc-name cc-given-name cc-additional-name "
    "cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc "
    "cc-type transaction-currency transaction-amount language bday bday-day "
    "bday-month bday-year sex url photo one-time-code ";
static const char *const ac_qualified = " tel tel-country-code tel-national "
    "tel-area-code tel-local tel-local-prefix tel-local-suffix tel-extension "
    "email impp ";

/* 1 valid, 0 invalid, -1 an ignored purpose (axe: needs review). */
static int
autocomplete_ok(const char *value)
{
	char buf[256], *tok[8], *save = NULL, *t;
	size_t n = 0, i = 0;
	bool qualified = false;

	squash(value, buf, sizeof(buf));
	if (*buf == '\0' || a11y_token_in(ac_state, buf))
		return 1;
	for (t = strtok_r(buf, " ", &save); t != NULL && n < SA_NITEMS(tok);
	    t = strtok_r(NULL, " ", &save))
		tok[n++] = t;
	if (t != NULL)
		return 0;
	if (n > 0 && strcmp(tok[n - 1], "webauthn") == 0 && --n == 0)
		return 0;
	if (i < n && strncmp(tok[i], "section-", 8) == 0 && strlen(tok[i]) > 8)
		i++;
	if (i < n && a11y_token_in(" billing shipping ", tok[i]))
		i++;
	if (i < n && a11y_token_in(" home work mobile fax pager ", tok[i])) {
		i++;
		qualified = true;
	}
	if (n - i != 1)
		return 0;
	if (a11y_token_in(ac_ignored, tok[i]))
		return -1;
	return a11y_token_in(ac_qualified, tok[i]) ||
	    (!qualified && a11y_token_in(ac_standalone, tok[i]));
}

static void
autocomplete_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *v = dom_attr(n, "autocomplete"), *t = dom_input_type(n);
	char note[128];

	if (v == NULL || v[strspn(v, " \t\r\n\f")] == '\0' ||
	    !(dom_is(n, GUMBO_TAG_INPUT) || dom_is(n, GUMBO_TAG_SELECT) ||
	    dom_is(n, GUMBO_TAG_TEXTAREA)) || dom_has_attr(n, "readonly") ||
	    dom_attr_eq(n, "aria-readonly", "true") ||
	    dom_has_attr(n, "disabled") ||
	    dom_attr_eq(n, "aria-disabled", "true") ||
	    (t != NULL && a11y_token_in(" submit reset button hidden ", t)) ||
	    a11y_hidden2(s, n))
		return;
	s->seen++;
	if (autocomplete_ok(v) == 0) {
		snprintf(note, sizeof(note), "autocomplete=\"%.60s\" is not a "
		    "valid autofill value", v);
		check_fail_node(s->r, n, note);
	}
}

/* autocomplete="" holds HTML autofill tokens. */
void
a11y_autocomplete_valid(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, autocomplete_one, NULL);
}

/*==== presentation-role-conflict ==========================================*/

static void
conflict_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *alt = dom_attr(n, "alt");

	if (!(dom_attr_eq(n, "role", "none") ||
	    dom_attr_eq(n, "role", "presentation") ||
	    (dom_is(n, GUMBO_TAG_IMG) && alt != NULL && *alt == '\0')) ||
	    a11y_hidden2(s, n))
		return;
	s->seen++;
	if (dom_is_focusable(n))
		check_fail_node(s->r, n, "presentational element is focusable");
	else if (a11y_has_global_attr(n))
		check_fail_node(s->r, n, "presentational element has a global "
		    "ARIA attribute");
}

/* role=none / presentation (and alt="" images) stay presentational: not
 * focusable and without global ARIA, which would restore their role. */
void
a11y_presentation_role_conflict(const struct page_ctx *p,
    struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, conflict_one, NULL);
}
