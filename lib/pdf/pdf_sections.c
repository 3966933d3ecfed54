/* pdf_sections.c: metrics, opportunities and issues sections of the PDF. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pdf/pdf_int.h"

#define CONTENT_W (PDF_W - 2 * PDF_MARGIN)
#define MAX_OPPS  64
#define EXAMPLES_SHOWN 3

/*
 * Page row i of the report into *row: 1 when it is of the report's first
 * strategy, 0 for a row of the other strategy, -1 past the end.
 */
int
pdf_page_row(struct pdf *p, size_t i, json_object **row)
{
	json_object *pages = pdf_get(p->doc_json, "pages", NULL);
	const char *st, *first;

	if (pages == NULL || !json_object_is_type(pages, json_type_array) ||
	    i >= json_object_array_length(pages))
		return -1;
	*row = json_object_array_get_idx(pages, i);
	first = pdf_str(json_object_array_get_idx(pages, 0), "strategy", NULL);
	st = pdf_str(*row, "strategy", NULL);
	return first && st && strcmp(first, st) != 0 ? 0 : 1;
}

/* Mean of a page metric over the rows (field: CrUX rows only). */
static bool
metric_mean(struct pdf *p, const char *key, bool field, double *out)
{
	double sum = 0, v;
	size_t n = 0;
	json_object *row = NULL;
	int k;

	for (size_t i = 0; (k = pdf_page_row(p, i, &row)) >= 0; i++) {
		if (k == 0)
			continue;
		if (field ? (pdf_get(row, "crux", "hasCruxData") == NULL ||
		    !json_object_get_boolean(pdf_get(row, "crux", "hasCruxData")) ||
		    !pdf_num(row, "crux", key, &v)) :
		    !pdf_num(row, "metrics", key, &v) &&
		    !pdf_num(row, "coreWebVitals", key, &v))
			continue;
		sum += v;
		n++;
	}
	if (n)
		*out = sum / (double)n;
	return n > 0;
}

struct metric_def {
	const char *key, *label;
	double good, poor;   /* Core Web Vitals thresholds */
	bool field;          /* CrUX reports it */
};

static const struct metric_def metrics[] = {
	{ "fcp", "First Contentful Paint", 1800, 3000, false },
	{ "lcp", "Largest Contentful Paint", 2500, 4000, true },
	{ "cls", "Cumulative Layout Shift", 0.1, 0.25, true },
	{ "inp", "Interaction to Next Paint", 200, 500, true },
	{ "ttfb", "Time to First Byte", 800, 1800, false },
	{ "tbt", "Total Blocking Time", 200, 600, false },
};

static void
rating(struct pdf *p, float x, float y, const struct metric_def *d, double v)
{
	struct pdf_rgb c = v <= d->good ? pdf_green : v <= d->poor ? pdf_amber :
	    pdf_red;
	const char *t = v <= d->good ? "Good" : v <= d->poor ?
	    "Needs improvement" : "Poor";

	pdf_rect(p, x, y, 7, 7, c);
	pdf_fill(p, pdf_ink);
	pdf_text(p, x + 11, y, 9.5f, PDF_REGULAR, t);
}

static void
table_head(struct pdf *p, const char *const *cols, const float *xs, int n)
{
	pdf_rect(p, PDF_MARGIN, p->y - 5, CONTENT_W, 17, pdf_head_bg);
	pdf_fill(p, pdf_muted);
	for (int i = 0; i < n; i++)
		pdf_text(p, xs[i], p->y, 8.5f, PDF_BOLD, cols[i]);
	p->y -= 19;
}

static void
metric_row(struct pdf *p, const struct metric_def *d)
{
	double lab, field;
	char s[32];
	bool has_lab = metric_mean(p, d->key, false, &lab);
	bool has_field = d->field && metric_mean(p, d->key, true, &field);

	pdf_fill(p, pdf_ink);
	pdf_text(p, PDF_MARGIN + 4, p->y, 9.5f, PDF_REGULAR, d->label);
	snprintf(s, sizeof(s), "\xe2\x80\x94");
	if (has_lab)
		pdf_fmt_metric(d->key, lab, s, sizeof(s));
	pdf_text(p, 250, p->y, 9.5f, PDF_BOLD, s);
	snprintf(s, sizeof(s), "%s", d->field ? "no field data" : "\xe2\x80\x94");
	if (has_field)
		pdf_fmt_metric(d->key, field, s, sizeof(s));
	pdf_fill(p, has_field ? pdf_ink : pdf_muted);
	pdf_text(p, 340, p->y, 9.5f, PDF_REGULAR, s);
	if (has_field || has_lab)
		rating(p, 440, p->y, d, has_field ? field : lab);
	pdf_hline(p, PDF_MARGIN, p->y - 6, CONTENT_W, pdf_track);
	p->y -= 19;
}

