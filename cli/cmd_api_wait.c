/* cmd_api_wait.c: --wait — poll a run, with a progress line on stderr. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd_api.h"

static double
elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* On a terminal the line is redrawn in place every poll; in a log (CI) it
 * is written once per status change, so the log stays short. */
static void
progress(const char *id, const char *status, long secs, bool tty)
{
	fprintf(stderr, "%srun %s: %s (%ld s)%s", tty ? "\r" : "", id, status,
	    secs, tty ? "\033[K" : "\n");
	fflush(stderr);
}

static bool
finished(const char *status)
{
	return strcmp(status, "completed") == 0 || strcmp(status, "failed") == 0;
}

/* A few seconds between polls (the API asks for that), quicker at first
 * because a one-page audit often ends within seconds. */
static void
pause_poll(double secs, long timeout_s)
{
	double step = secs < 10 ? 1.0 : 2.0, left = (double)timeout_s - secs;
	struct timespec ts;

	if (left < step)
		step = left > 0.05 ? left : 0.05;
	ts.tv_sec = (time_t)step;
	ts.tv_nsec = (long)((step - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

int
api_wait_run(struct api_ctx *x, const char *id, json_object **run)
{
	bool tty = isatty(STDERR_FILENO);
	char path[96], last[32] = "";
	struct timespec t0;
	json_object *o = NULL;
	const char *st = NULL;
	int rc;

	*run = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	snprintf(path, sizeof(path), "/api/mcp/runs/%s", id);
	for (;;) {
		long secs;

		if ((rc = api_req(x, "GET", path, NULL, 200, &o)) != AX_OK)
			break;
		if ((st = js(o, "status")) == NULL) {
			rc = api_err(x, AX_SERVER, "the run answer has no status");
			break;
		}
		secs = (long)elapsed(&t0);
		if (tty || strcmp(st, last) != 0)
			progress(id, st, secs, tty);
		snprintf(last, sizeof(last), "%s", st);
		if (finished(st))
			break;
		json_object_put(o);
		o = NULL;
		if (elapsed(&t0) >= (double)x->o.timeout_s) {
			if (tty)
				fputc('\n', stderr);
			return api_err(x, AX_SERVER, "timeout: run %s still %s after"
			    " %ld s", id, last, x->o.timeout_s);
		}
		pause_poll(elapsed(&t0), x->o.timeout_s);
	}
	if (tty && last[0])
		fputc('\n', stderr);
	if (rc != AX_OK) {
		json_object_put(o);
		return rc;
	}
	*run = o;
	if (strcmp(st, "failed") == 0)
		return api_err(x, AX_FAILED, "run %s failed: %s", id,
		    js(o, "error") ? js(o, "error") : "no reason given");
	return AX_OK;
}

int
api_queued_or_wait(struct api_ctx *x, const char *what, const char *id)
{
	json_object *run = NULL;
	int rc;

	if (!x->o.wait) {
		if (x->o.json)
			api_print_last(x);
		else
			printf("%s %s queued\n", what, id);
		return AX_OK;
	}
	rc = api_wait_run(x, id, &run);
	if (run && x->o.json) {
		api_print_last(x);
	} else if (run) {
		int shown = api_show_run(x, run);
		if (rc == AX_OK)
			rc = shown;
	}
	json_object_put(run);
	return rc;
}
