/* api_reports.c: GET /api/mcp/reports/{reportId}[?format=json|pdf_url]. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "api_common.h"
#include "fcgi.h"
#include "model/pdf_store.h"
#include "pdf/sign.h"
#include "util/log.h"

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

/* {"url", "expiresAt"} of a signed link to the report's PDF. */
static json_object *
pdf_link(const struct conf *cf, const char *id)
{
	char path[96], url[4096], when[32];
	long long exp = (long long)time(NULL) + cf->signed_url_ttl;
	time_t t = (time_t)exp;
	struct tm tm;
	json_object *o;

	snprintf(path, sizeof(path), "/files/reports/%s.pdf", id);
	if (sign_url(cf->signing_secret, cf->base_url, path, exp, url,
	    sizeof(url)) != SA_OK || gmtime_r(&t, &tm) == NULL)
		return NULL;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
	o = json_object_new_object();
	json_object_object_add(o, "url", json_object_new_string(url));
	json_object_object_add(o, "expiresAt", json_object_new_string(when));
	return o;
}

/* The signed PDF link; the PDF is rendered first when it is missing. */
static void
reply_pdf_url(struct req *r, const char *id)
{
	const struct conf *cf = r->conf;
	enum sa_err rc;
	json_object *o;

	if (cf->signing_secret == NULL || cf->signing_secret[0] == '\0') {
		reply_error(r, 503, "pdf_unavailable", "PDF links are not "
		    "configured on this server (files.signing_secret).");
		return;
	}
	rc = pdf_store_render(r->db, cf, r->auth.org_id, id, false);
	if (rc == SA_ENOTFOUND) {
		api_not_found(r, "report");
	} else if (rc == SA_EDB) {
		api_db_fail(r);
	} else if (rc != SA_OK) {
		log_error("report %s: rendering the PDF: %s", id, sa_strerror(rc));
		reply_error(r, 500, "pdf_failed",
		    "The PDF of this report could not be rendered.");
	} else if ((o = pdf_link(cf, id)) == NULL) {
		reply_error(r, 500, "internal_error", "The link could not be made.");
	} else {
		reply_json(r, 200, o);
	}
}

static void
reply_report(struct req *r, const struct db_res *res, enum fmt f)
{
	json_object *o;

	if (f == FMT_PDF_URL) {
		reply_pdf_url(r, db_res_get(res, 0, 0));
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
