/* cmd_audit.c: `siteaudit audit URL | --site URL` — audit a page or a site locally. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "audit/audit.h"
#include "audit/crawl.h"
#include "audit/report.h"
#include "audit/score.h"
#include "cmd.h"
#include "conf.h"
#include "pdf/pdf.h"

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
    "usage: siteaudit audit URL [--strategy mobile|desktop|both] [--json]\n"
    "                           [--allow-private] [--only DIM[,DIM...]]\n"
    "       siteaudit audit --site URL [--max-pages N] [--parallel N] [...]\n"
    "  --strategy S     mobile (default), desktop, or both (a row each)\n"
    "  --site URL       crawl the site at URL (robots.txt, sitemaps, links)\n"
    "                   and audit every page found, up to --max-pages\n"
    "  --max-pages N    pages to audit with --site, 1..10000 (default 50)\n"
    "  --parallel N     pages audited at once with --site, 1..64 (default 4)\n"
    "  --json           print the report as JSON instead of text\n"
    "  --pdf FILE       also write the report as a PDF to FILE\n"
    "  --allow-private  allow loopback / private targets (testing only)\n"
    "  --only LIST      dimensions to run: accessibility,seo (default: all;\n"
    "                   agent = agent readiness, outside overall)\n"
    "Exit: 0 audited, 2 usage, 3 config, 4 bad URL, 5 refused address,\n"
    "      6 DNS failure, 7 timeout, 8 HTTP status >= 400, 9 other fetch\n"
    "      failure, 1 internal error.\n";

struct audit_args {
	const char *url;
	const char *site;
	const char *strategy;
	const char *only;
	const char *max_pages;
	const char *parallel;
	const char *pdf;
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
		else if ((v = opt_value(argc, argv, &i, "--site")) != NULL)
			a->site = v;
		else if ((v = opt_value(argc, argv, &i, "--max-pages")) != NULL)
			a->max_pages = v;
		else if ((v = opt_value(argc, argv, &i, "--parallel")) != NULL)
			a->parallel = v;
		else if ((v = opt_value(argc, argv, &i, "--pdf")) != NULL)
			a->pdf = v;
		else if (s[0] == '-')
			return usage_error("unknown or incomplete option", s);
		else if (a->url != NULL)
			return usage_error("more than one URL", s);
		else
			a->url = s;
	}
	if (a->site && a->url)
		return usage_error("give either URL or --site URL, not both", a->url);
	if (!a->help && a->url == NULL && a->site == NULL)
		return usage_error("missing URL", NULL);
	if (!a->site && (a->max_pages || a->parallel))
		return usage_error("--max-pages and --parallel need --site", NULL);
	return 0;
}

/* Parses a whole decimal number in lo..hi; false otherwise. */
static bool
parse_range(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* The crawl options from the arguments (after apply_args). */
static int
apply_site_args(const struct audit_args *a, struct crawl_opts *co)
{
	long v;

	if (a->max_pages) {
		if (!parse_range(a->max_pages, 1, CRAWL_MAX_PAGES, &v))
			return usage_error("--max-pages takes 1..10000, not",
			    a->max_pages);
		co->max_pages = (size_t)v;
	}
	if (a->parallel) {
		if (!parse_range(a->parallel, 1, CRAWL_MAX_PARALLEL, &v))
			return usage_error("--parallel takes 1..64, not", a->parallel);
		co->parallel = (int)v;
	}
	return 0;
}

static int
apply_args(const struct audit_args *a, struct audit_opts *o, bool *both)
{
	*both = a->strategy != NULL && strcmp(a->strategy, "both") == 0;
	if (a->strategy == NULL || *both || strcmp(a->strategy, "mobile") == 0)
		o->strategy = STRATEGY_MOBILE;
	else if (strcmp(a->strategy, "desktop") == 0)
		o->strategy = STRATEGY_DESKTOP;
	else
		return usage_error("--strategy must be mobile, desktop or both",
		    a->strategy);
	if (a->only && audit_parse_dims(a->only, &o->dims) != SA_OK)
		return usage_error("--only takes performance, accessibility, seo, "
		    "best-practices, security, agent; not", a->only);
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

/* The JSON document of res (crawl_report_json for a site or "both"). */
static char *
result_json(const struct crawl_result *res, bool site)
{
	json_object *doc;
	char *out = NULL;
	const char *s;

	if (!site && res->extra == NULL)
		return report_json_string(res->primary, true);
	if ((doc = crawl_report_json(res, site)) == NULL)
		return NULL;
	s = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (s != NULL)
		out = strdup(s);
	json_object_put(doc);
	return out;
}

/* The text report, plus the desktop scores and the crawl's counts. */
static void
print_text(const struct crawl_result *res, bool site)
{
	const struct crawl_stats *st = &res->stats;

	report_print_text(res->primary, stdout, isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL);
	if (res->extra && res->extra->overall != SCORE_ABSENT)
		printf("Desktop: overall %d/100\n", res->extra->overall);
	if (site)
		printf("Crawled %zu page%s in %.1f s (found %zu URLs; skipped %zu "
		    "by robots.txt, %zu not HTML; %zu errors; %zu sitemap "
		    "files)\n", st->pages, st->pages == 1 ? "" : "s", st->seconds,
		    st->found, st->disallowed, st->non_html, st->errors,
		    st->sitemaps);
}

static int
print_result(const struct crawl_result *res, int json, bool site)
{
	char *s;

	if (!json) {
		print_text(res, site);
		return 0;
	}
	if ((s = result_json(res, site)) == NULL) {
		fprintf(stderr, "siteaudit audit: out of memory\n");
		return EXIT_INTERNAL;
	}
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	return 0;
}

/* Writes the report of res as a PDF to a->pdf; returns the exit code. */
static int
write_pdf(const struct audit_args *a, const struct crawl_result *res,
    bool site)
{
	json_object *doc = site || res->extra ? crawl_report_json(res, site) :
	    report_to_json(res->primary);
	struct pdf_meta m = { NULL, NULL, 0 };
	enum sa_err rc = doc ? pdf_render_file(doc, &m, a->pdf) : SA_ENOMEM;

	json_object_put(doc);
	if (rc == SA_OK)
		return 0;
	fprintf(stderr, "siteaudit audit: writing the PDF %s: %s\n", a->pdf,
	    sa_strerror(rc));
	return EXIT_INTERNAL;
}

/* Prints res (or why it failed); returns the exit code. */
static int
finish(const struct audit_args *a, const struct crawl_result *res,
    enum sa_err rc, bool site)
{
	const struct audit_report *r = res->primary;
	int code;

	if (r == NULL) {
		fprintf(stderr, "siteaudit audit: %s\n", sa_strerror(rc));
		return EXIT_INTERNAL;
	}
	if (r->fetch_err != FETCH_OK)
		return fetch_exit(r);
	if (rc != SA_OK) {
		fprintf(stderr, "siteaudit audit: %s\n", sa_strerror(rc));
		return EXIT_INTERNAL;
	}
	if ((code = print_result(res, a->json, site)) == 0 && a->pdf)
		code = write_pdf(a, res, site);
	if (code == 0 && r->status >= 400) {
		fprintf(stderr, "siteaudit audit: HTTP error: %s answered %ld\n",
		    r->final_url ? r->final_url : site ? a->site : a->url,
		    r->status);
		code = EXIT_HTTP;
	}
	return code;
}

/* One page, under one strategy or (both) mobile then desktop. */
static int
run_page(const struct audit_args *a, struct audit_opts *o, bool both)
{
	struct crawl_result res = { 0 };
	enum sa_err rc = audit_url(a->url, o, &res.primary);
	int code;

	if (rc == SA_OK && both) {
		struct audit_opts d = *o;

		d.strategy = STRATEGY_DESKTOP;
		rc = audit_url(a->url, &d, &res.extra);
		if (rc != SA_OK && res.extra && res.extra->fetch_err != FETCH_OK) {
			audit_report_free(res.primary);
			res.primary = res.extra;   /* report the failing one */
			res.extra = NULL;
		}
	}
	code = finish(a, &res, rc, false);
	crawl_result_free(&res);
	return code;
}

/* The progress line: pages done / found and the current URL (a tty only). */
static void
progress(void *arg, size_t done, size_t found, const char *url)
{
	const struct crawl_opts *co = arg;

	if (done > co->max_pages)
		done = co->max_pages;
	fprintf(stderr, "\r\033[Ksiteaudit: %zu/%zu pages  %.*s", done,
	    found < done ? done : found, 70, url ? url : "");
	fflush(stderr);
}

static int
run_site(const struct audit_args *a, const struct audit_opts *o, bool both)
{
	struct crawl_result res;
	struct crawl_opts co;
	enum sa_err rc;
	bool tty = isatty(STDERR_FILENO);
	int code;

	crawl_opts_init(&co);
	co.audit = *o;
	co.both = both;
	if ((code = apply_site_args(a, &co)) != 0)
		return code;
	if (tty) {
		co.progress = progress;
		co.progress_arg = &co;
	}
	rc = crawl_site(a->site, &co, &res);
	if (tty)
		fputs("\r\033[K", stderr);
	code = finish(a, &res, rc, true);
	crawl_result_free(&res);
	return code;
}

int
cmd_audit(int argc, char **argv)
{
	struct audit_args a = { 0 };
	struct audit_opts o;
	struct conf c;
	bool both = false;
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
	crux_opts_from_conf(&o.crux, &c);   /* borrows c's strings until conf_free */
	if ((code = apply_args(&a, &o, &both)) == 0)
		code = a.site ? run_site(&a, &o, both) : run_page(&a, &o, both);
	conf_free(&c);
	return code;
}
