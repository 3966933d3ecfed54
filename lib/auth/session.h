/* session.h: web sessions — login with lockout, hashed session ids, CSRF tokens. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_SESSION_H
#define SA_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include "db/db.h"
#include "util/uuid.h"

#define SESSION_TOKEN_LEN     43     /* base64url of 32 random bytes */
#define SESSION_CSRF_LEN      64     /* hex of 32 random bytes */
#define SESSION_LIFETIME_SEC  (12 * 3600)  /* absolute lifetime of a session */
#define LOGIN_FREE_FAILURES   5      /* failures before the account locks */
#define LOGIN_LOCK_BASE_SEC   30     /* first lock; doubles per failure */
#define LOGIN_LOCK_MAX_SEC    900    /* longest lock (15 minutes) */

/* The cookie names: the __Host- prefix is only valid over https. */
#define SESSION_COOKIE_HTTPS  "__Host-sa_session"
#define SESSION_COOKIE_HTTP   "sa_session"

struct session {
	char user_id[UUID_STRLEN + 1];
	char org_id[UUID_STRLEN + 1];
	char role[16];
	char plan[16];
	char email[255];
	char csrf[SESSION_CSRF_LEN + 1];
};

enum session_result {
	SESSION_OK,
	SESSION_NONE,     /* no cookie, unknown or expired session */
	SESSION_DBERR,
};

enum login_result {
	LOGIN_OK,
	LOGIN_FAILED,     /* unknown email, wrong password or locked: one answer */
	LOGIN_DBERR,
};

/*
 * Finds cookie `name` in a Cookie header value and copies its value into
 * out[outlen]. false when absent or too long.
 */
bool session_cookie_get(const char *header, const char *name, char *out,
    size_t outlen);

/*
 * Checks email + password. Always runs exactly one Argon2id verification —
 * against a dummy hash for unknown emails and locked accounts — so the
 * failure path costs the same whatever the reason. Each failure on a known
 * account counts; from the LOGIN_FREE_FAILURES-th on the account locks for
 * LOGIN_LOCK_BASE_SEC doubling up to LOGIN_LOCK_MAX_SEC. Success resets the
 * count. On LOGIN_OK *out is filled (csrf empty: session_create sets it).
 */
enum login_result session_login(struct db *db, const char *email,
    const char *password, struct session *out);

/*
 * Creates a session row for s (user, org) with a new id and CSRF token:
 * token[] gets the cookie value (never log it), s->csrf the form token.
 * Only the SHA-256 of the token is stored.
 */
enum sa_err session_create(struct db *db, struct session *s,
    char token[SESSION_TOKEN_LEN + 1]);

/* Resolves a cookie value to its live session (user, org, role, plan, csrf). */
enum session_result session_lookup(struct db *db, const char *token,
    struct session *out);

/* Deletes the session with this cookie value (logout). */
enum sa_err session_destroy(struct db *db, const char *token);

/* Constant-time comparison of a submitted CSRF token with s->csrf. */
bool session_csrf_ok(const struct session *s, const char *submitted);

/*
 * Writes the Set-Cookie value for token (NULL: an expiring, empty cookie)
 * into out: HttpOnly, SameSite=Lax, Path=/, plus Secure and the __Host-
 * name over https.
 */
void session_cookie_header(char *out, size_t outlen, const char *token,
    bool https);

/* Random URL-safe token (base64url of 32 bytes) into out[44]. */
void session_random_token(char out[SESSION_TOKEN_LEN + 1]);

#endif
