/* engine_inproc.c: times audit_url() inside one warm process, per page. */
/* SPDX-License-Identifier: MIT */
/*
 * Usage: engine-inproc N URL...  — prints, per URL, the median wall and CPU
 * milliseconds of N audits (after one warm-up) and the process's peak RSS.
 * The process-per-audit numbers of bench/engine include program start-up
 * (dynamic linking of ~40 libraries); this is the engine's own cost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <sodium.h>
#include "audit/audit.h"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double
cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
one(const char *url, const struct audit_opts *o, double *wall, double *cpu)
{
	struct audit_report *r = NULL;
	double w0 = now_ms(), c0 = cpu_ms();
	enum sa_err rc = audit_url(url, o, &r);

	*wall = now_ms() - w0;
	*cpu = cpu_ms() - c0;
	audit_report_free(r);
	return rc == SA_OK ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct audit_opts o;
	struct rusage ru;
	int n = argc > 2 ? (int)strtol(argv[1], NULL, 10) : 0;
	double *w, *c, dw, dc;

	if (n < 1 || n > 10000 || sodium_init() < 0) {
		fprintf(stderr, "usage: engine-inproc N URL...\n");
		return 2;
	}
	audit_opts_init(&o);
	o.fetch.allow_private = true;
	w = calloc((size_t)n, sizeof(*w));
	c = calloc((size_t)n, sizeof(*c));
	for (int u = 2; u < argc && w && c; u++) {
		int bad = one(argv[u], &o, &dw, &dc);   /* warm-up */
		for (int i = 0; i < n; i++)
			bad |= one(argv[u], &o, &w[i], &c[i]);
		qsort(w, (size_t)n, sizeof(*w), cmp);
		qsort(c, (size_t)n, sizeof(*c), cmp);
		printf("%s\t%.2f\t%.2f\t%s\n", argv[u], w[n / 2], c[n / 2],
		    bad ? "error" : "ok");
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("peak_rss_mb\t%.1f\n", ru.ru_maxrss / 1024.0);
	free(w);
	free(c);
	return 0;
}
