/* accounts.h: orgs, users, API keys and sites — creation used by `admin`. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_ACCOUNTS_H
#define SA_ACCOUNTS_H

#include <stdbool.h>
#include "auth/apikey.h"
#include "db/db.h"
#include "util/uuid.h"

bool acct_plan_valid(const char *plan);
bool acct_role_valid(const char *role);
bool acct_email_valid(const char *email);

/*
 * Each create validates its inputs, inserts one row with a new UUIDv7 and
 * writes the id into id[37]. SA_EINVAL: bad input (why in err); SA_ENOTFOUND:
 * the parent row (org / user) does not exist; SA_EDB: database error.
 */
enum sa_err acct_org_create(struct db *db, const char *name, const char *plan,
    char id[UUID_STRLEN + 1], char *err, size_t errlen);
enum sa_err acct_org_set_plan(struct db *db, const char *org, const char *plan,
    char *err, size_t errlen);
enum sa_err acct_user_create(struct db *db, const char *org, const char *email,
    const char *role, const char *password, char id[UUID_STRLEN + 1],
    char *err, size_t errlen);
/* Creates a key for user (in the user's org); the key is shown only here. */
enum sa_err acct_key_create(struct db *db, const char *user, const char *name,
    char key[APIKEY_LEN + 1], char id[UUID_STRLEN + 1], char *err,
    size_t errlen);
enum sa_err acct_site_create(struct db *db, const char *org, const char *name,
    const char *url, char id[UUID_STRLEN + 1], char *err, size_t errlen);

#endif
