/* fetch_int.h: internals shared by the fetch_*.c files (not a public API). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_FETCH_INT_H
#define SA_FETCH_INT_H

#include <stdbool.h>
#include <curl/curl.h>
#include "audit/fetch.h"
#include "util/buf.h"

#define FETCH_MAX_HEADERS 256   /* per response; further headers are dropped */

/*
 * curl's phase times in ms. curl adds up each phase over all the requests
 * of a redirect chain, so the final request's own times are the totals
 * minus a snapshot taken when the last redirect arrived.
 */
struct fetch_timing {
	double dns, con, app, pre, start;
};

/* One transfer in flight: the easy handle and what its callbacks gather. */
struct fetch_xfer {
	CURL                    *easy;
	struct curl_slist       *reqhdrs;
	const struct fetch_opts *o;
	struct fetch_resp       *r;
	struct buf               body;        /* decoded; cap max_decoded */
	size_t                   hdr_alloc;   /* slots in r->headers */
	size_t                   hdr_bytes;   /* of the current response */
	long                     cur_status;  /* status of current response */
	char                    *cur_url;     /* URL of current response */
	struct fetch_timing      t_pending;   /* at the last 3xx status line */
	struct fetch_timing      t_base;      /* ... once it was followed */
	bool                     too_big_wire;
	bool                     too_big_decoded;
	bool                     nomem;
	char                     denied[200]; /* first refusal, "" if none */
	char                     curlerr[CURL_ERROR_SIZE];
};

/* fetch_cb.c: installs the socket, header, body and progress callbacks. */
CURLcode fetch_cb_install(struct fetch_xfer *x);

/*
 * fetch_url.c: validates url (syntax, http/https, no credentials). On
 * success *norm (and *host when host is not NULL) get malloc'd strings:
 * the normalised URL and the host name without IPv6 brackets. On failure
 * why[whylen] gets a sentence.
 */
enum fetch_err fetch_parse_url(const char *url, char **norm, char **host,
    char *why, size_t whylen);

/* fetch_resp.c: reads curl's (cumulative) phase times into t. */
void fetch_timing_snap(CURL *e, struct fetch_timing *t);
/* fetch_resp.c: fills x->r from the finished transfer and its result. */
void fetch_xfer_collect(struct fetch_xfer *x, CURLcode rc);
/* fetch_resp.c: sets r->err and r->errmsg (printf-style). */
void fetch_fail(struct fetch_resp *r, enum fetch_err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * fetch_tls.c: records the TLS version and verify result of the connection
 * x is using into x->r (clears them for plain http). Call while the
 * transfer runs (the SSL handle is gone afterwards).
 */
void fetch_tls_snap(struct fetch_xfer *x);
/* fetch_tls.c: fills x->r->tls_cert_expiry from curl's certinfo. */
void fetch_tls_collect(struct fetch_xfer *x);
/* fetch_tls.c: "Mar  5 12:00:00 2025 GMT" (OpenSSL's ASN1_TIME_print) as
 * Unix time; 0 when it does not parse. */
long long fetch_tls_parse_date(const char *s);
/* fetch_resp.c: appends a copy of url to r->redirect_chain. */
bool fetch_chain_push(struct fetch_resp *r, const char *url);

#endif
