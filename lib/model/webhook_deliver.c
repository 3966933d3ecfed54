/* webhook_deliver.c: claiming due deliveries and recording attempts. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "model/webhook.h"

static const char sql_due[] =
    "SELECT d.id, d.subscription_id, d.event_id, d.event_type, d.payload,"
    " d.attempts, s.url, s.secret,"
    " TIMESTAMPDIFF(SECOND, d.created_at, NOW(3))"
    " FROM webhook_deliveries d"
    " JOIN webhook_subscriptions s ON s.id = d.subscription_id"
    " WHERE d.status = 'pending' AND d.next_attempt_at <= NOW(3)"
    " AND (d.lease_expires_at IS NULL OR d.lease_expires_at < NOW(3))"
    " AND s.enabled = TRUE"
    " ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED";
static const char sql_lease[] =
    "UPDATE webhook_deliveries SET lease_expires_at = NOW(3) + INTERVAL ? SECOND"
    " WHERE id = ?";
static const char sql_ok[] =
    "UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1,"
    " last_status_code = ?, last_error = NULL, delivered_at = NOW(3),"
    " lease_expires_at = NULL WHERE id = ?";
static const char sql_ok_sub[] =
    "UPDATE webhook_subscriptions SET dead_streak = 0 WHERE id = ?";
static const char sql_retry[] =
    "UPDATE webhook_deliveries SET attempts = attempts + 1,"
    " last_status_code = ?, last_error = ?, lease_expires_at = NULL,"
    " next_attempt_at = NOW(3) + INTERVAL ? SECOND WHERE id = ?";
static const char sql_dead[] =
    "UPDATE webhook_deliveries SET status = 'dead', attempts = attempts + 1,"
    " last_status_code = ?, last_error = ?, lease_expires_at = NULL"
    " WHERE id = ?";
/* dead_streak is assigned last, so the IFs see the old value either way */
static const char sql_dead_sub[] =
    "UPDATE webhook_subscriptions SET"
    " enabled = IF(dead_streak + 1 >= ?, FALSE, enabled),"
    " disabled_reason = IF(dead_streak + 1 >= ?, ?, disabled_reason),"
    " dead_streak = dead_streak + 1 WHERE id = ?";

enum sa_err
webhook_claim(struct db *db, size_t max, long lease_s, struct db_res **out)
{
	struct db_param lim = DB_INT(max);
	enum sa_err rc;

	*out = NULL;
	if (db_begin(db) != SA_OK)
		return SA_EDB;
	rc = db_query(db, sql_due, &lim, 1, out);
	for (size_t i = 0; rc == SA_OK && i < (*out)->nrows; i++) {
		struct db_param p[2] = { DB_INT(lease_s),
		    DB_STR(db_res_get(*out, i, WHC_ID)) };
		rc = db_exec(db, sql_lease, p, 2, NULL);
	}
	if (rc == SA_OK && (rc = db_commit(db)) == SA_OK)
		return SA_OK;
	db_rollback(db);
	db_res_free(*out);
	*out = NULL;
	return SA_EDB;
}

static struct db_param
status_param(long st)
{
	return st > 0 ? DB_INT(st) : DB_NULL;
}

static enum sa_err
record_dead(struct db *db, const struct wh_outcome *o, const char *err)
{
	static const char reason[] = "Disabled after repeated failed deliveries "
	    "(each retried for 24 hours).";
	struct db_param d[3] = { status_param(o->status), DB_STR(err),
	    DB_STR(o->id) };
	struct db_param s[4] = { DB_INT(WEBHOOK_DEAD_DISABLE),
	    DB_INT(WEBHOOK_DEAD_DISABLE), DB_STR(reason), DB_STR(o->sub_id) };
	enum sa_err rc;

	if (db_begin(db) != SA_OK)
		return SA_EDB;
	if ((rc = db_exec(db, sql_dead, d, 3, NULL)) == SA_OK &&
	    (rc = db_exec(db, sql_dead_sub, s, 4, NULL)) == SA_OK &&
	    (rc = db_commit(db)) == SA_OK)
		return SA_OK;
	db_rollback(db);
	return SA_EDB;
}

enum sa_err
webhook_record(struct db *db, const struct wh_outcome *o, const char **state)
{
	char err[200];
	long delay;

	if (o->status >= 200 && o->status < 300) {
		struct db_param p[2] = { DB_INT(o->status), DB_STR(o->id) };
		struct db_param s = DB_STR(o->sub_id);

		*state = "delivered";
		if (db_exec(db, sql_ok, p, 2, NULL) != SA_OK)
			return SA_EDB;
		return db_exec(db, sql_ok_sub, &s, 1, NULL);
	}
	if (o->error && o->error[0])
		snprintf(err, sizeof(err), "%s", o->error);
	else
		snprintf(err, sizeof(err), "HTTP %ld", o->status);
	delay = webhook_backoff_s(o->attempts + 1);
	if (o->age_s + delay > WEBHOOK_GIVE_UP_S) {
		*state = "dead";
		return record_dead(db, o, err);
	}
	struct db_param p[4] = { status_param(o->status), DB_STR(err),
	    DB_INT(delay), DB_STR(o->id) };
	*state = "pending";
	return db_exec(db, sql_retry, p, 4, NULL);
}
