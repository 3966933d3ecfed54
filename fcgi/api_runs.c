/* api_runs.c: POST /api/mcp/start-audit and GET /api/mcp/runs/{runId}. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "api_common.h"
#include "audit/fetch.h"
#include "fcgi.h"
#include "util/uuid.h"
#include "web/body.h"

static const char sql_insert[] =
    "INSERT INTO runs (id, org_id, site_id, user_id, api_key_id, url, kind,"
    " trigger_source, strategy, page_limit, status)"
    " VALUES (?, ?, ?, ?, ?, ?, 'audit', 'api', ?, 1, 'queued')";
static const char sql_get[] =
    "SELECT id, site_id, url, kind, strategy, status, error, report_id,"
    " created_at, started_at, finished_at"
    " FROM runs WHERE id = ? AND org_id = ?";

enum { F_URL, F_SITE, F_STRATEGY, F__N };
static const struct field audit_fields[F__N] = {
	[F_URL] = { "url", FIELD_URL, true, 0, 2048, NULL },
	[F_SITE] = { "siteId", FIELD_UUID, false, 0, 0, NULL },
	[F_STRATEGY] = { "strategy", FIELD_ENUM, false, 0, 0, "mobile|desktop|both" },
};

/* 422 unless url is a public http(s) URL (or private targets are allowed). */
static bool
check_target(struct req *r, const char *url)
{
	char why[256], msg[320];
	enum fetch_err e;

	e = fetch_check_url(url, r->conf->allow_private_targets, why, sizeof(why));
	if (e == FETCH_OK)
		return true;
	snprintf(msg, sizeof(msg), "url %s: %s",
	    e == FETCH_EDENIED ? "is not an allowed audit target" : "is not valid",
	    why);
	reply_error(r, 422, e == FETCH_EDENIED ? "private_target" : "validation_error",
	    msg);
	return false;
}

static bool
insert_run(struct req *r, const char *id, const char *site, const char *url,
    const char *strategy)
{
	struct db_param p[7] = {
		DB_STR(id), DB_STR(r->auth.org_id), DB_STR(site),
		DB_STR(r->auth.user_id), DB_STR(r->auth.key_id), DB_STR(url),
		DB_STR(strategy),
	};

	if (db_exec(r->db, sql_insert, p, 7, NULL) != SA_OK) {
		api_db_fail(r);
		return false;
	}
	return true;
}

static void
reply_queued(struct req *r, const char *id)
{
	json_object *o = json_object_new_object();
	char loc[96];

	snprintf(loc, sizeof(loc), "/api/mcp/runs/%s", id);
	json_object_object_add(o, "runId", json_object_new_string(id));
	json_object_object_add(o, "status", json_object_new_string("queued"));
	reply_header(r, "Location", loc);
	reply_json(r, 202, o);
}

void
api_start_audit(struct req *r)
{
	struct field_val v[F__N];
	struct db_res *site = NULL;
	json_object *body = body_json(r);
	const char *strategy = "mobile";
	char id[UUID_STRLEN + 1];

	if (body == NULL || !body_validate(r, body, audit_fields, F__N, v))
		goto out;
	if (v[F_SITE].present && !api_site_load(r, v[F_SITE].str, &site))
		goto out;
	if (!check_target(r, v[F_URL].str))
		goto out;
	if (v[F_STRATEGY].present)
		strategy = v[F_STRATEGY].str;
	else if (site)
		strategy = db_res_get(site, 0, SITE_STRATEGY);
	uuid_v7(id);
	if (insert_run(r, id, v[F_SITE].present ? v[F_SITE].str : NULL,
	    v[F_URL].str, strategy))
		reply_queued(r, id);
out:
	db_res_free(site);
	json_object_put(body);
}

static json_object *
run_json(const struct db_res *res)
{
	json_object *o = json_object_new_object();
	const char *status = db_res_get(res, 0, 5);
	bool done = strcmp(status, "completed") == 0;

	json_object_object_add(o, "runId", api_str(db_res_get(res, 0, 0)));
	json_object_object_add(o, "status", api_str(status));
	json_object_object_add(o, "kind", api_str(db_res_get(res, 0, 3)));
	json_object_object_add(o, "url", api_str(db_res_get(res, 0, 2)));
	json_object_object_add(o, "siteId", api_str(db_res_get(res, 0, 1)));
	json_object_object_add(o, "strategy", api_str(db_res_get(res, 0, 4)));
	json_object_object_add(o, "createdAt", api_time(db_res_get(res, 0, 8)));
	json_object_object_add(o, "startedAt", api_time(db_res_get(res, 0, 9)));
	json_object_object_add(o, "finishedAt", api_time(db_res_get(res, 0, 10)));
	json_object_object_add(o, "reportId",
	    done ? api_str(db_res_get(res, 0, 7)) : NULL);
	json_object_object_add(o, "error", strcmp(status, "failed") == 0 ?
	    api_str(db_res_get(res, 0, 6)) : NULL);
	return o;
}

void
api_run_get(struct req *r)
{
	const char *id = api_path_uuid(r, 0, "run");
	struct db_param p[2];
	struct db_res *res = NULL;

	if (id == NULL)
		return;
	p[0] = DB_STR(id);
	p[1] = DB_STR(r->auth.org_id);
	if (db_query(r->db, sql_get, p, 2, &res) != SA_OK)
		api_db_fail(r);
	else if (res->nrows != 1)
		api_not_found(r, "run");
	else
		reply_json(r, 200, run_json(res));
	db_res_free(res);
}
