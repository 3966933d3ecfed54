/* cmd_budget.c: `siteaudit budget-check` — the CI gate, over the REST API. */
/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "api_client.h"
#include "cmd.h"
#include "util/uuid.h"

enum { EXIT_PASS = 0, EXIT_FAIL = 1, EXIT_ERROR = 2 };

struct bc_opts {
	const char *site, *url, *key_env, *strategy;
	bool wait, json;
	long timeout_s;
};

static const char usage_text[] =
    "usage: siteaudit budget-check --site ID [--url BASE] [--key-env VAR]\n"
    "                              [--wait-for-scan [--strategy S] [--timeout SEC]]"
    " [--json]\n"
    "Checks the site's latest completed scan against its budgets and alert rules.\n"
    "  --url BASE       the siteaudit server (default $SITEAUDIT_URL)\n"
    "  --key-env VAR    environment variable holding the API key"
    " (default SITEAUDIT_API_KEY)\n"
    "  --wait-for-scan  trigger a scan first and wait for it (--timeout, default 600 s)\n"
    "  --json           print the server's JSON answer instead of a table\n"
    "Exit status: 0 pass, 1 fail (violations or no completed scan),"
    " 2 usage, auth or server error.\n";

static int
usage(void)
{
	fputs(usage_text, stderr);
	return EXIT_ERROR;
}

static const char **
slot(struct bc_opts *o, const char *flag)
{
	static const char *const names[] = { "--site", "--url", "--key-env",
	    "--strategy" };
	const char **slots[] = { &o->site, &o->url, &o->key_env, &o->strategy };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(flag, names[i]) == 0)
			return slots[i];
	return NULL;
}

static int
parse(int argc, char **argv, struct bc_opts *o)
{
	const char **s;

	*o = (struct bc_opts){ .timeout_s = 600 };
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--wait-for-scan") == 0)
			o->wait = true;
		else if (strcmp(argv[i], "--json") == 0)
			o->json = true;
		else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
			o->timeout_s = strtol(argv[++i], NULL, 10);
		else if ((s = slot(o, argv[i])) != NULL && i + 1 < argc)
			*s = argv[++i];
		else
			return -1;
	}
	if (o->site == NULL || !uuid_valid(o->site) || o->timeout_s < 1)
		return -1;
	return 0;
}

static const char *
jstr(json_object *o, const char *key)
{
	json_object *v;

	if (o && json_object_object_get_ex(o, key, &v) && v)
		return json_object_get_string(v);
	return NULL;
}

/* An error answer: one line on stderr, exit status 2. */
static int
fail_call(long status, json_object *o, const char *why)
{
	if (status == 0)
		fprintf(stderr, "siteaudit budget-check: %s\n", why);
	else
		fprintf(stderr, "siteaudit budget-check: HTTP %ld: %s\n", status,
		    api_error_text(o, "unexpected answer"));
	json_object_put(o);
	return EXIT_ERROR;
}

/* The newest run of the site (the scan already in flight after a 409). */
static int
active_scan(const struct api_client *c, const char *site, char *id, size_t n)
{
	char path[256], why[256];
	json_object *o = NULL, *runs;
	long st;

	snprintf(path, sizeof(path), "/api/mcp/sites/%s/history?limit=1", site);
	st = api_call(c, "GET", path, NULL, &o, why, sizeof(why));
	if (st != 200 || !json_object_object_get_ex(o, "runs", &runs) ||
	    json_object_array_length(runs) == 0) {
		json_object_put(o);
		return -1;
	}
	snprintf(id, n, "%s", jstr(json_object_array_get_idx(runs, 0), "runId"));
	json_object_put(o);
	return 0;
}

static int
trigger(const struct api_client *c, const struct bc_opts *o, char *id, size_t n)
{
	json_object *body = json_object_new_object(), *res = NULL;
	char why[256];
	long st;

	json_object_object_add(body, "siteId", json_object_new_string(o->site));
	if (o->strategy)
		json_object_object_add(body, "strategy", json_object_new_string(o->strategy));
	st = api_call(c, "POST", "/api/external/scan", body, &res, why, sizeof(why));
	json_object_put(body);
	if (st == 202 && jstr(res, "scanId")) {
		snprintf(id, n, "%s", jstr(res, "scanId"));
		json_object_put(res);
		return 0;
	}
	if (st == 409 && active_scan(c, o->site, id, n) == 0) {
		json_object_put(res);
		return 0;
	}
	fail_call(st, res, why);
	return -1;
}

static void
progress(const char *id, const char *status, long secs)
{
	bool tty = isatty(STDERR_FILENO);

	fprintf(stderr, "%swaiting for scan %.8s…: %s (%ld s)%s", tty ? "\r" : "",
	    id, status, secs, tty ? "  " : "\n");
	fflush(stderr);
}

