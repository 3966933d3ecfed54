/* api_client.h: the CLI's client for siteaudit's own REST API (libcurl). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CLI_API_CLIENT_H
#define SA_CLI_API_CLIENT_H

#include <json-c/json.h>

struct api_client {
	char base[1024];   /* e.g. "https://audit.example.com", no trailing '/' */
	char auth[512];    /* "Authorization: Bearer …" (never printed) */
	long timeout_ms;
};

/*
 * Fills c from base (NULL: $SITEAUDIT_URL) and the API key in the
 * environment variable key_env (NULL: SITEAUDIT_API_KEY). Returns 0, or -1
 * with a one-line reason in why[whylen].
 */
int api_client_init(struct api_client *c, const char *base, const char *key_env,
    char *why, size_t whylen);

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
