/* api_client.h: the CLI's client for siteaudit's own REST API (libcurl). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CLI_API_CLIENT_H
#define SA_CLI_API_CLIENT_H

#include <stdbool.h>
#include <stdio.h>
#include <json-c/json.h>
#include "util/buf.h"

struct api_client {
	char base[1024];   /* e.g. "https://audit.example.com", no trailing '/' */
	char auth[600];    /* "Authorization: Bearer …" (never printed) */
	long timeout_ms;
	bool verbose;      /* method, path, status and timing on stderr */
};

/* A raw answer: status 0 when the server could not be reached. */
struct api_resp {
	long       status;
	struct buf body;         /* the body (api_fetch_to: only an error's) */
	char       ctype[128];   /* Content-Type, "" when absent */
	size_t     streamed;     /* api_fetch_to: bytes written to the sink */
	char       head[8];      /* api_fetch_to: the first bytes written */
};

/*
 * Fills c from base (NULL: $SITEAUDIT_URL) and the API key in the
 * environment variable key_env (NULL: SITEAUDIT_API_KEY). Returns 0, or -1
 * with a one-line reason in why[whylen].
 */
int api_client_init(struct api_client *c, const char *base, const char *key_env,
    char *why, size_t whylen);

/* Fills c from an already resolved base URL (http or https) and key. */
int api_client_setup(struct api_client *c, const char *base, const char *key,
    char *why, size_t whylen);

/* Overwrites the Authorization header in memory. */
void api_client_wipe(struct api_client *c);

/*
 * One request, body kept raw (at most cap bytes). target is a path starting
 * with '/' (sent to the base URL with the key) or an absolute http(s) URL
 * (a signed link: sent without the key, so the key never leaves for a host
 * the user did not name). Returns r->status; on status 0 why says why.
 * The caller api_resp_free()s r in every case.
 */
long api_fetch(const struct api_client *c, const char *method,
    const char *target, const char *body, size_t cap, struct api_resp *r,
    char *why, size_t whylen);
void api_resp_free(struct api_resp *r);

/*
 * A GET whose 200 body is written to sink as it arrives (at most cap
 * bytes), so a large export never sits in memory; any other answer's body
 * is kept in r->body for its error message. Same target rules as api_fetch.
 */
long api_fetch_to(const struct api_client *c, const char *target, FILE *sink,
    size_t cap, struct api_resp *r, char *why, size_t whylen);

/*
 * One request: method, path (starting with '/'), an optional JSON body.
 * Returns the HTTP status (0 when the server could not be reached; the
 * reason is in why) and the parsed JSON response in *out (NULL when the
 * body is not JSON; caller json_object_put()s it).
 */
long api_call(const struct api_client *c, const char *method, const char *path,
    json_object *body, json_object **out, char *why, size_t whylen);

/* The "message" (else "error") of an error body, or fallback. */
const char *api_error_text(json_object *o, const char *fallback);

#endif
