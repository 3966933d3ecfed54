/* fetch_resp.c: turning a finished transfer into a struct fetch_resp. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/fetch_int.h"

static const char *const err_names[FETCH__MAX] = {
	[FETCH_OK]         = "ok",
	[FETCH_EURL]       = "bad_url",
	[FETCH_ESCHEME]    = "bad_scheme",
	[FETCH_EDENIED]    = "denied",
	[FETCH_EDNS]       = "dns",
	[FETCH_ECONNECT]   = "connect",
	[FETCH_ETIMEOUT]   = "timeout",
	[FETCH_ETOOBIG]    = "too_big",
	[FETCH_EREDIRECTS] = "too_many_redirects",
	[FETCH_ETLS]       = "tls",
	[FETCH_EOTHER]     = "other",
};
_Static_assert(SA_NITEMS(err_names) == FETCH__MAX, "err_names out of step");

const char *
fetch_strerror(enum fetch_err e)
{
	if ((unsigned)e >= FETCH__MAX || err_names[e] == NULL)
		return "unknown";
	return err_names[e];
}

void
fetch_fail(struct fetch_resp *r, enum fetch_err e, const char *fmt, ...)
{
	va_list ap;

	r->err = e;
	va_start(ap, fmt);
	vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
	va_end(ap);
}

bool
fetch_chain_push(struct fetch_resp *r, const char *url)
{
	char **nc;
	char *dup;

	if ((dup = strdup(url)) == NULL)
		return false;
	if ((nc = realloc(r->redirect_chain,
	    ((size_t)r->redirects + 1) * sizeof(*nc))) == NULL) {
		free(dup);
		return false;
	}
	r->redirect_chain = nc;
	nc[r->redirects++] = dup;
	return true;
}

const char *
fetch_header(const struct fetch_resp *r, const char *name)
{
	size_t i;

	for (i = 0; r && name && i < r->nheaders; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

void
fetch_resp_free(struct fetch_resp *r)
{
	size_t i;
	int j;

	if (r == NULL)
		return;
	for (i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	for (j = 0; j < r->redirects && r->redirect_chain; j++)
		free(r->redirect_chain[j]);
	free(r->headers);
	free(r->redirect_chain);
	free(r->url);
	free(r->final_url);
	free(r->primary_ip);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

/*==== collecting a finished transfer ====*/

static bool
is_tls_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_SHUTDOWN_FAILED:
		return true;
	default:
		return false;
	}
}

/* The fetch_err for curl's result rc, given what the callbacks saw. */
static enum fetch_err
map_result(const struct fetch_xfer *x, CURLcode rc)
{
	if (x->too_big_wire || x->too_big_decoded)
		return FETCH_ETOOBIG;
	switch (rc) {
	case CURLE_OK:                   return FETCH_OK;
	case CURLE_UNSUPPORTED_PROTOCOL: return FETCH_ESCHEME;
	case CURLE_URL_MALFORMAT:        return FETCH_EURL;
	case CURLE_COULDNT_RESOLVE_HOST: return FETCH_EDNS;
	case CURLE_OPERATION_TIMEDOUT:   return FETCH_ETIMEOUT;
	case CURLE_FILESIZE_EXCEEDED:    return FETCH_ETOOBIG;
	case CURLE_TOO_MANY_REDIRECTS:   return FETCH_EREDIRECTS;
	case CURLE_COULDNT_CONNECT:
		return x->denied[0] ? FETCH_EDENIED : FETCH_ECONNECT;
	default:
		return is_tls_error(rc) ? FETCH_ETLS : FETCH_EOTHER;
	}
}

/* Sets r->err and one sentence explaining it. */
static void
explain(struct fetch_xfer *x, CURLcode rc)
{
	const char *d = x->curlerr[0] ? x->curlerr : curl_easy_strerror(rc);
	struct fetch_resp *r = x->r;
	enum fetch_err e = map_result(x, rc);

	if (e == FETCH_OK)
		r->err = FETCH_OK;
	else if (e == FETCH_EDENIED)
		fetch_fail(r, e, "%s", x->denied);
	else if (x->too_big_decoded)
		fetch_fail(r, e, "The response body is larger than %zu bytes "
		    "after decompression.", x->o->max_decoded);
	else if (e == FETCH_ETOOBIG)
		fetch_fail(r, e, "The response is larger than %zu bytes on the "
		    "wire.", x->o->max_bytes);
	else if (e == FETCH_EREDIRECTS)
		fetch_fail(r, e, "More than %d redirects.",
		    x->o->max_redirects);
	else if (e == FETCH_ESCHEME)
		fetch_fail(r, e, "Only http and https URLs can be fetched "
		    "(%s).", d);
	else if (x->nomem)
		fetch_fail(r, e, "Out of memory while fetching.");
	else
		fetch_fail(r, e, "Fetching failed (%s): %s",
		    fetch_strerror(e), d);
}

