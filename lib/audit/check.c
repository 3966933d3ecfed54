/* check.c: the check interface's shared pieces — dimension names and results. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include "audit/check.h"
#include "audit/dom.h"

const char *const audit_dim_names[DIM__MAX] = {
	[DIM_PERFORMANCE]    = "performance",
	[DIM_ACCESSIBILITY]  = "accessibility",
	[DIM_SEO]            = "seo",
	[DIM_BEST_PRACTICES] = "bestPractices",
	[DIM_SECURITY]       = "security",
	[DIM_AGENT_READINESS] = "agentReadiness",
};

/* Appends one item (taking ownership of the three strings) and marks r
 * failed. On allocation failure the strings are freed and the item is lost,
 * but the verdict is still FAIL. */
static void
add_item(struct check_result *r, char *selector, char *snippet, char *note)
{
	struct check_item *items;

	r->verdict = CHECK_FAIL;
	items = realloc(r->items, (r->nitems + 1) * sizeof(*items));
	if (items == NULL) {
		free(selector);
		free(snippet);
		free(note);
		return;
	}
	r->items = items;
	items[r->nitems].selector = selector;
	items[r->nitems].snippet = snippet;
	items[r->nitems].note = note;
	r->nitems++;
}

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

void
check_fail_node(struct check_result *r, const GumboNode *node,
    const char *note)
{
	char *sel = node ? dom_selector(node) : NULL;
	char *snip = node ? dom_snippet(node, 200) : NULL;

	add_item(r, sel, snip, dup_or_null(note));
}

void
check_fail_text(struct check_result *r, const char *what, const char *note)
{
	add_item(r, NULL, dup_or_null(what), dup_or_null(note));
}

void
check_pass(struct check_result *r)
{
	if (r->verdict != CHECK_FAIL)
		r->verdict = CHECK_PASS;
}

void
check_result_free(struct check_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nitems; i++) {
		free(r->items[i].selector);
		free(r->items[i].snippet);
		free(r->items[i].note);
	}
	free(r->items);
	free(r->detail);
	r->items = NULL;
	r->nitems = 0;
	r->detail = NULL;
	r->verdict = CHECK_NA;
}
