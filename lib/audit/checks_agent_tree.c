/* checks_agent_tree.c: the accessibility tree and page structure agents act on. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/agent_checks.h"
#include "audit/checks_a11y.h"
#include "audit/dom.h"

/*
 * Lighthouse 13.5's agent-accessibility-tree keeps these axe rules
 * (audits/agentic/agent-accessibility-tree.js TARGET_RULES); all of them
 * run here (docs/checks-agent.md).
 */
static const struct {
	const char *rule;
	void (*run)(const struct page_ctx *p, struct check_result *r);
} tree_rules[] = {
	{ "button-name", a11y_button_name },
	{ "input-image-alt", a11y_input_image_alt },
	{ "label", a11y_label },
	{ "link-name", a11y_link_name },
	{ "select-name", a11y_select_name },
	{ "document-title", a11y_document_title },
	{ "aria-allowed-role", a11y_aria_allowed_role },
	{ "aria-hidden-body", a11y_aria_hidden_body },
	{ "aria-hidden-focus", a11y_aria_hidden_focus },
	{ "aria-required-attr", a11y_aria_required_attr },
	{ "aria-roles", a11y_aria_roles },
	{ "aria-valid-attr", a11y_aria_valid_attr },
	{ "aria-valid-attr-value", a11y_aria_valid_attr_value },
	{ "duplicate-id-aria", a11y_duplicate_id_aria },
	{ "definition-list", a11y_definition_list },
	{ "tabindex", a11y_tabindex },
	{ "svg-img-alt", a11y_svg_img_alt },
	{ "aria-required-children", a11y_aria_required_children },
	{ "aria-required-parent", a11y_aria_required_parent },
	{ "aria-allowed-attr", a11y_aria_allowed_attr },
	{ "aria-prohibited-attr", a11y_aria_prohibited_attr },
	{ "aria-conditional-attr", a11y_aria_conditional_attr },
	{ "aria-command-name", a11y_aria_command_name },
	{ "aria-dialog-name", a11y_aria_dialog_name },
	{ "aria-input-field-name", a11y_aria_input_field_name },
	{ "aria-toggle-field-name", a11y_aria_toggle_field_name },
	{ "aria-tooltip-name", a11y_aria_tooltip_name },
	{ "aria-treeitem-name", a11y_aria_treeitem_name },
	{ "aria-text", a11y_aria_text },
	{ "input-button-name", a11y_input_button_name },
	{ "table-duplicate-name", a11y_table_duplicate_name },
	{ "autocomplete-valid", a11y_autocomplete_valid },
	{ "presentation-role-conflict", a11y_presentation_role_conflict },
};

/* Moves sub's items into r, each note prefixed with the rule id. */
static void
merge(struct check_result *r, const char *rule, struct check_result *sub)
{
	struct check_item *v;
	size_t n = r->nitems + sub->nitems;

	r->verdict = CHECK_FAIL;
	if (sub->nitems == 0) {   /* failed without an element */
		check_fail_text(r, rule, sub->detail);
		return;
	}
	if ((v = realloc(r->items, n * sizeof(*v))) == NULL)
		return;   /* the verdict stands; the items are lost */
	r->items = v;
	for (size_t i = 0; i < sub->nitems; i++) {
		struct check_item *it = &sub->items[i];
		char *note = NULL;

		if (asprintf(&note, "%s%s%s", rule, it->note ? ": " : "",
		    it->note ? it->note : "") < 0)
			note = NULL;
		free(it->note);
		it->note = note;
		r->items[r->nitems++] = *it;
	}
	free(sub->items);   /* the strings now belong to r */
	sub->items = NULL;
	sub->nitems = 0;
}

void
agent_accessibility_tree(const struct page_ctx *p, struct check_result *r)
{
	char failed[512] = "";
	size_t nfailed = 0;

	if (p->gumbo == NULL)
		return;
	for (size_t i = 0; i < SA_NITEMS(tree_rules); i++) {
		struct check_result sub = { CHECK_NA, NULL, 0, NULL };

		tree_rules[i].run(p, &sub);
		if (sub.verdict == CHECK_FAIL) {
			merge(r, tree_rules[i].rule, &sub);
			if (strlen(failed) + strlen(tree_rules[i].rule) + 3 <
			    sizeof(failed))
				snprintf(failed + strlen(failed), sizeof(failed) -
				    strlen(failed), "%s%s", nfailed ? ", " : "",
				    tree_rules[i].rule);
			nfailed++;
		}
		check_result_free(&sub);
	}
	/* Like Lighthouse, the tree is judged on every page: no N/A. */
	if (nfailed)
		agent_detail(r, "Failing rules: %s.", failed);
	check_pass(r);
}

/*==== semantic-structure ==================================================*/

struct outline {
	size_t mains, h1s, headings;
	const GumboNode *first_heading, *extra_main;
};

static bool
outline_cb(const GumboNode *n, void *arg)
{
	struct outline *o = arg;
	char role[32];
	int level;

	if (agent_self_hidden(n))   /* the walk skips hidden subtrees */
		return false;
	if (dom_is(n, GUMBO_TAG_MAIN) ||
	    (a11y_role(n, role, sizeof(role)) && strcmp(role, "main") == 0)) {
		if (++o->mains == 2)
			o->extra_main = n;
	}
	if ((level = a11y_heading_level(n)) > 0) {
		if (o->headings++ == 0)
			o->first_heading = n;
		if (level == 1)
			o->h1s++;
	}
	return true;
}

void
agent_semantic_structure(const struct page_ctx *p, struct check_result *r)
{
	struct outline o = { 0 };
	struct check_result order = { CHECK_NA, NULL, 0, NULL };
	const GumboNode *body;

	if (p->gumbo == NULL || (body = dom_body(p->gumbo)) == NULL)
		return;
	dom_walk(body, outline_cb, &o);
	if (o.mains == 0)
		check_fail_text(r, "<main>", "No main landmark: wrap the page's "
		    "primary content in one <main> element.");
	else if (o.mains > 1)
		check_fail_node(r, o.extra_main, "More than one main landmark: "
		    "keep exactly one.");
	if (o.h1s == 0)
		check_fail_text(r, "<h1>", "No h1: the outline should start "
		    "with one heading naming the page's topic.");
	else if (a11y_heading_level(o.first_heading) != 1)
		check_fail_node(r, o.first_heading, "The outline starts below "
		    "h1: make the first heading the h1.");
	a11y_heading_order(p, &order);   /* skipped levels */
	if (order.verdict == CHECK_FAIL)
		merge(r, "heading-order", &order);
	check_result_free(&order);
	agent_detail(r, "%zu main landmark%s, %zu heading%s (%zu h1).", o.mains,
	    o.mains == 1 ? "" : "s", o.headings, o.headings == 1 ? "" : "s",
	    o.h1s);
	check_pass(r);
}
