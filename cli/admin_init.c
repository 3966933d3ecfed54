/* admin_init.c: `siteaudit admin init` — a configuration with its secrets. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "admin_init.h"
#include "cmd.h"
#include "conf.h"

static const char init_usage[] =
    "usage: siteaudit admin init [--base-url URL] [--db-socket PATH]\n"
    "         [--db-name NAME] [--db-user USER] [--db-password P] [--files-dir DIR]\n"
    "         [--create-db [--db-admin-user root] [--db-admin-password-env VAR]\n"
    "                      [--db-user-host localhost]]\n"
    "         [--owner-email E [--org-name N] [--plan P] [--owner-password-env VAR]]\n"
    "         [--interactive]\n"
    "1. Writes $SITEAUDIT_CONF (default " CONF_DEFAULT_PATH ") when it does not\n"
    "   exist, with a generated database password and file-signing secret; on an\n"
    "   existing file it only adds files.signing_secret when that is missing.\n"
    "2. --create-db: connects as the MariaDB admin (root over the unix socket by\n"
    "   default), creates the database and its user with the configuration's\n"
    "   password, and applies the migrations.\n"
    "3. --owner-email: creates the first organisation and its owner; the password\n"
    "   comes from $SITEAUDIT_OWNER_PASSWORD (or --owner-password-env VAR).\n"
    "--interactive asks for the base URL, owner e-mail, organisation and password.\n"
    "Secrets are never printed.\n";

/* 32 random bytes as 64 hex characters. */
static void
random_hex(char out[65])
{
	unsigned char b[32];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, 65, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

/* Options that take a value, and where each one goes. */
#define VALUE_OPTS(o) { \
	{ "--base-url", &(o)->base_url }, { "--db-socket", &(o)->db_socket }, \
	{ "--db-password", &(o)->db_password }, { "--files-dir", &(o)->files_dir }, \
	{ "--db-name", &(o)->db_name }, { "--db-user", &(o)->db_user }, \
	{ "--db-admin-user", &(o)->db_admin_user }, \
	{ "--db-admin-password-env", &(o)->db_admin_pw_env }, \
	{ "--db-user-host", &(o)->db_user_host }, \
	{ "--owner-email", &(o)->owner_email }, { "--org-name", &(o)->org_name }, \
	{ "--plan", &(o)->plan }, { "--owner-password-env", &(o)->owner_pw_env }, \
}

static int
parse(int argc, char **argv, struct init_opts *o)
{
	const struct { const char *name; const char **slot; } opts[] = VALUE_OPTS(o);

	memset(o, 0, sizeof(*o));

	for (int i = 0; i < argc; i++) {
		size_t k = 0;

		if (strcmp(argv[i], "--create-db") == 0) {
			o->create_db = true;
			continue;
		}
		if (strcmp(argv[i], "--interactive") == 0 || strcmp(argv[i], "-i") == 0) {
			o->interactive = true;
			continue;
		}
		while (k < sizeof(opts) / sizeof(opts[0]) && strcmp(argv[i], opts[k].name) != 0)
			k++;
		if (k == sizeof(opts) / sizeof(opts[0]) || i + 1 >= argc)
			return -1;
		*opts[k].slot = argv[++i];
	}
	return 0;
}

/* Opens path for a new file readable by owner and group only. */
static FILE *
create_private(const char *path, int flags)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | flags, 0640);

	return fd < 0 ? NULL : fdopen(fd, flags & O_APPEND ? "a" : "w");
}

static int
write_new(const char *path, const struct init_opts *o)
{
	char secret[65], dbpw[65];
	FILE *f = create_private(path, O_CREAT | O_EXCL);

	if (f == NULL) {
		fprintf(stderr, "siteaudit admin init: %s: %s\n", path, strerror(errno));
		return 1;
	}
	random_hex(secret);
	random_hex(dbpw);
	fprintf(f, "# %s, written by `siteaudit admin init`.\n"
	    "# Every key is documented in docs/configuration.md.\n\n"
	    "[server]\nbase_url = %s\n\n[database]\nsocket = %s\nname = %s\n"
	    "user = %s\npassword = %s\n\n[files]\ndir = %s\nsigning_secret = %s\n",
	    path, o->base_url ? o->base_url : "http://localhost",
	    o->db_socket ? o->db_socket : "/run/mysqld/mysqld.sock",
	    o->db_name ? o->db_name : "siteaudit",
	    o->db_user ? o->db_user : "siteaudit",
	    o->db_password ? o->db_password : dbpw,
	    o->files_dir ? o->files_dir : "/var/lib/siteaudit/files", secret);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(dbpw, sizeof(dbpw));
	if (fclose(f) != 0)
		return 1;
	printf("wrote %s (database password%s and signing secret generated)\n", path,
	    o->db_password ? " given" : "");
	return 0;
}

static int
add_secret(const char *path)
{
	char secret[65];
	FILE *f = create_private(path, O_APPEND);

	if (f == NULL) {
		fprintf(stderr, "siteaudit admin init: %s: %s\n", path, strerror(errno));
		return 1;
	}
	random_hex(secret);
	fprintf(f, "\n[files]\n# added by `siteaudit admin init`\nsigning_secret = %s\n",
	    secret);
	sodium_memzero(secret, sizeof(secret));
	if (fclose(f) != 0)
		return 1;
	printf("added files.signing_secret to %s\n", path);
	return 0;
}

static int
update_existing(const char *path)
{
	struct conf c;
	char *err = NULL;
	int rc;

	if (conf_load(&c, path, &err) != SA_OK) {
		fprintf(stderr, "%s", err ? err : "configuration error\n");
		free(err);
		conf_free(&c);
		return 78;
	}
	rc = c.signing_secret && *c.signing_secret ? 0 : add_secret(path);
	if (rc == 0 && c.signing_secret && *c.signing_secret)
		printf("%s: ok (signing secret present)\n", path);
	conf_free(&c);
	return rc;
}

/* Steps 2 and 3 on the configuration now in place. */
static int
database_steps(const char *path, const struct init_opts *o)
{
	struct conf c;
	char *err = NULL;
	int rc = 0;

	if (conf_load(&c, path, &err) != SA_OK) {
		fprintf(stderr, "%s", err ? err : "configuration error\n");
		free(err);
		conf_free(&c);
		return 78;
	}
	if (o->create_db)
		rc = init_database(&c, o);
	if (rc == 0 && o->owner_email)
		rc = init_owner(&c, o);
	conf_free(&c);
	return rc;
}

int
admin_init(int argc, char **argv)
{
	const char *path = conf_default_path();
	struct init_opts o;
	int rc;

	if (argc > 0 && strcmp(argv[0], "--help") == 0)
		return fputs(init_usage, stdout), 0;
	if (parse(argc, argv, &o) != 0) {
		fputs(init_usage, stderr);
		return 2;
	}
	if (o.interactive && (rc = init_prompt(&o)) != 0) {
		sodium_memzero(o.password, sizeof(o.password));
		return rc;
	}
	rc = access(path, F_OK) != 0 ? write_new(path, &o) : update_existing(path);
	if (rc == 0 && (o.create_db || o.owner_email))
		rc = database_steps(path, &o);
	sodium_memzero(o.password, sizeof(o.password));
	return rc;
}
