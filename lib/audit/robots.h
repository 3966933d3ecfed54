/* robots.h: a robots.txt parser and matcher (RFC 9309 + Google's extensions). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_ROBOTS_H
#define SA_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>
#include "sa.h"

struct robots_rule {
	char *pattern;   /* path pattern; may hold '*' and a final '$' */
	bool  allow;
};

/* One group: the user-agent lines that open it and the rules that follow. */
struct robots_group {
	char              **agents;   /* lower-cased product tokens, "*" too */
	size_t              nagents;
	struct robots_rule *rules;
	size_t              nrules;
};

/* One line that a crawler would not understand (Lighthouse's robots-txt). */
struct robots_error {
	size_t line;      /* 1-based */
	char  *text;      /* the line as written (trimmed, at most 200 bytes) */
	const char *message;   /* static, e.g. "Unknown directive" */
};

struct robots {
	struct robots_group *groups;
	size_t               ngroups;
	char               **sitemaps;  /* Sitemap: URLs in file order */
	size_t               nsitemaps;
	struct robots_error *errors;    /* validation problems, file order */
	size_t               nerrors;
};

/*
 * Parses len bytes of robots.txt text (need not be NUL-terminated). Never
 * fails on bad syntax: unknown or malformed lines are skipped and listed in
 * ->errors. Returns SA_OK and *out (free with robots_free), or SA_ENOMEM.
 */
enum sa_err robots_parse(const char *text, size_t len, struct robots **out);
void robots_free(struct robots *r);

/*
 * True when a crawler named agent (e.g. "Googlebot"; matched
 * case-insensitively against the groups, falling back to "*") may fetch
 * path ("/dir/page?q=1", percent-encoding as in the URL). The longest
 * matching rule wins; on a tie allow wins; no match means allowed.
 * "/robots.txt" itself is always allowed. r == NULL allows everything.
 */
bool robots_allowed(const struct robots *r, const char *agent,
    const char *path);

/*
 * True when pattern (with '*' wildcards and an optional final '$') matches
 * the start of path. Exposed for tests.
 */
bool robots_match(const char *pattern, const char *path);

#endif
