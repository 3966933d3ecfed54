/* admin.c: `siteaudit admin …` — migrations and account administration. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "auth/password.h"
#include "admin_init.h"
#include "cmd.h"
#include "conf.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/accounts.h"
#include "model/admin.h"
#include "model/hook.h"
#include "model/retention.h"
#include "model/schedule.h"

struct opts {
	const char *name, *plan, *org, *email, *role, *password, *user, *url;
	const char *key, *site, *metric, *op, *threshold, *schedule;
	const char *hour, *weekday, *monthday;
};

struct admin_env {
	struct conf conf;
	struct db  *db;
	struct opts o;
	char      **pos;    /* positional arguments (org retention) */
	int         npos;
};

static const char usage_text[] =
    "usage: siteaudit admin SUBCOMMAND [OPTIONS]\n"
    "  init [--base-url U] [--db-socket S] [--db-password P] [--files-dir D]\n"
    "                                     write $SITEAUDIT_CONF with generated secrets\n"
    "                                     (or add a missing signing secret)\n"
    "  check-config                       validate $SITEAUDIT_CONF and exit\n"
    "  migrate                            apply pending sql/ migrations\n"
    "  org create --name N --plan starter|growth|pro|agency\n"
    "  org set-plan --org ID --plan P\n"
    "  org retention ORG_ID [DAYS|default]\n"
    "                                     show or set the org's retention horizon\n"
    "                                     (0 = keep forever; docs/retention.md)\n"
    "  user create --org ID --email E --role owner|admin|member|customer"
    " [--password P]\n"
    "  key create --user ID [--name N]\n"
    "  key list --org ID                  id, name, prefix, role, times\n"
    "  key revoke --key KEY-OR-PREFIX     the whole key, or its shown prefix\n"
    "  site create --org ID --name N --url U\n"
    "  site schedule --site ID --schedule off|daily|weekly|monthly"
    " [--hour H] [--weekday D] [--monthday N]\n"
    "                                     (UTC hour 0-23, weekday 0=Sunday,"
    " monthday 1-28)\n"
    "  site hook --site ID                a new deploy-hook token (shown once)\n"
    "  site hook-revoke --site ID         revoke the site's deploy hook\n"
    "  budget add --site ID --metric M --operator min|max --threshold T\n"
    "  budget list --site ID\n"
    "Each create prints the new id (or the key, shown once) as its last line.\n";

static int
usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

/* Parses --flag value pairs into o; returns -1 on an unknown flag. */
static int
parse_opts(int argc, char **argv, struct opts *o)
{
	static const char *const names[] = { "--name", "--plan", "--org",
	    "--email", "--role", "--password", "--user", "--url", "--key",
	    "--site", "--metric", "--operator", "--threshold", "--schedule",
	    "--hour", "--weekday", "--monthday" };
	const char **slots[] = { &o->name, &o->plan, &o->org, &o->email,
	    &o->role, &o->password, &o->user, &o->url, &o->key, &o->site,
	    &o->metric, &o->op, &o->threshold, &o->schedule, &o->hour,
	    &o->weekday, &o->monthday };
	_Static_assert(SA_NITEMS(names) == SA_NITEMS(slots), "option table");

	for (int i = 0; i < argc; i += 2) {
		size_t k;
		for (k = 0; k < SA_NITEMS(names); k++)
			if (strcmp(argv[i], names[k]) == 0)
				break;
		if (k == SA_NITEMS(names) || i + 1 >= argc) {
			fprintf(stderr, "siteaudit admin: %s '%s'\n",
			    k == SA_NITEMS(names) ? "unknown option" : "missing value for",
			    argv[i]);
			return -1;
		}
		*slots[k] = argv[i + 1];
	}
	return 0;
}

static int
load_conf(struct conf *c)
{
	char *err = NULL;

	if (conf_load(c, NULL, &err) != SA_OK) {
		fprintf(stderr, "%s", err ? err : "configuration error\n");
		free(err);
		return -1;
	}
	return 0;
}

static int
open_db(struct admin_env *e)
{
	char err[512];

	if (db_open(&e->db, &e->conf, err, sizeof(err)) != SA_OK) {
		fprintf(stderr, "siteaudit admin: database: %s\n", err);
		return -1;
	}
	return 0;
}

static int
do_migrate(struct admin_env *e)
{
	return admin_migrate_print(e->db, e->conf.migrations_dir,
	    "siteaudit admin migrate");
}

static int
report(enum sa_err rc, const char *what, const char *err, const char *out)
{
	if (rc != SA_OK) {
		fprintf(stderr, "siteaudit admin %s: %s\n", what, err);
		return rc == SA_EDB ? 1 : 2;
	}
	printf("%s\n", out);
	return 0;
}

