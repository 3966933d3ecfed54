/* admin_init_db.c: `admin init --create-db` / `--owner-email` — the
 * database, its user, the schema and the first owner account. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "admin_init.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/accounts.h"
#include "util/uuid.h"

#define IDENT_MAX 64

/* A database / user / host name we are willing to splice into DDL:
 * letters, digits, '_' (and '.', '-', '%' for a host). */
static bool
ident_ok(const char *s, bool host)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > IDENT_MAX)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' &&
		    !(host && (*s == '.' || *s == '-' || *s == '%')))
			return false;
	return true;
}

/* The admin connection: the configuration's socket / host, the admin
 * account, no default database. */
static struct db *
admin_connect(const struct conf *c, const struct init_opts *o)
{
	struct conf ac = *c;
	struct db *db = NULL;
	char err[512];
	const char *pw = o->db_admin_pw_env ? getenv(o->db_admin_pw_env) : NULL;

	ac.db_user = (char *)(o->db_admin_user ? o->db_admin_user : "root");
	ac.db_password = (char *)pw;
	ac.db_name = NULL;
	if (db_open(&db, &ac, err, sizeof(err)) != SA_OK)
		fprintf(stderr, "siteaudit admin init: connecting as %s: %s\n",
		    ac.db_user, err);
	return db;
}

/* The server's hash of the application password (SELECT PASSWORD(?), a
 * prepared statement), checked to be "*" + 40 hex digits. */
static int
password_hash_of(struct db *db, const char *pw, char out[42])
{
	struct db_param p[] = { db_str(pw) };
	struct db_res *r = NULL;
	const char *h;
	int rc = -1;

	if (db_query(db, "SELECT PASSWORD(?)", p, 1, &r) == SA_OK &&
	    (h = db_res_get(r, 0, 0)) != NULL && strlen(h) == 41 && h[0] == '*' &&
	    strspn(h + 1, "0123456789ABCDEF") == 40) {
		memcpy(out, h, 42);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

/*
 * CREATE USER / GRANT cannot take placeholders in MariaDB (neither the
 * names nor IDENTIFIED BY ?), so the statement is assembled here from
 * names checked by ident_ok() and a hash the server computed from a bound
 * parameter — no client text reaches it unchecked, and the password itself
 * never appears in SQL text.
 */
static int
create_db_and_user(struct db *db, const struct conf *c, const char *host,
    const char *hash)
{
	char sql[1024];
	int n = snprintf(sql, sizeof(sql),
	    "CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4"
	    " COLLATE utf8mb4_unicode_ci;"
	    "CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY PASSWORD '%s';"
	    "ALTER USER '%s'@'%s' IDENTIFIED BY PASSWORD '%s';"
	    "GRANT ALL PRIVILEGES ON `%s`.* TO '%s'@'%s'",
	    c->db_name, c->db_user, host, hash, c->db_user, host, hash,
	    c->db_name, c->db_user, host);
	enum sa_err rc;

	if (n < 0 || (size_t)n >= sizeof(sql))
		return -1;
	rc = db_exec_script(db, sql);
	sodium_memzero(sql, sizeof(sql));
	if (rc != SA_OK) {
		fprintf(stderr, "siteaudit admin init: %s\n", db_error(db));
		return -1;
	}
	printf("database %s: ready\nuser %s@%s: ready (password from the"
	    " configuration)\n", c->db_name, c->db_user, host);
	return 0;
}

static void
on_migration(const char *name, void *arg)
{
	(void)arg;
	printf("applied %s\n", name);
}

int
admin_migrate_print(struct db *db, const char *dir, const char *prog)
{
	char err[1024];
	int n = 0;

	if (migrate_run(db, dir, &n, on_migration, NULL, err, sizeof(err)) != SA_OK) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	printf(n ? "%d migration(s) applied\n" : "schema is up to date\n", n);
	return 0;
}

/* Connects as the application user and applies pending migrations. */
static int
migrate_as_app(const struct conf *c)
{
	struct db *db = NULL;
	char err[512];
	int rc = 1;

	if (db_open(&db, c, err, sizeof(err)) != SA_OK)
		fprintf(stderr, "siteaudit admin init: connecting as %s: %s\n",
		    c->db_user, err);
	else
		rc = admin_migrate_print(db, c->migrations_dir,
		    "siteaudit admin init: migrate");
	db_close(db);
	return rc;
}

int
init_database(const struct conf *c, const struct init_opts *o)
{
	const char *host = o->db_user_host ? o->db_user_host : "localhost";
	char hash[42];
	struct db *db;
	int rc = 1;

	if (!ident_ok(c->db_name, false) || !ident_ok(c->db_user, false) ||
	    !ident_ok(host, true) || c->db_password == NULL || !*c->db_password) {
		fputs("siteaudit admin init: --create-db needs database.name and"
		    " database.user made of letters, digits and '_', a host of those"
		    " and '.-%', and a database.password\n", stderr);
		return 2;
	}
	if ((db = admin_connect(c, o)) == NULL)
		return 1;
	if (password_hash_of(db, c->db_password, hash) != 0)
		fprintf(stderr, "siteaudit admin init: PASSWORD(): %s\n", db_error(db));
	else if (create_db_and_user(db, c, host, hash) == 0)
		rc = 0;
	sodium_memzero(hash, sizeof(hash));
	db_close(db);
	return rc == 0 ? migrate_as_app(c) : rc;
}

/* The owner's password: the prompt's answer, else the environment. */
static const char *
owner_password(const struct init_opts *o)
{
	const char *var = o->owner_pw_env ? o->owner_pw_env : "SITEAUDIT_OWNER_PASSWORD";

	return o->password[0] ? o->password : getenv(var);
}

int
init_owner(const struct conf *c, const struct init_opts *o)
{
	const char *pw = owner_password(o);
	char org[UUID_STRLEN + 1], user[UUID_STRLEN + 1], err[512];
	struct db *db = NULL;
	enum sa_err rc = SA_EDB;

	if (pw == NULL || !*pw) {
		fprintf(stderr, "siteaudit admin init: the owner's password goes in $%s"
		    " (or use --interactive)\n",
		    o->owner_pw_env ? o->owner_pw_env : "SITEAUDIT_OWNER_PASSWORD");
		return 2;
	}
	if (db_open(&db, c, err, sizeof(err)) != SA_OK)
		fprintf(stderr, "siteaudit admin init: database: %s\n", err);
	else if (db_begin(db) != SA_OK)
		fprintf(stderr, "siteaudit admin init: %s\n", db_error(db));
	else if ((rc = acct_org_create(db, o->org_name ? o->org_name :
	    "My organisation", o->plan ? o->plan : "pro", org, err,
	    sizeof(err))) != SA_OK ||
	    (rc = acct_user_create(db, org, o->owner_email, "owner", pw, user,
	    err, sizeof(err))) != SA_OK || (rc = db_commit(db)) != SA_OK) {
		db_rollback(db);
		fprintf(stderr, "siteaudit admin init: owner: %s\n",
		    rc == SA_EDB && db_errno(db) == 1062 ?
		    "a user with that e-mail already exists" : err);
	} else
		printf("organisation %s\nowner %s (%s) — sign in at %s/login\n", org,
		    user, o->owner_email, c->base_url ? c->base_url : "");
	db_close(db);
	return rc == SA_OK ? 0 : rc == SA_EINVAL ? 2 : 1;
}
