/* hook.c: the inbound deploy hook — token lookup, dedupe, per-site limit. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include "model/hook.h"

#define ER_DUP_ENTRY 1062

static const char sql_site[] =
    "SELECT id, org_id, url, strategy, page_limit FROM sites"
    " WHERE publish_token_hash = ? FOR UPDATE";
enum { S_ID, S_ORG, S_URL, S_STRATEGY, S_LIMIT };
static const char sql_active[] =
    "SELECT id FROM runs WHERE active_site_id = ?";
static const char sql_window[] =
    "SELECT TIMESTAMPDIFF(MICROSECOND, NOW(3), created_at + INTERVAL 1 HOUR)"
    " FROM runs WHERE site_id = ? AND kind = 'scan' AND trigger_source = 'hook'"
    " AND created_at > NOW(3) - INTERVAL 1 HOUR"
    " ORDER BY created_at DESC LIMIT 1 OFFSET ?";
static const char sql_insert[] =
    "INSERT INTO runs (id, org_id, site_id, url, kind, trigger_source,"
    " strategy, page_limit, status)"
    " VALUES (?, ?, ?, ?, 'scan', 'hook', ?, ?, 'queued')";
static const char sql_set[] =
    "UPDATE sites SET publish_token_hash = ? WHERE id = ? AND org_id = ?";
static const char sql_has[] =
    "SELECT publish_token_hash IS NOT NULL FROM sites WHERE id = ? AND org_id = ?";

static struct db_param
hash_param(const unsigned char hash[32])
{
	struct db_param p = { .t = DBP_STR, .s = (const char *)hash, .len = 32 };
	return p;
}

static enum scanq_outcome
checks(struct db *db, const struct db_res *site, long long *retry_usec)
{
	struct db_param p[2] = { DB_STR(db_res_get(site, 0, S_ID)),
	    DB_INT(HOOK_PER_SITE_HOUR - 1) };
	struct db_res *r = NULL;
	enum scanq_outcome rc = SCANQ_QUEUED;

	if (db_query(db, sql_active, p, 1, &r) != SA_OK)
		return SCANQ_DBERR;
	if (r->nrows)
		rc = SCANQ_ACTIVE;
	db_res_free(r);
	r = NULL;
	if (rc != SCANQ_QUEUED)
		return rc;
	if (db_query(db, sql_window, p, 2, &r) != SA_OK)
		return SCANQ_DBERR;
	if (r->nrows) {
		rc = SCANQ_LIMITED;
		*retry_usec = db_res_get(r, 0, 0) ?
		    strtoll(db_res_get(r, 0, 0), NULL, 10) : 0;
	}
	db_res_free(r);
	return rc;
}

static enum scanq_outcome
insert(struct db *db, const struct db_res *site, const char *id)
{
	struct db_param p[6] = {
		DB_STR(id), DB_STR(db_res_get(site, 0, S_ORG)),
		DB_STR(db_res_get(site, 0, S_ID)), DB_STR(db_res_get(site, 0, S_URL)),
		DB_STR(db_res_get(site, 0, S_STRATEGY)),
		DB_INT(strtol(db_res_get(site, 0, S_LIMIT), NULL, 10)),
	};

	if (db_exec(db, sql_insert, p, 6, NULL) == SA_OK)
		return SCANQ_QUEUED;
	return db_errno(db) == ER_DUP_ENTRY ? SCANQ_ACTIVE : SCANQ_DBERR;
}

enum scanq_outcome
hook_enqueue(struct db *db, const char *token, char id[UUID_STRLEN + 1],
    long long *retry_usec)
{
	unsigned char hash[32];
	struct db_param h;
	struct db_res *site = NULL;
	enum scanq_outcome rc = SCANQ_DBERR;

	*retry_usec = 0;
	hook_token_hash(token, hash);
	h = hash_param(hash);
	if (db == NULL || db_begin(db) != SA_OK)
		return SCANQ_DBERR;
	if (db_query(db, sql_site, &h, 1, &site) == SA_OK)
		rc = site->nrows ? checks(db, site, retry_usec) : SCANQ_NOTFOUND;
	if (rc == SCANQ_QUEUED) {
		uuid_v7(id);
		rc = insert(db, site, id);
	}
	if (rc == SCANQ_QUEUED && db_commit(db) != SA_OK)
		rc = SCANQ_DBERR;
	if (rc != SCANQ_QUEUED)
		db_rollback(db);
	db_res_free(site);
	return rc;
}

static enum sa_err
set_hash(struct db *db, const char *org_id, const char *site_id,
    struct db_param h)
{
	struct db_param p[3] = { h, DB_STR(site_id), DB_STR(org_id) };
	struct db_param q[2] = { DB_STR(site_id), DB_STR(org_id) };
	struct db_res *r = NULL;
	bool found;

	/* affected rows is 0 for an unchanged value too: look the site up */
	if (db_query(db, sql_has, q, 2, &r) != SA_OK)
		return SA_EDB;
	found = r->nrows > 0;
	db_res_free(r);
	if (!found)
		return SA_ENOTFOUND;
	return db_exec(db, sql_set, p, 3, NULL) == SA_OK ? SA_OK : SA_EDB;
}

enum sa_err
hook_token_regenerate(struct db *db, const char *org_id, const char *site_id,
    char token[HOOK_TOKEN_LEN + 1])
{
	unsigned char hash[32];
	enum sa_err rc;

	hook_token_new(token, hash);
	rc = set_hash(db, org_id, site_id, hash_param(hash));
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

enum sa_err
hook_token_revoke(struct db *db, const char *org_id, const char *site_id)
{
	return set_hash(db, org_id, site_id, DB_NULL);
}

bool
hook_token_exists(struct db *db, const char *org_id, const char *site_id)
{
	struct db_param p[2] = { DB_STR(site_id), DB_STR(org_id) };
	struct db_res *r = NULL;
	bool has;

	if (db_query(db, sql_has, p, 2, &r) != SA_OK)
		return false;
	has = r->nrows && db_res_get(r, 0, 0) &&
	    db_res_get(r, 0, 0)[0] == '1';
	db_res_free(r);
	return has;
}

enum sa_err
hook_site_org(struct db *db, const char *site_id, char org[UUID_STRLEN + 1])
{
	static const char sql_org[] = "SELECT org_id FROM sites WHERE id = ?";
	struct db_param p = DB_STR(site_id);
	struct db_res *r = NULL;
	enum sa_err rc;

	if (!uuid_valid(site_id))
		return SA_ENOTFOUND;
	if (db_query(db, sql_org, &p, 1, &r) != SA_OK)
		return SA_EDB;
	rc = r->nrows ? SA_OK : SA_ENOTFOUND;
	if (rc == SA_OK)
		snprintf(org, UUID_STRLEN + 1, "%s", db_res_get(r, 0, 0));
	db_res_free(r);
	return rc;
}
