/* checks_a11y_names2.c: accessible names of ARIA widgets (axe-core's
 * aria-*-name rules) and of <input> buttons. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"

/* One axe aria-*-name rule: the roles it selects, whether visible content
 * counts as a name (has-visible-text), and the failure note. */
struct name_rule {
	const char *roles;
	bool        content;
	const char *note;
};

static bool
blank(const char *v)
{
	return v == NULL || v[strspn(v, " \t\r\n\f")] == '\0';
}

static bool
text_nonblank(const GumboNode *n)
{
	char *t = dom_text(n);
	bool ok = t != NULL && *t != '\0';

	free(t);
	return ok;
}

/* aria-labelledby names something when one referenced element has text
 * (or its own aria-label). */
static bool
labelledby_ok(const struct a11y_scan *s, const GumboNode *n)
{
	const char *v = dom_attr(n, "aria-labelledby"), *e;
	const GumboNode *t;
	char id[128];

	for (; v != NULL && *v; v = e) {
		while (isspace((unsigned char)*v))
			v++;
		for (e = v; *e && !isspace((unsigned char)*e); e++)
			;
		if (e == v || (size_t)(e - v) >= sizeof(id))
			continue;
		memcpy(id, v, (size_t)(e - v));
		id[e - v] = '\0';
		if ((t = dom_by_id(s->root, id)) != NULL && (text_nonblank(t) ||
		    !blank(dom_attr(t, "aria-label"))))
			return true;
	}
	return false;
}

static bool
named(const struct a11y_scan *s, const GumboNode *n, bool content)
{
	return !blank(dom_attr(n, "aria-label")) || labelledby_ok(s, n) ||
	    !blank(dom_attr(n, "title")) || (content && text_nonblank(n));
}

/* Elements HTML already names (axe's htmlElms namingMethods): the rules
 * leave them to label / button-name / link-name. */
static bool
natively_named(const GumboNode *n)
{
	static const char *const tags = " a area br button fieldset figure hr "
	    "img input output select summary svg table textarea ";

	return a11y_token_in(tags, dom_tag_name(n));
}

struct popup_find {
	const char *id;
	bool        hit;
};

static bool
popup_cb(const GumboNode *n, void *arg)
{
	struct popup_find *f = arg;
	static const char *const refs[] = { "aria-controls", "aria-owns" };
	char list[512];

	if (!dom_attr_eq(n, "role", "combobox"))
		return !f->hit;
	for (size_t i = 0; i < SA_NITEMS(refs) && !f->hit; i++) {
		const char *v = dom_attr(n, refs[i]);
		if (v != NULL) {
			snprintf(list, sizeof(list), " %s ", v);
			f->hit = a11y_token_in(list, f->id);
		}
	}
	return !f->hit;
}

static bool
input_cb(const GumboNode *n, void *arg)
{
	bool *hit = arg;

	if (dom_is(n, GUMBO_TAG_INPUT) && !dom_attr_eq(n, "type", "hidden"))
		*hit = true;
	return !*hit;
}

/* axe's no-naming-method-matches: a combobox wrapping an <input>, and the
 * listbox popup of a combobox, are named through the combobox. */
static bool
named_elsewhere(const struct a11y_scan *s, const GumboNode *n,
    const char *role)
{
	bool hit = false;
	struct popup_find f = { dom_attr(n, "id"), false };

	if (strcmp(role, "combobox") == 0) {
		dom_walk(n, input_cb, &hit);
		return hit;
	}
	if (strcmp(role, "listbox") == 0 && f.id != NULL && *f.id != '\0') {
		dom_walk(s->root, popup_cb, &f);
		return f.hit;
	}
	return false;
}

static void
name_one(struct a11y_scan *s, const GumboNode *n)
{
	const struct name_rule *nr = s->arg;
	char role[48];

	if (!a11y_role(n, role, sizeof(role)) ||
	    !dom_attr_eq(n, "role", role) || !a11y_token_in(nr->roles, role) ||
	    natively_named(n) || named_elsewhere(s, n, role) ||
	    a11y_hidden2(s, n))
		return;
	s->seen++;
	if (!named(s, n, nr->content))
		check_fail_node(s->r, n, nr->note);
}

