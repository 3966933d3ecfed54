/* accounts.c: creation of orgs, users, API keys and sites. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "auth/password.h"
#include "model/accounts.h"

static const char *const plans[] = { "starter", "growth", "pro", "agency" };
static const char *const roles[] = { "owner", "admin", "member", "customer" };

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

bool
acct_plan_valid(const char *plan)
{
	return in_list(plan, plans, SA_NITEMS(plans));
}

bool
acct_role_valid(const char *role)
{
	return in_list(role, roles, SA_NITEMS(roles));
}

bool
acct_email_valid(const char *email)
{
	const char *at;
	size_t n;

	if (email == NULL || (n = strlen(email)) < 3 || n > 254)
		return false;
	at = strchr(email, '@');
	if (at == NULL || at == email || strchr(at + 1, '@') || at[1] == '\0')
		return false;
	for (const char *p = email; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"')
			return false;
	return strchr(at + 1, '.') != NULL;
}

static enum sa_err
fail(char *err, size_t errlen, enum sa_err rc, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return rc;
}

static enum sa_err
db_fail(struct db *db, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s", db_error(db));
	return SA_EDB;
}

static bool
name_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n <= max;
}

enum sa_err
acct_org_create(struct db *db, const char *name, const char *plan,
    char id[UUID_STRLEN + 1], char *err, size_t errlen)
{
	static const char sql[] =
	    "INSERT INTO orgs (id, name, plan) VALUES (?, ?, ?)";
	struct db_param p[3];

	if (!name_ok(name, 200))
		return fail(err, errlen, SA_EINVAL, "--name must be 1 to 200 characters");
	if (!acct_plan_valid(plan))
		return fail(err, errlen, SA_EINVAL,
		    "--plan must be starter, growth, pro or agency");
	uuid_v7(id);
	p[0] = DB_STR(id), p[1] = DB_STR(name), p[2] = DB_STR(plan);
	if (db_exec(db, sql, p, 3, NULL) != SA_OK)
		return db_fail(db, err, errlen);
	return SA_OK;
}

enum sa_err
acct_org_set_plan(struct db *db, const char *org, const char *plan, char *err,
    size_t errlen)
{
	static const char sql[] = "UPDATE orgs SET plan = ? WHERE id = ?";
	struct db_param p[2];
	unsigned long long n = 0;

	if (!uuid_valid(org))
		return fail(err, errlen, SA_EINVAL, "--org must be a UUID");
	if (!acct_plan_valid(plan))
		return fail(err, errlen, SA_EINVAL,
		    "--plan must be starter, growth, pro or agency");
	p[0] = DB_STR(plan), p[1] = DB_STR(org);
	if (db_exec(db, sql, p, 2, &n) != SA_OK)
		return db_fail(db, err, errlen);
	return n ? SA_OK : fail(err, errlen, SA_ENOTFOUND, "no such org");
}

/* SA_OK when a row with this id exists in the table the query names. */
static enum sa_err
exists(struct db *db, const char *sql, const char *id, char *out_org)
{
	struct db_param p = DB_STR(id);
	struct db_res *r = NULL;
	enum sa_err rc;

	if ((rc = db_query(db, sql, &p, 1, &r)) != SA_OK)
		return rc;
	rc = r->nrows ? SA_OK : SA_ENOTFOUND;
	if (rc == SA_OK && out_org)
		snprintf(out_org, UUID_STRLEN + 1, "%s", db_res_get(r, 0, 0));
	db_res_free(r);
	return rc;
}

static enum sa_err
check_parent(struct db *db, const char *sql, const char *id, const char *what,
    char *org, char *err, size_t errlen)
{
	enum sa_err rc;

	if (!uuid_valid(id)) {
		snprintf(err, errlen, "%s must be a UUID", what);
		return SA_EINVAL;
	}
	if ((rc = exists(db, sql, id, org)) == SA_ENOTFOUND)
		snprintf(err, errlen, "no such %s", what + 2);
	else if (rc != SA_OK)
		return db_fail(db, err, errlen);
	return rc;
}

