/* agent_checks.h: internal — the agent-readiness checks over checks_agent*.c. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_AGENT_CHECKS_H
#define SA_AGENT_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include "audit/check.h"

/* checks_agent_tree.c */
void agent_accessibility_tree(const struct page_ctx *p, struct check_result *r);
void agent_semantic_structure(const struct page_ctx *p, struct check_result *r);
/* checks_agent_llms.c */
void agent_llms_txt(const struct page_ctx *p, struct check_result *r);
/* Lighthouse 13.5's three llms.txt tests (audits/agentic/llms-txt.js):
 * /^\s*#\s+.+/m, /\[.+\]\(.+\)/ and a length of at least 50 characters. */
bool agent_llms_has_h1(const char *text);
bool agent_llms_has_link(const char *text);
size_t agent_llms_chars(const char *text);   /* code points */
/* checks_agent_catalog.c */
void agent_ai_catalog(const struct page_ctx *p, struct check_result *r);
/* checks_agent_robots.c */
void agent_ai_crawler_access(const struct page_ctx *p, struct check_result *r);
/* checks_agent_content.c */
void agent_content_without_js(const struct page_ctx *p, struct check_result *r);
void agent_citation_metadata(const struct page_ctx *p, struct check_result *r);
/* checks_agent_data.c */
void agent_structured_data(const struct page_ctx *p, struct check_result *r);
/* What a page is, for the structured data and citations it should carry
 * (checks_agent_data.c): FAQ (two or more headings ending in '?'),
 * product (itemprop=price, og:type product), article (<article>, og:type
 * article), home (path "/"), other. */
enum agent_kind { KIND_OTHER, KIND_HOME, KIND_ARTICLE, KIND_PRODUCT, KIND_FAQ };
enum agent_kind agent_page_kind(const struct page_ctx *p);
const char *agent_kind_name(enum agent_kind k);
/* True when a JSON-LD block of the page has a member named key. */
bool agent_jsonld_has(const struct page_ctx *p, const char *key);
/* checks_agent_webmcp.c */
void agent_webmcp_form_coverage(const struct page_ctx *p,
    struct check_result *r);
void agent_webmcp_schema_validity(const struct page_ctx *p,
    struct check_result *r);

/* The AI crawlers ai-crawler-access knows (checks_agent_robots.c). */
struct agent_crawler {
	const char *token;     /* robots.txt product token */
	const char *owner;
	const char *purpose;   /* "training", "search", "user fetches" */
};
extern const struct agent_crawler agent_crawlers[];
extern const size_t agent_crawlers_count;

/*
 * ai-catalog validation (agent_catalog.c): the published JSON Schema
 * (ards-project/ard-spec spec/schemas/ai-catalog.schema.json, as pinned
 * by Lighthouse 13.5) and the ARD conformance tool's semantic rules.
 * Errors and warnings go to the callbacks with the element ("Root" or an
 * entry's label) and one sentence.
 */
typedef void (*agent_issue_fn)(void *arg, bool error, const char *element,
    const char *message);
void agent_catalog_validate(const char *json, size_t len, agent_issue_fn fn,
    void *arg);
/* The schema's formats (agent_catalog_fmt.c): "uri" (a scheme, ':', no
 * white space — looser than ajv-formats), "date-time" (RFC 3339), and the
 * identifier pattern ^urn:air:[a-zA-Z0-9.-]+(:[a-zA-Z0-9._-]+)+$. */
bool agent_fmt_uri(const char *s);
bool agent_fmt_date_time(const char *s);
bool agent_urn_schema(const char *s);
/* Layer 2 alone, on a parsed manifest (agent_catalog_sem.c). */
struct json_object;
void agent_catalog_semantics(struct json_object *root, agent_issue_fn fn,
    void *arg);

/* n itself is hidden (hidden, aria-hidden="true", inline display:none or
 * visibility:hidden); walks that skip hidden subtrees need no ancestor
 * test, which keeps deep documents linear (checks_agent.c). */
bool agent_self_hidden(const GumboNode *n);

/* Sets the result's detail (formatted, owned by r). */
void agent_detail(struct check_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
