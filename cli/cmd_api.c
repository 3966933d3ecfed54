/* cmd_api.c: `siteaudit api COMMAND` — options, settings and dispatch. */
/* SPDX-License-Identifier: MIT */
/*
 * Every subcommand shares one option parser: a table says which options a
 * command takes and how many positional arguments, so `--pdf` on `sites`
 * is a usage error (exit 2) rather than silently ignored.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include "cmd.h"
#include "cmd_api.h"
#include "util/uuid.h"

enum {
	O_SITE = 1u << 0, O_WAIT = 1u << 1, O_PDF = 1u << 2, O_LIMIT = 1u << 3,
	O_STRATEGY = 1u << 4, O_FORMAT = 1u << 5, O_SCAN = 1u << 6,
	O_OUT = 1u << 7,
};

struct subcmd {
	const char *name;
	int         npos;      /* positional arguments required */
	unsigned    opts;      /* O_* it accepts besides the common ones */
	int       (*fn)(struct api_ctx *);
	const char *synopsis;
};

static const struct subcmd subcmds[] = {
	{ "start-audit", 1, O_SITE | O_WAIT | O_STRATEGY, api_cmd_start_audit,
	  "start-audit URL [--site ID] [--strategy S] [--wait]" },
	{ "run", 1, 0, api_cmd_run, "run RUN_ID" },
	{ "report", 1, O_PDF, api_cmd_report, "report REPORT_ID [--json | --pdf FILE]" },
	{ "sites", 0, 0, api_cmd_sites, "sites" },
	{ "history", 1, O_LIMIT, api_cmd_history, "history SITE_ID [--limit N]" },
	{ "schedule", 1, 0, api_cmd_schedule, "schedule SITE_ID" },
	{ "account", 0, 0, api_cmd_account, "account" },
	{ "scan", 1, O_STRATEGY | O_WAIT, api_cmd_scan,
	  "scan SITE_ID [--strategy mobile|desktop|both] [--wait]" },
	{ "export", 1, O_FORMAT | O_SCAN | O_OUT, api_cmd_export,
	  "export SITE_ID [--format csv|json] [--scan SCAN_ID] [-o FILE]" },
};

