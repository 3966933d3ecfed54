/* billing.c: page-audit eligibility and charging, as usage_ledger rows. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/billing.h"

/*
 * The org row is locked FOR UPDATE first, so concurrent queue calls of one
 * org run one after another and can never pass a quota together. The
 * period starts at the last monthly anniversary of billing_period_start.
 */
static const char sql_lock[] =
    "SELECT plan, credit_balance, monthly_overage_cap_euros,"
    " billing_period_start + INTERVAL"
    "  TIMESTAMPDIFF(MONTH, billing_period_start, NOW(3)) MONTH"
    " FROM orgs WHERE id = ? FOR UPDATE";
enum { L_PLAN, L_BALANCE, L_CAP, L_START };

/* Audits counted this period: charges minus refunds of page audits. */
static const char sql_used[] =
    "SELECT COALESCE(SUM(kind = 'page_audit'), 0)"
    " - COALESCE(SUM(kind = 'credit_refund' AND page_audit_id IS NOT NULL), 0)"
    " FROM usage_ledger WHERE org_id = ? AND created_at >= ?"
    " AND kind IN ('page_audit', 'credit_refund')";
static const char sql_ledger_sum[] =
    "SELECT COALESCE(SUM(credits), 0) FROM usage_ledger WHERE org_id = ?";
static const char sql_insert_audit[] =
    "INSERT INTO page_audits (id, org_id, site_id, user_id, page_url, status,"
    " mode, credits_charged) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)";
static const char sql_insert_charge[] =
    "INSERT INTO usage_ledger (org_id, kind, credits, page_audit_id, note)"
    " VALUES (?, 'page_audit', ?, ?, ?)";
static const char sql_fail[] =
    "UPDATE page_audits SET status = 'FAILED', error_message = ?,"
    " completed_at = NOW(3), lease_owner = NULL, lease_expires_at = NULL"
    " WHERE id = ? AND lease_owner = ? AND status = 'GENERATING'";
static const char sql_charge_of[] =
    "SELECT org_id, credits_charged, mode FROM page_audits WHERE id = ?";
static const char sql_insert_refund[] =
    "INSERT INTO usage_ledger (org_id, kind, credits, page_audit_id, note)"
    " VALUES (?, 'credit_refund', ?, ?, 'page audit failed: no charge')";

static const char *const reason_names[BILL__MAX] = {
	[BILL_OK] = NULL,
	[BILL_DISABLED] = "disabled",
	[BILL_QUOTA_REACHED] = "quota_reached",
	[BILL_INSUFFICIENT_CREDITS] = "insufficient_credits",
};

const char *
billing_reason_name(enum billing_reason r)
{
	return r < BILL__MAX ? reason_names[r] : NULL;
}

static void
decide_quota(const struct billing_state *s, long quota,
    struct billing_decision *d)
{
	d->mode = "quota";
	d->quota = quota;
	d->remaining = quota - s->used;
	if (d->remaining <= 0) {
		d->remaining = 0;
		d->reason = BILL_QUOTA_REACHED;
		return;
	}
	d->remaining--;
}

/* Agency: the balance may go negative by at most the overage cap. */
static void
decide_credits(const struct billing_state *s, struct billing_decision *d)
{
	long after = s->balance - BILLING_AUDIT_CREDITS;

	d->mode = "credits";
	if (s->cap_set && after < 0 &&
	    (double)-after > floor(s->cap_euros * BILLING_CREDITS_PER_EURO + 1e-6)) {
		d->reason = BILL_INSUFFICIENT_CREDITS;
		d->remaining = s->balance;
		return;
	}
	d->charge = BILLING_AUDIT_CREDITS;
	d->remaining = after;
}

void
billing_decide(const struct billing_state *s, struct billing_decision *d)
{
	memset(d, 0, sizeof(*d));
	d->reason = BILL_OK;
	if (s->bypass) {
		d->mode = "bypass";
		return;
	}
	if (strcmp(s->plan, "growth") == 0)
		decide_quota(s, BILLING_GROWTH_QUOTA, d);
	else if (strcmp(s->plan, "pro") == 0)
		decide_quota(s, BILLING_PRO_QUOTA, d);
	else if (strcmp(s->plan, "agency") == 0)
		decide_credits(s, d);
	else {
		d->mode = "quota";
		d->reason = BILL_DISABLED;
	}
}

static long
cell_long(const struct db_res *r, size_t col)
{
	const char *c = db_res_get(r, 0, col);

	return c ? strtol(c, NULL, 10) : 0;
}

