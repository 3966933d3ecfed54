/* checks_agent_catalog.c: ai-catalog (Agentic Resource Discovery) validity. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "audit/agent_checks.h"
#include "audit/agent_site.h"

static const char *const via_names[] = {
	[CATALOG_WELL_KNOWN] = "the well-known path",
	[CATALOG_ROBOTS] = "robots.txt (Agentmap)",
	[CATALOG_LINK] = "<link rel=\"ai-catalog\">",
	[CATALOG_HEADER] = "the Link header",
};

/* At most this many warnings are quoted in the detail sentence. */
#define WARN_QUOTE 3

struct issues {
	struct check_result *r;
	const char *url;
	size_t errors, warnings;
	char warn[600];
};

static void
issue_cb(void *arg, bool error, const char *element, const char *message)
{
	struct issues *is = arg;
	char what[300];
	size_t n = strlen(is->warn);

	if (error) {
		snprintf(what, sizeof(what), "%s: %s", is->url, element);
		check_fail_text(is->r, what, message);
		is->errors++;
		return;
	}
	/* Lighthouse scores warnings alone 0.9; a pass with the warnings
	 * quoted is the closest binary verdict. */
	if (is->warnings++ < WARN_QUOTE && n + 8 < sizeof(is->warn))
		snprintf(is->warn + n, sizeof(is->warn) - n, " [%s] %s", element,
		    message);
}

void
agent_ai_catalog(const struct page_ctx *p, struct check_result *r)
{
	const struct agent_site *s = p->agent;
	struct issues is = { r, NULL, 0, 0, "" };

	if (s == NULL || !s->catalog.fetched)
		return;
	is.url = s->catalog.url;
	/* Lighthouse: applicable when a signal names a catalog or the
	 * well-known path answers 200. */
	if (s->catalog_via == CATALOG_WELL_KNOWN && s->catalog.status != 200)
		return;
	if (s->catalog.status != 200 || s->catalog.body == NULL ||
	    s->catalog.len == 0) {
		check_fail_text(r, s->catalog.url, "Catalog file could not be "
		    "loaded for schema validation.");
		agent_detail(r, "Announced by %s; answered %s.",
		    via_names[s->catalog_via], s->catalog.err != FETCH_OK ?
		    fetch_strerror(s->catalog.err) : "a non-200 status");
		return;
	}
	agent_catalog_validate(s->catalog.body, s->catalog.len, issue_cb, &is);
	agent_detail(r, "Found through %s: %zu error%s, %zu warning%s.%s",
	    via_names[s->catalog_via], is.errors, is.errors == 1 ? "" : "s",
	    is.warnings, is.warnings == 1 ? "" : "s", is.warn);
	check_pass(r);
}
