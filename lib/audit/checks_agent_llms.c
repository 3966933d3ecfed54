/* checks_agent_llms.c: llms.txt (llmstxt.org), as Lighthouse 13.5 and beyond. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "audit/agent_checks.h"
#include "audit/agent_site.h"

/* Lighthouse 13.5: content.length < 50 is "suspiciously short". */
#define LLMS_MIN_CHARS 50

/* /^\s*#\s+.+/m: a '#' with only white space before it on its line, then
 * white space (a newline too, as \s allows), then a character that is not
 * a line break. */
bool
agent_llms_has_h1(const char *t)
{
	for (const char *p = t; p && *p; p++) {
		const char *q;

		if (*p != '#')
			continue;
		for (q = p; q > t && q[-1] != '\n' && isspace((unsigned char)q[-1]);)
			q--;
		if (q != t && q[-1] != '\n')
			continue;
		/* \s+ then .+: after one or more white space characters, one
		 * that is not a line break ('.') */
		for (q = p + 1; isspace((unsigned char)*q); q++)
			if (q[1] != '\0' && q[1] != '\n' && q[1] != '\r')
				return true;
	}
	return false;
}

/* /\[.+\]\(.+\)/: on one line, '[', a character, "](", a character, ')'. */
bool
agent_llms_has_link(const char *t)
{
	while (t && *t) {
		size_t n = strcspn(t, "\n\r");
		const char *open = memchr(t, '[', n), *close = NULL;

		for (size_t i = n; i > 0 && open; i--)   /* the last ')' */
			if (t[i - 1] == ')') {
				close = t + i - 1;
				break;
			}
		for (const char *q = open ? open + 2 : NULL;
		    q && close && q + 3 <= close; q++)
			if (q[0] == ']' && q[1] == '(')
				return true;
		t += n;
		t += strspn(t, "\n\r");
	}
	return false;
}

size_t
agent_llms_chars(const char *t)
{
	size_t n = 0;

	for (; t && *t; t++)
		if (((unsigned char)*t & 0xC0) != 0x80)
			n++;
	return n;
}

/* Links that did not resolve fail the check (beyond Lighthouse). */
static size_t
broken_links(const struct agent_site *s, struct check_result *r)
{
	size_t bad = 0;
	char note[160];

	for (size_t i = 0; i < s->nlinks; i++) {
		const struct agent_link *l = &s->links[i];

		/* a capped body still means the link answered */
		if ((l->err == FETCH_OK || l->err == FETCH_ETOOBIG) &&
		    (l->status == 0 || l->status < 400))
			continue;
		if (l->err != FETCH_OK && l->err != FETCH_ETOOBIG)
			snprintf(note, sizeof(note), "Linked URL did not resolve "
			    "(%s).", fetch_strerror(l->err));
		else
			snprintf(note, sizeof(note), "Linked URL answers HTTP "
			    "%ld.", l->status);
		check_fail_text(r, l->url, note);
		bad++;
	}
	return bad;
}

static void
content_rules(const struct agent_site *s, struct check_result *r)
{
	const char *t = s->llms.body ? s->llms.body : "";
	size_t bad;

	if (!agent_llms_has_h1(t))
		check_fail_text(r, s->llms.url, "File is missing a required H1 "
		    "header (e.g., \"# Title\").");
	if (!agent_llms_has_link(t))
		check_fail_text(r, s->llms.url, "File does not appear to contain "
		    "any links.");
	if (agent_llms_chars(t) < LLMS_MIN_CHARS)
		check_fail_text(r, s->llms.url, "File is suspiciously short.");
	bad = broken_links(s, r);
	agent_detail(r, "%zu of %zu link%s checked, %zu broken; llms-full.txt "
	    "%s.", s->nlinks, s->links_total, s->links_total == 1 ? "" : "s",
	    bad, s->llms_full.fetched && s->llms_full.status >= 200 &&
	    s->llms_full.status < 300 ? "present" : "not found");
	check_pass(r);
}

void
agent_llms_txt(const struct page_ctx *p, struct check_result *r)
{
	const struct agent_site *s = p->agent;
	char what[320];

	if (s == NULL || !s->llms.fetched)
		return;   /* no network (audit_html): not applicable */
	if (s->llms.err != FETCH_OK || s->llms.status == 0) {
		snprintf(what, sizeof(what), "Fetch of llms.txt failed: %s",
		    s->llms.errmsg);
		check_fail_text(r, s->llms.url, what);
		return;
	}
	if (s->llms.status >= 500) {
		snprintf(what, sizeof(what), "Failed with HTTP status %ld",
		    s->llms.status);
		check_fail_text(r, s->llms.url, what);
		return;
	}
	if (s->llms.status >= 400)
		return;   /* no llms.txt: not applicable, as in Lighthouse */
	content_rules(s, r);
}
