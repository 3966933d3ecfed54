/* route.h: the route table — method + path pattern → handler, as data. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_ROUTE_H
#define SA_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

#define ROUTE_MAXPARAMS 4
#define ROUTE_PARAMLEN  129

struct req;

enum route_auth {
	AUTH_NONE,      /* public (health checks, signed files, hooks with tokens) */
	AUTH_KEY,       /* bearer API key */
	AUTH_SESSION,   /* web session cookie */
};

struct route {
	const char     *method;   /* "GET", "POST", "DELETE", … */
	const char     *pattern;  /* "/api/mcp/runs/{runId}" */
	enum route_auth auth;
	void (*fn)(struct req *r);
};

enum route_status { ROUTE_FOUND, ROUTE_BAD_METHOD, ROUTE_NOT_FOUND };

struct route_match {
	const struct route *route;
	char   params[ROUTE_MAXPARAMS][ROUTE_PARAMLEN]; /* percent-decoded */
	size_t nparams;
	char   allow[64];   /* for ROUTE_BAD_METHOD: "GET, POST" */
};

/*
 * Finds the route for method + path (no query string). A {name} segment
 * matches one non-empty path segment of at most ROUTE_PARAMLEN-1 bytes after
 * percent-decoding, never containing '/' or NUL. When the path matches only
 * under other methods, returns ROUTE_BAD_METHOD with m->allow filled.
 */
enum route_status route_find(const struct route *tab, size_t n,
    const char *method, const char *path, struct route_match *m);

/*
 * Decodes %XX escapes (and '+' as space when plus is true: query strings)
 * of s[0..len) into out[outlen]; returns the length, or -1 when malformed,
 * too long, or decoding to a NUL byte.
 */
int url_decode(const char *s, size_t len, char *out, size_t outlen, bool plus);

#endif
