/* api_reports.c: GET /api/mcp/reports/{reportId}[?format=json|pdf_url]. */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "api_common.h"
#include "fcgi.h"

static const char sql_get[] =
    "SELECT id, run_id, site_id, created_at, report_json"
    " FROM reports WHERE id = ? AND org_id = ?";

enum fmt { FMT_JSON, FMT_PDF_URL, FMT_BAD };

static enum fmt
parse_format(const struct req *r)
{
	char v[16];
	int rc = req_query(r, "format", v, sizeof(v));

	if (rc == 0 || (rc == 1 && strcmp(v, "json") == 0))
		return FMT_JSON;
	if (rc == 1 && strcmp(v, "pdf_url") == 0)
		return FMT_PDF_URL;
	return FMT_BAD;
}

/* The stored report document with id, runId, siteId, createdAt first. */
static json_object *
report_json(const struct db_res *res)
{
	json_object *doc = json_tokener_parse(db_res_get(res, 0, 4));
	json_object *o;

	if (doc == NULL || !json_object_is_type(doc, json_type_object)) {
		json_object_put(doc);
		return NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "id", api_str(db_res_get(res, 0, 0)));
	json_object_object_add(o, "runId", api_str(db_res_get(res, 0, 1)));
	json_object_object_add(o, "siteId", api_str(db_res_get(res, 0, 2)));
	json_object_object_add(o, "createdAt", api_time(db_res_get(res, 0, 3)));
	json_object_object_foreach(doc, k, v) {
		if (!json_object_object_get_ex(o, k, NULL))
			json_object_object_add(o, k, json_object_get(v));
	}
	json_object_put(doc);
	return o;
}

static void
reply_report(struct req *r, const struct db_res *res, enum fmt f)
{
	json_object *o;

	if (f == FMT_PDF_URL) {
		reply_error(r, 409, "pdf_unavailable",
		    "A PDF of this report is not available on this server yet; "
		    "omit format (or use format=json) for the JSON report.");
		return;
	}
	if ((o = report_json(res)) == NULL) {
		reply_error(r, 500, "internal_error",
		    "The stored report could not be read.");
		return;
	}
	reply_json(r, 200, o);
}

void
api_report_get(struct req *r)
{
	const char *id;
	enum fmt f = parse_format(r);
	struct db_param p[2];
	struct db_res *res = NULL;

	if (f == FMT_BAD) {
		reply_error(r, 400, "unsupported_format",
		    "format must be one of: json, pdf_url.");
		return;
	}
	if ((id = api_path_uuid(r, 0, "report")) == NULL)
		return;
	p[0] = DB_STR(id);
	p[1] = DB_STR(r->auth.org_id);
	if (db_query(r->db, sql_get, p, 2, &res) != SA_OK)
		api_db_fail(r);
	else if (res->nrows != 1)
		api_not_found(r, "report");
	else
		reply_report(r, res, f);
	db_res_free(res);
}
