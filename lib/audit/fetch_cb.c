/* fetch_cb.c: libcurl callbacks — the address guard, headers, body, caps. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "audit/fetch_int.h"
#include "audit/netguard.h"

/*==== the address guard ====*/

/* Why sa may not be connected to under o, or NULL when it may. */
static const char *
guard_refusal(const struct fetch_opts *o, const struct sockaddr *sa)
{
	if (o->allow_private)
		return NULL;
	if (netguard_addr_in_list(sa, o->allow_addrs))
		return NULL;
	return netguard_addr_class(sa);
}

/*
 * CURLOPT_OPENSOCKETFUNCTION: curl calls this for every candidate address
 * after DNS and before connect(), for the first request and for every
 * redirect that needs a new connection. The address checked is the
 * address connected to, so a DNS answer cannot change between the check
 * and the use (no rebinding).
 */
static curl_socket_t
open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct fetch_xfer *x = clientp;
	const struct sockaddr *sa = &a->addr;
	const char *why;
	char ip[64];

	(void)purpose;
	if (a->family == AF_INET6 && a->addrlen < sizeof(struct sockaddr_in6))
		why = "malformed address";
	else
		why = guard_refusal(x->o, sa);
	if (why) {
		netguard_addr_str(sa, ip, sizeof(ip));
		if (!x->denied[0])
			snprintf(x->denied, sizeof(x->denied), "Refused to "
			    "connect to %s: it is a %s address and only public "
			    "addresses can be audited.", ip, why);
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/*==== response headers ====*/

static void
headers_clear(struct fetch_resp *r)
{
	size_t i;

	for (i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	r->nheaders = 0;
}

/* Reads the status code from "HTTP/x y ..."; 0 when absent. */
static long
status_of(const char *p, size_t len)
{
	const char *sp = memchr(p, ' ', len);
	long st = 0;
	int i;

	if (sp == NULL || (size_t)(sp - p) + 4 > len)
		return 0;
	for (i = 1; i <= 3; i++) {
		if (sp[i] < '0' || sp[i] > '9')
			return 0;
		st = st * 10 + (sp[i] - '0');
	}
	return st;
}

/*
 * A status line starts a new response (a redirect hop, an interim 1xx or
 * the final one): the previous response's headers and body are dropped,
 * and if it was a redirect its URL joins the chain.
 */
static bool
new_response(struct fetch_xfer *x, const char *line, size_t len)
{
	char *url = NULL;

	if (x->cur_url && x->cur_status >= 300 && x->cur_status < 400 &&
	    x->cur_status != 304) {
		if (!fetch_chain_push(x->r, x->cur_url))
			return false;
		x->t_base = x->t_pending;
	}
	headers_clear(x->r);
	buf_reset(&x->body);
	free(x->cur_url);
	x->cur_url = NULL;
	if (curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &url) ==
	    CURLE_OK && url && (x->cur_url = strdup(url)) == NULL)
		return false;
	x->cur_status = status_of(line, len);
	fetch_tls_snap(x);
	if (x->cur_status >= 300 && x->cur_status < 400)
		fetch_timing_snap(x->easy, &x->t_pending);
	return true;
}

/* Returns a malloc'd copy of p[0..n) without surrounding blanks. */
static char *
dup_trimmed(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' ||
	    p[n - 1] == '\n'))
		n--;
	return strndup(p, n);
}

/* Obsolete line folding: appends the continuation to the last value. */
static bool
fold_header(struct fetch_resp *r, const char *p, size_t len)
{
	struct fetch_header *h;
	char *more, *v;
	size_t a, b;

	if (r->nheaders == 0)
		return true;
	h = &r->headers[r->nheaders - 1];
	if ((more = dup_trimmed(p, len)) == NULL)
		return false;
	a = strlen(h->value);
	b = strlen(more);
	if ((v = realloc(h->value, a + b + 2)) == NULL) {
		free(more);
		return false;
	}
	v[a] = ' ';
	memcpy(v + a + 1, more, b + 1);
	h->value = v;
	free(more);
	return true;
}

static bool
add_header(struct fetch_xfer *x, const char *p, size_t len)
{
	struct fetch_resp *r = x->r;
	struct fetch_header *nh;
	const char *colon = memchr(p, ':', len);
	size_t n;

	if (colon == NULL || colon == p || r->nheaders >= FETCH_MAX_HEADERS)
		return true;   /* not a header line, or too many: ignored */
	if (r->nheaders == x->hdr_alloc) {
		n = x->hdr_alloc ? x->hdr_alloc * 2 : 16;
		if ((nh = realloc(r->headers, n * sizeof(*nh))) == NULL)
			return false;
		r->headers = nh;
		x->hdr_alloc = n;
	}
	nh = &r->headers[r->nheaders];
	nh->name = dup_trimmed(p, (size_t)(colon - p));
	nh->value = dup_trimmed(colon + 1, len - (size_t)(colon - p) - 1);
	if (nh->name == NULL || nh->value == NULL) {
		free(nh->name);
		free(nh->value);
		return false;
	}
	r->nheaders++;
	return true;
}

/* CURLOPT_HEADERFUNCTION: one header line at a time, status line first. */
static size_t
on_header(char *p, size_t size, size_t nmemb, void *clientp)
{
	struct fetch_xfer *x = clientp;
	size_t len = size * nmemb;
	bool ok;

	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0)
		x->hdr_bytes = 0;
	x->hdr_bytes += len;
	if (x->hdr_bytes > x->o->max_bytes) {
		x->too_big_wire = true;
		return 0;
	}
	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0)
		ok = new_response(x, p, len);
	else if (len <= 2)
		ok = true;   /* the blank line that ends the headers */
	else if (p[0] == ' ' || p[0] == '\t')
		ok = fold_header(x->r, p, len);
	else
		ok = add_header(x, p, len);
	if (!ok)
		x->nomem = true;
	return ok ? len : 0;
}

/*==== body and caps ====*/

/* CURLOPT_WRITEFUNCTION: decoded body bytes, capped at max_decoded. */
static size_t
on_body(char *p, size_t size, size_t nmemb, void *clientp)
{
	struct fetch_xfer *x = clientp;
	size_t len = size * nmemb;
	enum sa_err rc;

	if ((rc = buf_add(&x->body, p, len)) == SA_OK)
		return len;
	if (rc == SA_ETOOBIG)
		x->too_big_decoded = true;
	else
		x->nomem = true;
	return 0;   /* any count other than len fails the transfer */
}

/*
 * CURLOPT_XFERINFOFUNCTION: dlnow counts body bytes as received, before
 * content decoding (curl resets it for every request of a redirect chain),
 * so headers + dlnow is the response's size on the wire.
 */
static int
on_progress(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct fetch_xfer *x = clientp;

	(void)dltotal;
	(void)ultotal;
	(void)ulnow;
	if (dlnow > 0 && x->hdr_bytes + (size_t)dlnow > x->o->max_bytes) {
		x->too_big_wire = true;
		return 1;
	}
	return 0;
}

CURLcode
fetch_cb_install(struct fetch_xfer *x)
{
	CURL *e = x->easy;
	CURLcode rc = CURLE_OK;

#define SET(opt, val) \
	do { if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_OPENSOCKETFUNCTION, open_socket);
	SET(CURLOPT_OPENSOCKETDATA, x);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, x);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, x);
	SET(CURLOPT_XFERINFOFUNCTION, on_progress);
	SET(CURLOPT_XFERINFODATA, x);
	SET(CURLOPT_NOPROGRESS, 0L);
#undef SET
	return rc;
}
