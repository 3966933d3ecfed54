/* keyauth.h: bearer API key authentication for the REST API and MCP. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_KEYAUTH_H
#define SA_KEYAUTH_H

#include "db/db.h"
#include "util/uuid.h"

enum keyauth_result {
	KEYAUTH_OK,
	KEYAUTH_MISSING,   /* no Authorization header, or not "Bearer …" → 401 */
	KEYAUTH_INVALID,   /* malformed, mistyped, unknown or revoked → 401 */
	KEYAUTH_UNPAID,    /* the org is on the starter plan → 402 */
	KEYAUTH_DBERR,     /* database unavailable → 503 */
};

struct key_ctx {
	char key_id[UUID_STRLEN + 1];
	char org_id[UUID_STRLEN + 1];
	char user_id[UUID_STRLEN + 1];
	char role[16];      /* the creating user's role */
	char plan[16];
	char name[101];
	char prefix[24];
};

/*
 * Checks an Authorization header value. Mistyped keys (bad checksum) are
 * refused before any database lookup; known keys are compared by their
 * SHA-256 in constant time. Records last_used_at (at most once a minute).
 */
enum keyauth_result keyauth_check(struct db *db, const char *authorization,
    struct key_ctx *out);

#endif
