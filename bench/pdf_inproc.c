/* pdf_inproc.c: times pdf_render_file() on a 100-page-site report. */
/* SPDX-License-Identifier: MIT */
/*
 * Usage: pdf_inproc [N] [OUT.pdf] [REPORT.json] — renders the report N
 * times (default 20, after one warm-up) and prints the median, min and max
 * wall milliseconds and the file size. Without REPORT.json it builds a
 * typical 100-page site report: 100 page rows, 30 issues over the five
 * dimensions with 5 examples each, opportunities on every page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include "pdf/pdf.h"

#define NPAGES 100
#define NISSUES 30

static const char *const dims[5] = { "performance", "accessibility", "seo",
	"bestPractices", "security" };

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* User + system CPU milliseconds of this process so far. */
static double
cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static json_object *
page_row(int i)
{
	char s[1400];

	snprintf(s, sizeof(s), "{\"pageUrl\":\"https://bakery.example/menu/"
	    "item-%03d.html\",\"pagePath\":\"/menu/item-%03d.html\",\"strategy\":"
	    "\"mobile\",\"scores\":{\"performance\":%d,\"seo\":%d,\"accessibility\""
	    ":%d,\"bestPractices\":%d},\"coreWebVitals\":{\"lcp\":%d,\"cls\":0.%02d,"
	    "\"inp\":null,\"fcp\":%d,\"ttfb\":%d},\"crux\":{\"lcp\":2400,\"cls\":"
	    "0.04,\"inp\":180,\"hasCruxData\":%s},\"opportunities\":[{\"id\":"
	    "\"render-blocking-resources\",\"title\":\"Eliminate render-blocking "
	    "resources\",\"savingsMs\":%d,\"savingsBytes\":0},{\"id\":"
	    "\"uses-optimized-images\",\"title\":\"Efficiently encode images\","
	    "\"savingsMs\":%d,\"savingsBytes\":%d}],\"metrics\":{\"fcp\":%d,\"lcp\""
	    ":%d,\"tbt\":%d,\"ttfb\":%d,\"cls\":0.%02d,\"inp\":null}}", i, i,
	    35 + i % 65, 80 + i % 20, 60 + i % 40, 70 + i % 30, 1800 + 37 * i,
	    i % 30, 900 + 11 * i, 80 + i, i < 10 ? "true" : "false", 120 + i,
	    40 + i, 20000 + 300 * i, 900 + 11 * i, 1800 + 37 * i, 30 + i, 80 + i,
	    i % 30);
	return json_tokener_parse(s);
}

static json_object *
issue(int i)
{
	json_object *o = json_object_new_object(), *ex = json_object_new_array();
	char t[160];

	json_object_object_add(o, "id", json_object_new_string("check-id"));
	json_object_object_add(o, "dimension", json_object_new_string(dims[i % 5]));
	json_object_object_add(o, "severity", json_object_new_string(
	    i % 3 ? "moderate" : "serious"));
	snprintf(t, sizeof(t), "Check number %d of the audit has a descriptive "
	    "title", i);
	json_object_object_add(o, "title", json_object_new_string(t));
	json_object_object_add(o, "description", json_object_new_string("Why this "
	    "matters to visitors and search engines, and how to fix it in a "
	    "sentence or two that wraps onto a second line of the report."));
	json_object_object_add(o, "count", json_object_new_int(3 + i));
	for (int k = 0; k < 5; k++)
		json_object_array_add(ex, json_tokener_parse("{\"page\":\"https://"
		    "bakery.example/menu/item-001.html\",\"selector\":\"main > "
		    "section:nth-of-type(2) > img\",\"snippet\":\"<img src=\\\""
		    "/images/sourdough-loaf-large.jpg\\\" width=\\\"1200\\\">\"}"));
	json_object_object_add(o, "examples", ex);
	return o;
}

static json_object *
sample(void)
{
	json_object *d = json_tokener_parse("{\"url\":\"https://bakery.example/\","
	    "\"strategy\":\"mobile\",\"overall\":78,\"scores\":{\"performance\":"
	    "62,\"accessibility\":88,\"seo\":93,\"bestPractices\":83,\"security\""
	    ":45},\"summaries\":{\"performance\":\"Performance scored 62/100 "
	    "(estimated, mobile): FCP 1.4 s, LCP 3.6 s, TBT 120 ms; top "
	    "opportunities: render-blocking-resources, uses-optimized-images.\","
	    "\"accessibility\":\"Accessibility scored 88/100: 3 of 17 applicable "
	    "checks failed (color-contrast, image-alt, heading-order).\",\"seo\":"
	    "\"SEO scored 93/100: 2 of 10 applicable checks failed (link-text, "
	    "meta-description).\",\"bestPractices\":\"Best practices scored "
	    "83/100: 1 of 6 applicable checks failed (image-aspect-ratio).\","
	    "\"security\":\"Security scored 45/100: 3 of 6 applicable checks "
	    "failed (csp-xss, clickjacking-mitigation, permissions-policy).\"},"
	    "\"generatedAt\":"
	    "\"2026-11-23T10:00:00.000Z\"}");
	json_object *pages = json_object_new_array(), *is = json_object_new_array();

	for (int i = 0; i < NPAGES; i++)
		json_object_array_add(pages, page_row(i));
	for (int i = 0; i < NISSUES; i++)
		json_object_array_add(is, issue(i));
	json_object_object_add(d, "pages", pages);
	json_object_object_add(d, "issues", is);
	return d;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 20;
	const char *out = argc > 2 ? argv[2] : "/tmp/siteaudit-bench.pdf";
	json_object *d = argc > 3 ? json_object_from_file(argv[3]) : sample();
	struct pdf_meta m = { "Hearth & Crumb Bakery", NULL, 0 };
	double t[1000], c[1000];
	struct stat st;

	if (n < 1 || n > 1000 || d == NULL || pdf_render_file(d, &m, out)) {
		fprintf(stderr, "usage: pdf_inproc [N<=1000] [OUT.pdf] [REPORT.json]\n");
		return 2;
	}
	for (int i = 0; i < n; i++) {
		double t0 = now_ms(), c0 = cpu_ms();

		pdf_render_file(d, &m, out);
		t[i] = now_ms() - t0;
		c[i] = cpu_ms() - c0;
	}
	qsort(t, (size_t)n, sizeof(t[0]), cmp);
	qsort(c, (size_t)n, sizeof(c[0]), cmp);
	stat(out, &st);
	printf("%-28s %9s %8s %8s %9s %7s\n", "report (wall ms)", "median",
	    "min", "max", "cpu med", "size");
	printf("%-28s %9.1f %8.1f %8.1f %9.1f %5.0fKB  (target < 200 ms)\n",
	    argc > 3 ? argv[3] : "100-page site, 30 issues", t[n / 2], t[0],
	    t[n - 1], c[n / 2], (double)st.st_size / 1024.0);
	json_object_put(d);
	return 0;
}
