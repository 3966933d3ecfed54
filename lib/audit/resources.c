/* resources.c: the sub-resource set — adding, fetching, hosts and third parties. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include "audit/resources.h"
#include "audit/resources_int.h"

static const char *const type_names[RES__MAX] = {
	[RES_STYLESHEET] = "stylesheet", [RES_SCRIPT] = "script",
	[RES_IMAGE] = "image", [RES_FONT] = "font", [RES_IFRAME] = "iframe",
	[RES_PRELOAD] = "preload", [RES_MEDIA] = "media", [RES_OTHER] = "other",
};

const char *
resources_type_name(enum resource_type t)
{
	return (unsigned)t < RES__MAX ? type_names[t] : "other";
}

enum sa_err
resources_init(struct res_set *s, const char *page_url, size_t max)
{
	memset(s, 0, sizeof(*s));
	s->max = max ? max : RESOURCES_MAX_DEFAULT;
	s->v = calloc(s->max, sizeof(*s->v));
	s->resps = calloc(s->max, sizeof(*s->resps));
	s->page_host = page_url ? resources_host(page_url) : NULL;
	if (s->v == NULL || s->resps == NULL) {
		resources_free(s);
		return SA_ENOMEM;
	}
	return SA_OK;
}

void
resources_free(struct res_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].url);
		free(s->v[i].host);
	}
	for (size_t i = 0; s->resps && i < s->max; i++)
		fetch_resp_free(&s->resps[i]);
	free(s->v);
	free(s->resps);
	free(s->page_host);
	memset(s, 0, sizeof(*s));
}

char *
resources_host(const char *url)
{
	CURLU *u = curl_url();
	char *h = NULL, *out = NULL;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h)
		out = strdup(h);
	curl_free(h);
	curl_url_cleanup(u);
	for (char *p = out; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

/* Second-level labels that sit under a ccTLD like a TLD ("co.uk"). */
static bool
is_sld(const char *l, size_t n)
{
	static const char *const slds[] = { "co", "com", "net", "org", "gov",
	    "edu", "ac", "ne", "or", "go" };

	for (size_t i = 0; i < SA_NITEMS(slds); i++)
		if (strlen(slds[i]) == n && strncmp(l, slds[i], n) == 0)
			return true;
	return false;
}

/* Start of the label before position end in host (end excluded). */
static const char *
label_before(const char *host, const char *end)
{
	const char *p = end;

	while (p > host && p[-1] != '.')
		p--;
	return p;
}

const char *
resources_site(const char *host)
{
	size_t len = strlen(host);
	const char *tld, *sld, *third;

	if (len == 0 || strchr(host, ':') || strspn(host, "0123456789.") == len)
		return host;                       /* IPv6 / IPv4 literal */
	tld = label_before(host, host + len);
	if (tld == host)
		return host;
	sld = label_before(host, tld - 1);
	if (sld == host || strlen(tld) != 2 ||
	    !is_sld(sld, (size_t)(tld - 1 - sld)))
		return sld;
	third = label_before(host, sld - 1);
	return third;
}

bool
resources_third_party(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return false;
	return strcasecmp(resources_site(a), resources_site(b)) != 0;
}

const char *
resources_encoding(const struct fetch_resp *r)
{
	const char *e = r ? fetch_header(r, "content-encoding") : NULL;

	if (e == NULL || *e == '\0' || strcasecmp(e, "identity") == 0)
		return NULL;
	return e;
}

/* Index of url in s, or -1. */
static long
res_find(const struct res_set *s, const char *url)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].url, url) == 0)
			return (long)i;
	return -1;
}

/* A preload found again as what it preloads: the real reference wins. */
static void
upgrade_preload(struct page_resource *r, enum resource_type t,
    const GumboNode *node)
{
	if (r->type != RES_PRELOAD || t == RES_PRELOAD)
		return;
	r->type = t;
	if (node)
		r->node = node;
}

struct page_resource *
res_add(struct res_set *s, char *url, enum resource_type t,
    const GumboNode *node, enum sa_err *rc)
{
	struct page_resource *r;
	long at;

	*rc = SA_OK;
	if (url != NULL && (at = res_find(s, url)) >= 0)
		upgrade_preload(&s->v[at], t, node);
	if (url == NULL || s->n >= s->max || res_find(s, url) >= 0) {
		free(url);
		return NULL;
	}
	r = &s->v[s->n];
	memset(r, 0, sizeof(*r));
	r->url = url;
	r->type = t;
	r->node = node;
	r->parent = -1;
	if ((r->host = resources_host(url)) == NULL) {
		free(url);
		r->url = NULL;
		return NULL;
	}
	r->third_party = resources_third_party(s->page_host, r->host);
	s->n++;
	return r;
}

void
resources_fetch(struct res_set *s, size_t from, const struct fetch_opts *o,
    int parallel, size_t max_total)
{
	const char **urls;
	size_t n = 0;

	if (from >= s->n || s->wire_bytes >= (max_total ? max_total :
	    RESOURCES_BYTES_DEFAULT))
		return;
	if ((urls = calloc(s->n - from, sizeof(*urls))) == NULL)
		return;
	for (size_t i = from; i < s->n; i++)
		urls[n++] = s->v[i].url;
	fetch_many(urls, n, o, parallel > 0 ? parallel : 6, s->resps + from);
	for (size_t i = from; i < s->n; i++) {
		s->v[i].fetched = true;
		s->v[i].resp = &s->resps[i];
		s->wire_bytes += s->resps[i].wire_bytes;
	}
	free(urls);
}

/* Scans every fetched 2xx stylesheet in [from, to) for fonts and images. */
static enum sa_err
scan_sheets(struct res_set *s, size_t from, size_t to)
{
	enum sa_err rc = SA_OK;

	for (size_t i = from; i < to && rc == SA_OK; i++) {
		const struct fetch_resp *r = s->v[i].resp;

		if (s->v[i].type != RES_STYLESHEET || r == NULL ||
		    r->err != FETCH_OK || r->status < 200 || r->status > 299 ||
		    r->body == NULL)
			continue;
		rc = resources_discover_css(s, r->body, r->body_len,
		    r->final_url ? r->final_url : s->v[i].url, (long)i);
	}
	return rc;
}

enum sa_err
resources_collect(struct res_set *s, const GumboOutput *doc, const char *base,
    enum audit_strategy strategy, const struct fetch_opts *o, int parallel,
    size_t max_total)
{
	size_t first;
	enum sa_err rc;

	if ((rc = resources_discover(s, doc, base, strategy)) != SA_OK)
		return rc;
	resources_fetch(s, 0, o, parallel, max_total);
	first = s->n;
	if ((rc = scan_sheets(s, 0, first)) != SA_OK)
		return rc;
	resources_fetch(s, first, o, parallel, max_total);
	return SA_OK;
}
