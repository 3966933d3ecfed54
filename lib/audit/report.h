/* report.h: the audit report as JSON (json-c) and as terminal text. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_REPORT_H
#define SA_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <json-c/json.h>
#include "audit/audit.h"

#define REPORT_MAX_EXAMPLES 5    /* examples kept per issue */
#define REPORT_SNIPPET_MAX  200  /* bytes per example snippet */

/*
 * The report document: url, finalUrl, strategy, overall, scores (present
 * dimensions only), summaries, issues, pages (the export JSON rows) and
 * generatedAt. Key order and array order depend only on r, so the same
 * report always serialises to the same bytes except generatedAt.
 * Returns a new object (caller json_object_put()s it) or NULL on ENOMEM.
 */
json_object *report_to_json(const struct audit_report *r);

/*
 * report_to_json() serialised (pretty: two-space indented, else compact),
 * NUL-terminated; caller frees with free(). NULL on ENOMEM.
 */
char *report_json_string(const struct audit_report *r, bool pretty);

/*
 * The "issues" array alone: one entry per failing (or advice) check id and
 * dimension, over all pages, ordered by dimension, severity, weight, id.
 * Caller json_object_put()s it.
 */
json_object *report_issues_json(const struct audit_report *r);

/* One export row per page (pageUrl, pagePath, strategy, scores, …). */
json_object *report_pages_json(const struct audit_report *r);

/* One plain sentence on dimension dim of r; caller frees. NULL when the
 * dimension has no score. */
char *report_summary(const struct audit_report *r, enum audit_dim dim);

/*
 * Prints a human report to f: scores, then failing checks with counts and
 * examples. color adds ANSI colours (red < 50, amber < 90, green >= 90);
 * pass isatty(fileno(f)).
 */
void report_print_text(const struct audit_report *r, FILE *f, bool color);

/* "critical" | "serious" | "moderate" | "minor". */
const char *report_severity_name(enum check_severity s);
/* "Performance", "Accessibility", "SEO", "Best practices", "Security". */
const char *report_dim_label(enum audit_dim d);

#endif
