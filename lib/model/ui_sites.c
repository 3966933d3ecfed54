/* ui_sites.c: org-scoped reads of sites, reports and runs for the web UI. */
/* SPDX-License-Identifier: MIT */
#include "model/ui_sites.h"

static const char sql_list[] =
    "SELECT s.id, s.name, s.url, s.schedule, r.health,"
    " DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i UTC'),"
    " (SELECT a.status FROM runs a WHERE a.active_site_id = s.id)"
    " FROM sites s LEFT JOIN reports r ON r.id = (SELECT r2.id FROM reports r2"
    "  JOIN runs u ON u.id = r2.run_id AND u.status = 'completed'"
    "  WHERE r2.site_id = s.id AND r2.org_id = s.org_id"
    "  ORDER BY r2.created_at DESC LIMIT 1)"
    " WHERE s.org_id = ? ORDER BY s.name, s.created_at";
static const char sql_get[] =
    "SELECT s.id, s.name, s.url, s.strategy, s.page_limit, s.schedule,"
    " s.schedule_hour, s.schedule_weekday, s.schedule_monthday,"
    " DATE_FORMAT(s.next_run_at, '%Y-%m-%d %H:%i UTC'),"
    " (SELECT a.status FROM runs a WHERE a.active_site_id = s.id)"
    " FROM sites s WHERE s.id = ? AND s.org_id = ?";
#define REPORT_COLS \
    "SELECT r.id, r.run_id, r.health, r.performance, r.accessibility, r.seo," \
    " r.best_practices, r.security, r.agent_readiness, r.lcp_ms," \
    " CAST(r.cls AS CHAR), r.inp_ms," \
    " r.fcp_ms, r.ttfb_ms, r.tbt_ms, DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i UTC')," \
    " (SELECT COUNT(*) FROM report_pages p WHERE p.report_id = r.id)" \
    " FROM reports r JOIN runs u ON u.id = r.run_id AND u.status = 'completed'" \
    " WHERE r.site_id = ? AND r.org_id = ?"
static const char sql_latest[] =
    REPORT_COLS " ORDER BY r.created_at DESC LIMIT 1";
static const char sql_by_run[] = REPORT_COLS " AND r.run_id = ?";
static const char sql_json[] =
    "SELECT report_json FROM reports WHERE id = ? AND org_id = ?";
static const char sql_trend[] =
    "SELECT r.health, r.performance, r.accessibility, r.seo,"
    " r.best_practices, r.security, r.agent_readiness,"
    " DATE_FORMAT(r.created_at, '%Y-%m-%d'), r.run_id"
    " FROM reports r JOIN runs u ON u.id = r.run_id AND u.status = 'completed'"
    " WHERE r.site_id = ? AND r.org_id = ? ORDER BY r.created_at DESC LIMIT ?";
static const char sql_pages[] =
    "SELECT page_url, page_path, strategy, performance, seo, accessibility,"
    " best_practices, lcp_ms, CAST(cls AS CHAR), inp_ms, fcp_ms, ttfb_ms,"
    " agent_readiness"
    " FROM report_pages"
    " WHERE report_id = ? AND org_id = ? ORDER BY id LIMIT ?";
static const char sql_runs[] =
    "SELECT id, status, trigger_source,"
    " DATE_FORMAT(created_at, '%Y-%m-%d %H:%i UTC'),"
    " DATE_FORMAT(finished_at, '%Y-%m-%d %H:%i UTC'), error"
    " FROM runs WHERE site_id = ? AND org_id = ? AND kind = 'scan'"
    " ORDER BY created_at DESC LIMIT ?";

enum sa_err
ui_sites_list(struct db *db, const char *org, struct db_res **out)
{
	struct db_param p = DB_STR(org);

	return db_query(db, sql_list, &p, 1, out);
}

enum sa_err
ui_site_get(struct db *db, const char *org, const char *site,
    struct db_res **out)
{
	struct db_param p[2] = { DB_STR(site), DB_STR(org) };

	return db_query(db, sql_get, p, 2, out);
}

enum sa_err
ui_report_find(struct db *db, const char *org, const char *site,
    const char *run, struct db_res **out)
{
	struct db_param p[3] = { DB_STR(site), DB_STR(org), DB_STR(run) };

	if (run == NULL)
		return db_query(db, sql_latest, p, 2, out);
	return db_query(db, sql_by_run, p, 3, out);
}

enum sa_err
ui_report_json(struct db *db, const char *org, const char *report,
    struct db_res **out)
{
	struct db_param p[2] = { DB_STR(report), DB_STR(org) };

	return db_query(db, sql_json, p, 2, out);
}

enum sa_err
ui_report_trend(struct db *db, const char *org, const char *site, long n,
    struct db_res **out)
{
	struct db_param p[3] = { DB_STR(site), DB_STR(org), DB_INT(n) };

	return db_query(db, sql_trend, p, 3, out);
}

enum sa_err
ui_report_pages(struct db *db, const char *org, const char *report, long n,
    struct db_res **out)
{
	struct db_param p[3] = { DB_STR(report), DB_STR(org), DB_INT(n) };

	return db_query(db, sql_pages, p, 3, out);
}

enum sa_err
ui_site_runs(struct db *db, const char *org, const char *site, long n,
    struct db_res **out)
{
	struct db_param p[3] = { DB_STR(site), DB_STR(org), DB_INT(n) };

	return db_query(db, sql_runs, p, 3, out);
}