/* Polls the run until it is completed (0) or failed / timed out (2). */
static int
wait_scan(const struct api_client *c, const char *id, long timeout_s)
{
	char path[256], why[256], last[32] = "";
	time_t start = time(NULL);
	json_object *o = NULL;

	snprintf(path, sizeof(path), "/api/mcp/runs/%s", id);
	for (;;) {
		long st = api_call(c, "GET", path, NULL, &o, why, sizeof(why));
		const char *status = st == 200 ? jstr(o, "status") : NULL;
		long secs = (long)(time(NULL) - start);

		if (status == NULL)
			return fail_call(st, o, why);
		if (strcmp(status, last) != 0 || isatty(STDERR_FILENO))
			progress(id, status, secs);
		snprintf(last, sizeof(last), "%s", status);
		if (strcmp(status, "completed") == 0 || strcmp(status, "failed") == 0)
			break;
		json_object_put(o);
		o = NULL;
		if (secs >= timeout_s) {
			fprintf(stderr, "\nsiteaudit budget-check: scan %s still %s after %ld s\n",
			    id, status, timeout_s);
			return EXIT_ERROR;
		}
		sleep(2);
	}
	if (isatty(STDERR_FILENO))
		fputc('\n', stderr);
	if (strcmp(last, "failed") == 0) {
		fprintf(stderr, "siteaudit budget-check: the scan failed: %s\n",
		    jstr(o, "error") ? jstr(o, "error") : "no reason given");
		json_object_put(o);
		return EXIT_ERROR;
	}
	json_object_put(o);
	return 0;
}

static void
print_scores(json_object *scores)
{
	printf("scores:");
	json_object_object_foreach(scores, k, v)   /* every key, in answer order */
		printf("  %s %s%s", k, v ? json_object_get_string(v) : "-",
		    strcmp(k, "agentReadiness") == 0 ? " (not in health)" : "");
	printf("\n");
}

static void
print_table(json_object *res)
{
	json_object *viol = NULL, *scores = NULL;
	size_t n;

	printf("%s — scan %s (%s)\n", jstr(res, "site") ? jstr(res, "site") : "?",
	    jstr(res, "scanId") ? jstr(res, "scanId") : "none",
	    jstr(res, "scannedAt") ? jstr(res, "scannedAt") : "never scanned");
	if (json_object_object_get_ex(res, "scores", &scores) && scores)
		print_scores(scores);
	json_object_object_get_ex(res, "violations", &viol);
	n = viol ? json_object_array_length(viol) : 0;
	if (n)
		printf("%-16s %-9s %12s %12s\n", "metric", "operator", "threshold", "actual");
	for (size_t i = 0; i < n; i++) {
		json_object *v = json_object_array_get_idx(viol, i);
		printf("%-16s %-9s %12s %12s\n", jstr(v, "metric"), jstr(v, "operator"),
		    jstr(v, "threshold"), jstr(v, "actual") ? jstr(v, "actual") : "-");
	}
}

static int
check(const struct api_client *c, const struct bc_opts *o)
{
	json_object *body = json_object_new_object(), *res = NULL, *pass;
	char why[256];
	long st;
	bool ok;

	json_object_object_add(body, "siteId", json_object_new_string(o->site));
	st = api_call(c, "POST", "/api/external/budget-check", body, &res, why,
	    sizeof(why));
	json_object_put(body);
	if (st != 200 || !json_object_object_get_ex(res, "pass", &pass))
		return fail_call(st, res, why);
	ok = json_object_get_boolean(pass);
	if (o->json)
		printf("%s\n", json_object_to_json_string_ext(res, JSON_C_TO_STRING_PRETTY));
	else
		print_table(res);
	if (!o->json)
		printf("%s\n", ok ? "PASS" : jstr(res, "scanId") ?
		    "FAIL: budgets violated" : "FAIL: the site has no completed scan yet");
	json_object_put(res);
	return ok ? EXIT_PASS : EXIT_FAIL;
}

int
cmd_budget_check(int argc, char **argv)
{
	struct api_client c;
	struct bc_opts o;
	char why[256], id[UUID_STRLEN + 1];

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return fputs(usage_text, stdout), EXIT_PASS;
	if (parse(argc, argv, &o) != 0)
		return usage();
	if (api_client_init(&c, o.url, o.key_env, why, sizeof(why)) != 0) {
		fprintf(stderr, "siteaudit budget-check: %s\n", why);
		return EXIT_ERROR;
	}
	if (o.wait && (trigger(&c, &o, id, sizeof(id)) != 0 ||
	    wait_scan(&c, id, o.timeout_s) != 0))
		return EXIT_ERROR;
	return check(&c, &o);
}
