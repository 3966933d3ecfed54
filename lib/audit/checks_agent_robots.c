/* checks_agent_robots.c: which AI crawlers robots.txt keeps off the page. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/agent_checks.h"
#include "audit/robots.h"
#include "audit/urlnorm.h"

/* Product tokens as their operators document them (docs/checks-agent.md). */
const struct agent_crawler agent_crawlers[] = {
	{ "GPTBot", "OpenAI", "training" },
	{ "OAI-SearchBot", "OpenAI", "search" },
	{ "ChatGPT-User", "OpenAI", "user fetches" },
	{ "ClaudeBot", "Anthropic", "training" },
	{ "Claude-SearchBot", "Anthropic", "search" },
	{ "Claude-User", "Anthropic", "user fetches" },
	{ "anthropic-ai", "Anthropic", "training (legacy token)" },
	{ "PerplexityBot", "Perplexity", "search" },
	{ "Perplexity-User", "Perplexity", "user fetches" },
	{ "Google-Extended", "Google", "Gemini training and grounding" },
	{ "Applebot-Extended", "Apple", "training" },
	{ "CCBot", "Common Crawl", "training datasets" },
	{ "Bytespider", "ByteDance", "training" },
	{ "Meta-ExternalAgent", "Meta", "training" },
	{ "Meta-ExternalFetcher", "Meta", "user fetches" },
	{ "Amazonbot", "Amazon", "search and training" },
	{ "DuckAssistBot", "DuckDuckGo", "search answers" },
	{ "MistralAI-User", "Mistral", "user fetches" },
	{ "cohere-ai", "Cohere", "training" },
};
const size_t agent_crawlers_count = SA_NITEMS(agent_crawlers);

void
agent_ai_crawler_access(const struct page_ctx *p, struct check_result *r)
{
	struct robots *rb = NULL;
	char *norm;
	const char *path;
	char note[160];
	size_t blocked = 0;

	if (p->robots_txt == NULL)
		return;   /* no robots.txt fetched (or none): nothing to report */
	if (robots_parse(p->robots_txt, strlen(p->robots_txt), &rb) != SA_OK)
		return;
	norm = urlnorm(NULL, p->url);
	path = norm ? urlnorm_path(norm) : "/";
	for (size_t i = 0; i < agent_crawlers_count; i++) {
		const struct agent_crawler *c = &agent_crawlers[i];

		if (robots_allowed(rb, c->token, path))
			continue;
		snprintf(note, sizeof(note), "Disallowed for %s's %s crawler.",
		    c->owner, c->purpose);
		check_fail_text(r, c->token, note);
		blocked++;
	}
	/* Informative: blocking AI crawlers is the owner's call. */
	r->verdict = CHECK_INFO;
	agent_detail(r, "%zu of %zu known AI crawlers may not fetch %s.",
	    blocked, agent_crawlers_count, path);
	free(norm);
	robots_free(rb);
}