static char *
info_str(CURL *e, CURLINFO what)
{
	char *s = NULL;

	if (curl_easy_getinfo(e, what, &s) != CURLE_OK || s == NULL)
		return NULL;
	return strdup(s);
}

static double
info_ms(CURL *e, CURLINFO what)
{
	curl_off_t us = 0;

	if (curl_easy_getinfo(e, what, &us) != CURLE_OK || us < 0)
		return 0;
	return (double)us / 1000.0;
}

static long
http_version(CURL *e)
{
	long v = 0;

	curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &v);
	switch (v) {
	case CURL_HTTP_VERSION_1_0: return 10;
	case CURL_HTTP_VERSION_1_1: return 11;
	case CURL_HTTP_VERSION_2_0: return 20;
	case CURL_HTTP_VERSION_3:   return 30;
	default:                    return 0;
	}
}

void
fetch_timing_snap(CURL *e, struct fetch_timing *t)
{
	t->dns = info_ms(e, CURLINFO_NAMELOOKUP_TIME_T);
	t->con = info_ms(e, CURLINFO_CONNECT_TIME_T);
	t->app = info_ms(e, CURLINFO_APPCONNECT_TIME_T);
	t->pre = info_ms(e, CURLINFO_PRETRANSFER_TIME_T);
	t->start = info_ms(e, CURLINFO_STARTTRANSFER_TIME_T);
}

static double
minus(double a, double b)
{
	return a > b ? a - b : 0;
}

/*
 * Phase durations of the final request (docs/fetcher.md): curl's sums
 * minus those of the redirects, then differences of the timestamps.
 */
static void
collect_timings(struct fetch_xfer *x)
{
	struct fetch_resp *r = x->r;
	struct fetch_timing t;

	fetch_timing_snap(x->easy, &t);
	t.dns = minus(t.dns, x->t_base.dns);
	t.con = minus(t.con, x->t_base.con);
	t.app = minus(t.app, x->t_base.app);
	t.pre = minus(t.pre, x->t_base.pre);
	t.start = minus(t.start, x->t_base.start);
	r->dns_ms = t.dns;
	r->connect_ms = minus(t.con, t.dns);
	r->tls_ms = t.app > 0 ? minus(t.app, t.con) : 0;
	r->ttfb_ms = t.start;
	r->wait_ms = minus(t.start, t.pre);
	r->total_ms = info_ms(x->easy, CURLINFO_TOTAL_TIME_T);
	r->redirect_ms = info_ms(x->easy, CURLINFO_REDIRECT_TIME_T);
}

/*
 * A failure right after a redirect (the next hop was refused, say) leaves
 * the last redirect's URL pending: curl counted the hop, no new response
 * arrived to push it.
 */
static void
flush_chain(struct fetch_xfer *x)
{
	long count = 0;

	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &count);
	if (x->cur_url && count > x->r->redirects && x->cur_status >= 300 &&
	    x->cur_status < 400) {
		if (!fetch_chain_push(x->r, x->cur_url))
			x->nomem = true;
		x->t_base = x->t_pending;
	}
}

void
fetch_xfer_collect(struct fetch_xfer *x, CURLcode rc)
{
	struct fetch_resp *r = x->r;
	curl_off_t body_wire = 0;
	size_t len = 0;

	flush_chain(x);
	r->final_url = info_str(x->easy, CURLINFO_EFFECTIVE_URL);
	r->primary_ip = info_str(x->easy, CURLINFO_PRIMARY_IP);
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r->status);
	r->http_version = http_version(x->easy);
	curl_easy_getinfo(x->easy, CURLINFO_SIZE_DOWNLOAD_T, &body_wire);
	r->wire_bytes = x->hdr_bytes + (body_wire > 0 ? (size_t)body_wire : 0);
	collect_timings(x);
	fetch_tls_collect(x);
	r->body = buf_take(&x->body, &len);
	r->body_len = r->body ? len : 0;
	if (rc == CURLE_OK && (r->body == NULL || x->nomem)) {
		x->nomem = true;
		rc = CURLE_OUT_OF_MEMORY;
	}
	explain(x, rc);
}
