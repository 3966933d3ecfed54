/* billing.h: page-audit eligibility and charging — plan quotas, credits, ledger. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_BILLING_H
#define SA_BILLING_H

#include <stdbool.h>
#include "db/db.h"
#include "sa.h"

#define BILLING_AUDIT_CREDITS   100   /* an Agency page audit */
#define BILLING_GROWTH_QUOTA    4     /* page audits per billing month */
#define BILLING_PRO_QUOTA       10
#define BILLING_CREDITS_PER_EURO 100  /* 1 credit = EUR 0.01 (docs/page-audits.md) */

enum billing_reason {
	BILL_OK,
	BILL_DISABLED,              /* plan has no page audits (starter) */
	BILL_QUOTA_REACHED,         /* growth / pro monthly quota used up */
	BILL_INSUFFICIENT_CREDITS,  /* agency: balance + overage cap exhausted */
	BILL__MAX
};

/* What the decision saw: the org's state inside the locking transaction. */
struct billing_state {
	const char *plan;        /* "starter" | "growth" | "pro" | "agency" */
	long        used;        /* page audits counted this billing period */
	long        balance;     /* credits: opening balance + ledger sum */
	bool        cap_set;     /* monthly_overage_cap_euros is not NULL */
	double      cap_euros;
	bool        bypass;      /* the development bypass */
};

/* The decision: mode "quota" | "credits" | "bypass", charge, quota. */
struct billing_decision {
	enum billing_reason reason;
	const char *mode;
	long        charge;      /* credits to debit (agency) */
	long        quota;       /* per month (growth / pro), else 0 */
	long        remaining;   /* audits left (quota) or credits left (credits) */
};

/* Pure: decides whether one more page audit may be queued. */
void billing_decide(const struct billing_state *s, struct billing_decision *d);

/* "disabled", "quota_reached", "insufficient_credits" (NULL for BILL_OK). */
const char *billing_reason_name(enum billing_reason r);

/* The audit to queue (all strings borrowed; site_id / user_id may be NULL). */
struct billing_audit {
	const char *id, *org_id, *site_id, *user_id, *page_url;
	bool        bypass;
};

/*
 * In one transaction: locks the org row, computes its billing state,
 * decides, and on BILL_OK inserts the page_audits row (id, PENDING) and its
 * usage_ledger charge row (none in bypass mode). Retries deadlocks. *st /
 * *d say what was decided; st->plan points into plan_buf.
 * Returns SA_OK (see d->reason), SA_ENOTFOUND for an unknown org, SA_EDB.
 */
enum sa_err billing_queue_audit(struct db *db, const struct billing_audit *a,
    struct billing_state *st, struct billing_decision *d, char plan_buf[16]);

/*
 * Fails page audit id (a GENERATING audit leased by owner) with msg and,
 * in the same transaction, writes the refund ledger row of its charge.
 * Returns SA_OK, SA_ENOTFOUND when the lease is no longer ours, SA_EDB.
 */
enum sa_err billing_fail_refund(struct db *db, const char *id,
    const char *owner, const char *msg);

#endif
