/* modifications_webmcp.c: WebMCP attributes for a page's forms. */
/* SPDX-License-Identifier: MIT */
/*
 * For each form (up to MAX_FORMS) without a valid toolname or without a
 * tooldescription, the attributes to add, drafted from the form's own
 * words (its id, name, aria-label, submit button or nearest heading, and
 * its action); then toolparamdescription for each field that has none,
 * from the field's label (docs/checks-agent.md).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/dom.h"
#include "audit/modifications_int.h"

#define MAX_FORMS 10

static bool
attr_set(const GumboNode *n, const char *a)
{
	const char *v = dom_attr(n, a);

	return v != NULL && *v != '\0';
}

/* s as a tool name: lower-case [a-z0-9_], words joined by '_', at most
 * 64 bytes; "" when s has no letter or digit. */
static void
snake(const char *s, char *out, size_t n)
{
	size_t k = 0;
	bool gap = false;

	for (; s && *s && k + 2 < n && k < 64; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c)) {
			if (gap && k)
				out[k++] = '_';
			out[k++] = (char)tolower(c);
			gap = false;
		} else
			gap = true;
	}
	out[k] = '\0';
}

struct forms {
	const struct mods_page *p;
	json_object     *arr;
	const GumboNode *heading;   /* the last heading before this point */
	size_t           n;
};

/* The form's submit button text, or NULL (caller frees). */
static char *
submit_text(const GumboNode *form)
{
	const GumboNode *b = dom_find(form, GUMBO_TAG_BUTTON);
	const GumboNode *in = dom_find(form, GUMBO_TAG_INPUT);
	const char *v;

	if (b)
		return dom_text(b);
	if (in && (v = dom_attr(in, "value")) && dom_attr_eq(in, "type", "submit"))
		return strdup(v);
	return NULL;
}

/* A name and a description for an unannotated form, from its own words. */
static void
tool_words(const struct forms *f, const GumboNode *form, char *name,
    size_t nn, char *desc, size_t dn)
{
	char *head = f->heading ? dom_text(f->heading) : NULL;
	char *btn = submit_text(form);
	const char *label = dom_attr(form, "aria-label");
	const char *action = dom_attr(form, "action");
	const char *method = dom_attr(form, "method");
	const char *cands[] = { dom_attr(form, "toolname"), dom_attr(form, "id"),
	    dom_attr(form, "name"), label, btn, head };
	const char *what = label && *label ? label : head && *head ? head :
	    btn && *btn ? btn : "this form";

	name[0] = '\0';
	for (size_t i = 0; i < SA_NITEMS(cands) && name[0] == '\0'; i++)
		snake(cands[i], name, nn);
	if (name[0] == '\0')
		snprintf(name, nn, "form_%zu", f->n + 1);
	snprintf(desc, dn, "%s: submits the form (%s %s).", what,
	    method && *method ? method : "GET",
	    action && *action ? action : "to this page");
	desc[0] = (char)toupper((unsigned char)desc[0]);
	free(head);
	free(btn);
}

static void
param_edit(const struct forms *f, const GumboNode *n)
{
	char *name, *sel, *snip, prop[320];
	const char *nm = dom_attr(n, "name");

	if (attr_set(n, "toolparamdescription") || attr_set(n, "toolparamtitle"))
		return;
	name = dom_accessible_name(f->p->root, n);
	if (name == NULL || *name == '\0') {
		free(name);
		name = strdup(nm && *nm ? nm : "value");
	}
	snprintf(prop, sizeof(prop), "toolparamdescription=\"%s\"%s",
	    name ? name : "value", nm && *nm ? "" : " name=\"…\"");
	sel = dom_selector(n);
	snip = dom_snippet(n, 200);
	mods_add(f->arr, "webmcp_param", sel ? sel : "input", snip, prop,
	    "Describe this field for agents: it becomes a parameter of the "
	    "form's WebMCP tool (a required field also needs a name).");
	free(name);
	free(sel);
	free(snip);
}

static bool
param_cb(const GumboNode *n, void *arg)
{
	const char *t = dom_input_type(n);

	if (dom_is(n, GUMBO_TAG_SELECT) || dom_is(n, GUMBO_TAG_TEXTAREA) ||
	    (t && strcmp(t, "submit") && strcmp(t, "button") &&
	    strcmp(t, "reset") && strcmp(t, "hidden") && strcmp(t, "image")))
		param_edit(arg, n);
	return true;
}

static void
form_edit(struct forms *f, const GumboNode *form)
{
	char name[80], desc[400], prop[600], *sel, *snip;
	const char *tn = dom_attr(form, "toolname");
	bool name_ok = tn && *tn && strspn(tn, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == strlen(tn);

	if (name_ok && attr_set(form, "tooldescription"))
		goto params;
	tool_words(f, form, name, sizeof(name), desc, sizeof(desc));
	snprintf(prop, sizeof(prop), "%s%s%s%s%s", name_ok ? "" : "toolname=\"",
	    name_ok ? "" : name, name_ok ? "" : "\"",
	    attr_set(form, "tooldescription") ? "" : " tooldescription=\"",
	    attr_set(form, "tooldescription") ? "" : desc);
	if (!attr_set(form, "tooldescription"))
		strncat(prop, "\"", sizeof(prop) - strlen(prop) - 1);
	sel = dom_selector(form);
	snip = dom_snippet(form, 200);
	mods_add(f->arr, "webmcp_tool", sel ? sel : "form", snip,
	    prop[0] == ' ' ? prop + 1 : prop, "Add these WebMCP attributes to "
	    "the <form> so browsing agents can call it as a tool (toolname: "
	    "letters, digits, _ . -; tooldescription: what it does).");
	free(sel);
	free(snip);
params:
	dom_walk(form, param_cb, f);
}

static bool
forms_cb(const GumboNode *n, void *arg)
{
	struct forms *f = arg;
	const char *t = dom_tag_name(n);

	if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && t[2] == '\0')
		f->heading = n;
	if (!dom_is(n, GUMBO_TAG_FORM) || f->n >= MAX_FORMS)
		return true;
	form_edit(f, n);
	f->n++;
	return false;
}

void
mods_webmcp(const struct mods_page *p, json_object *arr)
{
	struct forms f = { p, arr, NULL, 0 };

	dom_walk(p->root, forms_cb, &f);
}
