/* runs.c: claiming runs with SKIP LOCKED, heartbeating and failing leases. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/runs.h"
#include "model/webhook.h"

#define RUN_COLS "id, org_id, site_id, url, kind, strategy, page_limit, attempts"

/* a run whose runner vanished: lease expired, attempts left (job_sweep
 * fails the ones with none left) */
static const char sql_pick_expired[] =
    "SELECT " RUN_COLS " FROM runs WHERE status = 'running'"
    " AND lease_expires_at < NOW(3) AND attempts < ?"
    " ORDER BY lease_expires_at LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char sql_pick_queued[] =
    "SELECT " RUN_COLS " FROM runs WHERE status = 'queued'"
    " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char sql_take[] =
    "UPDATE runs SET status = 'running', lease_owner = ?,"
    " lease_expires_at = NOW(3) + INTERVAL ? SECOND, attempts = attempts + 1,"
    " started_at = NOW(3), error = NULL WHERE id = ?";
static const char sql_heartbeat[] =
    "UPDATE runs SET lease_expires_at = NOW(3) + INTERVAL ? SECOND"
    " WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'running'";
static const char sql_fail[] =
    "UPDATE runs SET status = 'failed', error = ?, finished_at = NOW(3),"
    " lease_expires_at = NULL"
    " WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'running'";
static const char sql_isolation[] =
    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";

enum sa_err
runs_session_setup(struct db *db)
{
	return db_exec(db, sql_isolation, NULL, 0, NULL);
}

static void
cell(char *dst, size_t n, const struct db_res *r, size_t col)
{
	const char *s = db_res_get(r, 0, col);

	snprintf(dst, n, "%s", s ? s : "");
}

static void
fill_claim(const struct db_res *r, struct run_claim *c)
{
	cell(c->id, sizeof(c->id), r, 0);
	cell(c->org_id, sizeof(c->org_id), r, 1);
	cell(c->site_id, sizeof(c->site_id), r, 2);
	cell(c->url, sizeof(c->url), r, 3);
	cell(c->kind, sizeof(c->kind), r, 4);
	cell(c->strategy, sizeof(c->strategy), r, 5);
	c->page_limit = strtol(db_res_get(r, 0, 6), NULL, 10);
	c->attempts = strtol(db_res_get(r, 0, 7), NULL, 10) + 1;
}

/* Picks a candidate row (locked) into c; SA_ENOTFOUND when none. */
static enum sa_err
pick(struct db *db, long max_attempts, struct run_claim *c)
{
	struct db_param p = DB_INT(max_attempts);
	struct db_res *r = NULL;
	enum sa_err rc;

	if ((rc = db_query(db, sql_pick_expired, &p, 1, &r)) != SA_OK)
		return rc;
	if (r->nrows == 0) {
		db_res_free(r);
		r = NULL;
		if ((rc = db_query(db, sql_pick_queued, NULL, 0, &r)) != SA_OK)
			return rc;
	}
	rc = r->nrows ? SA_OK : SA_ENOTFOUND;
	if (rc == SA_OK)
		fill_claim(r, c);
	db_res_free(r);
	return rc;
}

enum sa_err
runs_claim(struct db *db, const char *owner, long lease_s, long max_attempts,
    struct run_claim *out)
{
	struct db_param p[3];
	enum sa_err rc;

	if ((rc = db_begin(db)) != SA_OK)
		return rc;
	if ((rc = pick(db, max_attempts, out)) != SA_OK) {
		db_rollback(db);
		return rc;
	}
	p[0] = DB_STR(owner), p[1] = DB_INT(lease_s), p[2] = DB_STR(out->id);
	if ((rc = db_exec(db, sql_take, p, 3, NULL)) != SA_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

enum sa_err
runs_heartbeat(struct db *db, const struct run_claim *c, const char *owner,
    long lease_s)
{
	struct db_param p[4];
	unsigned long long n = 0;

	p[0] = DB_INT(lease_s), p[1] = DB_STR(c->id), p[2] = DB_STR(owner);
	p[3] = DB_INT(c->attempts);
	if (db_exec(db, sql_heartbeat, p, 4, &n) != SA_OK)
		return SA_EDB;
	return n ? SA_OK : SA_ENOTFOUND;
}

enum sa_err
runs_fail(struct db *db, const struct run_claim *c, const char *owner,
    const char *error)
{
	struct db_param p[4];
	unsigned long long n = 0;

	enum sa_err rc;

	p[0] = DB_STR(error), p[1] = DB_STR(c->id), p[2] = DB_STR(owner);
	p[3] = DB_INT(c->attempts);
	/* the scan.failed webhook deliveries commit with the status */
	if (db_begin(db) != SA_OK)
		return SA_EDB;
	rc = db_exec(db, sql_fail, p, 4, &n);
	if (rc == SA_OK && n == 0)
		rc = SA_ENOTFOUND;
	if (rc == SA_OK)
		rc = webhook_enqueue_run(db, c, NULL, error);
	if (rc == SA_OK)
		return db_commit(db) == SA_OK ? SA_OK : SA_EDB;
	db_rollback(db);
	return rc == SA_ENOTFOUND ? rc : SA_EDB;
}
