/* fetch_post.c: guarded concurrent HTTP POSTs (webhook deliveries). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <curl/curl.h>
#include "audit/fetch_post.h"
#include "audit/netguard.h"

#define POST_MAX_RESPONSE (64 * 1024)

/* Per-transfer state. */
struct post_xfer {
	struct post_req   *req;
	CURL              *easy;
	struct curl_slist *hdrs;
	bool               allow_private;
	size_t             got;
	char               denied[128];
};

/* CURLOPT_OPENSOCKETFUNCTION: the same address guard as the fetcher. */
static curl_socket_t
open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct post_xfer *x = clientp;
	const char *why = NULL;
	char ip[64];

	(void)purpose;
	if (!x->allow_private)
		why = netguard_addr_class(&a->addr);
	if (why) {
		netguard_addr_str(&a->addr, ip, sizeof(ip));
		snprintf(x->denied, sizeof(x->denied), "Refused to connect to %s: "
		    "it is a %s address.", ip, why);
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

static size_t
on_body(char *p, size_t size, size_t nmemb, void *clientp)
{
	struct post_xfer *x = clientp;

	(void)p;
	x->got += size * nmemb;
	return x->got > POST_MAX_RESPONSE ? 0 : size * nmemb;
}

static CURLcode
setup(struct post_xfer *x, long timeout_ms)
{
	CURLcode rc = CURLE_OK;
	CURL *e = x->easy;

	for (size_t i = 0; i < x->req->nheaders; i++) {
		struct curl_slist *l = curl_slist_append(x->hdrs, x->req->headers[i]);
		if (l == NULL)
			return CURLE_OUT_OF_MEMORY;
		x->hdrs = l;
	}
#define SET(opt, val) \
	do { if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_URL, x->req->url);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	/*
	 * Ignore *_proxy env variables, as fetch.c does: through a proxy the
	 * guard would only see the proxy's address, and the proxy would reach
	 * whatever the URL names (tests/e2e/test_ssrf_suite.py).
	 */
	SET(CURLOPT_PROXY, "");
	SET(CURLOPT_POST, 1L);
	SET(CURLOPT_POSTFIELDS, x->req->body);
	SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->req->body_len);
	SET(CURLOPT_HTTPHEADER, x->hdrs);
	SET(CURLOPT_TIMEOUT_MS, timeout_ms);
	SET(CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_USERAGENT, "siteaudit-webhooks/1");
	SET(CURLOPT_OPENSOCKETFUNCTION, open_socket);
	SET(CURLOPT_OPENSOCKETDATA, x);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, x);
	SET(CURLOPT_PRIVATE, x);
#undef SET
	return rc;
}

/* Records the outcome of a finished transfer. */
static void
finish(struct post_xfer *x, CURLcode res)
{
	long st = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &st);
	x->req->status = st;
	if (x->denied[0])
		snprintf(x->req->error, sizeof(x->req->error), "%s", x->denied);
	else if (res == CURLE_OPERATION_TIMEDOUT)
		snprintf(x->req->error, sizeof(x->req->error),
		    "No answer within the time limit.");
	else if (res != CURLE_OK && st == 0)
		snprintf(x->req->error, sizeof(x->req->error), "%s",
		    curl_easy_strerror(res));
}

static void
drain(CURLM *m)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(m, &left)) != NULL) {
		struct post_xfer *x = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x)
			finish(x, msg->data.result);
	}
}

static void
run_multi(CURLM *m)
{
	int running = 1;

	while (running) {
		if (curl_multi_perform(m, &running) != CURLM_OK)
			break;
		drain(m);
		if (running && curl_multi_poll(m, NULL, 0, 200, NULL) != CURLM_OK)
			break;
	}
	drain(m);
}

void
fetch_post_many(struct post_req *reqs, size_t n, bool allow_private,
    long timeout_ms)
{
	struct post_xfer *xs = calloc(n ? n : 1, sizeof(*xs));
	CURLM *m = curl_multi_init();

	for (size_t i = 0; i < n; i++) {
		reqs[i].status = 0;
		snprintf(reqs[i].error, sizeof(reqs[i].error), "Could not send.");
	}
	for (size_t i = 0; xs && m && i < n; i++) {
		xs[i] = (struct post_xfer){ .req = &reqs[i],
		    .allow_private = allow_private, .easy = curl_easy_init() };
		reqs[i].error[0] = '\0';
		if (xs[i].easy == NULL || setup(&xs[i], timeout_ms) != CURLE_OK ||
		    curl_multi_add_handle(m, xs[i].easy) != CURLM_OK)
			snprintf(reqs[i].error, sizeof(reqs[i].error),
			    "Could not set up the request.");
	}
	if (xs && m)
		run_multi(m);
	for (size_t i = 0; xs && i < n; i++) {
		if (xs[i].easy) {
			curl_multi_remove_handle(m, xs[i].easy);
			curl_easy_cleanup(xs[i].easy);
		}
		curl_slist_free_all(xs[i].hdrs);
	}
	curl_multi_cleanup(m);
	free(xs);
}