static int
do_org_create(struct admin_env *e)
{
	char id[UUID_STRLEN + 1], err[512];

	return report(acct_org_create(e->db, e->o.name, e->o.plan, id, err,
	    sizeof(err)), "org create", err, id);
}

static int
do_org_set_plan(struct admin_env *e)
{
	char err[512];

	return report(acct_org_set_plan(e->db, e->o.org, e->o.plan, err,
	    sizeof(err)), "org set-plan", err, e->o.org);
}

/* org retention ORG_ID [DAYS|default]: shows, or sets then shows. */
static int
do_org_retention(struct admin_env *e)
{
	char err[512], out[RETENTION_DESC_LEN] = "";
	long days = RETENTION_DEFAULT, own = RETENTION_DEFAULT;
	enum sa_err rc = SA_OK;

	if (e->npos < 1 || e->npos > 2)
		return usage();
	if (e->npos == 2 && retention_parse_days(e->pos[1], &days) != 0) {
		fprintf(stderr, "siteaudit admin org retention: DAYS must be 0"
		    " (keep forever) to %ld, or 'default'\n", RETENTION_MAX_DAYS);
		return 2;
	}
	if (e->npos == 2)
		rc = retention_set_org(e->db, e->pos[0], days, err, sizeof(err));
	if (rc == SA_OK)
		rc = retention_get_org(e->db, e->pos[0], &own, err, sizeof(err));
	if (rc == SA_OK)
		retention_describe(out, own, e->conf.retention_days);
	return report(rc, "org retention", err, out);
}

static int
do_user(struct admin_env *e)
{
	char id[UUID_STRLEN + 1], err[512], pw[24];
	const char *use = e->o.password;
	enum sa_err rc;

	if (use == NULL) {
		password_generate(pw, sizeof(pw), 20);
		use = pw;
	}
	rc = acct_user_create(e->db, e->o.org, e->o.email, e->o.role, use, id,
	    err, sizeof(err));
	if (rc == SA_OK && e->o.password == NULL)
		printf("password: %s\n", pw);
	return report(rc, "user create", err, id);
}

static int
do_key(struct admin_env *e)
{
	char id[UUID_STRLEN + 1], key[APIKEY_LEN + 1], err[512];
	enum sa_err rc;

	rc = acct_key_create(e->db, e->o.user, e->o.name, key, id, err, sizeof(err));
	if (rc == SA_OK)
		printf("key id: %s\n", id);
	return report(rc, "key create", err, key);
}

static int
do_site(struct admin_env *e)
{
	char id[UUID_STRLEN + 1], err[512];

	return report(acct_site_create(e->db, e->o.org, e->o.name, e->o.url, id,
	    err, sizeof(err)), "site create", err, id);
}

/* Prints r as tab-separated rows under a header of its column names;
 * SQL NULL shows as "-". */
static void
print_rows(const struct db_res *r)
{
	for (size_t c = 0; c < r->ncols; c++)
		printf("%s%s", r->names[c], c + 1 < r->ncols ? "\t" : "\n");
	for (size_t i = 0; i < r->nrows; i++)
		for (size_t c = 0; c < r->ncols; c++) {
			const char *v = db_res_get(r, i, c);
			printf("%s%s", v ? v : "-", c + 1 < r->ncols ? "\t" : "\n");
		}
}

/* Shared by the list commands: prints the rows or the error. */
static int
report_rows(enum sa_err rc, const char *what, const char *err,
    struct db_res *r)
{
	if (rc == SA_OK)
		print_rows(r);
	else
		fprintf(stderr, "siteaudit admin %s: %s\n", what, err);
	db_res_free(r);
	return rc == SA_OK ? 0 : rc == SA_EDB ? 1 : 2;
}

static int
do_key_list(struct admin_env *e)
{
	struct db_res *r = NULL;
	char err[512];
	enum sa_err rc = admin_key_list(e->db, e->o.org, &r, err, sizeof(err));

	return report_rows(rc, "key list", err, r);
}

static int
do_key_revoke(struct admin_env *e)
{
	char id[UUID_STRLEN + 1], err[512];
	bool already = false;
	enum sa_err rc;

	rc = admin_key_revoke(e->db, e->o.key, id, &already, err, sizeof(err));
	if (rc == SA_OK)
		printf(already ? "key %s was already revoked\n" : "revoked key %s\n",
		    id);
	return report(rc, "key revoke", err, id);
}

static int
do_budget_add(struct admin_env *e)
{
	char id[UUID_STRLEN + 1], err[512];

	return report(admin_budget_add(e->db, e->o.site, e->o.metric, e->o.op,
	    e->o.threshold, id, err, sizeof(err)), "budget add", err, id);
}

