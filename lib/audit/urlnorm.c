/* urlnorm.c: URL normalisation and same-origin tests for the site crawl. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include "audit/urlnorm.h"
#include "util/buf.h"

#define URLNORM_MAX (16u << 10)   /* longest URL we produce */

static const char hexdig[] = "0123456789ABCDEF";

/* Extensions of resources that are never HTML pages. */
static const char *const non_html_ext[] = {
	"7z", "avi", "avif", "bmp", "bz2", "css", "csv", "doc", "docx", "eot",
	"exe", "flac", "gif", "gz", "ico", "iso", "jpeg", "jpg", "js", "json",
	"m4a", "mjs", "mov", "mp3", "mp4", "mpeg", "ogg", "otf", "pdf", "png",
	"ppt", "pptx", "rar", "rss", "svg", "tar", "tgz", "tif", "tiff", "ttf",
	"txt", "wav", "webm", "webp", "woff", "woff2", "xls", "xlsx", "xml",
	"zip",
};

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool
unreserved(int c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/*
 * Appends s[0..n) to b with percent-escapes normalised: hex upper-cased,
 * unreserved characters decoded, raw controls / spaces / non-ASCII bytes
 * escaped. A '%' not followed by two hex digits is escaped as %25.
 */
static enum sa_err
add_escaped(struct buf *b, const char *s, size_t n)
{
	enum sa_err rc = SA_OK;

	for (size_t i = 0; i < n && rc == SA_OK; i++) {
		unsigned char c = (unsigned char)s[i];
		int hi, lo;

		if (c == '%' && i + 2 < n &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			int v = hi * 16 + lo;

			rc = unreserved(v) ? buf_addc(b, (char)v) :
			    buf_printf(b, "%%%c%c", hexdig[hi], hexdig[lo]);
			i += 2;
		} else if (c <= 0x20 || c >= 0x7F || c == '%')
			rc = buf_printf(b, "%%%c%c", hexdig[c >> 4], hexdig[c & 15]);
		else
			rc = buf_addc(b, (char)c);
	}
	return rc;
}

/*
 * Removes "." and ".." segments from the absolute path p in place
 * (RFC 3986 5.2.4). p starts with '/'; so does the result.
 */
static void
remove_dots(char *p)
{
	const char *s = p;
	size_t out = 0;

	while (*s) {
		size_t seg = strcspn(s + 1, "/");
		bool last = s[1 + seg] == '\0';

		if ((seg == 1 && s[1] == '.') ||
		    (seg == 2 && s[1] == '.' && s[2] == '.')) {
			while (seg == 2 && out > 0 && p[--out] != '/')
				;
			if (last)
				p[out++] = '/';
		} else {
			memmove(p + out, s, seg + 1);
			out += seg + 1;
		}
		s += seg + 1;
	}
	if (out == 0)
		p[out++] = '/';
	p[out] = '\0';
}

static char *
part(CURLU *u, CURLUPart which)
{
	char *v = NULL, *out = NULL;

	if (curl_url_get(u, which, &v, 0) == CURLUE_OK && v != NULL)
		out = strdup(v);
	curl_free(v);
	return out;
}

/* Copies ref without surrounding whitespace and inner tabs / newlines. */
static char *
clean_ref(const char *ref)
{
	size_t n;
	char *out, *o;

	while (*ref && isspace((unsigned char)*ref))
		ref++;
	n = strlen(ref);
	while (n > 0 && isspace((unsigned char)ref[n - 1]))
		n--;
	if ((o = out = malloc(n + 1)) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (ref[i] != '\t' && ref[i] != '\n' && ref[i] != '\r')
			*o++ = ref[i];
	*o = '\0';
	return out;
}

/* Parses base + ref into u; false when either does not parse. */
static bool
resolve(CURLU *u, const char *base, const char *ref)
{
	const unsigned fl = CURLU_ALLOW_SPACE | CURLU_URLENCODE;
	char *r = clean_ref(ref);
	bool ok = r != NULL;

	if (ok && base && curl_url_set(u, CURLUPART_URL, base, fl) != CURLUE_OK)
		ok = false;
	/* an empty or fragment-only ref is the base itself (libcurl 7.88
	 * drops the last path segment for it) */
	if (ok && ((r[0] != '#' && r[0] != '\0') || base == NULL) &&
	    curl_url_set(u, CURLUPART_URL, r, fl) != CURLUE_OK)
		ok = false;
	free(r);
	return ok;
}

struct parts {
	char *scheme, *host, *port, *path, *query, *user;
};

static void
parts_free(struct parts *p)
{
	free(p->scheme);
	free(p->host);
	free(p->port);
	free(p->path);
	free(p->query);
	free(p->user);
}

static bool
default_port(const char *scheme, const char *port)
{
	return port == NULL ||
	    (strcmp(scheme, "http") == 0 && strcmp(port, "80") == 0) ||
	    (strcmp(scheme, "https") == 0 && strcmp(port, "443") == 0);
}

/* Appends the normalised path (escapes, then dot segments) to b. */
static enum sa_err
add_path(struct buf *b, const char *path)
{
	struct buf pb;
	enum sa_err rc;

	buf_init(&pb, URLNORM_MAX);
	if (path == NULL || path[0] != '/')
		path = "/";
	if ((rc = add_escaped(&pb, path, strlen(path))) == SA_OK) {
		remove_dots(pb.ptr);
		rc = buf_adds(b, pb.ptr);
	}
	buf_free(&pb);
	return rc;
}

/* Builds the normal form from p into b. */
static enum sa_err
build(struct buf *b, struct parts *p)
{
	enum sa_err rc;

	for (char *c = p->host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	rc = buf_printf(b, "%s://%s", p->scheme, p->host);
	if (rc == SA_OK && !default_port(p->scheme, p->port))
		rc = buf_printf(b, ":%s", p->port);
	if (rc == SA_OK)
		rc = add_path(b, p->path);
	if (rc == SA_OK && p->query && p->query[0] &&
	    (rc = buf_addc(b, '?')) == SA_OK)
		rc = add_escaped(b, p->query, strlen(p->query));
	return rc;
}

/* A host a URL can carry back in: no control characters, space, DEL or
 * '%' (libcurl decodes "%7f" in a host, and the decoded byte would not
 * parse again — found by fuzz_url). */
static bool
host_ok(const char *h)
{
	for (; *h; h++)
		if ((unsigned char)*h <= 0x20 || *h == 0x7f || *h == '%')
			return false;
	return true;
}

char *
urlnorm(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	struct parts p = { 0 };
	struct buf b;
	char *out = NULL;

	buf_init(&b, URLNORM_MAX);
	if (u == NULL || ref == NULL || !resolve(u, base, ref))
		goto out;
	p.scheme = part(u, CURLUPART_SCHEME);
	p.host = part(u, CURLUPART_HOST);
	p.port = part(u, CURLUPART_PORT);
	p.path = part(u, CURLUPART_PATH);
	p.query = part(u, CURLUPART_QUERY);
	p.user = part(u, CURLUPART_USER);
	if (p.scheme == NULL || p.host == NULL || p.user != NULL || !p.host[0] ||
	    !host_ok(p.host))
		goto out;
	for (char *c = p.scheme; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (strcmp(p.scheme, "http") != 0 && strcmp(p.scheme, "https") != 0)
		goto out;
	if (build(&b, &p) == SA_OK)
		out = buf_take(&b, NULL);
out:
	buf_free(&b);
	parts_free(&p);
	curl_url_cleanup(u);
	return out;
}

size_t
urlnorm_origin_len(const char *url)
{
	const char *s = url ? strstr(url, "://") : NULL;

	if (s == NULL || s == url || s[3] == '\0')
		return 0;
	s += 3;
	return (size_t)(s - url) + strcspn(s, "/?#");
}

size_t
urlnorm_dir_len(const char *url)
{
	size_t o = urlnorm_origin_len(url), end, dir;

	if (o == 0)
		return 0;
	end = o + strcspn(url + o, "?#");
	for (dir = end; dir > o && url[dir - 1] != '/'; dir--)
		;
	return dir > o ? dir : o;
}

bool
urlnorm_same_origin(const char *a, const char *b)
{
	size_t n = urlnorm_origin_len(a);

	return n > 0 && n == urlnorm_origin_len(b) && strncmp(a, b, n) == 0;
}

const char *
urlnorm_path(const char *url)
{
	size_t n = urlnorm_origin_len(url);

	return n > 0 && url[n] == '/' ? url + n : "/";
}

bool
urlnorm_non_html_hint(const char *url)
{
	const char *path = urlnorm_path(url);
	size_t n = strcspn(path, "?#");
	const char *dot = NULL;

	for (size_t i = 0; i < n; i++)
		if (path[i] == '/')
			dot = NULL;
		else if (path[i] == '.')
			dot = path + i + 1;
	if (dot == NULL)
		return false;
	n -= (size_t)(dot - path);
	for (size_t i = 0; i < SA_NITEMS(non_html_ext); i++)
		if (strlen(non_html_ext[i]) == n &&
		    strncasecmp(dot, non_html_ext[i], n) == 0)
			return true;
	return false;
}
