/* session.c: web login (Argon2id, lockout), session rows and CSRF tokens. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "auth/password.h"
#include "auth/session.h"

static const char sql_login[] =
    "SELECT u.id, u.org_id, u.role, o.plan, u.email, u.password_hash,"
    " u.locked_until IS NOT NULL AND u.locked_until > NOW(3)"
    " FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.email = ?";
/* locked_until is assigned first: it must see the old failed_logins */
static const char sql_fail[] =
    "UPDATE users SET locked_until = IF(failed_logins + 1 >= ?,"
    " NOW(3) + INTERVAL LEAST(?, ? * POW(2, failed_logins + 1 - ?)) SECOND,"
    " locked_until), failed_logins = failed_logins + 1 WHERE id = ?";
static const char sql_ok[] =
    "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?";
static const char sql_create[] =
    "INSERT INTO sessions (id_hash, user_id, org_id, csrf_token, expires_at)"
    " VALUES (?, ?, ?, ?, NOW(3) + INTERVAL ? SECOND)";
static const char sql_sweep[] =
    "DELETE FROM sessions WHERE expires_at < NOW(3) - INTERVAL 1 DAY LIMIT 100";
static const char sql_lookup[] =
    "SELECT s.user_id, s.org_id, u.role, o.plan, u.email, s.csrf_token"
    " FROM sessions s JOIN users u ON u.id = s.user_id"
    " JOIN orgs o ON o.id = s.org_id"
    " WHERE s.id_hash = ? AND s.expires_at > NOW(3)";
static const char sql_destroy[] = "DELETE FROM sessions WHERE id_hash = ?";

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

bool
session_cookie_get(const char *header, const char *name, char *out,
    size_t outlen)
{
	size_t nlen = strlen(name);
	const char *p = header;

	while (p && *p) {
		size_t seg;
		while (*p == ' ' || *p == ';')
			p++;
		seg = strcspn(p, ";");
		if (seg > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			size_t vlen = seg - nlen - 1;
			if (vlen >= outlen)
				return false;
			memcpy(out, p + nlen + 1, vlen);
			out[vlen] = '\0';
			return true;
		}
		p += seg;
	}
	return false;
}

/* A hash to verify against when there is no real one: same cost. */
static const char *
dummy_hash(void)
{
	static char hash[PASSWORD_HASH_MAX];
	char pw[33];

	if (hash[0] == '\0') {
		password_generate(pw, sizeof(pw), 32);
		if (password_hash(pw, hash) != SA_OK)
			hash[0] = '\0';
		sodium_memzero(pw, sizeof(pw));
	}
	return hash;
}

static void
fill_user(struct session *s, const struct db_res *r)
{
	memset(s, 0, sizeof(*s));
	copy(s->user_id, sizeof(s->user_id), db_res_get(r, 0, 0));
	copy(s->org_id, sizeof(s->org_id), db_res_get(r, 0, 1));
	copy(s->role, sizeof(s->role), db_res_get(r, 0, 2));
	copy(s->plan, sizeof(s->plan), db_res_get(r, 0, 3));
	copy(s->email, sizeof(s->email), db_res_get(r, 0, 4));
}

static enum login_result
record(struct db *db, bool ok, const char *user_id)
{
	struct db_param p[5];

	if (ok) {
		p[0] = DB_STR(user_id);
		return db_exec(db, sql_ok, p, 1, NULL) == SA_OK ? LOGIN_OK : LOGIN_DBERR;
	}
	p[0] = DB_INT(LOGIN_FREE_FAILURES), p[1] = DB_INT(LOGIN_LOCK_MAX_SEC);
	p[2] = DB_INT(LOGIN_LOCK_BASE_SEC), p[3] = DB_INT(LOGIN_FREE_FAILURES);
	p[4] = DB_STR(user_id);
	db_exec(db, sql_fail, p, 5, NULL);
	return LOGIN_FAILED;
}

enum login_result
session_login(struct db *db, const char *email, const char *password,
    struct session *out)
{
	struct db_param p = DB_STR(email);
	struct db_res *r = NULL;
	const char *hash = dummy_hash();
	bool known, locked = false, ok;
	enum login_result res;

	memset(out, 0, sizeof(*out));
	if (db == NULL || db_query(db, sql_login, &p, 1, &r) != SA_OK)
		return LOGIN_DBERR;
	known = r->nrows == 1;
	if (known) {
		fill_user(out, r);
		locked = strcmp(db_res_get(r, 0, 6), "1") == 0;
		if (!locked && db_res_get(r, 0, 5))
			hash = db_res_get(r, 0, 5);
	}
	ok = password_verify(password, hash) && known && !locked &&
	    hash != dummy_hash();
	res = known && !locked ? record(db, ok, out->user_id) : LOGIN_FAILED;
	db_res_free(r);
	if (res != LOGIN_OK)
		memset(out, 0, sizeof(*out));
	return res;
}

void
session_random_token(char out[SESSION_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SESSION_TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

static bool
token_well_formed(const char *t)
{
	if (t == NULL || strlen(t) != SESSION_TOKEN_LEN)
		return false;
	return strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == SESSION_TOKEN_LEN;
}

static struct db_param
hash_param(const char *token, unsigned char h[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	return (struct db_param){ .t = DBP_STR, .s = (const char *)h,
	    .len = crypto_hash_sha256_BYTES };
}

enum sa_err
session_create(struct db *db, struct session *s,
    char token[SESSION_TOKEN_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES], raw[32];
	struct db_param p[5];

	session_random_token(token);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(s->csrf, sizeof(s->csrf), raw, sizeof(raw));
	p[0] = hash_param(token, h);
	p[1] = DB_STR(s->user_id), p[2] = DB_STR(s->org_id);
	p[3] = DB_STR(s->csrf), p[4] = DB_INT(SESSION_LIFETIME_SEC);
	db_exec(db, sql_sweep, NULL, 0, NULL);
	return db_exec(db, sql_create, p, 5, NULL);
}

enum session_result
session_lookup(struct db *db, const char *token, struct session *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	struct db_param p;
	struct db_res *r = NULL;
	enum session_result res = SESSION_NONE;

	memset(out, 0, sizeof(*out));
	if (!token_well_formed(token))
		return SESSION_NONE;
	if (db == NULL)
		return SESSION_DBERR;
	p = hash_param(token, h);
	if (db_query(db, sql_lookup, &p, 1, &r) != SA_OK)
		return SESSION_DBERR;
	if (r->nrows == 1) {
		fill_user(out, r);
		copy(out->csrf, sizeof(out->csrf), db_res_get(r, 0, 5));
		res = SESSION_OK;
	}
	db_res_free(r);
	return res;
}

enum sa_err
session_destroy(struct db *db, const char *token)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	struct db_param p;

	if (!token_well_formed(token))
		return SA_OK;
	p = hash_param(token, h);
	return db_exec(db, sql_destroy, &p, 1, NULL);
}

bool
session_csrf_ok(const struct session *s, const char *submitted)
{
	if (submitted == NULL || strlen(s->csrf) != SESSION_CSRF_LEN ||
	    strlen(submitted) != SESSION_CSRF_LEN)
		return false;
	return sodium_memcmp(s->csrf, submitted, SESSION_CSRF_LEN) == 0;
}

void
session_cookie_header(char *out, size_t outlen, const char *token, bool https)
{
	snprintf(out, outlen, "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	    https ? SESSION_COOKIE_HTTPS : SESSION_COOKIE_HTTP,
	    token ? token : "", token ? SESSION_LIFETIME_SEC : 0,
	    https ? "; Secure" : "");
}