static int
do_budget_list(struct admin_env *e)
{
	struct db_res *r = NULL;
	char err[512];
	enum sa_err rc = admin_budget_list(e->db, e->o.site, &r, err, sizeof(err));

	return report_rows(rc, "budget list", err, r);
}

/* An optional small integer flag: -1 when absent, INT_MIN when malformed. */
static int
int_flag(const char *s)
{
	char *end = NULL;
	long v;

	if (s == NULL)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno || v < 0 || v > 1000)
		return INT_MIN;
	return (int)v;
}

static int
do_site_schedule(struct admin_env *e)
{
	char next[20], err[512];
	enum sa_err rc;

	rc = sched_site_set(e->db, e->o.site, e->o.schedule, int_flag(e->o.hour),
	    int_flag(e->o.weekday), int_flag(e->o.monthday), next, err,
	    sizeof(err));
	if (rc == SA_OK)
		printf("schedule of site %s: %s\n", e->o.site, e->o.schedule);
	return report(rc, "site schedule", err, next[0] ? next : "off");
}

/* The admin commands that need the database: `WHAT VERB --options`. */
/* site hook / hook-revoke: the deploy hook of a site (docs/webhooks.md). */
static int
site_hook(struct admin_env *e, bool revoke)
{
	char org[UUID_STRLEN + 1], token[HOOK_TOKEN_LEN + 1] = "";
	const char *site = e->o.site ? e->o.site : "";
	enum sa_err rc = hook_site_org(e->db, site, org);

	if (rc == SA_OK)
		rc = revoke ? hook_token_revoke(e->db, org, site) :
		    hook_token_regenerate(e->db, org, site, token);
	return report(rc, revoke ? "site hook-revoke" : "site hook",
	    rc == SA_ENOTFOUND ? "no such site" : "database error",
	    revoke ? "revoked" : token);
}

static int
do_site_hook(struct admin_env *e)
{
	return site_hook(e, false);
}

static int
do_site_hook_revoke(struct admin_env *e)
{
	return site_hook(e, true);
}

static const struct admin_cmd {
	const char *what, *verb;
	int (*run)(struct admin_env *e);
} cmds[] = {
	{ "org",    "create",   do_org_create },
	{ "org",    "set-plan", do_org_set_plan },
	{ "org",    "retention", do_org_retention },
	{ "user",   "create",   do_user },
	{ "key",    "create",   do_key },
	{ "key",    "list",     do_key_list },
	{ "key",    "revoke",   do_key_revoke },
	{ "site",   "create",   do_site },
	{ "site",   "schedule", do_site_schedule },
	{ "site",   "hook",     do_site_hook },
	{ "site",   "hook-revoke", do_site_hook_revoke },
	{ "budget", "add",      do_budget_add },
	{ "budget", "list",     do_budget_list },
};

static int
dispatch(struct admin_env *e, const char *what, const char *verb)
{
	if (strcmp(what, "migrate") == 0)
		return do_migrate(e);
	for (size_t i = 0; verb && i < SA_NITEMS(cmds); i++)
		if (strcmp(what, cmds[i].what) == 0 && strcmp(verb, cmds[i].verb) == 0)
			return cmds[i].run(e);
	return usage();
}

int
cmd_admin(int argc, char **argv)
{
	struct admin_env e = { .db = NULL };
	int skip, rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0)
		return argc < 2 ? usage() : (fputs(usage_text, stdout), 0);
	if (strcmp(argv[1], "init") == 0)   /* runs before any config exists */
		return admin_init(argc - 2, argv + 2);
	skip = strcmp(argv[1], "migrate") == 0 ||
	    strcmp(argv[1], "check-config") == 0 ? 2 : 3;
	/* `org retention ORG_ID [DAYS]` takes positional arguments */
	if (argc >= 4 && strcmp(argv[1], "org") == 0 &&
	    strcmp(argv[2], "retention") == 0) {
		e.pos = argv + 3;
		e.npos = argc - 3;
		skip = argc;
	}
	if (argc < skip || parse_opts(argc - skip, argv + skip, &e.o) != 0)
		return usage();
	if (load_conf(&e.conf) != 0) {
		conf_free(&e.conf);
		return 78;   /* EX_CONFIG */
	}
	if (strcmp(argv[1], "check-config") == 0) {
		printf("%s: ok\n", conf_default_path());
		conf_free(&e.conf);
		return 0;
	}
	rc = open_db(&e) != 0 ? 1 : dispatch(&e, argv[1], argc > 2 ? argv[2] : NULL);
	db_close(e.db);
	conf_free(&e.conf);
	return rc;
}
