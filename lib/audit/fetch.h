/* fetch.h: the guarded fetcher — the only way siteaudit fetches a URL. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_FETCH_H
#define SA_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include "conf.h"

enum fetch_err {
	FETCH_OK = 0,
	FETCH_EURL,        /* malformed URL, or credentials in it */
	FETCH_ESCHEME,     /* not http / https */
	FETCH_EDENIED,     /* resolves to a private / reserved address */
	FETCH_EDNS,        /* name did not resolve */
	FETCH_ECONNECT,    /* connection refused / unreachable */
	FETCH_ETIMEOUT,    /* connect or total time cap hit */
	FETCH_ETOOBIG,     /* wire or decoded byte cap hit */
	FETCH_EREDIRECTS,  /* more than max_redirects */
	FETCH_ETLS,        /* TLS handshake / certificate failure */
	FETCH_EOTHER,
	FETCH__MAX
};

struct fetch_opts {
	bool        allow_private;     /* tests / local development only */
	long        connect_timeout_ms;
	long        total_timeout_ms;
	size_t      max_bytes;         /* bytes on the wire, per response */
	size_t      max_decoded;       /* bytes after content decoding */
	int         max_redirects;
	const char *user_agent;
	const char *accept;            /* NULL: a browser-like default */
	const char *ca_file;           /* PEM CA bundle; NULL: the system store */
	/*
	 * TEST / DEVELOPMENT ONLY: comma-separated exact IPs ("127.0.0.2,::1")
	 * exempted from the address guard, so a test can serve from one
	 * loopback address and still prove that a redirect to another one is
	 * refused. Production code leaves it NULL. Not read from the config.
	 */
	const char *allow_addrs;
};

struct fetch_header {
	char *name;    /* as sent; compare case-insensitively */
	char *value;
};

struct fetch_resp {
	enum fetch_err err;
	char        errmsg[256];    /* one human sentence when err != FETCH_OK */
	char       *url;            /* as requested */
	char       *final_url;      /* after redirects */
	long        status;         /* final HTTP status; 0 when none */
	long        http_version;   /* 10, 11, 20, 30 */
	char       *primary_ip;
	struct fetch_header *headers;  /* of the final response */
	size_t      nheaders;
	char       *body;           /* decoded, NUL-terminated */
	size_t      body_len;
	size_t      wire_bytes;     /* as transferred (compressed) */
	int         redirects;
	char      **redirect_chain; /* the URLs visited before final_url */
	/*
	 * Timings of the final request (docs/fetcher.md): dns_ms, connect_ms
	 * and tls_ms are phase durations (0 on a reused connection); ttfb_ms
	 * runs from the start of the final request to its first response byte
	 * (so it includes DNS, connect and TLS); total_ms covers every hop.
	 */
	double      dns_ms, connect_ms, tls_ms, ttfb_ms, total_ms;
	double      wait_ms;        /* request sent → first byte (server time) */
	double      redirect_ms;    /* time spent on earlier hops */
	/*
	 * TLS facts of the final response's connection (https only, else
	 * unknown): the negotiated protocol ("TLSv1.3"; "" when unknown), the
	 * leaf certificate's notAfter as Unix time (0 when unknown, e.g. on a
	 * reused connection) and OpenSSL's verify result (0 = valid; -1 when
	 * unknown). A certificate that fails verification also fails the fetch
	 * (FETCH_ETLS), so a successful https fetch normally reports 0.
	 */
	char        tls_version[16];
	long long   tls_cert_expiry;
	long        tls_verify_result;
};

/*
 * Defaults: no private targets, connect 5 s, total 20 s, 10 MiB on the wire,
 * 20 MiB decoded, 5 redirects, the siteaudit User-Agent.
 */
void fetch_opts_defaults(struct fetch_opts *o);
/*
 * Fills o from the [audit] section of c. max_bytes is max_resource_bytes
 * (for sub-resources); fetch_opts_for_document() uses max_document_bytes.
 */
void fetch_opts_from_conf(struct fetch_opts *o, const struct conf *c);
/* Like fetch_opts_from_conf() with max_bytes = c->max_document_bytes. */
void fetch_opts_for_document(struct fetch_opts *o, const struct conf *c);
/*
 * Fetches url (GET), following at most o->max_redirects redirects (0: none)
 * and re-checking every address connected to. o NULL means the defaults;
 * zero timeouts or byte caps in o mean the default value, never "no limit".
 * Always fills *r, even on failure (free with fetch_resp_free); returns
 * r->err. Thread-safe: no state is shared between calls.
 */
enum fetch_err fetch_url(const char *url, const struct fetch_opts *o,
    struct fetch_resp *r);
/*
 * Fetches n URLs concurrently (curl multi, at most `parallel` at once,
 * HTTP/2 multiplexing and connection reuse within this call only); out[i]
 * is the response for urls[i] exactly as fetch_url() would fill it.
 * parallel < 1 counts as 1. Free each out[i] with fetch_resp_free.
 */
void fetch_many(const char *const *urls, size_t n, const struct fetch_opts *o,
    int parallel, struct fetch_resp *out);
/* First header named name (case-insensitive), or NULL. */
const char *fetch_header(const struct fetch_resp *r, const char *name);
/* Frees everything r owns and zeroes it; r itself is the caller's. */
void fetch_resp_free(struct fetch_resp *r);
/* A static short name for e ("denied", "timeout", …); never NULL. */
const char *fetch_strerror(enum fetch_err e);

/*
 * Validates a user-supplied URL without fetching it: syntax, scheme, no
 * credentials, and (unless allow_private) that every address the host
 * resolves to is public. why[whylen] gets one sentence on failure.
 * Resolves the host with getaddrinfo (which may block); FETCH_EDNS when
 * the name does not resolve. Returns FETCH_OK, FETCH_EURL, FETCH_ESCHEME,
 * FETCH_EDENIED or FETCH_EDNS. why may be NULL when whylen is 0.
 */
enum fetch_err fetch_check_url(const char *url, bool allow_private,
    char *why, size_t whylen);

#endif
