/* page_audit.h: the runner's side of page_audits — claim, lease, complete. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_PAGE_AUDIT_H
#define SA_PAGE_AUDIT_H

#include "db/db.h"
#include "sa.h"
#include "util/uuid.h"

#define PAGE_AUDIT_MAX_ATTEMPTS 3

struct page_audit_claim {
	char id[UUID_STRLEN + 1];
	char org_id[UUID_STRLEN + 1];
	char url[2049];
	long attempts;   /* after this claim */
};

/*
 * Claims the oldest PENDING audit (or a GENERATING one whose lease expired)
 * with FOR UPDATE SKIP LOCKED and marks it GENERATING, leased to owner for
 * lease_s seconds. Returns SA_OK with *c filled, SA_ENOTFOUND when none is
 * due, SA_EDB. Audits past PAGE_AUDIT_MAX_ATTEMPTS are left to
 * page_audit_fail_stale.
 */
enum sa_err page_audit_claim(struct db *db, const char *owner, long lease_s,
    struct page_audit_claim *c);

/* Records COMPLETED with summary and modifications (JSON text), if the lease
 * is still owner's. SA_OK, SA_ENOTFOUND (lease lost), SA_EDB. */
enum sa_err page_audit_complete(struct db *db, const char *id,
    const char *owner, const char *summary, const char *mods_json);

/* Fails (with refund) one expired audit that used up its attempts; returns
 * how many it failed (0 or 1), or -1 on a database error. */
int page_audit_fail_stale(struct db *db, const char *owner);

#endif
