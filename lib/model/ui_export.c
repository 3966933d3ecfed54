/* ui_export.c: org-scoped queries of the export endpoint (keyset-paged rows). */
/* SPDX-License-Identifier: MIT */
#include "model/ui_export.h"

static const char sql_site[] =
    "SELECT name FROM sites WHERE id = ? AND org_id = ?";
#define SCAN_SQL \
    "SELECT r.id, r.run_id FROM reports r JOIN runs u ON u.id = r.run_id" \
    " AND u.status = 'completed' WHERE r.site_id = ? AND r.org_id = ?"
static const char sql_latest[] = SCAN_SQL " ORDER BY r.created_at DESC LIMIT 1";
static const char sql_scan[] = SCAN_SQL " AND r.run_id = ?";
#define CHUNK_COLS \
    "SELECT id, page_url, page_path, strategy, performance, seo," \
    " accessibility, best_practices, lcp_ms, CAST(cls AS CHAR), inp_ms, fcp_ms," \
    " ttfb_ms, crux_lcp_ms, CAST(crux_cls AS CHAR), crux_inp_ms, has_crux," \
    " top_opportunities"
#define CHUNK_WHERE \
    " FROM report_pages WHERE report_id = ? AND org_id = ? AND id > ?" \
    " ORDER BY id LIMIT ?"
static const char sql_chunk_csv[] = CHUNK_COLS CHUNK_WHERE;
static const char sql_chunk_json[] =
    CHUNK_COLS ", agent_readiness, page_json" CHUNK_WHERE;

enum sa_err
ui_export_site(struct db *db, const char *org, const char *site,
    struct db_res **out)
{
	struct db_param p[2] = { DB_STR(site), DB_STR(org) };

	return db_query(db, sql_site, p, 2, out);
}

enum sa_err
ui_export_scan(struct db *db, const char *org, const char *site,
    const char *scan, struct db_res **out)
{
	struct db_param p[3] = { DB_STR(site), DB_STR(org), DB_STR(scan) };

	if (scan == NULL)
		return db_query(db, sql_latest, p, 2, out);
	return db_query(db, sql_scan, p, 3, out);
}

enum sa_err
ui_export_chunk(struct db *db, const char *org, const char *report,
    long long after, bool with_json, struct db_res **out)
{
	struct db_param p[4] = { DB_STR(report), DB_STR(org), DB_INT(after),
	    DB_INT(EXPORT_CHUNK_ROWS) };

	return db_query(db, with_json ? sql_chunk_json : sql_chunk_csv, p, 4, out);
}
