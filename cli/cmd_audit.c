/* cmd_audit.c: `siteaudit audit URL` — audit one page locally and print the report. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "audit/audit.h"
#include "audit/report.h"
#include "cmd.h"
#include "conf.h"

/* Exit codes (docs/cli.md). */
enum {
	EXIT_AUDITED   = 0,
	EXIT_INTERNAL  = 1,
	EXIT_USAGE     = 2,
	EXIT_CONFIG    = 3,
	EXIT_BADURL    = 4,
	EXIT_REFUSED   = 5,
	EXIT_DNS       = 6,
	EXIT_TIMEOUT   = 7,
	EXIT_HTTP      = 8,
	EXIT_FETCH     = 9,
};

static const char usage_text[] =
    "usage: siteaudit audit URL [--strategy mobile|desktop] [--json]\n"
    "                           [--allow-private] [--only DIM[,DIM...]]\n"
    "  --strategy S     mobile (default) or desktop\n"
    "  --json           print the report as JSON instead of text\n"
    "  --allow-private  allow loopback / private targets (testing only)\n"
    "  --only LIST      dimensions to run: accessibility,seo (default: all)\n"
    "Exit: 0 audited, 2 usage, 3 config, 4 bad URL, 5 refused address,\n"
    "      6 DNS failure, 7 timeout, 8 HTTP status >= 400, 9 other fetch\n"
    "      failure, 1 internal error.\n";

struct audit_args {
	const char *url;
	const char *strategy;
	const char *only;
	int         json;
	int         allow_private;
	int         help;
};

static int
usage_error(const char *what, const char *arg)
{
	if (what)
		fprintf(stderr, "siteaudit audit: %s%s%s%s\n", what,
		    arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* Takes the value of --name VALUE or --name=VALUE; NULL if none. */
static const char *
opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0' || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int
parse_args(int argc, char **argv, struct audit_args *a)
{
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i], *v;

		if (strcmp(s, "--json") == 0)
			a->json = 1;
		else if (strcmp(s, "--allow-private") == 0)
			a->allow_private = 1;
		else if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0)
			a->help = 1;
		else if ((v = opt_value(argc, argv, &i, "--strategy")) != NULL)
			a->strategy = v;
		else if ((v = opt_value(argc, argv, &i, "--only")) != NULL)
			a->only = v;
		else if (s[0] == '-')
			return usage_error("unknown or incomplete option", s);
		else if (a->url != NULL)
			return usage_error("more than one URL", s);
		else
			a->url = s;
	}
	if (!a->help && a->url == NULL)
		return usage_error("missing URL", NULL);
	return 0;
}

static int
apply_args(const struct audit_args *a, struct audit_opts *o)
{
	if (a->strategy == NULL || strcmp(a->strategy, "mobile") == 0)
		o->strategy = STRATEGY_MOBILE;
	else if (strcmp(a->strategy, "desktop") == 0)
		o->strategy = STRATEGY_DESKTOP;
	else
		return usage_error("--strategy must be mobile or desktop",
		    a->strategy);
	if (a->only && audit_parse_dims(a->only, &o->dims) != SA_OK)
		return usage_error("--only takes performance, accessibility, seo, "
		    "best-practices, security; not", a->only);
	if (a->allow_private)
		o->fetch.allow_private = true;
	return 0;
}

/* $SITEAUDIT_CONF when set, else built-in defaults. */
static int
load_conf(struct conf *c)
{
	char *err = NULL;

	if (getenv("SITEAUDIT_CONF") == NULL) {
		if (conf_defaults(c) == SA_OK)
			return 0;
		fprintf(stderr, "siteaudit audit: out of memory\n");
		return EXIT_INTERNAL;
	}
	if (conf_load(c, NULL, &err) == SA_OK) {
		free(err);
		return 0;
	}
	fprintf(stderr, "siteaudit audit: configuration error in %s: %s",
	    conf_default_path(), err ? err : "unreadable\n");
	if (err && err[0] && err[strlen(err) - 1] != '\n')
		fputc('\n', stderr);
	free(err);
	return EXIT_CONFIG;
}

static int
fetch_exit(const struct audit_report *r)
{
	static const struct { enum fetch_err e; int code; const char *what; }
	map[] = {
		{ FETCH_EURL, EXIT_BADURL, "malformed URL" },
		{ FETCH_ESCHEME, EXIT_BADURL, "malformed URL" },
		{ FETCH_EDENIED, EXIT_REFUSED, "refused" },
		{ FETCH_EDNS, EXIT_DNS, "DNS failure" },
		{ FETCH_ETIMEOUT, EXIT_TIMEOUT, "timeout" },
	};
	int code = EXIT_FETCH;
	const char *what = "fetch failed";

	for (size_t i = 0; i < SA_NITEMS(map); i++)
		if (map[i].e == r->fetch_err) {
			code = map[i].code;
			what = map[i].what;
		}
	fprintf(stderr, "siteaudit audit: %s: %s\n", what,
	    r->errmsg[0] ? r->errmsg : fetch_strerror(r->fetch_err));
	return code;
}

static int
print_report(const struct audit_report *r, int json)
{
	char *s;

	if (!json) {
		report_print_text(r, stdout, isatty(STDOUT_FILENO) &&
		    getenv("NO_COLOR") == NULL);
		return 0;
	}
	if ((s = report_json_string(r, true)) == NULL) {
		fprintf(stderr, "siteaudit audit: out of memory\n");
		return EXIT_INTERNAL;
	}
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	return 0;
}

static int
run(const struct audit_args *a, struct audit_opts *o)
{
	struct audit_report *r = NULL;
	enum sa_err rc = audit_url(a->url, o, &r);
	int code;

	if (r == NULL) {
		fprintf(stderr, "siteaudit audit: %s\n", sa_strerror(rc));
		return EXIT_INTERNAL;
	}
	if (r->fetch_err != FETCH_OK)
		code = fetch_exit(r);
	else if (rc != SA_OK) {
		fprintf(stderr, "siteaudit audit: %s\n", sa_strerror(rc));
		code = EXIT_INTERNAL;
	} else if ((code = print_report(r, a->json)) == 0 && r->status >= 400) {
		fprintf(stderr, "siteaudit audit: HTTP error: %s answered %ld\n",
		    r->final_url ? r->final_url : a->url, r->status);
		code = EXIT_HTTP;
	}
	audit_report_free(r);
	return code;
}

int
cmd_audit(int argc, char **argv)
{
	struct audit_args a = { 0 };
	struct audit_opts o;
	struct conf c;
	int code;

	if ((code = parse_args(argc, argv, &a)) != 0)
		return code;
	if (a.help) {
		fputs(usage_text, stdout);
		return 0;
	}
	audit_opts_init(&o);
	if ((code = load_conf(&c)) != 0) {
		conf_free(&c);
		return code;
	}
	fetch_opts_from_conf(&o.fetch, &c);
	if ((code = apply_args(&a, &o)) == 0)
		code = run(&a, &o);
	conf_free(&c);
	return code;
}
