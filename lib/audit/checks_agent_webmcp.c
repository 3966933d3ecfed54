/* checks_agent_webmcp.c: declarative WebMCP forms (toolname / tooldescription). */
/* SPDX-License-Identifier: MIT */
/*
 * Attribute names and rules follow Chrome's declarative WebMCP API as
 * Lighthouse 13.5 audits it (webmcp-form-coverage.js: a form lacking both
 * toolname and tooldescription; webmcp-schema-validity.js: Chromium's
 * FormModelContext* issues). Lighthouse needs a WebMCP-enabled browser to
 * see those issues; here they are derived from the HTML:
 *   MissingToolName / MissingToolDescription       error
 *   RequiredParameterMissingName                   error
 *     (fields count only in a form with both toolname and tooldescription,
 *     a registered tool, as Chromium reports them)
 *   ParameterMissingName (optional field)          warning
 *   ParameterMissingTitleAndDescription            warning (no
 *     toolparamtitle, toolparamdescription, aria-description, <label>
 *     or other accessible name such as aria-label)
 * plus, beyond Lighthouse: a toolname that is not 1-128 of [A-Za-z0-9_.-]
 * (MCP's tool-name rule), the same toolname twice on a page, and
 * toolparam* attributes outside an annotated form's fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/agent_checks.h"
#include "audit/dom.h"

#define NAME_MAX_LEN 128
#define MAX_TOOLS 64

static bool
set(const GumboNode *n, const char *attr)
{
	const char *v = dom_attr(n, attr);

	return v != NULL && *v != '\0';
}

static bool
annotated(const GumboNode *form)
{
	return set(form, "toolname") || set(form, "tooldescription");
}

/* A field that becomes a tool parameter. */
static bool
is_param(const GumboNode *n)
{
	const char *t;

	if (dom_is(n, GUMBO_TAG_SELECT) || dom_is(n, GUMBO_TAG_TEXTAREA))
		return true;
	if ((t = dom_input_type(n)) == NULL)
		return false;
	return strcmp(t, "submit") && strcmp(t, "button") && strcmp(t, "reset") &&
	    strcmp(t, "image") && strcmp(t, "hidden");
}

/*==== webmcp-form-coverage ================================================*/

struct cover {
	struct check_result *r;
	size_t forms, bare;
};

static bool
cover_cb(const GumboNode *n, void *arg)
{
	struct cover *c = arg;

	if (!dom_is(n, GUMBO_TAG_FORM))
		return true;
	c->forms++;
	if (!annotated(n)) {
		check_fail_node(c->r, n, "No toolname / tooldescription.");
		c->bare++;
	}
	return true;
}

void
agent_webmcp_form_coverage(const struct page_ctx *p, struct check_result *r)
{
	struct cover c = { r, 0, 0 };

	if (p->gumbo == NULL)
		return;
	dom_walk(dom_root(p->gumbo), cover_cb, &c);
	if (c.forms == 0)
		return;
	agent_detail(r, "%zu of %zu form%s without WebMCP annotations.", c.bare,
	    c.forms, c.forms == 1 ? "" : "s");
	/* informative: listing forms never lowers the score */
	r->verdict = c.bare ? CHECK_INFO : CHECK_PASS;
}

/*==== webmcp-schema-validity ==============================================*/

struct schema {
	const struct page_ctx *p;
	struct check_result   *r;
	const char            *names[MAX_TOOLS];
	size_t                 ntools, errors, warnings;
};

static bool
name_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= NAME_MAX_LEN &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_.-") == n;
}

struct labelfor {
	const char *id;
	bool        found;
};

static bool
label_cb(const GumboNode *n, void *arg)
{
	struct labelfor *f = arg;

	if (dom_is(n, GUMBO_TAG_LABEL) && dom_attr_eq(n, "for", f->id))
		f->found = true;
	return !f->found;
}

/* A <label> names n: label[for=id] anywhere, or a wrapping <label>. */
static bool
has_label(const GumboNode *root, const GumboNode *n)
{
	struct labelfor f = { dom_attr(n, "id"), false };

	for (const GumboNode *a = dom_parent(n); a; a = dom_parent(a))
		if (dom_is(a, GUMBO_TAG_LABEL))
			return true;
	if (f.id == NULL || *f.id == '\0')
		return false;
	dom_walk(root, label_cb, &f);
	return f.found;
}

