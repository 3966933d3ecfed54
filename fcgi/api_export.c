/* api_export.c: a scan as CSV or JSON, streamed — GET /api/sites/{siteId}/export
 * (session) and GET /api/external/sites/{siteId}/export (API key), one code path. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fcgi.h"
#include "model/ui_export.h"
#include "ui.h"
#include "util/csv.h"
#include "util/log.h"
#include "util/uuid.h"

/* The document's header line, byte for byte. */
static const char csv_header[] =
    "Page URL,Page Path,Strategy,Performance,SEO,Accessibility,"
    "Best Practices,LCP (ms),CLS,INP (ms),FCP (ms),TTFB (ms),CrUX LCP,"
    "CrUX CLS,CrUX INP,Has CrUX Data,Top Opportunities\r\n";

/* The CSV columns after the id, in the document's order. */
static const int csv_cols[] = {
	XC_URL, XC_PATH, XC_STRATEGY, XC_PERFORMANCE, XC_SEO, XC_ACCESSIBILITY,
	XC_BEST_PRACTICES, XC_LCP, XC_CLS, XC_INP, XC_FCP, XC_TTFB, XC_CRUX_LCP,
	XC_CRUX_CLS, XC_CRUX_INP, XC_HAS_CRUX, XC_TOP_OPP,
};

struct export {
	struct req *r;
	const char *report;
	bool        json;
	struct buf  chunk;     /* one chunk of output, reused */
	size_t      rows;
};

static void
csv_row(struct buf *b, const struct db_res *res, size_t row)
{
	for (size_t i = 0; i < SA_NITEMS(csv_cols); i++) {
		int c = csv_cols[i];
		const char *v = db_res_get(res, row, (size_t)c);
		if (i)
			buf_addc(b, ',');
		if (c == XC_HAS_CRUX)
			buf_adds(b, v && strcmp(v, "1") == 0 ? "yes" : "no");
		else if (c <= XC_STRATEGY || c == XC_TOP_OPP)
			csv_field(b, v);
		else
			csv_number(b, v);
	}
	buf_adds(b, "\r\n");
}

static json_object *
jnum(const char *cell)
{
	double d;
	char *end;

	if (cell == NULL || *cell == '\0')
		return NULL;
	d = strtod(cell, &end);
	if (*end != '\0')
		return NULL;
	if (d == (double)(long long)d)
		return json_object_new_int64((long long)d);
	return json_object_new_double(d);
}

static void
add_nums(json_object *o, const struct db_res *res, size_t row,
    const char *const *names, const int *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_object_object_add(o, names[i],
		    jnum(db_res_get(res, row, (size_t)cols[i])));
}

/* The document's row built from the columns (when page_json is unusable). */
static json_object *
json_row_from_cols(const struct db_res *res, size_t row)
{
	static const char *const sn[] = { "performance", "seo", "accessibility",
	    "bestPractices" }, *const vn[] = { "lcp", "cls", "inp", "fcp", "ttfb" },
	    *const cn[] = { "lcp", "cls", "inp" };
	static const int sc[] = { XC_PERFORMANCE, XC_SEO, XC_ACCESSIBILITY,
	    XC_BEST_PRACTICES }, vc[] = { XC_LCP, XC_CLS, XC_INP, XC_FCP, XC_TTFB },
	    cc[] = { XC_CRUX_LCP, XC_CRUX_CLS, XC_CRUX_INP };
	json_object *o = json_object_new_object(), *s = json_object_new_object(),
	    *v = json_object_new_object(), *c = json_object_new_object();
	const char *has = db_res_get(res, row, XC_HAS_CRUX);

	ui_set(o, "pageUrl", db_res_get(res, row, XC_URL));
	ui_set(o, "pagePath", db_res_get(res, row, XC_PATH));
	ui_set(o, "strategy", db_res_get(res, row, XC_STRATEGY));
	add_nums(s, res, row, sn, sc, 4);
	if (db_res_get(res, row, XC_AGENT_READINESS) != NULL)   /* when measured */
		json_object_object_add(s, "agentReadiness",
		    jnum(db_res_get(res, row, XC_AGENT_READINESS)));
	add_nums(v, res, row, vn, vc, 5);
	add_nums(c, res, row, cn, cc, 3);
	ui_set_bool(c, "hasCruxData", has && strcmp(has, "1") == 0);
	json_object_object_add(o, "scores", s);
	json_object_object_add(o, "coreWebVitals", v);
	json_object_object_add(o, "crux", c);
	json_object_object_add(o, "opportunities", json_object_new_array());
	json_object_object_add(o, "thirdPartyScripts", json_object_new_array());
	json_object_object_add(o, "a11yIssues", json_object_new_array());
	return o;
}

