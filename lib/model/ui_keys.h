/* ui_keys.h: the API keys page's queries — list and revoke (org-scoped). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_UI_KEYS_H
#define SA_UI_KEYS_H

#include "db/db.h"

enum { KL_ID, KL_NAME, KL_PREFIX, KL_ROLE, KL_EMAIL, KL_CREATED, KL_LAST_USED,
	KL_REVOKED, KL__N };
/* The org's keys, newest first, revoked ones included (KL_REVOKED set). */
enum sa_err ui_keys_list(struct db *db, const char *org, struct db_res **out);
/* Revokes key id of org; SA_ENOTFOUND when no live key matched. */
enum sa_err ui_key_revoke(struct db *db, const char *org, const char *id);

#endif
