/* checks_a11y_roles.c: roles that conflict with elements, required states. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"

/* Roles allowed on an element (ARIA in HTML), redundant role included. */
struct allowed {
	GumboTag    tag;
	const char *roles;
};

static const struct allowed allowed[] = {
	{ GUMBO_TAG_A, " link button checkbox menuitem menuitemcheckbox "
	  "menuitemradio option radio switch tab treeitem doc-backlink "
	  "doc-biblioref doc-glossref doc-noteref " },
	{ GUMBO_TAG_BUTTON, " button checkbox combobox link menuitem "
	  "menuitemcheckbox menuitemradio option radio switch tab " },
	{ GUMBO_TAG_H1, " heading none presentation tab doc-subtitle " },
	{ GUMBO_TAG_H2, " heading none presentation tab doc-subtitle " },
	{ GUMBO_TAG_H3, " heading none presentation tab doc-subtitle " },
	{ GUMBO_TAG_H4, " heading none presentation tab doc-subtitle " },
	{ GUMBO_TAG_H5, " heading none presentation tab doc-subtitle " },
	{ GUMBO_TAG_H6, " heading none presentation tab doc-subtitle " },
	{ GUMBO_TAG_UL, " list directory group listbox menu menubar none "
	  "presentation radiogroup tablist toolbar tree " },
	{ GUMBO_TAG_OL, " list directory group listbox menu menubar none "
	  "presentation radiogroup tablist toolbar tree " },
	{ GUMBO_TAG_LI, " listitem menuitem menuitemcheckbox menuitemradio "
	  "option none presentation radio separator tab treeitem "
	  "doc-biblioentry doc-endnote " },
	{ GUMBO_TAG_NAV, " navigation doc-index doc-pagelist doc-toc menu "
	  "menubar none presentation tablist " },
	{ GUMBO_TAG_MAIN, " main " },
	{ GUMBO_TAG_TEXTAREA, " textbox " },
	{ GUMBO_TAG_SELECT, " combobox listbox menu " },
	{ GUMBO_TAG_FORM, " form search none presentation " },
	{ GUMBO_TAG_LABEL, " " },
	{ GUMBO_TAG_TITLE, " " },
};

static const char *
input_roles(const char *type)
{
	if (strcmp(type, "checkbox") == 0)
		return " checkbox button menuitemcheckbox option switch ";
	if (strcmp(type, "radio") == 0)
		return " radio menuitemradio ";
	if (strcmp(type, "button") == 0 || strcmp(type, "submit") == 0 ||
	    strcmp(type, "reset") == 0 || strcmp(type, "image") == 0)
		return " button checkbox combobox link menuitem menuitemcheckbox "
		    "menuitemradio option radio switch tab ";
	if (strcmp(type, "text") == 0 || strcmp(type, "search") == 0 ||
	    strcmp(type, "tel") == 0 || strcmp(type, "url") == 0 ||
	    strcmp(type, "email") == 0)
		return " textbox combobox searchbox spinbutton ";
	return " ";
}

/* The roles n may take, or NULL when any role is allowed. */
static const char *
allowed_roles(const GumboNode *n)
{
	const char *alt = dom_attr(n, "alt");
	size_t i;

	if (dom_is(n, GUMBO_TAG_INPUT))
		return input_roles(dom_input_type(n));
	if (dom_is(n, GUMBO_TAG_IMG))
		return alt != NULL && *alt == '\0' ? " none presentation " : NULL;
	if (dom_is(n, GUMBO_TAG_A) && !dom_has_attr(n, "href"))
		return NULL;
	for (i = 0; i < SA_NITEMS(allowed); i++)
		if (dom_is(n, allowed[i].tag))
			return allowed[i].roles;
	return NULL;
}

static void
allowed_role_one(struct a11y_scan *s, const GumboNode *n)
{
	char role[48], key[52], note[96];
	const char *ok;

	if (!a11y_role(n, role, sizeof(role)) || !a11y_role_valid(role))
		return;
	s->seen++;
	if ((ok = allowed_roles(n)) == NULL)
		return;
	snprintf(key, sizeof(key), " %s ", role);
	if (strstr(ok, key) != NULL)
		return;
	snprintf(note, sizeof(note), "role \"%s\" is not allowed on <%s>",
	    role, dom_tag_name(n));
	check_fail_node(s->r, n, note);
}

/* role="" does not fight the element's own semantics. */
void
a11y_aria_allowed_role(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, allowed_role_one, NULL);
}

struct required {
	const char *role;
	const char *attrs[2];
};

static const struct required required[] = {
	{ "checkbox", { "aria-checked", NULL } },
	{ "combobox", { "aria-expanded", NULL } },
	{ "heading", { "aria-level", NULL } },
	{ "menuitemcheckbox", { "aria-checked", NULL } },
	{ "menuitemradio", { "aria-checked", NULL } },
	{ "meter", { "aria-valuenow", NULL } },
	{ "radio", { "aria-checked", NULL } },
	{ "scrollbar", { "aria-controls", "aria-valuenow" } },
	{ "slider", { "aria-valuenow", NULL } },
	{ "switch", { "aria-checked", NULL } },
};

/* Native elements that already expose the state the role requires. */
static bool
native_state(const GumboNode *n, const char *role)
{
	const char *t = dom_input_type(n);

	if (t != NULL && (strcmp(t, "checkbox") == 0 || strcmp(t, "radio") == 0))
		return true;
	if (t != NULL && strcmp(t, "range") == 0 && strcmp(role, "slider") == 0)
		return true;
	if (strcmp(role, "heading") == 0)
		return dom_is(n, GUMBO_TAG_H1) || dom_is(n, GUMBO_TAG_H2) ||
		    dom_is(n, GUMBO_TAG_H3) || dom_is(n, GUMBO_TAG_H4) ||
		    dom_is(n, GUMBO_TAG_H5) || dom_is(n, GUMBO_TAG_H6);
	return dom_is(n, GUMBO_TAG_METER) || dom_is(n, GUMBO_TAG_SELECT);
}

static void
required_one(struct a11y_scan *s, const GumboNode *n)
{
	char role[48], note[96];
	size_t i, j;

	if (!a11y_role(n, role, sizeof(role)))
		return;
	for (i = 0; i < SA_NITEMS(required); i++) {
		if (strcmp(role, required[i].role) != 0)
			continue;
		s->seen++;
		for (j = 0; j < 2 && required[i].attrs[j] != NULL; j++) {
			if (dom_has_attr(n, required[i].attrs[j]) ||
			    native_state(n, role))
				continue;
			snprintf(note, sizeof(note), "role \"%s\" needs %s",
			    role, required[i].attrs[j]);
			check_fail_node(s->r, n, note);
			return;
		}
	}
}

/* Roles carry their required states (checkbox → aria-checked, …). */
void
a11y_aria_required_attr(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, required_one, NULL);
}
