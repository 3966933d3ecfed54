/* admin.c: key listing / revocation and budgets for `siteaudit admin`. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "auth/apikey.h"
#include "model/admin.h"
#include "model/budget.h"

static enum sa_err
fail(char *err, size_t errlen, enum sa_err rc, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return rc;
}

/* Checks that id is a UUID naming a row of sql's table; copies column 0 of
 * the row (its org) into org when org is not NULL. */
static enum sa_err
parent(struct db *db, const char *sql, const char *id, const char *flag,
    char *org, char *err, size_t errlen)
{
	struct db_param p = DB_STR(id);
	struct db_res *r = NULL;
	enum sa_err rc;

	if (!uuid_valid(id)) {
		snprintf(err, errlen, "%s must be a UUID", flag);
		return SA_EINVAL;
	}
	if (db_query(db, sql, &p, 1, &r) != SA_OK)
		return fail(err, errlen, SA_EDB, db_error(db));
	rc = r->nrows ? SA_OK : SA_ENOTFOUND;
	if (rc == SA_OK && org)
		snprintf(org, UUID_STRLEN + 1, "%s", db_res_get(r, 0, 0));
	else if (rc != SA_OK)
		snprintf(err, errlen, "no such %s", flag + 2);
	db_res_free(r);
	return rc;
}

static enum sa_err
list(struct db *db, const char *sql, const char *id, struct db_res **out,
    char *err, size_t errlen)
{
	struct db_param p = DB_STR(id);

	if (db_query(db, sql, &p, 1, out) != SA_OK)
		return fail(err, errlen, SA_EDB, db_error(db));
	return SA_OK;
}

enum sa_err
admin_key_list(struct db *db, const char *org, struct db_res **out, char *err,
    size_t errlen)
{
	static const char sql_org[] = "SELECT id FROM orgs WHERE id = ?";
	static const char sql[] =
	    "SELECT k.id, k.name, k.prefix, u.role, k.created_at, k.last_used_at,"
	    " k.revoked_at FROM api_keys k JOIN users u ON u.id = k.user_id"
	    " WHERE k.org_id = ? ORDER BY k.created_at, k.id";
	enum sa_err rc;

	*out = NULL;
	if ((rc = parent(db, sql_org, org, "--org", NULL, err, errlen)) != SA_OK)
		return rc;
	return list(db, sql, org, out, err, errlen);
}

/* Finds the key's id and revoked state, by hash or by shown prefix. */
static enum sa_err
find_key(struct db *db, const char *k, struct db_res **r, char *err,
    size_t errlen)
{
	static const char by_hash[] =
	    "SELECT id, revoked_at FROM api_keys WHERE key_hash = ?";
	static const char by_prefix[] =
	    "SELECT id, revoked_at FROM api_keys WHERE prefix = ? LIMIT 2";
	unsigned char hash[APIKEY_HASH_LEN];
	const char *sql = by_prefix;
	struct db_param p;

	if (k && strlen(k) == APIKEY_LEN) {
		if (!apikey_well_formed(k))
			return fail(err, errlen, SA_EINVAL,
			    "--key is not a valid key (mistyped? the checksum"
			    " does not match)");
		apikey_hash(k, hash);
		p = (struct db_param){ .t = DBP_STR, .s = (const char *)hash,
		    .len = sizeof(hash) };
		sql = by_hash;
	} else if (k && strlen(k) == APIKEY_SHOWN_LEN &&
	    strncmp(k, APIKEY_PREFIX, APIKEY_PREFIX_LEN) == 0) {
		p = DB_STR(k);
	} else {
		return fail(err, errlen, SA_EINVAL, "--key must be a whole key or its"
		    " shown prefix (" APIKEY_PREFIX "XXXXXXXX)");
	}
	if (db_query(db, sql, &p, 1, r) != SA_OK)
		return fail(err, errlen, SA_EDB, db_error(db));
	return SA_OK;
}

