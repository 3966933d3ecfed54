/* hook.h: the inbound deploy hook — a per-site secret URL that queues a scan. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_HOOK_H
#define SA_HOOK_H

#include <stdbool.h>
#include "db/db.h"
#include "model/scan.h"
#include "model/webhook.h"

/*
 * Queues a scan of the site whose deploy-hook token is token (only its
 * SHA-256 is stored), trigger 'hook', no user. Same dedupe as scanq_enqueue
 * (one active scan per site); the rate limit is per site instead of per
 * user: HOOK_PER_SITE_HOUR hook scans per site per hour (the hook has no
 * user, and a site's deploys are what it counts). SCANQ_NOTFOUND for an
 * unknown or revoked token. On SCANQ_QUEUED the scan id is in id[37].
 */
enum scanq_outcome hook_enqueue(struct db *db, const char *token,
    char id[UUID_STRLEN + 1], long long *retry_usec);

/*
 * Gives site site_id of org_id a new token (written to token, shown once;
 * the previous one stops working). SA_ENOTFOUND when no such site.
 */
enum sa_err hook_token_regenerate(struct db *db, const char *org_id,
    const char *site_id, char token[HOOK_TOKEN_LEN + 1]);
/* Revokes the site's token (the hook answers 404). SA_ENOTFOUND / SA_EDB. */
enum sa_err hook_token_revoke(struct db *db, const char *org_id,
    const char *site_id);
/* Whether the site has a deploy-hook token; false on any error. */
bool hook_token_exists(struct db *db, const char *org_id, const char *site_id);
/* The org of site site_id into org[37] (admin CLI). SA_ENOTFOUND / SA_EDB. */
enum sa_err hook_site_org(struct db *db, const char *site_id,
    char org[UUID_STRLEN + 1]);

#endif
