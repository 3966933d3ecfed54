/* api_sites.c: GET /api/mcp/sites, /sites/{siteId}/history and /schedule. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include "api_common.h"
#include "fcgi.h"

#define HISTORY_DEFAULT 10
#define HISTORY_MAX     100

/* Sites with their latest report (columns after SITE__NCOLS). */
static const char sql_list[] =
    "SELECT s.id, s.name, s.url, s.strategy, s.page_limit, s.schedule,"
    " s.schedule_hour, s.schedule_weekday, s.schedule_monthday,"
    " s.next_run_at, s.created_at,"
    " rp.id, rp.run_id, rp.health, rp.performance, rp.accessibility, rp.seo,"
    " rp.best_practices, rp.security, rp.agent_readiness, rp.created_at"
    " FROM sites s LEFT JOIN reports rp ON rp.id = ("
    "  SELECT r2.id FROM reports r2 WHERE r2.site_id = s.id"
    "  AND r2.org_id = s.org_id ORDER BY r2.created_at DESC, r2.id DESC"
    "  LIMIT 1)"
    " WHERE s.org_id = ? ORDER BY s.created_at, s.id";
enum { L_REPORT = SITE__NCOLS, L_RUN, L_SCORES, L_SCANNED = L_SCORES + 7 };

static const char sql_history[] =
    "SELECT ru.id, ru.kind, ru.status, ru.strategy, ru.url, ru.error,"
    " ru.created_at, ru.started_at, ru.finished_at, rp.id, rp.health,"
    " rp.performance, rp.accessibility, rp.seo, rp.best_practices,"
    " rp.security, rp.agent_readiness"
    " FROM runs ru LEFT JOIN reports rp"
    "  ON rp.run_id = ru.id AND rp.org_id = ru.org_id"
    " WHERE ru.site_id = ? AND ru.org_id = ?"
    " ORDER BY ru.created_at DESC, ru.id DESC LIMIT ?";
enum { H_ID, H_KIND, H_STATUS, H_STRATEGY, H_URL, H_ERROR, H_CREATED,
	H_STARTED, H_FINISHED, H_REPORT, H_SCORES };

static json_object *
latest_scan_json(const struct db_res *res, size_t row)
{
	json_object *o;

	if (db_res_get(res, row, L_REPORT) == NULL)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "scanId", api_str(db_res_get(res, row, L_RUN)));
	json_object_object_add(o, "reportId",
	    api_str(db_res_get(res, row, L_REPORT)));
	json_object_object_add(o, "scannedAt",
	    api_time(db_res_get(res, row, L_SCANNED)));
	json_object_object_add(o, "scores", api_scores_json(res, row, L_SCORES, true));
	return o;
}

static json_object *
site_json(const struct db_res *res, size_t row)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", api_str(db_res_get(res, row, SITE_ID)));
	json_object_object_add(o, "name", api_str(db_res_get(res, row, SITE_NAME)));
	json_object_object_add(o, "url", api_str(db_res_get(res, row, SITE_URL)));
	json_object_object_add(o, "strategy",
	    api_str(db_res_get(res, row, SITE_STRATEGY)));
	json_object_object_add(o, "pageLimit",
	    api_num(db_res_get(res, row, SITE_PAGE_LIMIT)));
	json_object_object_add(o, "createdAt",
	    api_time(db_res_get(res, row, SITE_CREATED)));
	json_object_object_add(o, "schedule", api_schedule_json(res, row));
	json_object_object_add(o, "latestScan", latest_scan_json(res, row));
	return o;
}

void
api_sites_list(struct req *r)
{
	struct db_param p = DB_STR(r->auth.org_id);
	struct db_res *res = NULL;
	json_object *o, *arr;

	if (db_query(r->db, sql_list, &p, 1, &res) != SA_OK) {
		api_db_fail(r);
		return;
	}
	arr = json_object_new_array();
	for (size_t i = 0; i < res->nrows; i++)
		json_object_array_add(arr, site_json(res, i));
	o = json_object_new_object();
	json_object_object_add(o, "sites", arr);
	reply_json(r, 200, o);
	db_res_free(res);
}

/* ?limit=N: 1..100, default 10; -1 (after a 400) when malformed. */
static long
history_limit(struct req *r)
{
	char v[16], *end = v;
	long n;
	int rc = req_query(r, "limit", v, sizeof(v));

	if (rc == 0)
		return HISTORY_DEFAULT;
	n = rc == 1 && v[0] >= '0' && v[0] <= '9' ? strtol(v, &end, 10) : -1;
	if (n < 1 || n > HISTORY_MAX || *end != '\0') {
		reply_error(r, 400, "invalid_parameter",
		    "limit must be a whole number from 1 to 100.");
		return -1;
	}
	return n;
}

static json_object *
history_run_json(const struct db_res *res, size_t i)
{
	json_object *o = json_object_new_object();
	bool has_report = db_res_get(res, i, H_REPORT) != NULL;

	json_object_object_add(o, "runId", api_str(db_res_get(res, i, H_ID)));
	json_object_object_add(o, "kind", api_str(db_res_get(res, i, H_KIND)));
	json_object_object_add(o, "status", api_str(db_res_get(res, i, H_STATUS)));
	json_object_object_add(o, "strategy",
	    api_str(db_res_get(res, i, H_STRATEGY)));
	json_object_object_add(o, "url", api_str(db_res_get(res, i, H_URL)));
	json_object_object_add(o, "createdAt", api_time(db_res_get(res, i, H_CREATED)));
	json_object_object_add(o, "startedAt", api_time(db_res_get(res, i, H_STARTED)));
	json_object_object_add(o, "finishedAt",
	    api_time(db_res_get(res, i, H_FINISHED)));
	json_object_object_add(o, "reportId", api_str(db_res_get(res, i, H_REPORT)));
	json_object_object_add(o, "error", api_str(db_res_get(res, i, H_ERROR)));
	json_object_object_add(o, "scores",
	    has_report ? api_scores_json(res, i, H_SCORES, true) : NULL);
	return o;
}

static void
reply_history(struct req *r, const char *site_id, long limit)
{
	struct db_param p[3] = {
		DB_STR(site_id), DB_STR(r->auth.org_id), DB_INT(limit),
	};
	struct db_res *res = NULL;
	json_object *o, *arr;

	if (db_query(r->db, sql_history, p, 3, &res) != SA_OK) {
		api_db_fail(r);
		return;
	}
	arr = json_object_new_array();
	for (size_t i = 0; i < res->nrows; i++)
		json_object_array_add(arr, history_run_json(res, i));
	o = json_object_new_object();
	json_object_object_add(o, "siteId", json_object_new_string(site_id));
	json_object_object_add(o, "limit", json_object_new_int64(limit));
	json_object_object_add(o, "runs", arr);
	reply_json(r, 200, o);
	db_res_free(res);
}

void
api_site_history(struct req *r)
{
	struct db_res *site = NULL;
	const char *id = api_path_uuid(r, 0, "site");
	long limit;

	if (id == NULL || !api_site_load(r, id, &site))
		return;
	if ((limit = history_limit(r)) > 0)
		reply_history(r, id, limit);
	db_res_free(site);
}

void
api_site_schedule(struct req *r)
{
	struct db_res *site = NULL;
	const char *id = api_path_uuid(r, 0, "site");
	json_object *o;

	if (id == NULL || !api_site_load(r, id, &site))
		return;
	o = api_schedule_json(site, 0);
	json_object_object_add(o, "siteId", json_object_new_string(id));
	reply_json(r, 200, o);
	db_res_free(site);
}
