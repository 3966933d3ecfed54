/* report_int.h: internal — pieces shared by report.c and report_text.c. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_REPORT_INT_H
#define SA_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "audit/report.h"

/* One failing check (id + dimension) aggregated over the report's pages. */
struct report_issue {
	const struct check_def *def;
	bool                    info;    /* advice only: never CHECK_FAIL */
	size_t                  count;   /* offending items (1 per bare fail) */
	size_t                  order;   /* first appearance, for stable sort */
	struct {
		const char              *page;
		const struct check_item *item;   /* NULL: no element */
	} ex[REPORT_MAX_EXAMPLES];
	size_t                  nex;
};

struct report_issues {
	struct report_issue *v;   /* free(v); items are borrowed from r */
	size_t               n;
};

/* Aggregates r's failing checks, sorted like the JSON "issues" array. */
enum sa_err report_collect_issues(const struct audit_report *r,
    struct report_issues *is);
/* Path + "?query" of url ("/" when empty), NULL when it does not parse;
 * caller frees. */
char *report_url_path(const char *url);
/* "2026-04-17T10:05:00.000Z" for Unix time ms. */
void report_iso8601(int64_t ms, char out[32]);

/*
 * report_perf.c: the load model in a page row. opportunities: failing
 * performance checks with savings, by savingsMs then savingsBytes;
 * thirdPartyScripts: domains with their bytes and blocking time; metrics:
 * the model's estimates and the LCP element. Empty arrays when pf is NULL.
 */
json_object *report_opportunities(const struct perf_result *pf);
json_object *report_third_parties(const struct perf_result *pf);
json_object *report_metrics(const struct audit_page *pg);
/* "Performance scored 72/100: FCP 1.9 s, LCP 3.4 s, … ." caller frees. */
char *report_perf_summary(const struct audit_report *r);

#endif
