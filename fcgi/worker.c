/* worker.c: one FastCGI worker — accept, parse, route, respond, repeat. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcgiapp.h>
#include "fcgi.h"
#include "util/log.h"
#include "web/metrics.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

/* SIGTERM / SIGHUP end the worker after the request in flight. */
static void
install_signals(sigset_t *mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;   /* no SA_RESTART: accept() must see EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(mask);
	sigaddset(mask, SIGTERM);
	sigaddset(mask, SIGHUP);
	/* signals stay blocked while a request is handled, so none is cut short */
	sigprocmask(SIG_BLOCK, mask, NULL);
}

static const char *
param(FCGX_Request *fr, const char *name, const char *def)
{
	const char *v = FCGX_GetParam(name, fr->envp);

	return v ? v : def;
}

static void
fill_request(struct req *r, FCGX_Request *fr)
{
	size_t n;

	r->method = param(fr, "REQUEST_METHOD", "GET");
	r->uri = param(fr, "REQUEST_URI", "/");
	r->query = param(fr, "QUERY_STRING", "");
	n = strcspn(r->uri, "?");
	if (n >= sizeof(r->path))
		n = sizeof(r->path) - 1;
	memcpy(r->path, r->uri, n);
	r->path[n] = '\0';
	r->content_type = param(fr, "CONTENT_TYPE", "");
	r->authorization = param(fr, "HTTP_AUTHORIZATION", NULL);
	r->cookie = param(fr, "HTTP_COOKIE", NULL);
	r->origin = param(fr, "HTTP_ORIGIN", NULL);
	r->host = param(fr, "HTTP_HOST", "");
	r->remote_addr = param(fr, "REMOTE_ADDR", "");
	r->user_agent = param(fr, "HTTP_USER_AGENT", "");
	r->mcp_version = param(fr, "HTTP_MCP_PROTOCOL_VERSION", NULL);
	r->https = strcmp(param(fr, "HTTPS", ""), "on") == 0;
}

/* Reads the body; 0 ok, 413 too large, 400 short / malformed length. */
static int
read_body(struct req *r, FCGX_Request *fr)
{
	const char *cl = param(fr, "CONTENT_LENGTH", "");
	char *end;
	long len;
	int got;

	if (*cl == '\0')
		return 0;
	len = strtol(cl, &end, 10);
	if (*end != '\0' || len < 0)
		return 400;
	if (len > r->conf->max_body_bytes)
		return 413;
	if ((r->body = malloc((size_t)len + 1)) == NULL)
		return 413;
	got = len ? FCGX_GetStr(r->body, (int)len, fr->in) : 0;
	if (got != len)
		return 400;
	r->body[len] = '\0';
	r->body_len = (size_t)len;
	return 0;
}

/* Bearer-key routes: 401 / 402 / 503 here, before any handler runs. */
static bool
authenticate(struct req *r)
{
	switch (keyauth_check(r->db, r->authorization, &r->auth)) {
	case KEYAUTH_OK:
		return true;
	case KEYAUTH_MISSING:
		reply_error(r, 401, "unauthorized",
		    "Send an API key as 'Authorization: Bearer sk_pageref_…'.");
		break;
	case KEYAUTH_INVALID:
		reply_error(r, 401, "unauthorized",
		    "The API key is invalid, mistyped or revoked.");
		break;
	case KEYAUTH_UNPAID:
		reply_error(r, 402, "payment_required",
		    "API access is a paid-plan feature: upgrade the organization's plan.");
		return false;
	case KEYAUTH_DBERR:
		reply_error(r, 503, "unavailable",
		    "The service is temporarily unavailable; try again shortly.");
		return false;
	}
	reply_header(r, "WWW-Authenticate", "Bearer realm=\"siteaudit\"");
	return false;
}

static void
route(struct req *r)
{
	switch (route_find(fcgi_routes, fcgi_routes_count, r->method, r->path,
	    &r->match)) {
	case ROUTE_FOUND:
		if (r->match.route->auth == AUTH_KEY && !authenticate(r))
			return;
		if (r->match.route->auth == AUTH_SESSION && !session_check(r))
			return;
		r->match.route->fn(r);
		return;
	case ROUTE_BAD_METHOD:
		reply_error(r, 405, "method_not_allowed",
		    "This path does not accept that method.");
		reply_header(r, "Allow", r->match.allow);
		return;
	case ROUTE_NOT_FOUND:
		reply_error(r, 404, "not_found", "No such endpoint.");
		return;
	}
}

/* libfcgi's own printf lacks %zu and friends: format with snprintf. */
static void
respond(struct req *r, FCGX_Request *fr)
{
	char head[128];
	int n;

	if (r->streamed)
		return;   /* the handler wrote the whole response (ui_stream.c) */
	n = snprintf(head, sizeof(head), "Status: %d %s\r\n", r->status,
	    http_reason(r->status));
	FCGX_PutStr(head, n, fr->out);
	FCGX_PutStr(buf_str(&r->headers), (int)r->headers.len, fr->out);
	n = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", r->out.len);
	FCGX_PutStr(head, n, fr->out);
	if (r->out.len && strcmp(r->method, "HEAD") != 0)
		FCGX_PutStr(r->out.ptr, (int)r->out.len, fr->out);
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/*
 * One line per request. A matched request is logged by its route pattern,
 * never its raw path, so tokens in paths (deploy hooks) stay out of logs;
 * query strings (signed-link signatures) are never logged.
 */
static void
log_request(const struct req *r, double t0)
{
	const char *what = r->match.route ? r->match.route->pattern : r->path;

	log_info("%s %.200s %d %.1fms org=%s", r->method, what, r->status,
	    now_ms() - t0, r->auth.org_id[0] ? r->auth.org_id : "-");
}

static void
handle(FCGX_Request *fr, struct db **db, const struct conf *conf)
{
	double t0 = now_ms();
	struct req r;
	int bad;
	char err[256];

	req_init(&r);
	r.conf = conf;
	fill_request(&r, fr);
	r.stream = fr->out;
	if (*db == NULL && db_open(db, conf, err, sizeof(err)) != SA_OK)
		log_warn("database unavailable: %s", err);
	r.db = *db;
	if ((bad = read_body(&r, fr)) == 413)
		reply_error(&r, 413, "payload_too_large", "The request body is too large.");
	else if (bad)
		reply_error(&r, 400, "bad_request", "The request body is incomplete.");
	else
		route(&r);
	respond(&r, fr);
	log_request(&r, t0);
	metrics_observe(r.match.route ? (size_t)(r.match.route - fcgi_routes) :
	    SIZE_MAX, r.status, (now_ms() - t0) / 1e3);
	req_free(&r);
}

int
worker_main(int listen_fd, const struct conf *conf)
{
	FCGX_Request fr;
	struct db *db = NULL;
	sigset_t mask;
	char err[256];
	int rc;

	install_signals(&mask);
	if (db_open(&db, conf, err, sizeof(err)) != SA_OK)
		log_warn("database unavailable at start: %s", err);
	FCGX_Init();
	FCGX_InitRequest(&fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping) {
		sigprocmask(SIG_UNBLOCK, &mask, NULL);
		rc = stopping ? -1 : FCGX_Accept_r(&fr);
		sigprocmask(SIG_BLOCK, &mask, NULL);
		if (rc < 0)
			break;
		handle(&fr, &db, conf);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 0);
	db_close(db);
	return 0;
}
