/* ui_report.h: a report's scores, metrics, pages and issues as page context. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_UI_REPORT_H
#define SA_UI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "db/db.h"

/* [{key, label, value, grade, main, extra, note}] — health, the five
 * dimensions, then agentReadiness (extra, only when measured), from a
 * ui_report_find() row. */
json_object *ui_report_scores(const struct db_res *rep);
/* [{label, value, unit}] — LCP, CLS, INP, FCP, TTFB, TBT (measured only). */
json_object *ui_report_metrics(const struct db_res *rep);
/* The rows of a ui_report_pages() result. */
json_object *ui_report_pages_json(const struct db_res *pages);
/*
 * Up to max issues of a parsed report document, most severe and most
 * frequent first: {id, title, description, severity, dimension, count,
 * examples (with_examples only)}. Info-level advice is skipped.
 */
json_object *ui_report_issues(json_object *report, size_t max,
    bool with_examples);
/* The parsed report_json of report id (NULL when absent or malformed). */
json_object *ui_report_doc(struct db *db, const char *org, const char *report);

#endif
