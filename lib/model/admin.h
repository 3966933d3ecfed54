/* admin.h: administration queries for `siteaudit admin` — key list and
 * revoke, budgets, listing rows for the terminal. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_MODEL_ADMIN_H
#define SA_MODEL_ADMIN_H

#include <stdbool.h>
#include "db/db.h"
#include "util/uuid.h"

/*
 * The keys of org, oldest first, in *out (caller db_res_free()s): id, name,
 * prefix, role, created_at, last_used_at, revoked_at. Never the key or its
 * hash. SA_EINVAL / SA_ENOTFOUND (no such org) / SA_EDB, why in err.
 */
enum sa_err admin_key_list(struct db *db, const char *org,
    struct db_res **out, char *err, size_t errlen);

/*
 * Revokes the key given in full (looked up by hash) or by its shown prefix
 * ("sk_pageref_" + 8 characters, which must match exactly one key). Writes
 * the key's id into id[37]; *already is true when it was revoked before.
 * SA_EINVAL (malformed, mistyped or ambiguous), SA_ENOTFOUND, SA_EDB.
 */
enum sa_err admin_key_revoke(struct db *db, const char *key_or_prefix,
    char id[UUID_STRLEN + 1], bool *already, char *err, size_t errlen);

/*
 * Adds a budget to site: metric (health, performance, seo, accessibility,
 * bestPractices, security, agentReadiness, lcp, cls, inp, fcp, ttfb, tbt),
 * operator min | max, threshold a number (0..100 for scores, >= 0 for
 * timings). The new
 * id goes into id[37]. SA_EINVAL / SA_ENOTFOUND (no such site) / SA_EDB.
 */
enum sa_err admin_budget_add(struct db *db, const char *site,
    const char *metric, const char *op, const char *threshold,
    char id[UUID_STRLEN + 1], char *err, size_t errlen);

/*
 * The budgets of site, oldest first, in *out (caller db_res_free()s): id,
 * metric, operator, threshold, created_at. Errors as admin_budget_add.
 */
enum sa_err admin_budget_list(struct db *db, const char *site,
    struct db_res **out, char *err, size_t errlen);

#endif
