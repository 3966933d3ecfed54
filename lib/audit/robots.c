/* robots.c: a robots.txt parser and matcher (RFC 9309 + Google's extensions). */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/robots.h"

#define LINE_MAX_BYTES 4096   /* longer lines are cut (Google reads 500 KiB) */
#define ERR_TEXT_MAX   200

static const char *const known_ignored[] = {
	"crawl-delay", "clean-param", "host", "request-rate", "visit-time",
	"noindex",
};

/* Parser state while reading lines. */
struct parser {
	struct robots *r;
	bool           agents_open;  /* last directive was user-agent */
	bool           oom;
};

/* Grows *arr (of elem bytes each) by one slot; NULL on failure. */
static void *
push(void **arr, size_t *n, size_t elem)
{
	char *p = realloc(*arr, (*n + 1) * elem);

	if (p == NULL)
		return NULL;
	*arr = p;
	memset(p + *n * elem, 0, elem);
	return p + (*n)++ * elem;
}

static char *
dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static void
add_error(struct parser *ps, size_t line, const char *text, const char *msg)
{
	struct robots *r = ps->r;
	struct robots_error *e;
	size_t n = strlen(text);

	if ((e = push((void **)&r->errors, &r->nerrors, sizeof(*e))) == NULL) {
		ps->oom = true;
		return;
	}
	e->line = line;
	e->text = dupn(text, n > ERR_TEXT_MAX ? ERR_TEXT_MAX : n);
	e->message = msg;
	if (e->text == NULL)
		ps->oom = true;
}

/* Lower-cased product token of a user-agent value ("Googlebot/2.1" →
 * "googlebot"; "*" stays). */
static char *
agent_token(const char *v)
{
	size_t n = 0;
	char *t;

	if (v[0] == '*')
		return strdup("*");
	while (isalnum((unsigned char)v[n]) || v[n] == '_' || v[n] == '-')
		n++;
	if ((t = dupn(v, n)) != NULL)
		for (size_t i = 0; i < n; i++)
			t[i] = (char)tolower((unsigned char)t[i]);
	return t;
}

static void
on_agent(struct parser *ps, const char *value)
{
	struct robots *r = ps->r;
	struct robots_group *g;
	char **slot;

	if (!ps->agents_open || r->ngroups == 0) {
		g = push((void **)&r->groups, &r->ngroups, sizeof(*g));
		if (g == NULL) {
			ps->oom = true;
			return;
		}
	}
	g = &r->groups[r->ngroups - 1];
	if ((slot = push((void **)&g->agents, &g->nagents, sizeof(*slot))) == NULL ||
	    (*slot = agent_token(value)) == NULL)
		ps->oom = true;
	ps->agents_open = true;
}

static const char *
pattern_problem(const char *v)
{
	const char *dollar = strchr(v, '$');

	if (v[0] != '\0' && v[0] != '/' && v[0] != '*')
		return "Pattern should either be empty, start with \"/\" or \"*\"";
	if (dollar && dollar[1] != '\0')
		return "\"$\" should be used only at the end of the pattern";
	return NULL;
}

static void
on_rule(struct parser *ps, size_t line, const char *text, const char *value,
    bool allow)
{
	struct robots *r = ps->r;
	struct robots_group *g;
	struct robots_rule *rule;
	const char *why;

	if (r->ngroups == 0) {
		add_error(ps, line, text, "No user-agent specified");
		return;
	}
	ps->agents_open = false;
	if ((why = pattern_problem(value)) != NULL) {
		add_error(ps, line, text, why);
		return;
	}
	if (value[0] == '\0')     /* "Disallow:" alone blocks nothing */
		return;
	g = &r->groups[r->ngroups - 1];
	if ((rule = push((void **)&g->rules, &g->nrules, sizeof(*rule))) == NULL ||
	    (rule->pattern = strdup(value)) == NULL) {
		ps->oom = true;
		return;
	}
	rule->allow = allow;
}

static bool
sitemap_url_ok(const char *v)
{
	static const char *const schemes[] = { "http://", "https://", "ftp://" };

	for (size_t i = 0; i < SA_NITEMS(schemes); i++) {
		size_t n = strlen(schemes[i]);

		if (strncasecmp(v, schemes[i], n) == 0)
			return v[n] != '\0' && v[n] != '/' && !strchr(v, ' ');
	}
	return false;
}

static void
on_sitemap(struct parser *ps, size_t line, const char *text,
    const char *value)
{
	struct robots *r = ps->r;
	char **slot;

	if (!sitemap_url_ok(value)) {
		add_error(ps, line, text, "Invalid sitemap URL");
		return;
	}
	if ((slot = push((void **)&r->sitemaps, &r->nsitemaps, sizeof(*slot))) == NULL ||
	    (*slot = strdup(value)) == NULL)
		ps->oom = true;
}

static bool
is_known_ignored(const char *key)
{
	for (size_t i = 0; i < SA_NITEMS(known_ignored); i++)
		if (strcmp(key, known_ignored[i]) == 0)
			return true;
	return false;
}