void
pdf_metrics(struct pdf *p)
{
	static const char *const cols[] = { "METRIC", "LAB (MEAN)",
	    "FIELD (CRUX P75)", "RATING" };
	static const float xs[] = { PDF_MARGIN + 4, 250, 340, 440 };

	pdf_heading(p, "Metrics", 60);
	table_head(p, cols, xs, 4);
	for (size_t i = 0; i < SA_NITEMS(metrics); i++)
		metric_row(p, &metrics[i]);
	pdf_fill(p, pdf_muted);
	pdf_wrap(p, PDF_MARGIN, CONTENT_W, 8, PDF_REGULAR, "Lab values are "
	    "modelled under the strategy's network and CPU profile and averaged "
	    "over the audited pages; field values are the Chrome UX Report's "
	    "75th percentile where the site has real-user data.", 11);
}

struct opp {
	const char *id, *title;
	double ms, bytes;
	int pages;
};

static int
opp_cmp(const void *a, const void *b)
{
	const struct opp *x = a, *y = b;

	if (x->ms != y->ms)
		return x->ms < y->ms ? 1 : -1;
	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return strcmp(x->id, y->id);
}

static void
opp_add(struct opp *o, size_t *n, json_object *e)
{
	const char *id = pdf_str(e, "id", NULL);
	double ms = 0, bytes = 0;
	size_t i;

	if (id == NULL)
		return;
	for (i = 0; i < *n && strcmp(o[i].id, id) != 0; i++)
		;
	if (i == *n) {
		if (*n == MAX_OPPS)
			return;
		o[(*n)++] = (struct opp){ id, pdf_str(e, "title", NULL), 0, 0, 0 };
	}
	pdf_num(e, "savingsMs", NULL, &ms);
	pdf_num(e, "savingsBytes", NULL, &bytes);
	o[i].ms += ms;
	o[i].bytes += bytes;
	o[i].pages++;
}

static size_t
collect_opps(struct pdf *p, struct opp *o)
{
	json_object *row = NULL, *list;
	size_t n = 0;
	int k;

	for (size_t i = 0; (k = pdf_page_row(p, i, &row)) >= 0; i++) {
		list = pdf_get(row, "opportunities", NULL);
		if (k == 0 || list == NULL || !json_object_is_type(list, json_type_array))
			continue;
		for (size_t j = 0; j < json_object_array_length(list); j++)
			opp_add(o, &n, json_object_array_get_idx(list, j));
	}
	qsort(o, n, sizeof(*o), opp_cmp);
	return n;
}

static void
opp_row(struct pdf *p, const struct opp *o)
{
	char s[48];

	if (pdf_need(p, 19))
		p->y -= 4;
	pdf_fill(p, pdf_ink);
	pdf_text_fit(p, PDF_MARGIN + 4, p->y, 9.5f, PDF_REGULAR,
	    o->title ? o->title : o->id, 290);
	snprintf(s, sizeof(s), "%d", o->pages);
	pdf_text_right(p, 380, p->y, 9.5f, PDF_REGULAR, s);
	pdf_fmt_metric("ms", o->ms, s, sizeof(s));
	pdf_text_right(p, 460, p->y, 9.5f, PDF_BOLD, s);
	snprintf(s, sizeof(s), "%.0f KiB", o->bytes / 1024.0);
	pdf_text_right(p, PDF_W - PDF_MARGIN - 4, p->y, 9.5f, PDF_REGULAR, s);
	pdf_hline(p, PDF_MARGIN, p->y - 6, CONTENT_W, pdf_track);
	p->y -= 19;
}

void
pdf_opportunities(struct pdf *p)
{
	static const char *const cols[] = { "OPPORTUNITY", "PAGES",
	    "EST. SAVINGS", "BYTES" };
	static const float xs[] = { PDF_MARGIN + 4, 348, 400, 505 };
	struct opp o[MAX_OPPS];
	size_t n = collect_opps(p, o);

	pdf_heading(p, "Opportunities", 60);
	if (n == 0) {
		pdf_fill(p, pdf_muted);
		pdf_text(p, PDF_MARGIN, p->y, 10, PDF_REGULAR,
		    "No performance opportunities were found.");
		p->y -= 16;
		return;
	}
	table_head(p, cols, xs, 4);
	for (size_t i = 0; i < n; i++)
		opp_row(p, &o[i]);
	pdf_fill(p, pdf_muted);
	pdf_wrap(p, PDF_MARGIN, CONTENT_W, 8, PDF_REGULAR, "Estimated savings "
	    "are summed over the pages that have the opportunity.", 11);
}
