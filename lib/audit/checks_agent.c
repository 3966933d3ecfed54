/* checks_agent.c: the agent-readiness checks (the sixth score). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "audit/agent_checks.h"
#include "audit/dom.h"

/*
 * Weights (docs/checks-agent.md): Lighthouse 13.5's agentic-browsing
 * category weighs each audit 1; here the checks that decide whether an
 * agent can read and act on the page at all (the accessibility tree, text
 * without JavaScript) weigh 10, what helps it understand or cite the page
 * 5, the discovery files 3. The informative checks weigh 0 and never lower
 * the score.
 */
#define G(id, w, sev, title, desc, fn) \
	{ id, DIM_AGENT_READINESS, w, sev, title, desc, fn }

const struct check_def audit_checks_agent[] = {
G("agent-accessibility-tree", 10, SEV_CRITICAL,
  "Accessibility tree is well-formed",
  "Agents act on the accessibility tree: buttons, links and fields need "
  "names, ARIA roles and attributes must be valid, ids unique.",
  agent_accessibility_tree),
G("content-without-js", 10, SEV_SERIOUS,
  "Main content is in the served HTML",
  "Many agents and AI crawlers do not run JavaScript: text that only "
  "appears after scripts run is invisible to them.",
  agent_content_without_js),
G("semantic-structure", 5, SEV_MODERATE,
  "Page has one main landmark and a sensible heading outline",
  "One <main> and an h1-led, gap-free heading outline let an agent find "
  "the content and its sections.", agent_semantic_structure),
G("structured-data-coverage", 5, SEV_MODERATE,
  "Structured data is present and well-formed",
  "JSON-LD or microdata of the right schema.org type tells an agent what "
  "the page is (article, product, FAQ, organisation).",
  agent_structured_data),
G("citation-metadata", 5, SEV_MODERATE,
  "Page carries citation metadata",
  "A canonical URL, og:title / og:description and, for articles, author "
  "and dates let an answer engine cite the page correctly.",
  agent_citation_metadata),
G("webmcp-schema-validity", 5, SEV_SERIOUS, "WebMCP schemas are valid",
  "Forms annotated as WebMCP tools need a well-formed toolname, a "
  "tooldescription and named, described parameters.",
  agent_webmcp_schema_validity),
G("llms-txt", 3, SEV_MODERATE, "llms.txt follows recommendations",
  "/llms.txt (llmstxt.org) should be Markdown with an H1 title, links to "
  "the site's key documents, and those links should resolve.",
  agent_llms_txt),
G("ai-catalog", 3, SEV_MODERATE, "`ai-catalog.json` schema is valid",
  "A published ai-catalog.json (Agentic Resource Discovery) must match its "
  "schema so agents and registries can use it.", agent_ai_catalog),
G("webmcp-form-coverage", 0, SEV_MINOR, "WebMCP form coverage",
  "Forms without WebMCP toolname / tooldescription annotations; "
  "annotating them helps agents use them reliably. Informative.",
  agent_webmcp_form_coverage),
G("ai-crawler-access", 0, SEV_MINOR, "AI crawlers allowed by robots.txt",
  "Which AI crawlers robots.txt keeps off this page. A choice for the "
  "owner, so informative only.", agent_ai_crawler_access),
};
const size_t audit_checks_agent_count =
    sizeof(audit_checks_agent) / sizeof(audit_checks_agent[0]);

bool
agent_self_hidden(const GumboNode *n)
{
	return dom_has_attr(n, "hidden") || dom_attr_eq(n, "aria-hidden", "true") ||
	    dom_style_has(n, "display", "none") ||
	    dom_style_has(n, "visibility", "hidden");
}

void
agent_detail(struct check_result *r, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	free(r->detail);
	r->detail = s;
}