/* Trims spaces / tabs at both ends of s in place; returns the new start. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Handles one line (comments already stripped, NUL-terminated, trimmed). */
static void
on_line(struct parser *ps, size_t line, char *text)
{
	char *colon = strchr(text, ':');
	char *key, *value, orig[ERR_TEXT_MAX + 1];
	size_t n;

	if (text[0] == '\0')
		return;
	n = strlen(text) < ERR_TEXT_MAX ? strlen(text) : ERR_TEXT_MAX;
	memcpy(orig, text, n);
	orig[n] = '\0';
	if (colon == NULL) {
		add_error(ps, line, orig, "Syntax not understood");
		return;
	}
	*colon = '\0';
	key = trim(text);
	value = trim(colon + 1);
	for (char *k = key; *k; k++)
		*k = (char)tolower((unsigned char)*k);
	if (strcmp(key, "user-agent") == 0) {
		if (value[0] == '\0')
			add_error(ps, line, orig, "No user-agent specified");
		else
			on_agent(ps, value);
	} else if (strcmp(key, "allow") == 0 || strcmp(key, "disallow") == 0)
		on_rule(ps, line, orig, value, key[0] == 'a');
	else if (strcmp(key, "sitemap") == 0)
		on_sitemap(ps, line, orig, value);
	else if (!is_known_ignored(key))
		add_error(ps, line, orig, "Unknown directive");
}

enum sa_err
robots_parse(const char *text, size_t len, struct robots **out)
{
	struct parser ps = { .r = calloc(1, sizeof(struct robots)) };
	char line[LINE_MAX_BYTES];
	size_t pos = 0, lineno = 0;

	*out = NULL;
	if (ps.r == NULL)
		return SA_ENOMEM;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;   /* UTF-8 byte order mark */
	while (pos < len && !ps.oom) {
		size_t end = pos, n;
		char *hash;

		while (end < len && text[end] != '\n' && text[end] != '\r')
			end++;
		n = end - pos < sizeof(line) ? end - pos : sizeof(line) - 1;
		memcpy(line, text + pos, n);
		line[n] = '\0';
		if ((hash = memchr(line, '#', n)) != NULL)
			*hash = '\0';
		on_line(&ps, ++lineno, trim(line));
		if (end < len && text[end] == '\r' && end + 1 < len &&
		    text[end + 1] == '\n')
			end++;
		pos = end + 1;
	}
	if (ps.oom) {
		robots_free(ps.r);
		return SA_ENOMEM;
	}
	*out = ps.r;
	return SA_OK;
}

void
robots_free(struct robots *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ngroups; i++) {
		struct robots_group *g = &r->groups[i];

		for (size_t j = 0; j < g->nagents; j++)
			free(g->agents[j]);
		for (size_t j = 0; j < g->nrules; j++)
			free(g->rules[j].pattern);
		free(g->agents);
		free(g->rules);
	}
	for (size_t i = 0; i < r->nsitemaps; i++)
		free(r->sitemaps[i]);
	for (size_t i = 0; i < r->nerrors; i++)
		free(r->errors[i].text);
	free(r->groups);
	free(r->sitemaps);
	free(r->errors);
	free(r);
}

bool
robots_match(const char *pat, const char *path)
{
	size_t plen = strlen(pat);
	bool anchored = plen > 0 && pat[plen - 1] == '$';
	const char *p = pat, *pe = pat + plen - (anchored ? 1 : 0), *s = path;
	const char *star_p = NULL, *star_s = NULL;

	/* Glob matching with one backtrack point: linear-ish, no recursion. */
	while (*s) {
		if (p < pe && *p == '*') {
			star_p = ++p;
			star_s = s;
		} else if (p < pe && *p == *s) {
			p++;
			s++;
		} else if (p == pe && !anchored) {
			return true;
		} else if (star_p) {
			p = star_p;
			s = ++star_s;
		} else {
			return false;
		}
	}
	while (p < pe && *p == '*')
		p++;
	return p == pe;
}

static bool
group_has_agent(const struct robots_group *g, const char *agent)
{
	for (size_t i = 0; i < g->nagents; i++)
		if (strcasecmp(g->agents[i], agent) == 0)
			return true;
	return false;
}

/* Applies the rules of every group naming agent; updates best. */
static bool
apply_groups(const struct robots *r, const char *agent, const char *path,
    size_t *best_len, bool *allowed)
{
	bool any = false;

	for (size_t i = 0; i < r->ngroups; i++) {
		const struct robots_group *g = &r->groups[i];

		if (!group_has_agent(g, agent))
			continue;
		any = true;
		for (size_t j = 0; j < g->nrules; j++) {
			const struct robots_rule *rule = &g->rules[j];
			size_t n = strlen(rule->pattern);

			if (!robots_match(rule->pattern, path))
				continue;
			if (n > *best_len || (n == *best_len && rule->allow)) {
				*best_len = n;
				*allowed = rule->allow;
			}
		}
	}
	return any;
}

bool
robots_allowed(const struct robots *r, const char *agent, const char *path)
{
	size_t best = 0;
	bool allowed = true;
	char *token;

	if (r == NULL || path == NULL || strcmp(path, "/robots.txt") == 0)
		return true;
	if ((token = agent_token(agent ? agent : "*")) == NULL)
		return true;
	if (token[0] == '\0' ||
	    !apply_groups(r, token, path, &best, &allowed))
		apply_groups(r, "*", path, &best, &allowed);
	free(token);
	return allowed;
}
