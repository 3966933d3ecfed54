/* fetch_post.h: guarded concurrent HTTP POSTs (webhook deliveries). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_FETCH_POST_H
#define SA_FETCH_POST_H

#include <stdbool.h>
#include <stddef.h>

/* One POST: the request (borrowed) and its outcome. */
struct post_req {
	const char        *url;
	const char        *body;
	size_t             body_len;
	const char *const *headers;    /* "Name: value" lines */
	size_t             nheaders;
	/* outcome */
	long               status;     /* final HTTP status; 0: no response */
	char               error[160]; /* "" on a response, else one sentence */
};

/*
 * POSTs the n requests concurrently with curl multi, each capped at
 * timeout_ms in total, so a receiver that never answers delays none of the
 * others. Redirects are not followed. Every address connected to goes
 * through the SSRF guard (netguard) unless allow_private; http(s) only.
 * Response bodies are read (up to 64 KiB) and dropped.
 */
void fetch_post_many(struct post_req *reqs, size_t n, bool allow_private,
    long timeout_ms);

#endif
