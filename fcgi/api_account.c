/* api_account.c: GET /api/mcp/account — org, plan, key and usage. */
/* SPDX-License-Identifier: MIT */
#include "api_common.h"
#include "fcgi.h"

/* The current period starts at the last monthly anniversary of the start.
 * The credit balance is the opening balance plus the usage_ledger rows
 * (docs/page-audits.md). */
static const char sql_org[] =
    "SELECT id, name, plan, credit_balance + (SELECT COALESCE(SUM(credits), 0)"
    "  FROM usage_ledger WHERE usage_ledger.org_id = orgs.id),"
    " monthly_overage_cap_euros,"
    " billing_period_start + INTERVAL"
    "  TIMESTAMPDIFF(MONTH, billing_period_start, NOW(3)) MONTH,"
    " billing_period_start + INTERVAL"
    "  TIMESTAMPDIFF(MONTH, billing_period_start, NOW(3)) + 1 MONTH"
    " FROM orgs WHERE id = ?";
enum { O_ID, O_NAME, O_PLAN, O_CREDITS, O_CAP, O_START, O_END };

static const char sql_usage[] =
    "SELECT COUNT(*), COALESCE(SUM(kind = 'audit'), 0),"
    " COALESCE(SUM(kind = 'scan'), 0)"
    " FROM runs WHERE org_id = ? AND created_at >= ?";
static const char sql_credits[] =
    "SELECT COALESCE(-SUM(credits), 0) FROM usage_ledger"
    " WHERE org_id = ? AND credits < 0 AND created_at >= ?";

static json_object *
org_json(const struct db_res *org)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", api_str(db_res_get(org, 0, O_ID)));
	json_object_object_add(o, "name", api_str(db_res_get(org, 0, O_NAME)));
	json_object_object_add(o, "plan", api_str(db_res_get(org, 0, O_PLAN)));
	return o;
}

static json_object *
key_json(const struct req *r)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_string(r->auth.key_id));
	json_object_object_add(o, "name", json_object_new_string(r->auth.name));
	json_object_object_add(o, "prefix", json_object_new_string(r->auth.prefix));
	json_object_object_add(o, "role", json_object_new_string(r->auth.role));
	json_object_object_add(o, "userId", json_object_new_string(r->auth.user_id));
	return o;
}

static json_object *
usage_json(const struct db_res *org, const struct db_res *runs,
    const struct db_res *spent)
{
	json_object *o = json_object_new_object();
	json_object *c = json_object_new_object();

	json_object_object_add(o, "periodStart", api_time(db_res_get(org, 0, O_START)));
	json_object_object_add(o, "periodEnd", api_time(db_res_get(org, 0, O_END)));
	json_object_object_add(o, "runs", api_num(db_res_get(runs, 0, 0)));
	json_object_object_add(o, "audits", api_num(db_res_get(runs, 0, 1)));
	json_object_object_add(o, "scans", api_num(db_res_get(runs, 0, 2)));
	json_object_object_add(c, "balance", api_num(db_res_get(org, 0, O_CREDITS)));
	json_object_object_add(c, "usedThisPeriod", api_num(db_res_get(spent, 0, 0)));
	json_object_object_add(c, "monthlyOverageCapEuros",
	    api_num(db_res_get(org, 0, O_CAP)));
	json_object_object_add(o, "credits", c);
	return o;
}

void
api_account(struct req *r)
{
	struct db_param p[2] = { DB_STR(r->auth.org_id), DB_NULL };
	struct db_res *org = NULL, *runs = NULL, *spent = NULL;
	json_object *o;

	if (db_query(r->db, sql_org, p, 1, &org) != SA_OK || org->nrows != 1)
		goto fail;
	p[1] = DB_STR(db_res_get(org, 0, O_START));
	if (db_query(r->db, sql_usage, p, 2, &runs) != SA_OK ||
	    db_query(r->db, sql_credits, p, 2, &spent) != SA_OK)
		goto fail;
	o = json_object_new_object();
	json_object_object_add(o, "org", org_json(org));
	json_object_object_add(o, "key", key_json(r));
	json_object_object_add(o, "usage", usage_json(org, runs, spent));
	reply_json(r, 200, o);
	goto out;
fail:
	api_db_fail(r);
out:
	db_res_free(org);
	db_res_free(runs);
	db_res_free(spent);
}
