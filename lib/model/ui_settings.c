/* ui_settings.c: org-scoped budget and alert-rule rows for the web UI. */
/* SPDX-License-Identifier: MIT */
#include "model/ui_settings.h"
#include "util/uuid.h"

static const char sql_budgets[] =
    "SELECT id, metric, operator, CAST(threshold AS CHAR) FROM budgets"
    " WHERE site_id = ? AND org_id = ? ORDER BY created_at";
static const char sql_budget_add[] =
    "INSERT INTO budgets (id, org_id, site_id, metric, operator, threshold)"
    " SELECT ?, org_id, id, ?, ?, ? FROM sites WHERE id = ? AND org_id = ?";
static const char sql_budget_del[] =
    "DELETE FROM budgets WHERE id = ? AND site_id = ? AND org_id = ?";
static const char sql_alerts[] =
    "SELECT id, kind, metric, CAST(threshold AS CHAR) FROM alert_rules"
    " WHERE site_id = ? AND org_id = ? ORDER BY created_at";
static const char sql_alert_add[] =
    "INSERT INTO alert_rules (id, org_id, site_id, kind, metric, threshold)"
    " SELECT ?, org_id, id, ?, ?, ? FROM sites WHERE id = ? AND org_id = ?";
static const char sql_alert_del[] =
    "DELETE FROM alert_rules WHERE id = ? AND site_id = ? AND org_id = ?";

static enum sa_err
list(struct db *db, const char *sql, const char *org, const char *site,
    struct db_res **out)
{
	struct db_param p[2] = { DB_STR(site), DB_STR(org) };

	return db_query(db, sql, p, 2, out);
}

static enum sa_err
add(struct db *db, const char *sql, const char *org, const char *site,
    const char *a, const char *b, double threshold)
{
	char id[UUID_STRLEN + 1];
	unsigned long long n = 0;
	struct db_param p[6];

	uuid_v7(id);
	p[0] = DB_STR(id), p[1] = DB_STR(a), p[2] = DB_STR(b);
	p[3] = DB_DBL(threshold), p[4] = DB_STR(site), p[5] = DB_STR(org);
	if (db_exec(db, sql, p, 6, &n) != SA_OK)
		return SA_EDB;
	return n ? SA_OK : SA_ENOTFOUND;
}

static enum sa_err
del(struct db *db, const char *sql, const char *org, const char *site,
    const char *id)
{
	struct db_param p[3] = { DB_STR(id), DB_STR(site), DB_STR(org) };
	unsigned long long n = 0;

	if (db_exec(db, sql, p, 3, &n) != SA_OK)
		return SA_EDB;
	return n ? SA_OK : SA_ENOTFOUND;
}

enum sa_err
ui_budgets_list(struct db *db, const char *org, const char *site,
    struct db_res **out)
{
	return list(db, sql_budgets, org, site, out);
}

enum sa_err
ui_budget_add(struct db *db, const char *org, const char *site,
    const char *metric, const char *op, double threshold)
{
	return add(db, sql_budget_add, org, site, metric, op, threshold);
}

enum sa_err
ui_budget_del(struct db *db, const char *org, const char *site, const char *id)
{
	return del(db, sql_budget_del, org, site, id);
}

enum sa_err
ui_alerts_list(struct db *db, const char *org, const char *site,
    struct db_res **out)
{
	return list(db, sql_alerts, org, site, out);
}

enum sa_err
ui_alert_add(struct db *db, const char *org, const char *site,
    const char *kind, const char *metric, double threshold)
{
	return add(db, sql_alert_add, org, site, kind, metric, threshold);
}

enum sa_err
ui_alert_del(struct db *db, const char *org, const char *site, const char *id)
{
	return del(db, sql_alert_del, org, site, id);
}
