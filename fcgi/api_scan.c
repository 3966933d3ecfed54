/* api_scan.c: POST /api/external/scan — queue a site scan (deduped, limited). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include "api_common.h"
#include "fcgi.h"
#include "util/uuid.h"
#include "web/body.h"

#define SCANS_PER_HOUR 5
#define ER_DUP_ENTRY   1062

/* Serialises one user's triggers so the hourly count is exact. */
static const char sql_lock_user[] =
    "SELECT id FROM users WHERE id = ? AND org_id = ? FOR UPDATE";
/* Microseconds until the oldest of the user's last 5 API scans ages out. */
static const char sql_window[] =
    "SELECT CAST(TIMESTAMPDIFF(MICROSECOND, NOW(3),"
    "  created_at + INTERVAL 1 HOUR) AS CHAR)"
    " FROM runs WHERE user_id = ? AND org_id = ? AND kind = 'scan'"
    " AND trigger_source = 'api' AND created_at > NOW(3) - INTERVAL 1 HOUR"
    " ORDER BY created_at DESC LIMIT 1 OFFSET 4";
/* The UNIQUE runs.active_site_id refuses a second queued / running scan. */
static const char sql_insert[] =
    "INSERT INTO runs (id, org_id, site_id, user_id, api_key_id, url, kind,"
    " trigger_source, strategy, page_limit, status)"
    " VALUES (?, ?, ?, ?, ?, ?, 'scan', 'api', ?, ?, 'queued')";

enum { F_SITE, F_STRATEGY, F__N };
static const struct field scan_fields[F__N] = {
	[F_SITE] = { "siteId", FIELD_UUID, true, 0, 0, NULL },
	[F_STRATEGY] = { "strategy", FIELD_ENUM, false, 0, 0, "mobile|desktop|both" },
};

enum outcome { SCAN_QUEUED, SCAN_LIMITED, SCAN_ACTIVE, SCAN_DBERR };

static void
reply_limited(struct req *r, long long usec)
{
	long long secs = (usec + 999999) / 1000000;
	char hdr[24], msg[160];

	if (secs < 1)
		secs = 1;
	snprintf(hdr, sizeof(hdr), "%lld", secs);
	snprintf(msg, sizeof(msg), "Scans are limited to %d per user per hour; "
	    "retry in %lld seconds.", SCANS_PER_HOUR, secs);
	reply_error(r, 429, "rate_limited", msg);
	reply_header(r, "Retry-After", hdr);   /* after: reply_error resets */
}

/* SCAN_LIMITED with *usec to wait, or SCAN_QUEUED when under the limit. */
static enum outcome
check_limit(struct req *r, long long *usec)
{
	struct db_param p[2] = { DB_STR(r->auth.user_id), DB_STR(r->auth.org_id) };
	struct db_res *res = NULL;
	enum outcome rc = SCAN_DBERR;

	if (db_query(r->db, sql_lock_user, p, 2, &res) != SA_OK)
		return SCAN_DBERR;
	db_res_free(res);
	if (db_query(r->db, sql_window, p, 2, &res) != SA_OK)
		return SCAN_DBERR;
	rc = res->nrows ? SCAN_LIMITED : SCAN_QUEUED;
	if (res->nrows)
		*usec = strtoll(db_res_get(res, 0, 0), NULL, 10);
	db_res_free(res);
	return rc;
}

static enum outcome
insert_scan(struct req *r, const char *id, const struct db_res *site,
    const char *strategy)
{
	struct db_param p[8] = {
		DB_STR(id), DB_STR(r->auth.org_id), DB_STR(db_res_get(site, 0, SITE_ID)),
		DB_STR(r->auth.user_id), DB_STR(r->auth.key_id),
		DB_STR(db_res_get(site, 0, SITE_URL)), DB_STR(strategy),
		DB_INT(strtol(db_res_get(site, 0, SITE_PAGE_LIMIT), NULL, 10)),
	};

	if (db_exec(r->db, sql_insert, p, 8, NULL) == SA_OK)
		return SCAN_QUEUED;
	return db_errno(r->db) == ER_DUP_ENTRY ? SCAN_ACTIVE : SCAN_DBERR;
}

/* One transaction: lock the user, count, insert; commits only on success. */
static enum outcome
queue_scan(struct req *r, const char *id, const struct db_res *site,
    const char *strategy, long long *usec)
{
	enum outcome rc;

	if (db_begin(r->db) != SA_OK)
		return SCAN_DBERR;
	rc = check_limit(r, usec);
	if (rc == SCAN_QUEUED)
		rc = insert_scan(r, id, site, strategy);
	if (rc == SCAN_QUEUED && db_commit(r->db) != SA_OK)
		rc = SCAN_DBERR;
	if (rc != SCAN_QUEUED)
		db_rollback(r->db);
	return rc;
}

static void
reply_outcome(struct req *r, enum outcome rc, const char *id, long long usec)
{
	json_object *o;

	switch (rc) {
	case SCAN_QUEUED:
		o = json_object_new_object();
		json_object_object_add(o, "scanId", json_object_new_string(id));
		json_object_object_add(o, "status", json_object_new_string("queued"));
		reply_json(r, 202, o);
		break;
	case SCAN_LIMITED:
		reply_limited(r, usec);
		break;
	case SCAN_ACTIVE:
		reply_error(r, 409, "SCAN_ALREADY_ACTIVE",
		    "This site already has a queued or running scan.");
		break;
	case SCAN_DBERR:
		api_db_fail(r);
		break;
	}
}

void
api_scan(struct req *r)
{
	struct field_val v[F__N];
	struct db_res *site = NULL;
	json_object *body = body_json(r);
	char id[UUID_STRLEN + 1];
	const char *strategy;
	long long usec = 0;
	enum outcome rc;

	if (body == NULL || !body_validate(r, body, scan_fields, F__N, v) ||
	    !api_site_load(r, v[F_SITE].str, &site))
		goto out;
	strategy = v[F_STRATEGY].present ? v[F_STRATEGY].str :
	    db_res_get(site, 0, SITE_STRATEGY);
	uuid_v7(id);
	rc = queue_scan(r, id, site, strategy, &usec);
	reply_outcome(r, rc, id, usec);
out:
	db_res_free(site);
	json_object_put(body);
}