/* Reads the locked org's state into *st. */
static enum sa_err
load_state(struct db *db, const char *org, struct billing_state *st,
    char plan_buf[16])
{
	struct db_param p[2] = { DB_STR(org), DB_NULL };
	struct db_res *o = NULL, *u = NULL, *l = NULL;
	enum sa_err rc = SA_EDB;

	if (db_query(db, sql_lock, p, 1, &o) != SA_OK)
		goto out;
	rc = SA_ENOTFOUND;
	if (o->nrows != 1)
		goto out;
	rc = SA_EDB;
	p[1] = DB_STR(db_res_get(o, 0, L_START));
	if (db_query(db, sql_used, p, 2, &u) != SA_OK ||
	    db_query(db, sql_ledger_sum, p, 1, &l) != SA_OK)
		goto out;
	snprintf(plan_buf, 16, "%s", db_res_get(o, 0, L_PLAN));
	st->plan = plan_buf;
	st->used = cell_long(u, 0);
	st->balance = cell_long(o, L_BALANCE) + cell_long(l, 0);
	st->cap_set = db_res_get(o, 0, L_CAP) != NULL;
	st->cap_euros = st->cap_set ? strtod(db_res_get(o, 0, L_CAP), NULL) : 0;
	rc = SA_OK;
out:
	db_res_free(o);
	db_res_free(u);
	db_res_free(l);
	return rc;
}

static enum sa_err
insert_rows(struct db *db, const struct billing_audit *a,
    const struct billing_decision *d)
{
	struct db_param p[7] = {
		DB_STR(a->id), DB_STR(a->org_id), DB_STR(a->site_id),
		DB_STR(a->user_id), DB_STR(a->page_url), DB_STR(d->mode),
		DB_INT(d->charge),
	};
	struct db_param q[4] = {
		DB_STR(a->org_id), DB_INT(-d->charge), DB_STR(a->id),
		DB_STR(d->mode),
	};

	if (db_exec(db, sql_insert_audit, p, 7, NULL) != SA_OK)
		return SA_EDB;
	if (strcmp(d->mode, "bypass") == 0)
		return SA_OK;   /* development: nothing counted, nothing charged */
	return db_exec(db, sql_insert_charge, q, 4, NULL) == SA_OK ? SA_OK : SA_EDB;
}

static enum sa_err
queue_once(struct db *db, const struct billing_audit *a,
    struct billing_state *st, struct billing_decision *d, char plan_buf[16])
{
	enum sa_err rc;

	if (db_begin(db) != SA_OK)
		return SA_EDB;
	rc = load_state(db, a->org_id, st, plan_buf);
	if (rc == SA_OK) {
		st->bypass = a->bypass;
		billing_decide(st, d);
		if (d->reason == BILL_OK)
			rc = insert_rows(db, a, d);
	}
	if (rc == SA_OK && d->reason == BILL_OK)
		return db_commit(db) == SA_OK ? SA_OK : SA_EDB;
	db_rollback(db);
	return rc;
}

enum sa_err
billing_queue_audit(struct db *db, const struct billing_audit *a,
    struct billing_state *st, struct billing_decision *d, char plan_buf[16])
{
	enum sa_err rc = SA_EDB;

	for (int i = 0; i < 5; i++) {
		rc = queue_once(db, a, st, d, plan_buf);
		if (rc != SA_EDB || !db_transient(db))
			break;
	}
	return rc;
}

static enum sa_err
refund(struct db *db, const char *id)
{
	struct db_param p[1] = { DB_STR(id) };
	struct db_param q[3];
	struct db_res *r = NULL;
	enum sa_err rc = SA_EDB;

	if (db_query(db, sql_charge_of, p, 1, &r) != SA_OK || r->nrows != 1)
		goto out;
	rc = SA_OK;
	if (strcmp(db_res_get(r, 0, 2), "bypass") == 0)
		goto out;   /* nothing was charged */
	q[0] = DB_STR(db_res_get(r, 0, 0));
	q[1] = DB_INT(cell_long(r, 1));
	q[2] = DB_STR(id);
	rc = db_exec(db, sql_insert_refund, q, 3, NULL) == SA_OK ? SA_OK : SA_EDB;
out:
	db_res_free(r);
	return rc;
}

enum sa_err
billing_fail_refund(struct db *db, const char *id, const char *owner,
    const char *msg)
{
	struct db_param p[3] = { DB_STR(msg), DB_STR(id), DB_STR(owner) };
	unsigned long long n = 0;
	enum sa_err rc;

	if (db_begin(db) != SA_OK)
		return SA_EDB;
	rc = db_exec(db, sql_fail, p, 3, &n) == SA_OK ? SA_OK : SA_EDB;
	if (rc == SA_OK && n != 1)
		rc = SA_ENOTFOUND;
	if (rc == SA_OK)
		rc = refund(db, id);
	if (rc == SA_OK)
		return db_commit(db) == SA_OK ? SA_OK : SA_EDB;
	db_rollback(db);
	return rc;
}
