/* checks_seo_util.c: small helpers shared by the SEO checks. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include "audit/checks_seo.h"
#include "audit/dom.h"

struct collect {
	struct seo_nodes *out;
	GumboTag          tag;
};

static bool
collect_cb(const GumboNode *n, void *arg)
{
	struct collect *c = arg;
	const GumboNode **v;

	if (!dom_is(n, c->tag))
		return true;
	v = realloc(c->out->v, (c->out->n + 1) * sizeof(*v));
	if (v == NULL)
		return true;   /* keep what we have */
	v[c->out->n++] = n;
	c->out->v = v;
	return true;
}

struct seo_nodes
seo_collect(const GumboOutput *doc, GumboTag tag)
{
	struct seo_nodes out = { NULL, 0 };
	struct collect c = { &out, tag };

	if (doc != NULL && doc->root != NULL)
		dom_walk(doc->root, collect_cb, &c);
	return out;
}

bool
seo_has_token(const GumboNode *n, const char *attr, const char *token)
{
	const char *v = dom_attr(n, attr);
	size_t tl = strlen(token);

	while (v != NULL && *v) {
		size_t len = 0;

		while (isspace((unsigned char)*v))
			v++;
		while (v[len] && !isspace((unsigned char)v[len]))
			len++;
		if (len == tl && strncasecmp(v, token, tl) == 0)
			return true;
		v += len;
	}
	return false;
}

const GumboNode *
seo_meta(const GumboOutput *doc, const char *name)
{
	struct seo_nodes metas = seo_collect(doc, GUMBO_TAG_META);
	const GumboNode *hit = NULL;

	for (size_t i = 0; i < metas.n && hit == NULL; i++)
		if (dom_attr_eq(metas.v[i], "name", name))
			hit = metas.v[i];
	free(metas.v);
	return hit;
}

bool
seo_in_body(const GumboNode *n)
{
	for (n = dom_parent(n); n != NULL; n = dom_parent(n))
		if (dom_is(n, GUMBO_TAG_BODY))
			return true;
	return false;
}

/* Gets one part of url with CURLU; caller frees with free(). */
static char *
url_part(const char *url, CURLUPart part, unsigned flags)
{
	CURLU *u = curl_url();
	char *v = NULL, *out = NULL;

	if (u == NULL || url == NULL)
		goto out;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		goto out;
	if (curl_url_get(u, part, &v, flags) == CURLUE_OK && v != NULL)
		out = strdup(v);
out:
	curl_free(v);
	curl_url_cleanup(u);
	return out;
}

char *
seo_url_host(const char *url)
{
	char *h = url_part(url, CURLUPART_HOST, 0);

	for (char *c = h; c && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return h;
}

char *
seo_url_path(const char *url)
{
	char *path = url_part(url, CURLUPART_PATH, 0);
	char *query = url_part(url, CURLUPART_QUERY, 0);
	size_t pl, ql;
	char *out = NULL;

	if (path == NULL)
		goto out;
	pl = strlen(path);
	ql = query ? strlen(query) : 0;
	if ((out = malloc(pl + ql + 3)) == NULL)
		goto out;
	memcpy(out, pl ? path : "/", pl ? pl : 1);
	out[pl ? pl : 1] = '\0';
	if (ql) {
		size_t at = strlen(out);

		out[at] = '?';
		memcpy(out + at + 1, query, ql + 1);
	}
out:
	free(path);
	free(query);
	return out;
}

bool
seo_is_absolute_http(const char *s)
{
	return s != NULL && (strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0);
}

void
seo_info_node(struct check_result *r, const GumboNode *n, const char *note)
{
	check_fail_node(r, n, note);
	r->verdict = CHECK_INFO;
}
