/* req.h: one HTTP request and its response, owned per request. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_REQ_H
#define SA_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "auth/keyauth.h"
#include "conf.h"
#include "db/db.h"
#include "util/buf.h"
#include "web/route.h"

/*
 * The worker fills the request half from the FastCGI environment, runs the
 * handler, then writes the response half out. Strings of the request half
 * are borrowed from the FastCGI environment for the life of the request.
 */
struct req {
	/* request */
	const char *method;
	const char *uri;           /* REQUEST_URI, with the query */
	const char *query;         /* QUERY_STRING ("" if none) */
	char        path[2048];    /* uri up to '?' */
	const char *content_type;
	const char *authorization;
	const char *cookie;
	const char *origin;
	const char *host;
	const char *remote_addr;
	const char *user_agent;
	const char *mcp_version;   /* MCP-Protocol-Version header, or NULL */
	bool        https;
	char       *body;          /* NUL-terminated; owned */
	size_t      body_len;
	struct route_match match;  /* path parameters */
	/* environment */
	struct db         *db;     /* the worker's connection (may be down) */
	const struct conf *conf;
	/* auth context, filled before the handler runs (AUTH_KEY routes) */
	struct key_ctx auth;
	/* streaming: a handler that writes the whole response itself (a large
	 * export) sends the head and body through `stream` and sets `streamed`;
	 * the worker then writes nothing more (fcgi/ui_stream.c) */
	void       *stream;        /* the FastCGI output stream (FCGX_Stream *) */
	bool        streamed;
	/* response */
	int         status;
	struct buf  headers;       /* "Name: value\r\n" lines */
	struct buf  out;           /* body */
};

/* Initialises the response half (status 200, empty buffers). */
void req_init(struct req *r);
/* Frees everything the request owns; r can be re-initialised after. */
void req_free(struct req *r);

/* Adds a response header; name and value must not contain CR / LF. */
void reply_header(struct req *r, const char *name, const char *value);
/* Serialises obj as the JSON body with status; drops the caller's ref. */
void reply_json(struct req *r, int status, struct json_object *obj);
/*
 * The one renderer for client-visible errors: {"error": code, "message":
 * message}. Control characters in message are replaced by spaces.
 */
void reply_error(struct req *r, int status, const char *code,
    const char *message);
/* Reason phrase for status ("Not Found"); "Unknown" for unlisted codes. */
const char *http_reason(int status);

/*
 * Finds name in the query string and percent-decodes its value into
 * out[outlen]. Returns 1 found, 0 absent, -1 malformed / too long.
 */
int req_query(const struct req *r, const char *name, char *out, size_t outlen);

#endif