enum sa_err
admin_key_revoke(struct db *db, const char *key_or_prefix,
    char id[UUID_STRLEN + 1], bool *already, char *err, size_t errlen)
{
	static const char sql[] = "UPDATE api_keys SET revoked_at = NOW(3)"
	    " WHERE id = ? AND revoked_at IS NULL";
	struct db_res *r = NULL;
	struct db_param p;
	enum sa_err rc;

	if ((rc = find_key(db, key_or_prefix, &r, err, errlen)) != SA_OK)
		return rc;
	if (r->nrows > 1)
		rc = fail(err, errlen, SA_EINVAL,
		    "that prefix matches several keys: give the whole key");
	else if (r->nrows == 0)
		rc = fail(err, errlen, SA_ENOTFOUND, "no such key");
	if (rc == SA_OK) {
		snprintf(id, UUID_STRLEN + 1, "%s", db_res_get(r, 0, 0));
		*already = db_res_get(r, 0, 1) != NULL;
	}
	db_res_free(r);
	if (rc != SA_OK || *already)
		return rc;
	p = DB_STR(id);
	if (db_exec(db, sql, &p, 1, NULL) != SA_OK)
		return fail(err, errlen, SA_EDB, db_error(db));
	return SA_OK;
}

/* Parses the threshold for metric m; SA_EINVAL with a message if bad. */
static enum sa_err
parse_threshold(enum budget_metric m, const char *s, double *out, char *err,
    size_t errlen)
{
	char *end = NULL;

	errno = 0;
	*out = s ? strtod(s, &end) : 0;
	if (s == NULL || end == s || *end != '\0' || errno || !isfinite(*out))
		return fail(err, errlen, SA_EINVAL, "--threshold must be a number");
	if (*out < 0 || (!budget_metric_is_timing(m) && *out > 100))
		return fail(err, errlen, SA_EINVAL, budget_metric_is_timing(m) ?
		    "--threshold must be 0 or more for a timing metric" :
		    "--threshold must be 0 to 100 for a score");
	return SA_OK;
}

enum sa_err
admin_budget_add(struct db *db, const char *site, const char *metric,
    const char *op, const char *threshold, char id[UUID_STRLEN + 1],
    char *err, size_t errlen)
{
	static const char sql_site[] = "SELECT org_id FROM sites WHERE id = ?";
	static const char sql[] = "INSERT INTO budgets (id, org_id, site_id,"
	    " metric, operator, threshold) VALUES (?, ?, ?, ?, ?, ?)";
	enum budget_metric m = budget_metric_parse(metric);
	char org[UUID_STRLEN + 1];
	struct db_param p[6];
	enum sa_err rc;
	double t;

	if (m == BM__MAX)
		return fail(err, errlen, SA_EINVAL, "--metric must be one of health,"
		    " performance, seo, accessibility, bestPractices, security,"
		    " agentReadiness, lcp, cls, inp, fcp, ttfb, tbt");
	if (budget_op_parse(op) == BUDGET_OP__MAX)
		return fail(err, errlen, SA_EINVAL, "--operator must be min or max");
	if ((rc = parse_threshold(m, threshold, &t, err, errlen)) != SA_OK ||
	    (rc = parent(db, sql_site, site, "--site", org, err, errlen)) != SA_OK)
		return rc;
	uuid_v7(id);
	p[0] = DB_STR(id), p[1] = DB_STR(org), p[2] = DB_STR(site);
	p[3] = DB_STR(metric), p[4] = DB_STR(op), p[5] = DB_DBL(t);
	if (db_exec(db, sql, p, 6, NULL) != SA_OK)
		return fail(err, errlen, SA_EDB, db_error(db));
	return SA_OK;
}

enum sa_err
admin_budget_list(struct db *db, const char *site, struct db_res **out,
    char *err, size_t errlen)
{
	static const char sql_site[] = "SELECT org_id FROM sites WHERE id = ?";
	/* CAST: the binary protocol hands DOUBLE cells back as empty text */
	static const char sql[] = "SELECT id, metric, operator,"
	    " CAST(threshold AS CHAR) AS threshold,"
	    " created_at FROM budgets WHERE site_id = ? ORDER BY created_at, id";
	enum sa_err rc;

	*out = NULL;
	if ((rc = parent(db, sql_site, site, "--site", NULL, err, errlen)) != SA_OK)
		return rc;
	return list(db, sql, site, out, err, errlen);
}
