/* page_audit.c: claiming page audits with SKIP LOCKED leases, recording results. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include "model/billing.h"
#include "model/page_audit.h"

static const char sql_pick[] =
    "SELECT id, org_id, page_url, attempts FROM page_audits"
    " WHERE (status = 'PENDING' OR (status = 'GENERATING'"
    "  AND lease_expires_at < NOW(3))) AND attempts < ?"
    " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char sql_take[] =
    "UPDATE page_audits SET status = 'GENERATING', lease_owner = ?,"
    " lease_expires_at = NOW(3) + INTERVAL ? SECOND, attempts = attempts + 1,"
    " started_at = COALESCE(started_at, NOW(3)) WHERE id = ?";
static const char sql_done[] =
    "UPDATE page_audits SET status = 'COMPLETED', summary = ?,"
    " modifications_json = ?, completed_at = NOW(3), lease_owner = NULL,"
    " lease_expires_at = NULL"
    " WHERE id = ? AND lease_owner = ? AND status = 'GENERATING'";
static const char sql_stale[] =
    "SELECT id FROM page_audits WHERE status = 'GENERATING'"
    " AND lease_expires_at < NOW(3) AND attempts >= ? LIMIT 1";
static const char sql_steal[] =
    "UPDATE page_audits SET lease_owner = ? WHERE id = ?"
    " AND status = 'GENERATING' AND lease_expires_at < NOW(3)";

static enum sa_err
pick_and_take(struct db *db, const char *owner, long lease_s,
    struct page_audit_claim *c)
{
	struct db_param p[3] = { DB_INT(PAGE_AUDIT_MAX_ATTEMPTS) };
	struct db_res *r = NULL;
	enum sa_err rc = SA_EDB;

	if (db_query(db, sql_pick, p, 1, &r) != SA_OK)
		goto out;
	rc = SA_ENOTFOUND;
	if (r->nrows != 1)
		goto out;
	snprintf(c->id, sizeof(c->id), "%s", db_res_get(r, 0, 0));
	snprintf(c->org_id, sizeof(c->org_id), "%s", db_res_get(r, 0, 1));
	snprintf(c->url, sizeof(c->url), "%s", db_res_get(r, 0, 2));
	c->attempts = strtol(db_res_get(r, 0, 3), NULL, 10) + 1;
	p[0] = DB_STR(owner);
	p[1] = DB_INT(lease_s);
	p[2] = DB_STR(c->id);
	rc = db_exec(db, sql_take, p, 3, NULL) == SA_OK ? SA_OK : SA_EDB;
out:
	db_res_free(r);
	return rc;
}

enum sa_err
page_audit_claim(struct db *db, const char *owner, long lease_s,
    struct page_audit_claim *c)
{
	enum sa_err rc;

	if (db_begin(db) != SA_OK)
		return SA_EDB;
	rc = pick_and_take(db, owner, lease_s, c);
	if (rc == SA_OK)
		return db_commit(db) == SA_OK ? SA_OK : SA_EDB;
	db_rollback(db);
	return rc;
}

enum sa_err
page_audit_complete(struct db *db, const char *id, const char *owner,
    const char *summary, const char *mods_json)
{
	struct db_param p[4] = { DB_STR(summary), DB_STR(mods_json), DB_STR(id),
	    DB_STR(owner) };
	unsigned long long n = 0;

	if (db_exec(db, sql_done, p, 4, &n) != SA_OK)
		return SA_EDB;
	return n == 1 ? SA_OK : SA_ENOTFOUND;
}

int
page_audit_fail_stale(struct db *db, const char *owner)
{
	struct db_param p[2] = { DB_INT(PAGE_AUDIT_MAX_ATTEMPTS) };
	struct db_res *r = NULL;
	char id[UUID_STRLEN + 1];
	unsigned long long n = 0;
	enum sa_err rc;

	if (db_query(db, sql_stale, p, 1, &r) != SA_OK)
		return -1;
	if (r->nrows == 0) {
		db_res_free(r);
		return 0;
	}
	snprintf(id, sizeof(id), "%s", db_res_get(r, 0, 0));
	db_res_free(r);
	p[0] = DB_STR(owner);
	p[1] = DB_STR(id);
	if (db_exec(db, sql_steal, p, 2, &n) != SA_OK)
		return -1;
	if (n != 1)
		return 0;
	rc = billing_fail_refund(db, id, owner,
	    "The page audit did not finish after several attempts.");
	return rc == SA_EDB ? -1 : (rc == SA_OK);
}
