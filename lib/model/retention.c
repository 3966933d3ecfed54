/* retention.c: retention horizons, per-org overrides and the pass claim.
 * The prune pass itself is in retention_prune.c. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/retention.h"
#include "util/uuid.h"

static const char sql_set[] =
    "UPDATE orgs SET retention_days = ? WHERE id = ?";
static const char sql_get[] =
    "SELECT retention_days FROM orgs WHERE id = ?";
/* one row, one winner: the UPDATE that moves next_run_at owns the pass */
static const char sql_claim[] =
    "UPDATE runner_jobs SET next_run_at = NOW(3) + INTERVAL ? SECOND,"
    " last_owner = ?, last_started_at = NOW(3)"
    " WHERE name = 'retention' AND next_run_at <= NOW(3)";
static const char sql_due_now[] =
    "UPDATE runner_jobs SET next_run_at = NOW(3) WHERE name = 'retention'";

int
retention_parse_days(const char *s, long *days)
{
	char *end = NULL;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	if (strcmp(s, "default") == 0) {
		*days = RETENTION_DEFAULT;
		return 0;
	}
	if (*s < '0' || *s > '9')   /* no sign, no blank: strtol would allow them */
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || v > RETENTION_MAX_DAYS)
		return -1;
	*days = v;
	return 0;
}

long
retention_effective_days(long override, long default_days)
{
	long d = override >= 0 ? override : default_days;

	return d < 0 ? 0 : d;
}

void
retention_describe(char out[RETENTION_DESC_LEN], long override,
    long default_days)
{
	long d = retention_effective_days(override, default_days);
	const char *from = override >= 0 ? "org override" :
	    "the configured default";

	if (d == 0)
		snprintf(out, RETENTION_DESC_LEN, "retention: keep forever (%s)", from);
	else
		snprintf(out, RETENTION_DESC_LEN, "retention: %ld days (%s)", d, from);
}

static enum sa_err
fail(char *err, size_t errlen, enum sa_err rc, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return rc;
}

enum sa_err
retention_get_org(struct db *db, const char *org, long *days, char *err,
    size_t errlen)
{
	struct db_param p = DB_STR(org);
	struct db_res *r = NULL;
	const char *v;

	if (org == NULL || !uuid_valid(org))
		return fail(err, errlen, SA_EINVAL, "ORG_ID must be an org id (a UUID)");
	if (db_query(db, sql_get, &p, 1, &r) != SA_OK)
		return fail(err, errlen, SA_EDB, db_error(db));
	if (r->nrows != 1) {
		db_res_free(r);
		return fail(err, errlen, SA_ENOTFOUND, "no such org");
	}
	v = db_res_get(r, 0, 0);
	*days = v ? strtol(v, NULL, 10) : RETENTION_DEFAULT;
	db_res_free(r);
	return SA_OK;
}

enum sa_err
retention_set_org(struct db *db, const char *org, long days, char *err,
    size_t errlen)
{
	struct db_param p[2] = { days == RETENTION_DEFAULT ? DB_NULL :
	    DB_INT(days), DB_STR(org) };
	long old;
	enum sa_err rc;

	if (days != RETENTION_DEFAULT && (days < 0 || days > RETENTION_MAX_DAYS))
		return fail(err, errlen, SA_EINVAL,
		    "DAYS must be 0 (keep forever) to 36500, or 'default'");
	/* the lookup tells a missing org from an unchanged value (0 rows) */
	if ((rc = retention_get_org(db, org, &old, err, errlen)) != SA_OK)
		return rc;
	if (db_exec(db, sql_set, p, 2, NULL) != SA_OK)
		return fail(err, errlen, SA_EDB, db_error(db));
	return SA_OK;
}

enum sa_err
retention_claim(struct db *db, const char *owner, long interval_s,
    bool *claimed)
{
	struct db_param p[2] = { DB_INT(interval_s), DB_STR(owner) };
	unsigned long long n = 0;

	*claimed = false;
	if (db_exec(db, sql_claim, p, 2, &n) != SA_OK)
		return SA_EDB;
	*claimed = n == 1;
	return SA_OK;
}

enum sa_err
retention_due_now(struct db *db)
{
	return db_exec(db, sql_due_now, NULL, 0, NULL);
}
