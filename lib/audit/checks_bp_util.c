/* checks_bp_util.c: helpers shared by best-practices and security checks. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/checks_bp.h"
#include "audit/dom.h"
#include "audit/fetch.h"

bool
bp_is_https(const char *url)
{
	return url && strncasecmp(url, "https:", 6) == 0;
}

bool
bp_is_http(const char *url)
{
	return url && strncasecmp(url, "http:", 5) == 0;
}

char *
bp_url_host(const char *url)
{
	const char *h, *at;
	size_t n;
	char *out;

	if (url == NULL)
		return NULL;
	if (bp_is_https(url) || bp_is_http(url))
		h = strchr(url, ':') + 1;
	else
		h = url;
	if (strncmp(h, "//", 2) != 0)
		return NULL;
	h += 2;
	if ((at = memchr(h, '@', strcspn(h, "/?#"))) != NULL)
		h = at + 1;                  /* user:pass@host */
	if (h[0] == '[')                     /* [::1]:8080 */
		n = strcspn(h, "]") + 1;
	else
		n = strcspn(h, ":/?#");
	if (n == 0 || (out = strndup(h, n)) == NULL)
		return NULL;
	for (char *c = out; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return out;
}

/* True when sub ends in "." + dom. */
static bool
is_subdomain(const char *sub, const char *dom)
{
	size_t a = strlen(sub), b = strlen(dom);

	return a > b + 1 && sub[a - b - 1] == '.' && strcmp(sub + a - b, dom) == 0;
}

bool
bp_same_site(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return false;
	if (strncmp(a, "www.", 4) == 0 && is_subdomain(b, a + 4))
		return true;
	return strcmp(a, b) == 0 || is_subdomain(a, b) || is_subdomain(b, a);
}

bool
bp_third_party(const struct page_ctx *p, const char *url)
{
	char *page = bp_url_host(p->url), *res = bp_url_host(url);
	bool third = res != NULL && page != NULL && !bp_same_site(page, res);

	free(page);
	free(res);
	return third;
}

bool
bp_has_token(const GumboNode *n, const char *attr, const char *token)
{
	return dom_token_list_has(dom_attr(n, attr), token);
}

const char *
bp_header(const struct page_ctx *p, const char *name)
{
	return p->resp ? fetch_header(p->resp, name) : NULL;
}

bool
bp_url_matches(const char *url, const char *ref)
{
	size_t a, b;

	if (url == NULL || ref == NULL || *ref == '\0')
		return false;
	if (strcmp(url, ref) == 0)
		return true;
	while (ref[0] == '.' && ref[1] == '/')
		ref += 2;
	a = strcspn(url, "#");
	b = strcspn(ref, "#");
	return b > 0 && a >= b && strncmp(url + a - b, ref, b) == 0 &&
	    (a == b || url[a - b - 1] == '/' || ref[0] == '/');
}

void
bp_fetch_note(const struct fetch_resp *r, char *buf, size_t len)
{
	if (r->err == FETCH_OK)
		snprintf(buf, len, "HTTP %ld", r->status);
	else
		snprintf(buf, len, "failed (%s)", fetch_strerror(r->err));
}
