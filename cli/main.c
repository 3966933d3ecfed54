/* main.c: the siteaudit command line — dispatches to one file per command. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "cmd.h"
#include "util/log.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "admin", cmd_admin, "administration: migrate, org, user, key, site" },
	{ "api", cmd_api, "client of a siteaudit server: audits, reports, scans, export" },
	{ "audit", cmd_audit, "audit one URL locally (scores, failing checks)" },
	{ "budget-check", cmd_budget_check, "CI gate: a site's latest scan against its budgets" },
};

static int
usage(FILE *f)
{
	fprintf(f, "usage: siteaudit COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nRun 'siteaudit COMMAND --help' for a command's options.\n");
	return f == stdout ? 0 : 2;
}

int
main(int argc, char **argv)
{
	log_init("siteaudit", LOG_LVL_WARN);
	if (sodium_init() < 0) {
		fprintf(stderr, "siteaudit: libsodium failed to initialise\n");
		return 1;
	}
	if (argc < 2)
		return usage(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return usage(stdout);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "siteaudit: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
