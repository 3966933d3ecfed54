/* retention.h: data retention — per-org horizons and the batched prune pass
 * of the runner's retention job (docs/retention.md). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_RETENTION_H
#define SA_RETENTION_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "db/db.h"
#include "sa.h"

#define RETENTION_MAX_DAYS 36500L   /* a hundred years: "keep" in practice */
#define RETENTION_DEFAULT  (-1L)    /* no per-org override */

/*
 * Parses a retention argument: "default" (RETENTION_DEFAULT) or a whole
 * number of days 0..RETENTION_MAX_DAYS (0 = keep forever). Returns 0, or -1
 * when s is anything else. Pure.
 */
int retention_parse_days(const char *s, long *days);

/*
 * The horizon in days that applies to an org: its override when it has one
 * (override >= 0), else the configured default. 0 means keep forever. Pure.
 */
long retention_effective_days(long override, long default_days);

#define RETENTION_DESC_LEN 64
/*
 * What applies, for people: "retention: 30 days (org override)",
 * "retention: keep forever (the configured default)". Pure.
 */
void retention_describe(char out[RETENTION_DESC_LEN], long override,
    long default_days);

/*
 * Sets org's override (days 0..RETENTION_MAX_DAYS, or RETENTION_DEFAULT to
 * clear it). SA_EINVAL (bad id or days) / SA_ENOTFOUND / SA_EDB, why in err.
 */
enum sa_err retention_set_org(struct db *db, const char *org, long days,
    char *err, size_t errlen);
/* org's override into *days (RETENTION_DEFAULT when unset); errors as above. */
enum sa_err retention_get_org(struct db *db, const char *org, long *days,
    char *err, size_t errlen);

/*
 * Claims the next retention pass for owner: true when this runner moved
 * runner_jobs.next_run_at interval_s ahead, so no other runner (on any
 * host) starts a pass before then. *claimed false: not due yet.
 */
enum sa_err retention_claim(struct db *db, const char *owner, long interval_s,
    bool *claimed);
/* Makes the next pass due now (a pass that ran out of time continues). */
enum sa_err retention_due_now(struct db *db);

struct retention_opts {
	long              default_days;  /* [retention] days */
	long              batch;         /* rows per DELETE statement */
	long              pause_ms;      /* sleep between two batches */
	double            budget_s;      /* stop starting batches after this */
	const char       *files_dir;     /* the PDF store ([files] dir) */
	const atomic_int *stop;          /* set: finish the batch, return */
};

struct retention_counts {
	long orgs;         /* orgs with a finite horizon */
	long runs;
	long reports;      /* deleted with their runs (FK cascade) */
	long pages;        /* report_pages rows */
	long pdfs;         /* PDF files removed from the store */
	long pdf_errors;   /* PDF files that could not be removed */
	long page_audits;  /* finished page audits */
	long deliveries;   /* delivered / dead webhook delivery logs */
	bool more;         /* stopped early (budget or stop): work remains */
};

/*
 * One prune pass over every org with a finite horizon: finished runs older
 * than it (their reports, report_pages and PDF files) except each site's
 * newest report, finished page audits and finished webhook delivery logs.
 * Queued and running runs, pending deliveries and unfinished page audits
 * are never touched; nor is the usage ledger (balances are its sums).
 * Every statement deletes at most o->batch rows. SA_EDB on a database error
 * (counts hold what was done until then).
 */
enum sa_err retention_prune(struct db *db, const struct retention_opts *o,
    struct retention_counts *n);

#endif
