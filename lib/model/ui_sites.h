/* ui_sites.h: the web UI's queries on sites and their reports (org-scoped). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_UI_SITES_H
#define SA_UI_SITES_H

#include "db/db.h"

/*
 * Every function binds org_id: a row of another org is never returned.
 * Results are whole db_res sets (caller frees with db_res_free); columns
 * are listed per function as enums.
 */

enum { SL_ID, SL_NAME, SL_URL, SL_SCHEDULE, SL_HEALTH, SL_SCANNED_AT,
	SL_ACTIVE, SL__N };
/* The org's sites by name, each with its latest report's health and time
 * and the status of an active scan (NULL when none). */
enum sa_err ui_sites_list(struct db *db, const char *org, struct db_res **out);

enum { SG_ID, SG_NAME, SG_URL, SG_STRATEGY, SG_PAGE_LIMIT, SG_SCHEDULE,
	SG_HOUR, SG_WEEKDAY, SG_MONTHDAY, SG_NEXT_RUN, SG_ACTIVE, SG__N };
/* One site (0 or 1 rows). */
enum sa_err ui_site_get(struct db *db, const char *org, const char *site,
    struct db_res **out);

enum { RP_ID, RP_RUN_ID, RP_HEALTH, RP_PERFORMANCE, RP_ACCESSIBILITY, RP_SEO,
	RP_BEST_PRACTICES, RP_SECURITY, RP_AGENT_READINESS, RP_LCP, RP_CLS,
	RP_INP, RP_FCP, RP_TTFB, RP_TBT, RP_CREATED, RP_NPAGES, RP__N };
/* The site's latest report of a completed run (run NULL), or the report of
 * run `run` when it completed (0 or 1 rows). */
enum sa_err ui_report_find(struct db *db, const char *org, const char *site,
    const char *run, struct db_res **out);

/* report_json of a report (0 or 1 rows, one column). */
enum sa_err ui_report_json(struct db *db, const char *org, const char *report,
    struct db_res **out);

enum { TR_HEALTH, TR_PERFORMANCE, TR_ACCESSIBILITY, TR_SEO,
	TR_BEST_PRACTICES, TR_SECURITY, TR_AGENT_READINESS, TR_CREATED, TR_RUN_ID,
	TR__N };
/* The last n reports of the site, newest first. */
enum sa_err ui_report_trend(struct db *db, const char *org, const char *site,
    long n, struct db_res **out);

enum { PG_URL, PG_PATH, PG_STRATEGY, PG_PERFORMANCE, PG_SEO,
	PG_ACCESSIBILITY, PG_BEST_PRACTICES, PG_LCP, PG_CLS, PG_INP, PG_FCP,
	PG_TTFB, PG_AGENT_READINESS, PG__N };
/* The first n page rows of a report, in stored order. */
enum sa_err ui_report_pages(struct db *db, const char *org, const char *report,
    long n, struct db_res **out);

enum { RN_ID, RN_STATUS, RN_TRIGGER, RN_CREATED, RN_FINISHED, RN_ERROR,
	RN__N };
/* The site's last n runs, newest first. */
enum sa_err ui_site_runs(struct db *db, const char *org, const char *site,
    long n, struct db_res **out);

#endif