static void
usage(FILE *f)
{
	fputs("usage: siteaudit api COMMAND [ARGS] [OPTIONS]\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof(subcmds) / sizeof(subcmds[0]); i++)
		fprintf(f, "  %s\n", subcmds[i].synopsis);
	fputs("\noptions:\n"
	    "  --url BASE       the server (default $SITEAUDIT_URL, then the config)\n"
	    "  --key-env VAR    environment variable holding the API key\n"
	    "                   (default SITEAUDIT_API_KEY, then api_key in the config)\n"
	    "  --config FILE    settings file (default $XDG_CONFIG_HOME/siteaudit/cli.conf\n"
	    "                   or ~/.config/siteaudit/cli.conf); mode 0600 if it holds a key\n"
	    "  --json           print the API's JSON answer instead of a table\n"
	    "  --timeout SEC    with --wait: give up after SEC seconds (default 600)\n"
	    "  --verbose        requests and statuses on stderr (never the key)\n"
	    "exit: 0 ok, 1 the awaited run/scan failed, 2 usage/config/auth error,\n"
	    "      3 not found, 4 server or network error, or timeout\n", f);
}

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("siteaudit api: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	usage(stderr);
	return AX_USAGE;
}

/* The value of --name VALUE / --name=VALUE at argv[*i]; NULL if not it. */
static const char *
value_of(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

/* A string option: 1 taken, 0 not this one, -1 usage error. */
static int
take_str(int argc, char **argv, int *i, const struct subcmd *s,
    struct api_opts *o)
{
	/* Name, the O_* bit a command must accept (0: common), and the slot. */
	static const struct { const char *name; unsigned bit; } so[] = {
		{ "--url", 0 }, { "--key-env", 0 }, { "--config", 0 },
		{ "--site", O_SITE }, { "--strategy", O_STRATEGY }, { "--pdf", O_PDF },
		{ "--format", O_FORMAT }, { "--scan", O_SCAN }, { "-o", O_OUT },
		{ "--output", O_OUT },
	};
	const char **slots[] = { &o->url, &o->key_env, &o->config, &o->site,
	    &o->strategy, &o->pdf, &o->format, &o->scan, &o->out, &o->out };
	_Static_assert(sizeof(slots) / sizeof(slots[0]) == sizeof(so) / sizeof(so[0]),
	    "one slot per option");
	bool missing = false;

	for (size_t k = 0; k < sizeof(so) / sizeof(so[0]); k++) {
		const char *v = value_of(argc, argv, i, so[k].name, &missing);
		if (missing)
			return usage_error("%s needs a value", so[k].name), -1;
		if (v == NULL)
			continue;
		if (so[k].bit && !(s->opts & so[k].bit))
			return usage_error("%s does not apply here", so[k].name), -1;
		*slots[k] = v;
		return 1;
	}
	return 0;
}

/* A whole number in [lo, hi]; -1 when malformed. */
static long
number(const char *v, long lo, long hi)
{
	char *end;
	long n;

	if (v == NULL || *v < '0' || *v > '9')
		return -1;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= lo && n <= hi ? n : -1;
}

/* A flag or a numeric option: 1 taken, 0 not this one, -1 usage error. */
static int
take_other(int argc, char **argv, int *i, const struct subcmd *s,
    struct api_opts *o)
{
	bool missing = false;
	const char *v;

	if (strcmp(argv[*i], "--json") == 0)
		return o->json = true, 1;
	if (strcmp(argv[*i], "--verbose") == 0 || strcmp(argv[*i], "-v") == 0)
		return o->verbose = true, 1;
	if (strcmp(argv[*i], "--wait") == 0) {
		if (!(s->opts & O_WAIT))
			return usage_error("%s does not apply here", "--wait"), -1;
		return o->wait = true, 1;
	}
	if ((v = value_of(argc, argv, i, "--timeout", &missing)) != NULL || missing) {
		if ((o->timeout_s = number(v, 1, 86400)) < 0)
			return usage_error("--timeout takes whole seconds, 1 to 86400"), -1;
		return 1;
	}
	if ((v = value_of(argc, argv, i, "--limit", &missing)) != NULL || missing) {
		if (!(s->opts & O_LIMIT))
			return usage_error("%s does not apply here", "--limit"), -1;
		if ((o->limit = number(v, 1, 100)) < 0)
			return usage_error("--limit takes a whole number, 1 to 100"), -1;
		return 1;
	}
	return 0;
}

static int
parse(int argc, char **argv, const struct subcmd *s, struct api_opts *o)
{
	int rc;

	*o = (struct api_opts){ .timeout_s = 600 };
	for (int i = 1; i < argc; i++) {
		if ((rc = take_str(argc, argv, &i, s, o)) == 0)
			rc = take_other(argc, argv, &i, s, o);
		if (rc < 0)
			return -1;
		if (rc > 0)
			continue;
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage_error("unknown option '%s'", argv[i]);
		if (o->npos >= s->npos)
			return usage_error("unexpected argument '%s'", argv[i]);
		o->pos[o->npos++] = argv[i];
	}
	if (o->npos < s->npos)
		return usage_error("%s: missing argument", s->name);
	return 0;
}

/* Values the server would reject anyway, caught before any request (and
 * so no id can smuggle '/' or '?' into a request path). */
static int
check_values(const struct subcmd *s, const struct api_opts *o)
{
	bool id_arg = strcmp(s->name, "start-audit") != 0 && s->npos == 1;

	if (id_arg && !uuid_valid(o->pos[0]))
		return usage_error("'%s' is not an id (a UUID)", o->pos[0]);
	if (o->site && !uuid_valid(o->site))
		return usage_error("--site '%s' is not an id (a UUID)", o->site);
	if (o->scan && !uuid_valid(o->scan))
		return usage_error("--scan '%s' is not an id (a UUID)", o->scan);
	if (o->strategy && strcmp(o->strategy, "mobile") != 0 &&
	    strcmp(o->strategy, "desktop") != 0 && strcmp(o->strategy, "both") != 0)
		return usage_error("--strategy must be mobile, desktop or both, not"
		    " '%s'", o->strategy);
	if (o->format && strcmp(o->format, "csv") != 0 &&
	    strcmp(o->format, "json") != 0)
		return usage_error("--format must be csv or json, not '%s'", o->format);
	if (o->pdf && o->json)
		return usage_error("--json and --pdf %s exclude each other", o->pdf);
	return 0;
}

static const struct subcmd *
find(const char *name)
{
	for (size_t i = 0; i < sizeof(subcmds) / sizeof(subcmds[0]); i++)
		if (strcmp(name, subcmds[i].name) == 0)
			return &subcmds[i];
	return NULL;
}

/* Settings, client, the command, then the key wiped from memory. */
static int
run(const struct subcmd *s, struct api_ctx *x)
{
	struct cli_conf cf;
	char why[1400];
	int rc;

	if (cli_conf_resolve(&cf, x->o.url, x->o.key_env, x->o.config, why,
	    sizeof(why)) != 0 ||
	    api_client_setup(&x->c, cf.url, cf.key, why, sizeof(why)) != 0) {
		cli_conf_wipe(&cf);
		return api_err(x, AX_USAGE, "%s", why);
	}
	snprintf(x->key_src, sizeof(x->key_src), "%s", cf.key_src);
	cli_conf_wipe(&cf);
	x->c.verbose = x->o.verbose;
	buf_init(&x->last, 64u << 20);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = s->fn(x);
	curl_global_cleanup();
	buf_free(&x->last);
	api_client_wipe(&x->c);
	return rc;
}

int
cmd_api(int argc, char **argv)
{
	const struct subcmd *s;
	struct api_ctx x = { 0 };

	if (argc < 2)
		return usage_error("missing COMMAND");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return usage(stdout), AX_OK;
	if ((s = find(argv[1])) == NULL)
		return usage_error("unknown command '%s'", argv[1]);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return usage(stdout), AX_OK;
	x.cmd = s->name;
	if (parse(argc - 1, argv + 1, s, &x.o) != 0 || check_values(s, &x.o) != 0)
		return AX_USAGE;
	return run(s, &x);
}
