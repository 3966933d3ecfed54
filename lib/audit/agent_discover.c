/* agent_discover.c: where the ai-catalog is announced, and llms.txt's links. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/agent_site.h"
#include "audit/dom.h"
#include "audit/urlnorm.h"

/* A copy of s[0..n) (caller frees), NULL on ENOMEM. */
static char *
dupn(const char *s, size_t n)
{
	char *o = malloc(n + 1);

	if (o) {
		memcpy(o, s, n);
		o[n] = '\0';
	}
	return o;
}

/* ref resolved against base into a normal-form http(s) URL, or NULL. */
static char *
resolve_n(const char *base, const char *ref, size_t n)
{
	char *r = dupn(ref, n), *u;

	if (r == NULL)
		return NULL;
	u = urlnorm(base, r);
	free(r);
	return u;
}

/* Lighthouse: /^\s*Agentmap:\s*(\S+)/im on robots.txt. */
char *
agent_catalog_from_robots(const char *robots_txt, const char *base)
{
	const char *p = robots_txt;

	while (p && *p) {
		const char *q = p + strspn(p, " \t\r\f\v");

		if (strncasecmp(q, "agentmap:", 9) == 0) {
			q += 9;
			q += strspn(q, " \t");
			if (*q && !isspace((unsigned char)*q))
				return resolve_n(base, q, strcspn(q, " \t\r\n\f\v"));
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}


struct link_find {
	const GumboNode *found;
};

static bool
link_cb(const GumboNode *n, void *arg)
{
	struct link_find *f = arg;

	if (f->found == NULL && dom_is(n, GUMBO_TAG_LINK) &&
	    dom_token_list_has(dom_attr(n, "rel"), "ai-catalog") &&
	    dom_attr(n, "href") != NULL)
		f->found = n;
	return f->found == NULL;
}

/* Lighthouse: document.querySelector('link[rel~="ai-catalog" i]').href */
char *
agent_catalog_from_dom(const GumboOutput *doc, const char *base)
{
	struct link_find f = { NULL };
	const char *href;

	if (doc == NULL)
		return NULL;
	dom_walk(doc->root, link_cb, &f);
	if (f.found == NULL)
		return NULL;
	href = dom_attr(f.found, "href");
	return urlnorm(base, href);
}

/* The value of parameter rel in params[0..n) ("; rel=x; …"), unquoted,
 * into out[outlen]; false when absent. */
static bool
link_rel(const char *params, size_t n, char *out, size_t outlen)
{
	const char *p = params, *end = params + n;

	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p)), *v;
		size_t len;

		if (semi == NULL)
			return false;
		p = semi + 1;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 4 || strncasecmp(p, "rel", 3) != 0)
			continue;
		v = p + 3;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= end || *v != '=')
			continue;
		v++;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v < end && *v == '"') {
			const char *q = memchr(v + 1, '"', (size_t)(end - v - 1));

			v++;
			len = q ? (size_t)(q - v) : (size_t)(end - v);
		} else {
			len = strcspn(v, ";,");
			if (len > (size_t)(end - v))
				len = (size_t)(end - v);
		}
		if (len >= outlen)
			len = outlen - 1;
		memcpy(out, v, len);
		out[len] = '\0';
		return true;
	}
	return false;
}

/* The end of one link-value starting at p: the ',' outside <> and quotes
 * (or the NUL). */
static const char *
link_value_end(const char *p)
{
	bool quoted = false, angle = false;

	for (; *p; p++) {
		if (*p == '"' && !angle)
			quoted = !quoted;
		else if (*p == '<' && !quoted)
			angle = true;
		else if (*p == '>' && !quoted)
			angle = false;
		else if (*p == ',' && !quoted && !angle)
			break;
	}
	return p;
}

/* Lighthouse: http-link-header's parse(...).get('rel', 'ai-catalog')[0]. */
char *
agent_catalog_from_header(const char *hdr, const char *base)
{
	const char *p = hdr;

	while (p && *p) {
		const char *end = link_value_end(p), *lt, *gt;
		char rel[256];

		lt = memchr(p, '<', (size_t)(end - p));
		gt = lt ? memchr(lt, '>', (size_t)(end - lt)) : NULL;
		if (gt && link_rel(gt + 1, (size_t)(end - gt - 1), rel, sizeof(rel)) &&
		    dom_token_list_has(rel, "ai-catalog"))
			return resolve_n(base, lt + 1, (size_t)(gt - lt - 1));
		p = *end ? end + 1 : end;
	}
	return NULL;
}

/*==== llms.txt links ======================================================*/

struct linkset {
	char  **v;
	size_t  n, cap, total;
	bool    nomem;
};

static void
set_add(struct linkset *s, char *u)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], u) == 0) {
			free(u);
			return;
		}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char **v = realloc(s->v, cap * sizeof(*v));

		if (v == NULL) {
			s->nomem = true;
			free(u);
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = u;
}

/* Every "](target)" in text, resolved; in file order. */
static void
collect(const char *text, const char *base, struct linkset *s)
{
	const char *p = text;

	while ((p = strstr(p, "](")) != NULL) {
		const char *t = p + 2;
		size_t n = strcspn(t, ") \t\r\n");
		char *u;

		p = t;
		if (n == 0 || t[n] == '\0' || t[0] == '#')
			continue;
		if (t[0] == '<' && n > 2 && t[n - 1] == '>') {   /* [x](<url>) */
			t++;
			n -= 2;
		}
		if ((u = resolve_n(base, t, n)) != NULL)
			set_add(s, u);
	}
}

size_t
agent_llms_links(const char *text, const char *base, size_t max,
    char ***out, size_t *total)
{
	struct linkset all = { 0 };
	char **v;
	size_t k = 0;

	*out = NULL;
	*total = 0;
	if (text == NULL)
		return 0;
	collect(text, base, &all);
	*total = all.n;
	if ((v = calloc(max ? max : 1, sizeof(*v))) == NULL)
		goto out;
	/* same origin first: those are the site's own documents */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < all.n && k < max; i++) {
			bool same = base && urlnorm_same_origin(all.v[i], base);

			if (all.v[i] != NULL && same == (pass == 0)) {
				v[k++] = all.v[i];
				all.v[i] = NULL;
			}
		}
	*out = v;
out:
	for (size_t i = 0; i < all.n; i++)
		free(all.v[i]);
	free(all.v);
	return k;
}