enum sa_err
acct_user_create(struct db *db, const char *org, const char *email,
    const char *role, const char *password, char id[UUID_STRLEN + 1],
    char *err, size_t errlen)
{
	static const char sql[] = "INSERT INTO users (id, org_id, email, role,"
	    " password_hash) VALUES (?, ?, ?, ?, ?)";
	static const char sql_org[] = "SELECT id FROM orgs WHERE id = ?";
	char hash[PASSWORD_HASH_MAX];
	struct db_param p[5];
	enum sa_err rc;

	if (!acct_email_valid(email))
		return fail(err, errlen, SA_EINVAL, "--email is not a valid address");
	if (!acct_role_valid(role))
		return fail(err, errlen, SA_EINVAL,
		    "--role must be owner, admin, member or customer");
	if (password && strlen(password) < 8)
		return fail(err, errlen, SA_EINVAL,
		    "--password must be at least 8 characters");
	if ((rc = check_parent(db, sql_org, org, "--org", NULL, err, errlen)) != SA_OK)
		return rc;
	if (password && password_hash(password, hash) != SA_OK)
		return fail(err, errlen, SA_ENOMEM, "password hashing failed");
	uuid_v7(id);
	p[0] = DB_STR(id), p[1] = DB_STR(org), p[2] = DB_STR(email);
	p[3] = DB_STR(role), p[4] = password ? DB_STR(hash) : DB_NULL;
	if (db_exec(db, sql, p, 5, NULL) != SA_OK)
		return db_fail(db, err, errlen);
	return SA_OK;
}

enum sa_err
acct_key_create(struct db *db, const char *user, const char *name,
    char key[APIKEY_LEN + 1], char id[UUID_STRLEN + 1], char *err,
    size_t errlen)
{
	static const char sql[] = "INSERT INTO api_keys (id, org_id, user_id,"
	    " name, prefix, key_hash) VALUES (?, ?, ?, ?, ?, ?)";
	static const char sql_user[] = "SELECT org_id FROM users WHERE id = ?";
	unsigned char hash[APIKEY_HASH_LEN];
	char org[UUID_STRLEN + 1], shown[APIKEY_SHOWN_LEN + 1];
	struct db_param p[6];
	enum sa_err rc;

	if (name && strlen(name) > 100)
		return fail(err, errlen, SA_EINVAL, "--name must be at most 100 characters");
	if ((rc = check_parent(db, sql_user, user, "--user", org, err, errlen)) != SA_OK)
		return rc;
	apikey_generate(key);
	apikey_hash(key, hash);
	apikey_shown_prefix(key, shown);
	uuid_v7(id);
	p[0] = DB_STR(id), p[1] = DB_STR(org), p[2] = DB_STR(user);
	p[3] = DB_STR(name ? name : ""), p[4] = DB_STR(shown);
	p[5] = (struct db_param){ .t = DBP_STR, .s = (const char *)hash,
	    .len = sizeof(hash) };
	if (db_exec(db, sql, p, 6, NULL) != SA_OK)
		return db_fail(db, err, errlen);
	return SA_OK;
}

static bool
url_plausible(const char *url)
{
	size_t n = url ? strlen(url) : 0;

	if (n < 8 || n > 2048)
		return false;
	return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
}

enum sa_err
acct_site_create(struct db *db, const char *org, const char *name,
    const char *url, char id[UUID_STRLEN + 1], char *err, size_t errlen)
{
	static const char sql[] =
	    "INSERT INTO sites (id, org_id, name, url) VALUES (?, ?, ?, ?)";
	static const char sql_org[] = "SELECT id FROM orgs WHERE id = ?";
	struct db_param p[4];
	enum sa_err rc;

	if (!name_ok(name, 200))
		return fail(err, errlen, SA_EINVAL, "--name must be 1 to 200 characters");
	if (!url_plausible(url))
		return fail(err, errlen, SA_EINVAL,
		    "--url must be an http:// or https:// URL");
	if ((rc = check_parent(db, sql_org, org, "--org", NULL, err, errlen)) != SA_OK)
		return rc;
	uuid_v7(id);
	p[0] = DB_STR(id), p[1] = DB_STR(org), p[2] = DB_STR(name), p[3] = DB_STR(url);
	if (db_exec(db, sql, p, 4, NULL) != SA_OK)
		return db_fail(db, err, errlen);
	return SA_OK;
}
