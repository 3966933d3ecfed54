/* ui_keys.c: listing and revoking an org's API keys. */
/* SPDX-License-Identifier: MIT */
#include "model/ui_keys.h"

static const char sql_list[] =
    "SELECT k.id, k.name, k.prefix, u.role, u.email,"
    " DATE_FORMAT(k.created_at, '%Y-%m-%d %H:%i UTC'),"
    " DATE_FORMAT(k.last_used_at, '%Y-%m-%d %H:%i UTC'),"
    " DATE_FORMAT(k.revoked_at, '%Y-%m-%d %H:%i UTC')"
    " FROM api_keys k JOIN users u ON u.id = k.user_id"
    " WHERE k.org_id = ? ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC";
static const char sql_revoke[] =
    "UPDATE api_keys SET revoked_at = NOW(3)"
    " WHERE id = ? AND org_id = ? AND revoked_at IS NULL";

enum sa_err
ui_keys_list(struct db *db, const char *org, struct db_res **out)
{
	struct db_param p = DB_STR(org);

	return db_query(db, sql_list, &p, 1, out);
}

enum sa_err
ui_key_revoke(struct db *db, const char *org, const char *id)
{
	struct db_param p[2] = { DB_STR(id), DB_STR(org) };
	unsigned long long n = 0;

	if (db_exec(db, sql_revoke, p, 2, &n) != SA_OK)
		return SA_EDB;
	return n ? SA_OK : SA_ENOTFOUND;
}
