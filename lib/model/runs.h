/* runs.h: the runner's side of the runs table — claim, lease, finish. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_RUNS_H
#define SA_RUNS_H

#include <stdbool.h>
#include <json-c/json.h>
#include "db/db.h"
#include "util/uuid.h"

#define RUN_URL_MAX 2048

/* A claimed run: what the runner needs, plus the lease it holds. */
struct run_claim {
	char id[UUID_STRLEN + 1];
	char org_id[UUID_STRLEN + 1];
	char site_id[UUID_STRLEN + 1];   /* "" when the run has no site */
	char url[RUN_URL_MAX + 1];
	char kind[8];                    /* "audit" | "scan" */
	char strategy[8];                /* "mobile" | "desktop" | "both" */
	long page_limit;
	long attempts;                   /* after this claim: the fencing token */
};

/* The scores a run stores: health, the five dimensions of health, then
 * agentReadiness (the sixth score, outside health). */
enum run_score { RS_HEALTH, RS_PERFORMANCE, RS_ACCESSIBILITY, RS_SEO,
	RS_BEST_PRACTICES, RS_SECURITY, RS_AGENT_READINESS, RS__MAX };

/* A finished audit, ready to be written. */
struct run_result {
	int          scores[RS__MAX];   /* < 0: no score (NULL) */
	long         ttfb_ms;           /* < 0: not measured */
	const char  *report_json;       /* the report document */
	json_object *pages;             /* array of export rows (borrowed) */
};

/*
 * Sets the session to READ COMMITTED (no gap locks while claiming), for a
 * connection that claims runs. SA_EDB on failure (harmless to ignore).
 */
enum sa_err runs_session_setup(struct db *db);

/*
 * Claims one run in a transaction with FOR UPDATE SKIP LOCKED: first a
 * running run whose lease expired with attempts < max_attempts (its runner
 * died), else the oldest queued one. Sets it running with lease_owner =
 * owner, lease_expires_at = now + lease_s, attempts + 1, started_at = now.
 * SA_OK with *out filled, SA_ENOTFOUND when there is nothing to do, SA_EDB.
 */
enum sa_err runs_claim(struct db *db, const char *owner, long lease_s,
    long max_attempts, struct run_claim *out);

/*
 * Extends c's lease to now + lease_s while it is still ours (same owner,
 * same attempt, still running). SA_ENOTFOUND: the lease was lost.
 */
enum sa_err runs_heartbeat(struct db *db, const struct run_claim *c,
    const char *owner, long lease_s);

/* Fails c with error (one sentence). SA_ENOTFOUND: the lease was lost. */
enum sa_err runs_fail(struct db *db, const struct run_claim *c,
    const char *owner, const char *error);

/*
 * Writes the report, one report_pages row per element of res->pages and
 * the run's completed status in one transaction, only while the lease is
 * ours. The new report id goes to report_id[37]. SA_ENOTFOUND: the lease
 * was lost (nothing written); SA_EINVAL: a malformed page row; SA_EDB.
 */
enum sa_err runs_complete(struct db *db, const struct run_claim *c,
    const char *owner, const struct run_result *res,
    char report_id[UUID_STRLEN + 1]);

#endif
