/* fuzz_robots.c: robots.txt parsing and matching. Input: "agent path\n"
 * then the robots.txt text. Every parsed rule's pattern is matched against
 * the path by robots_match() and by a plain dynamic-programming matcher
 * here (differential check), then robots_allowed() decides. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include "audit/robots.h"
#include "fuzz.h"

#define ROBOTS_REF_MAX 512   /* longer pattern / path: no reference check */

/*
 * The reference: does pat ('*' = any run of bytes, a final '$' anchors the
 * end) match a prefix of path? Row i of the classic glob table: cur[j] says
 * "pat[0..i) matches path[0..j) exactly"; two rows are kept.
 */
static bool
robots_ref_match(const char *pat, const char *path)
{
	size_t pl = strlen(pat), sl = strlen(path);
	bool anchored = pl && pat[pl - 1] == '$';
	bool rows[2][ROBOTS_REF_MAX + 1], *prev = rows[0], *cur = rows[1], *t;

	if (anchored)
		pl--;
	memset(rows, 0, sizeof(rows));
	prev[0] = true;
	for (size_t i = 0; i < pl; i++) {
		cur[0] = pat[i] == '*' && prev[0];
		for (size_t j = 1; j <= sl; j++)
			cur[j] = pat[i] == '*' ? prev[j] || cur[j - 1] :
			    prev[j - 1] && pat[i] == path[j - 1];
		t = prev, prev = cur, cur = t;
	}
	if (anchored)
		return prev[sl];
	for (size_t j = 0; j <= sl; j++)
		if (prev[j])
			return true;
	return false;
}

static void
robots_check(const struct robots *r, const char *agent, const char *path)
{
	bool ref_ok = strlen(path) <= ROBOTS_REF_MAX;

	for (size_t g = 0; g < r->ngroups; g++) {
		const struct robots_group *gr = &r->groups[g];
		for (size_t a = 0; a < gr->nagents; a++)
			for (const char *c = gr->agents[a]; *c; c++)
				FUZZ_CHECK(!isupper((unsigned char)*c));
		for (size_t i = 0; i < gr->nrules; i++) {
			const char *pat = gr->rules[i].pattern;
			bool got = robots_match(pat, path);
			if (ref_ok && strlen(pat) <= ROBOTS_REF_MAX)
				FUZZ_CHECK(got == robots_ref_match(pat, path));
		}
	}
	for (size_t i = 0; i < r->nerrors; i++)
		FUZZ_CHECK(r->errors[i].line >= 1 && r->errors[i].message &&
		    strlen(r->errors[i].text) <= 200);
	for (size_t i = 0; i < r->nsitemaps; i++)
		FUZZ_CHECK(r->sitemaps[i] != NULL);
	(void)robots_allowed(r, agent, path);
	FUZZ_CHECK(robots_allowed(r, agent, "/robots.txt"));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *text;
	size_t tlen, hlen;
	struct robots *r = NULL;
	char *head, *path;

	fuzz_split(data, size, '\n', &text, &tlen, &hlen);
	head = fuzz_str(data, hlen);
	path = strchr(head, ' ');
	if (path)
		*path++ = '\0';
	else
		path = head + strlen(head);
	/* text is not NUL-terminated: the parser must stay inside tlen */
	FUZZ_CHECK(robots_parse((const char *)text, tlen, &r) == SA_OK);
	robots_check(r, *head ? head : "Googlebot", *path ? path : "/");
	FUZZ_CHECK(robots_allowed(NULL, head, path));
	robots_free(r);
	free(head);
	return 0;
}