/* Appends the page's JSON row: page_json when it is a JSON object. */
static void
json_row(struct buf *b, const struct db_res *res, size_t row)
{
	const char *pj = db_res_get(res, row, XC_PAGE_JSON);
	json_object *o = pj ? json_tokener_parse(pj) : NULL;

	if (o && json_object_is_type(o, json_type_object)) {
		buf_adds(b, pj);
	} else {
		json_object_put(o);
		o = json_row_from_cols(res, row);
		buf_adds(b, json_object_to_json_string_ext(o,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	}
	json_object_put(o);
}

/* Streams every row, chunk by chunk; false when the DB or client failed. */
static bool
stream_rows(struct export *x)
{
	long long after = 0;
	struct db_res *res = NULL;

	for (;;) {
		if (ui_export_chunk(x->r->db, x->r->auth.org_id, x->report, after,
		    x->json, &res) != SA_OK)
			return false;
		if (res->nrows == 0)
			break;
		buf_reset(&x->chunk);
		for (size_t i = 0; i < res->nrows; i++, x->rows++) {
			if (x->json && x->rows)
				buf_addc(&x->chunk, ',');
			x->json ? json_row(&x->chunk, res, i) : csv_row(&x->chunk, res, i);
		}
		after = strtoll(db_res_get(res, res->nrows - 1, XC_ID), NULL, 10);
		db_res_free(res);
		res = NULL;
		if (x->chunk.ptr == NULL ||
		    !ui_stream_write(x->r, x->chunk.ptr, x->chunk.len))
			return false;
	}
	db_res_free(res);
	return true;
}

/* "Acme Inc" → "Acme_Inc": letters, digits, '.', '-' kept, the rest '_'. */
static void
file_name(char *out, size_t outlen, const char *site, const char *scan,
    bool json)
{
	char name[101], id8[9];
	size_t n = 0, k = 0;

	for (const char *p = site; *p && n < sizeof(name) - 1; p++) {
		unsigned char c = (unsigned char)*p;
		bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-';
		if (c >= 0x80 && (c & 0xC0) == 0x80)
			continue;   /* one '_' per non-ASCII character */
		name[n++] = keep ? (char)c : '_';
	}
	name[n] = '\0';
	for (const char *p = scan; *p && k < 8; p++)
		if (*p != '-')
			id8[k++] = *p;
	id8[k] = '\0';
	snprintf(out, outlen, "attachment; filename=\"%s-scan-%s.%s\"",
	    n ? name : "site", id8, json ? "json" : "csv");
}

/* 404 for a site of another org, an unknown scan, or no completed scan. */
static bool
find_scan(struct req *r, const char *site, const char *scan,
    struct db_res **s, struct db_res **rep)
{
	const char *org = r->auth.org_id;

	if (ui_export_site(r->db, org, site, s) != SA_OK ||
	    ui_export_scan(r->db, org, site, scan, rep) != SA_OK) {
		reply_error(r, 503, "unavailable",
		    "The service is temporarily unavailable; try again shortly.");
		return false;
	}
	if ((*s)->nrows == 0)
		reply_error(r, 404, "not_found", "No such site.");
	else if ((*rep)->nrows == 0)
		reply_error(r, 404, "not_found",
		    "This site has no completed scan to export.");
	return (*s)->nrows && (*rep)->nrows;
}

static void
send_export(struct req *r, const char *site_name, const char *report,
    const char *scan, bool json)
{
	struct export x = { .r = r, .report = report, .json = json };
	char disp[200];

	file_name(disp, sizeof(disp), site_name, scan, json);
	reply_header(r, "Content-Type", json ? "application/json; charset=utf-8" :
	    "text/csv; charset=utf-8");
	reply_header(r, "Content-Disposition", disp);
	reply_header(r, "Cache-Control", "no-store");
	reply_header(r, "X-Content-Type-Options", "nosniff");
	buf_init(&x.chunk, 64u << 20);
	if (!ui_stream_begin(r) ||
	    !ui_stream_write(r, json ? "[" : csv_header,
	    json ? 1 : sizeof(csv_header) - 1) ||
	    !stream_rows(&x) || !ui_stream_write(r, json ? "]\n" : "", json ? 2 : 0))
		log_warn("export of scan %s cut short after %zu rows", scan, x.rows);
	buf_free(&x.chunk);
}

/* format and scanId from the query; false (replied 400 / 404) when bad. */
static bool
parse_query(struct req *r, bool *json, char *scan, size_t scanlen)
{
	char fmt[16];
	int rc = req_query(r, "format", fmt, sizeof(fmt));

	*json = rc == 1 && strcmp(fmt, "json") == 0;
	if (rc < 0 || (rc == 1 && fmt[0] && !*json && strcmp(fmt, "csv") != 0)) {
		reply_error(r, 400, "bad_request", "format must be csv or json.");
		return false;
	}
	rc = req_query(r, "scanId", scan, scanlen);
	if (rc < 0 || (rc == 1 && scan[0] && !uuid_valid(scan))) {
		reply_error(r, 404, "not_found", "No such scan.");
		return false;
	}
	if (rc != 1)
		scan[0] = '\0';
	return true;
}

/* The shared export: the caller's route has set r->auth (session or key). */
static void
export_run(struct req *r)
{
	struct db_res *site = NULL, *rep = NULL;
	const char *site_id = ui_path_uuid(r, 0);
	char scan[UUID_STRLEN + 2];
	bool json;

	if (site_id == NULL) {
		reply_error(r, 404, "not_found", "No such site.");
		return;
	}
	if (!parse_query(r, &json, scan, sizeof(scan)))
		return;
	if (find_scan(r, site_id, scan[0] ? scan : NULL, &site, &rep))
		send_export(r, db_res_get(site, 0, 0), db_res_get(rep, 0, 0),
		    db_res_get(rep, 0, 1), json);
	db_res_free(site);
	db_res_free(rep);
}

/* GET /api/sites/{siteId}/export: session cookie only. */
void
api_export(struct req *r)
{
	export_run(r);
}

/* GET /api/external/sites/{siteId}/export: bearer key (401/402 by the worker). */
void
api_export_key(struct req *r)
{
	export_run(r);
}