/* A <label>, aria-label or aria-labelledby gives the parameter a title
 * (Chromium 156 reports no missing description for those). */
static bool
named(const struct schema *s, const GumboNode *n)
{
	const GumboNode *root = dom_root(s->p->gumbo);
	char *name;
	bool ok;

	if (has_label(root, n))
		return true;
	name = dom_accessible_name(root, n);
	ok = name != NULL && *name != '\0';
	free(name);
	return ok;
}

static void
issue(struct schema *s, const GumboNode *n, bool error, const char *msg)
{
	check_fail_node(s->r, n, msg);
	if (error)
		s->errors++;
	else
		s->warnings++;
}

static void
check_param(struct schema *s, const GumboNode *n)
{
	bool required = dom_has_attr(n, "required");

	if (!set(n, "name"))
		issue(s, n, required, required ? "Missing `name` attribute for a "
		    "required field. Add it to define the parameter name." :
		    "Missing `name` attribute for an optional field. Add it to "
		    "define the parameter name.");
	if (!set(n, "toolparamtitle") && !set(n, "toolparamdescription") &&
	    !set(n, "aria-description") && !named(s, n))
		issue(s, n, false, "Add a description to make this form more "
		    "accessible for AI agents (toolparamdescription or a "
		    "<label>).");
}

static void
check_form(struct schema *s, const GumboNode *f)
{
	const char *name = dom_attr(f, "toolname");

	if (!set(f, "toolname"))
		issue(s, f, true, "Form level `toolname` attribute is missing. "
		    "Add it to define the tool name.");
	else if (!name_ok(name))
		issue(s, f, true, "`toolname` must be 1-128 characters of "
		    "A-Z a-z 0-9 _ . - (no spaces).");
	if (!set(f, "tooldescription"))
		issue(s, f, true, "Form level `tooldescription` attribute is "
		    "missing. Add it to describe the tool for AI agents.");
	if (!set(f, "toolname"))
		return;
	for (size_t i = 0; i < s->ntools; i++)
		if (strcmp(s->names[i], name) == 0) {
			issue(s, f, true, "Another form on the page has the same "
			    "`toolname`.");
			return;
		}
	if (s->ntools < MAX_TOOLS)
		s->names[s->ntools++] = name;
}

static bool
has_param_attr(const GumboNode *n)
{
	return set(n, "toolparamtitle") || set(n, "toolparamdescription");
}

/* Inside a registered tool: its fields are the parameters. */
static bool
field_cb(const GumboNode *n, void *arg)
{
	struct schema *s = arg;

	if (dom_is(n, GUMBO_TAG_FORM))
		return true;
	if (is_param(n))
		check_param(s, n);
	else if (has_param_attr(n))
		issue(s, n, true, "toolparam* on an element that is not a form "
		    "field.");
	return true;
}

static bool
schema_cb(const GumboNode *n, void *arg)
{
	struct schema *s = arg;

	if (dom_is(n, GUMBO_TAG_FORM) && annotated(n)) {
		check_form(s, n);
		/* Like Chromium, fields are parameters only of a registered
		 * tool: a form with both toolname and tooldescription. */
		if (set(n, "toolname") && set(n, "tooldescription")) {
			dom_walk(n, field_cb, s);
			return false;
		}
	}
	if (has_param_attr(n) && !dom_is(n, GUMBO_TAG_FORM))
		issue(s, n, true, "toolparam* outside a form annotated with both "
		    "toolname and tooldescription.");
	return true;
}

void
agent_webmcp_schema_validity(const struct page_ctx *p, struct check_result *r)
{
	struct schema s = { p, r, { NULL }, 0, 0, 0 };

	if (p->gumbo == NULL)
		return;
	dom_walk(dom_root(p->gumbo), schema_cb, &s);
	if (s.ntools == 0 && s.errors == 0 && s.warnings == 0)
		return;   /* no WebMCP annotations: not applicable */
	/* Lighthouse scores errors 0 and warnings alone 0.5 (shown failing);
	 * both fail here. */
	agent_detail(r, "%zu tool%s, %zu error%s, %zu warning%s.", s.ntools,
	    s.ntools == 1 ? "" : "s", s.errors, s.errors == 1 ? "" : "s",
	    s.warnings, s.warnings == 1 ? "" : "s");
	check_pass(r);
}
