/* admin_init.h: `siteaudit admin init` — options shared by its three steps. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CLI_ADMIN_INIT_H
#define SA_CLI_ADMIN_INIT_H

#include <stdbool.h>
#include "conf.h"

struct db;

struct init_opts {
	/* the configuration file (written only when it does not exist) */
	const char *base_url, *db_socket, *db_password, *files_dir;
	const char *db_name, *db_user;
	/* --create-db: the database, its user and the schema */
	bool        create_db;
	const char *db_admin_user;     /* default root (unix_socket auth) */
	const char *db_admin_pw_env;   /* env var holding its password, if any */
	const char *db_user_host;      /* default localhost */
	/* --owner-email: the first organisation and its owner */
	const char *owner_email, *org_name, *plan;
	const char *owner_pw_env;      /* default SITEAUDIT_OWNER_PASSWORD */
	bool        interactive;
	/* filled by prompts in interactive mode (owned, wiped on exit) */
	char        email_buf[256], org_buf[256], url_buf[512];
	char        password[256];
};

/* Creates the database, the application user (the configuration's
 * password) and applies the migrations. Returns an exit code. */
int init_database(const struct conf *c, const struct init_opts *o);
/* Applies pending migrations from dir, one "applied NAME" line each, then
 * a summary; errors go to stderr prefixed with prog. Returns 0 or 1. */
int admin_migrate_print(struct db *db, const char *dir, const char *prog);
/* Creates the first organisation and its owner. Returns an exit code. */
int init_owner(const struct conf *c, const struct init_opts *o);
/* Asks for what the flags left out (stdin; no echo for the password on a
 * terminal). Returns 0, or 2 on end of input / a mismatch. */
int init_prompt(struct init_opts *o);

#endif
