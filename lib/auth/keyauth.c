/* keyauth.c: resolves a bearer key to its org, user, role and plan. */
/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sodium.h>
#include "auth/apikey.h"
#include "auth/keyauth.h"

static const char sql_lookup[] =
    "SELECT k.id, k.org_id, k.user_id, u.role, o.plan, k.name, k.prefix,"
    " k.key_hash, k.revoked_at IS NOT NULL,"
    /* whether last_used_at is stale: the touch below is skipped (one round
     * trip fewer per request) while it is fresh */
    " k.last_used_at IS NULL OR k.last_used_at < NOW(3) - INTERVAL 60 SECOND"
    " FROM api_keys k JOIN users u ON u.id = k.user_id"
    " JOIN orgs o ON o.id = k.org_id WHERE k.key_hash = ?";
static const char sql_touch[] =
    "UPDATE api_keys SET last_used_at = NOW(3) WHERE id = ?"
    " AND (last_used_at IS NULL OR last_used_at < NOW(3) - INTERVAL 60 SECOND)";

/* Returns the key of "Bearer KEY" (scheme case-insensitive), else NULL. */
static const char *
bearer(const char *h)
{
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	return *h ? h : NULL;
}

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static void
fill(struct key_ctx *k, const struct db_res *r)
{
	copy(k->key_id, sizeof(k->key_id), db_res_get(r, 0, 0));
	copy(k->org_id, sizeof(k->org_id), db_res_get(r, 0, 1));
	copy(k->user_id, sizeof(k->user_id), db_res_get(r, 0, 2));
	copy(k->role, sizeof(k->role), db_res_get(r, 0, 3));
	copy(k->plan, sizeof(k->plan), db_res_get(r, 0, 4));
	copy(k->name, sizeof(k->name), db_res_get(r, 0, 5));
	copy(k->prefix, sizeof(k->prefix), db_res_get(r, 0, 6));
}

enum keyauth_result
keyauth_check(struct db *db, const char *authorization, struct key_ctx *out)
{
	unsigned char hash[APIKEY_HASH_LEN];
	struct db_param p;
	struct db_res *r = NULL;
	const char *key = bearer(authorization);
	enum keyauth_result res = KEYAUTH_INVALID;
	bool stale = false;

	memset(out, 0, sizeof(*out));
	if (key == NULL)
		return KEYAUTH_MISSING;
	if (!apikey_well_formed(key))
		return KEYAUTH_INVALID;
	if (db == NULL)
		return KEYAUTH_DBERR;
	apikey_hash(key, hash);
	p = (struct db_param){ .t = DBP_STR, .s = (const char *)hash, .len = sizeof(hash) };
	if (db_query(db, sql_lookup, &p, 1, &r) != SA_OK)
		return KEYAUTH_DBERR;
	if (r->nrows == 1 && r->lens[7] == sizeof(hash) &&
	    sodium_memcmp(db_res_get(r, 0, 7), hash, sizeof(hash)) == 0 &&
	    strcmp(db_res_get(r, 0, 8), "0") == 0) {
		fill(out, r);
		res = strcmp(out->plan, "starter") == 0 ? KEYAUTH_UNPAID : KEYAUTH_OK;
		stale = strcmp(db_res_get(r, 0, 9), "1") == 0;
	}
	db_res_free(r);
	if (res == KEYAUTH_OK && stale) {
		p = DB_STR(out->key_id);
		db_exec(db, sql_touch, &p, 1, NULL);
	}
	return res;
}
