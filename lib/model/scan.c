/* scan.c: queueing user-triggered site scans (dedupe + 5 per user per hour). */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include "model/scan.h"

#define ER_DUP_ENTRY 1062

static const char sql_site[] =
    "SELECT url, strategy, page_limit FROM sites WHERE id = ? AND org_id = ?";
static const char sql_lock_user[] =
    "SELECT id FROM users WHERE id = ? AND org_id = ? FOR UPDATE";
static const char sql_active[] =
    "SELECT id FROM runs WHERE active_site_id = ?";
/* Microseconds until the oldest of the user's last N scans ages out. */
static const char sql_window[] =
    "SELECT TIMESTAMPDIFF(MICROSECOND, NOW(3), created_at + INTERVAL 1 HOUR)"
    " FROM runs WHERE user_id = ? AND org_id = ? AND kind = 'scan'"
    " AND trigger_source IN ('api', 'ui')"
    " AND created_at > NOW(3) - INTERVAL 1 HOUR"
    " ORDER BY created_at DESC LIMIT 1 OFFSET ?";
static const char sql_insert[] =
    "INSERT INTO runs (id, org_id, site_id, user_id, api_key_id, url, kind,"
    " trigger_source, strategy, page_limit, status)"
    " VALUES (?, ?, ?, ?, ?, ?, 'scan', ?, ?, ?, 'queued')";

/* Rows returned by sql with params p (SA_OK) into *n; first cell to *first. */
static enum sa_err
count_rows(struct db *db, const char *sql, const struct db_param *p, size_t np,
    size_t *n, long long *first)
{
	struct db_res *r = NULL;

	if (db_query(db, sql, p, np, &r) != SA_OK)
		return SA_EDB;
	*n = r->nrows;
	if (first && r->nrows && db_res_get(r, 0, 0))
		*first = strtoll(db_res_get(r, 0, 0), NULL, 10);
	db_res_free(r);
	return SA_OK;
}

static enum scanq_outcome
checks(struct db *db, const struct scanq *q, long long *retry_usec)
{
	struct db_param u[3] = { DB_STR(q->user_id), DB_STR(q->org_id),
	    DB_INT(SCAN_PER_USER_HOUR - 1) };
	struct db_param s = DB_STR(q->site_id);
	size_t n;

	if (count_rows(db, sql_lock_user, u, 2, &n, NULL) != SA_OK)
		return SCANQ_DBERR;
	if (n == 0)
		return SCANQ_NOTFOUND;
	if (count_rows(db, sql_active, &s, 1, &n, NULL) != SA_OK)
		return SCANQ_DBERR;
	if (n)
		return SCANQ_ACTIVE;
	if (count_rows(db, sql_window, u, 3, &n, retry_usec) != SA_OK)
		return SCANQ_DBERR;
	return n ? SCANQ_LIMITED : SCANQ_QUEUED;
}

static enum scanq_outcome
insert(struct db *db, const struct scanq *q, const struct db_res *site,
    const char *id)
{
	const char *strategy = q->strategy ? q->strategy : db_res_get(site, 0, 1);
	struct db_param p[9] = {
		DB_STR(id), DB_STR(q->org_id), DB_STR(q->site_id),
		DB_STR(q->user_id), DB_STR(q->api_key_id),
		DB_STR(db_res_get(site, 0, 0)), DB_STR(q->trigger),
		DB_STR(strategy), DB_INT(strtol(db_res_get(site, 0, 2), NULL, 10)),
	};

	if (db_exec(db, sql_insert, p, 9, NULL) == SA_OK)
		return SCANQ_QUEUED;
	return db_errno(db) == ER_DUP_ENTRY ? SCANQ_ACTIVE : SCANQ_DBERR;
}

static enum scanq_outcome
load_site(struct db *db, const struct scanq *q, struct db_res **site)
{
	struct db_param p[2] = { DB_STR(q->site_id), DB_STR(q->org_id) };

	if (db_query(db, sql_site, p, 2, site) != SA_OK)
		return SCANQ_DBERR;
	return (*site)->nrows ? SCANQ_QUEUED : SCANQ_NOTFOUND;
}

enum scanq_outcome
scanq_enqueue(struct db *db, const struct scanq *q, char id[UUID_STRLEN + 1],
    long long *retry_usec)
{
	struct db_res *site = NULL;
	enum scanq_outcome rc;

	*retry_usec = 0;
	if (db == NULL || db_begin(db) != SA_OK)
		return SCANQ_DBERR;
	rc = load_site(db, q, &site);
	if (rc == SCANQ_QUEUED)
		rc = checks(db, q, retry_usec);
	if (rc == SCANQ_QUEUED) {
		uuid_v7(id);
		rc = insert(db, q, site, id);
	}
	if (rc == SCANQ_QUEUED && db_commit(db) != SA_OK)
		rc = SCANQ_DBERR;
	if (rc != SCANQ_QUEUED)
		db_rollback(db);
	db_res_free(site);
	return rc;
}