static void
name_rule(const struct page_ctx *p, struct check_result *r,
    const struct name_rule *nr)
{
	a11y_each(p, r, GUMBO_TAG_LAST, name_one, (void *)(uintptr_t)nr);
}

void
a11y_aria_command_name(const struct page_ctx *p, struct check_result *r)
{
	static const struct name_rule nr = { " link button menuitem ", true,
	    "ARIA command without an accessible name" };
	name_rule(p, r, &nr);
}

void
a11y_aria_dialog_name(const struct page_ctx *p, struct check_result *r)
{
	static const struct name_rule nr = { " dialog alertdialog ", false,
	    "dialog without aria-label, aria-labelledby or title" };
	name_rule(p, r, &nr);
}

void
a11y_aria_input_field_name(const struct page_ctx *p, struct check_result *r)
{
	static const struct name_rule nr = { " combobox listbox searchbox "
	    "slider spinbutton textbox ", false,
	    "ARIA input field without an accessible name" };
	name_rule(p, r, &nr);
}

void
a11y_aria_toggle_field_name(const struct page_ctx *p, struct check_result *r)
{
	static const struct name_rule nr = { " checkbox menuitemcheckbox "
	    "menuitemradio radio switch option ", true,
	    "ARIA toggle field without an accessible name" };
	name_rule(p, r, &nr);
}

void
a11y_aria_tooltip_name(const struct page_ctx *p, struct check_result *r)
{
	static const struct name_rule nr = { " tooltip ", true,
	    "tooltip without an accessible name" };
	name_rule(p, r, &nr);
}

void
a11y_aria_treeitem_name(const struct page_ctx *p, struct check_result *r)
{
	static const struct name_rule nr = { " treeitem ", true,
	    "treeitem without an accessible name" };
	name_rule(p, r, &nr);
}

/*==== input-button-name ===================================================*/

struct label_find {
	const char *id;
	int         found;   /* 0 none, 1 label without text, 2 with text */
};

static bool
label_cb(const GumboNode *n, void *arg)
{
	struct label_find *f = arg;

	if (f->found == 0 && dom_is(n, GUMBO_TAG_LABEL) &&
	    dom_attr_eq(n, "for", f->id))
		f->found = text_nonblank(n) ? 2 : 1;
	return f->found == 0;
}

/* implicit-label / explicit-label: a wrapping <label>, or the first
 * label[for=id] of the document, with text. */
static bool
label_ok(const struct a11y_scan *s, const GumboNode *n)
{
	struct label_find f = { dom_attr(n, "id"), 0 };
	const GumboNode *a;

	for (a = dom_parent(n); a != NULL; a = dom_parent(a))
		if (dom_is(a, GUMBO_TAG_LABEL) && text_nonblank(a))
			return true;
	if (f.id == NULL || *f.id == '\0')
		return false;
	dom_walk(s->root, label_cb, &f);
	return f.found == 2;
}

static void
input_button_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *t = dom_attr(n, "type"), *v = dom_attr(n, "value");
	char role[48];
	bool submit;

	if (t == NULL || !(dom_attr_eq(n, "type", "button") ||
	    dom_attr_eq(n, "type", "submit") || dom_attr_eq(n, "type", "reset"))
	    || a11y_hidden2(s, n))
		return;
	/* no-explicit-name-required-matches: another explicit role that
	 * needs no name leaves an unfocusable (disabled) input alone */
	if (a11y_role(n, role, sizeof(role)) && !a11y_presentational(n) &&
	    dom_has_attr(n, "disabled"))
		return;
	s->seen++;
	submit = !dom_attr_eq(n, "type", "button");
	if ((submit && v == NULL) || !blank(v) || named(s, n, false) ||
	    label_ok(s, n) || a11y_presentational(n))
		return;
	check_fail_node(s->r, n, v == NULL ? "input button without a value" :
	    "input button with an empty value");
}

/* <input type=button|submit|reset> have discernible text (a value, the
 * default Submit / Reset label, aria-label(ledby), title or a label). */
void
a11y_input_button_name(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_INPUT, input_button_one, NULL);
}
