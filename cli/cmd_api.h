/* cmd_api.h: `siteaudit api …` — shared state of the API client commands. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CLI_CMD_API_H
#define SA_CLI_CMD_API_H

#include <stdbool.h>
#include <stdio.h>
#include <json-c/json.h>
#include "api_client.h"
#include "cli_conf.h"

/* Exit codes (docs/cli.md, "siteaudit api"). */
enum {
	AX_OK       = 0,   /* done */
	AX_FAILED   = 1,   /* the awaited run / scan failed */
	AX_USAGE    = 2,   /* usage, config, auth: 400 401 402 403 409 422 */
	AX_NOTFOUND = 3,   /* 404 */
	AX_SERVER   = 4,   /* 5xx, 429, network error, timeout, bad answer */
};

struct api_opts {
	const char *url, *key_env, *config;     /* common */
	const char *site, *strategy, *pdf, *format, *scan, *out;
	const char *pos[2];                     /* positional arguments */
	int         npos;
	long        limit, timeout_s;
	bool        json, verbose, wait;
};

struct api_ctx {
	const char       *cmd;     /* "run", "scan", … for messages */
	struct api_opts   o;
	struct api_client c;
	struct buf        last;    /* the last answer's raw body (for --json) */
	char              key_src[1100];   /* where the key came from, for 401s */
};

/*
 * One call to the API. Returns AX_OK with *out the parsed JSON object when
 * the status is want (x->last keeps the raw body); otherwise prints one
 * line on stderr and returns the exit code for the status. out may be NULL.
 */
int api_req(struct api_ctx *x, const char *method, const char *path,
    json_object *body, long want, json_object **out);
/* The exit code and message for a failed answer (status 0: no answer). */
int api_fail(struct api_ctx *x, long status, json_object *o, const char *why);
/* Prints an error line "siteaudit api CMD: …" and returns code. */
int api_err(const struct api_ctx *x, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Writes x->last to stdout as received (with a final newline). */
void api_print_last(const struct api_ctx *x);

/* JSON helpers: NULL when absent or JSON null. */
const char *js(json_object *o, const char *key);
json_object *jo(json_object *o, const char *key);
/* An ISO-8601 UTC time as "YYYY-MM-DD HH:MM:SS" (or "-"). */
const char *api_when(const char *iso, char out[24]);
/* A score / number member as text, "-" when null or absent. */
const char *api_num_text(json_object *o, const char *key, char out[32]);

/* Aligned text tables: a header row and rows of strings ("-" for NULL). */
struct table {
	size_t   ncols, nrows, cap;   /* nrows counts the header (row 0) */
	unsigned right;   /* bit i: column i right-aligned (numbers) */
	char   **cells;   /* (nrows + 1) * ncols, the header first */
};
void tbl_init(struct table *t, size_t ncols, unsigned right,
    const char *const *head);
void tbl_row(struct table *t, const char *const *cells);
void tbl_print(const struct table *t, FILE *f);
void tbl_free(struct table *t);
/* "Label     value" lines, label column aligned. */
void kv(const char *label, const char *value);

/* Polls GET /api/mcp/runs/{id} until it ends: AX_OK completed, AX_FAILED,
 * AX_SERVER on timeout, or the error code. *run: the final run object. */
int api_wait_run(struct api_ctx *x, const char *id, json_object **run);
/* The run as key/value lines; with its report's scores when completed. */
int api_show_run(struct api_ctx *x, json_object *run);
/* After a 202: without --wait says "WHAT ID queued" (or prints the JSON);
 * with it waits for the run and shows it. Returns the exit code. */
int api_queued_or_wait(struct api_ctx *x, const char *what, const char *id);
/*
 * An output file written atomically: outf_open makes a temporary file next
 * to path, outf_commit flushes, syncs and renames it over path (so path is
 * never half-written), outf_abort removes it. -1 with why on failure.
 */
struct out_file {
	char  path[4096], tmp[4096];
	FILE *f;
};
int outf_open(struct out_file *o, const char *path, char *why, size_t whylen);
int outf_commit(struct out_file *o, char *why, size_t whylen);
void outf_abort(struct out_file *o);
/* GETs target into o (open) or stdout: AX_OK, or the exit code after an
 * error line. r is filled either way (caller api_resp_free()s it). */
int api_download(struct api_ctx *x, const char *target, FILE *sink,
    size_t cap, struct api_resp *r);

/* The commands (files cmd_api_runs.c, cmd_api_sites.c, cmd_api_scan.c). */
int api_cmd_start_audit(struct api_ctx *x);
int api_cmd_run(struct api_ctx *x);
int api_cmd_report(struct api_ctx *x);
int api_cmd_sites(struct api_ctx *x);
int api_cmd_history(struct api_ctx *x);
int api_cmd_schedule(struct api_ctx *x);
int api_cmd_account(struct api_ctx *x);
int api_cmd_scan(struct api_ctx *x);
int api_cmd_export(struct api_ctx *x);
/* report --pdf FILE (cmd_api_pdf.c). */
int api_report_pdf(struct api_ctx *x, const char *report_id);

#endif
