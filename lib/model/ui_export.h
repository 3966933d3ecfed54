/* ui_export.h: the export endpoint's queries — site, scan, pages in chunks. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_UI_EXPORT_H
#define SA_UI_EXPORT_H

#include <stdbool.h>
#include "db/db.h"

#define EXPORT_CHUNK_ROWS 200   /* page rows fetched per query */

/* The site's name (0 or 1 rows: name). */
enum sa_err ui_export_site(struct db *db, const char *org, const char *site,
    struct db_res **out);

/* The completed scan to export: the latest one, or run `scan` (NULL:
 * latest). 0 or 1 rows: report id, run id. */
enum sa_err ui_export_scan(struct db *db, const char *org, const char *site,
    const char *scan, struct db_res **out);

/* Columns of a chunk; XC_AGENT_READINESS and XC_PAGE_JSON only in json
 * chunks (spec 001 fixes the CSV columns; the sixth score is JSON-only). */
enum { XC_ID, XC_URL, XC_PATH, XC_STRATEGY, XC_PERFORMANCE, XC_SEO,
	XC_ACCESSIBILITY, XC_BEST_PRACTICES, XC_LCP, XC_CLS, XC_INP, XC_FCP,
	XC_TTFB, XC_CRUX_LCP, XC_CRUX_CLS, XC_CRUX_INP, XC_HAS_CRUX, XC_TOP_OPP,
	XC_AGENT_READINESS, XC_PAGE_JSON, XC__N };

/*
 * The next EXPORT_CHUNK_ROWS page rows of report after row id `after`
 * (0 to start), in id order; with_json adds the agent_readiness and
 * page_json columns. An
 * empty result means the end. Memory stays bounded by the chunk size.
 */
enum sa_err ui_export_chunk(struct db *db, const char *org, const char *report,
    long long after, bool with_json, struct db_res **out);

#endif
