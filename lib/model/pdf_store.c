/* pdf_store.c: renders report PDFs into the file store from their rows. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>
#include "model/pdf_store.h"
#include "pdf/pdf.h"

static const char sql_report[] =
    "SELECT r.report_json, DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i UTC'),"
    " s.name FROM reports r LEFT JOIN sites s ON s.id = r.site_id"
    " AND s.org_id = r.org_id WHERE r.id = ? AND r.org_id = ?";

enum sa_err
pdf_store_path(const char *files_dir, const char *report_id, char *out,
    size_t n)
{
	int w = snprintf(out, n, "%s/reports/%s.pdf", files_dir, report_id);

	return w < 0 || (size_t)w >= n ? SA_ETOOBIG : SA_OK;
}

/* files_dir and files_dir/reports, created when missing. */
static enum sa_err
make_dirs(const char *files_dir)
{
	char d[4096];
	int w = snprintf(d, sizeof(d), "%s/reports", files_dir);

	if (w < 0 || (size_t)w >= sizeof(d))
		return SA_ETOOBIG;
	if ((mkdir(files_dir, 0750) != 0 && errno != EEXIST) ||
	    (mkdir(d, 0750) != 0 && errno != EEXIST))
		return SA_EIO;
	return SA_OK;
}

static enum sa_err
render_row(const struct db_res *res, const char *path)
{
	json_object *doc = json_tokener_parse(db_res_get(res, 0, 0) ?
	    db_res_get(res, 0, 0) : "");
	struct pdf_meta m = { db_res_get(res, 0, 2), db_res_get(res, 0, 1), 0 };
	enum sa_err rc;

	if (doc == NULL)
		return SA_EINVAL;
	rc = pdf_render_file(doc, &m, path);
	json_object_put(doc);
	return rc;
}

enum sa_err
pdf_store_render(struct db *db, const struct conf *cf, const char *org_id,
    const char *report_id, bool force)
{
	struct db_param p[2] = { DB_STR(report_id), DB_STR(org_id) };
	struct db_res *res = NULL;
	char path[4096];
	enum sa_err rc;

	if ((rc = pdf_store_path(cf->files_dir, report_id, path,
	    sizeof(path))) != SA_OK)
		return rc;
	if ((rc = db_query(db, sql_report, p, 2, &res)) != SA_OK)
		return rc;
	if (res->nrows != 1)
		rc = SA_ENOTFOUND;
	else if (!force && access(path, R_OK) == 0)
		rc = SA_OK;
	else if ((rc = make_dirs(cf->files_dir)) == SA_OK)
		rc = render_row(res, path);
	db_res_free(res);
	return rc;
}
