/* scan.h: "scan now" — queue a site scan for a user, deduped and rate-limited. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_SCAN_H
#define SA_SCAN_H

#include "db/db.h"
#include "util/uuid.h"

#define SCAN_PER_USER_HOUR 5   /* user-triggered scans (API + web UI) per hour */

enum scanq_outcome {
	SCANQ_QUEUED,
	SCANQ_ACTIVE,      /* the site already has a queued / running scan */
	SCANQ_LIMITED,     /* SCAN_PER_USER_HOUR reached; *retry_usec says when */
	SCANQ_NOTFOUND,    /* no such site in the org */
	SCANQ_DBERR,
};

struct scanq {
	const char *org_id;
	const char *user_id;
	const char *api_key_id;   /* NULL from the web UI */
	const char *site_id;
	const char *trigger;      /* "ui" | "api" */
	const char *strategy;     /* NULL: the site's own strategy */
};

/*
 * In one transaction: loads the site of q->org_id, locks the user's row
 * (so the hourly count is exact), refuses a second active scan of the site
 * (checked first, then enforced by the UNIQUE runs.active_site_id key),
 * counts the user's API + UI scans of the last hour, and inserts a queued
 * run. On SCANQ_QUEUED the new scan id is in id[37].
 */
enum scanq_outcome scanq_enqueue(struct db *db, const struct scanq *q,
    char id[UUID_STRLEN + 1], long long *retry_usec);

#endif
