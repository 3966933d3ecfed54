/* pdf_issues.c: the issues, grouped by dimension, and the per-page table. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "pdf/pdf_int.h"

#define CONTENT_W (PDF_W - 2 * PDF_MARGIN)
#define EXAMPLES_SHOWN 3
#define ROW_H 15.0f

static struct pdf_rgb
severity_rgb(const char *sev)
{
	if (sev && (strcmp(sev, "critical") == 0 || strcmp(sev, "serious") == 0))
		return pdf_red;
	return sev && strcmp(sev, "moderate") == 0 ? pdf_amber : pdf_muted;
}

static void
example(struct pdf *p, json_object *e)
{
	const char *page = pdf_str(e, "page", NULL), *sel = pdf_str(e, "selector",
	    NULL), *snip = pdf_str(e, "snippet", NULL), *note = pdf_str(e, "note",
	    NULL);
	char line[1024];

	pdf_need(p, 24);
	snprintf(line, sizeof(line), "\xe2\x80\xa2 %s%s%s", page ? page : "",
	    page && sel ? " \xe2\x80\x94 " : "", sel ? sel : "");
	pdf_fill(p, pdf_muted);
	pdf_text_fit(p, PDF_MARGIN + 14, p->y, 8, PDF_REGULAR, line,
	    CONTENT_W - 14);
	p->y -= 11;
	if (snip || note) {
		pdf_fill(p, pdf_ink);
		pdf_text_fit(p, PDF_MARGIN + 22, p->y, 7.5f, PDF_REGULAR,
		    snip ? snip : note, CONTENT_W - 22);
		p->y -= 11;
	}
}

static void
issue(struct pdf *p, json_object *is)
{
	const char *sev = pdf_str(is, "severity", NULL);
	json_object *ex = pdf_get(is, "examples", NULL);
	int count = pdf_int(is, "count", NULL);
	char c[48];
	float w;

	pdf_need(p, 46);
	pdf_fill(p, severity_rgb(sev));
	w = pdf_text(p, PDF_MARGIN, p->y, 7.5f, PDF_BOLD, sev ? sev : "issue");
	snprintf(c, sizeof(c), "%d occurrence%s", count < 0 ? 0 : count,
	    count == 1 ? "" : "s");
	pdf_fill(p, pdf_muted);
	pdf_text_right(p, PDF_W - PDF_MARGIN, p->y, 8.5f, PDF_REGULAR, c);
	pdf_fill(p, pdf_ink);
	pdf_text_fit(p, PDF_MARGIN + (w > 52 ? w + 6 : 58), p->y, 10, PDF_BOLD,
	    pdf_str(is, "title", NULL) ? pdf_str(is, "title", NULL) :
	    pdf_str(is, "id", NULL), CONTENT_W - 150);
	p->y -= 13;
	pdf_fill(p, pdf_muted);
	if (pdf_str(is, "description", NULL))
		pdf_wrap(p, PDF_MARGIN + 14, CONTENT_W - 14, 8.5f, PDF_REGULAR,
		    pdf_str(is, "description", NULL), 11);
	for (size_t i = 0; ex && json_object_is_type(ex, json_type_array) &&
	    i < json_object_array_length(ex) && i < EXAMPLES_SHOWN; i++)
		example(p, json_object_array_get_idx(ex, i));
	p->y -= 8;
}

/* The issues of dimension d; returns how many there are. */
static size_t
dim_issues(struct pdf *p, json_object *list, int d, bool draw)
{
	size_t n = 0;

	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *is = json_object_array_get_idx(list, i);
		const char *dim = pdf_str(is, "dimension", NULL);

		if (dim == NULL || strcmp(dim, pdf_dim_keys[d]) != 0)
			continue;
		n++;
		if (draw)
			issue(p, is);
	}
	return n;
}

void
pdf_issues(struct pdf *p)
{
	json_object *list = pdf_get(p->doc_json, "issues", NULL);
	char h[96];
	size_t n;

	pdf_heading(p, "Issues by dimension", 60);
	if (list == NULL || !json_object_is_type(list, json_type_array) ||
	    json_object_array_length(list) == 0) {
		pdf_fill(p, pdf_muted);
		pdf_text(p, PDF_MARGIN, p->y, 10, PDF_REGULAR, "No issues found.");
		p->y -= 16;
		return;
	}
	for (int d = 0; d < PDF_NDIMS; d++) {
		if ((n = dim_issues(p, list, d, false)) == 0)
			continue;
		snprintf(h, sizeof(h), "%s \xc2\xb7 %zu issue%s", pdf_dim_labels[d], n,
		    n == 1 ? "" : "s");
		pdf_need(p, 70);
		p->y -= 6;
		pdf_fill(p, pdf_ink);
		pdf_text(p, PDF_MARGIN, p->y, 12, PDF_BOLD, h);
		p->y -= 18;
		dim_issues(p, list, d, true);
	}
}

/* ---- the per-page table ---- */

struct col { const char *head, *a, *b; float x, w; bool right, score; };

static const struct col cols[] = {
	{ "PAGE", "pagePath", NULL, PDF_MARGIN + 4, 152, false, false },
	{ "STRATEGY", "strategy", NULL, 208, 50, false, false },
	{ "PERF", "scores", "performance", 258, 30, true, true },
	{ "A11Y", "scores", "accessibility", 292, 30, true, true },
	{ "SEO", "scores", "seo", 326, 30, true, true },
	{ "BP", "scores", "bestPractices", 360, 30, true, true },
	{ "AGENT", "scores", "agentReadiness", 394, 30, true, true },
	{ "LCP", "metrics", "lcp", 428, 40, true, false },
	{ "CLS", "metrics", "cls", 472, 34, true, false },
	{ "TTFB", "metrics", "ttfb", 510, 33, true, false },
};

static void
pages_head(struct pdf *p)
{
	pdf_rect(p, PDF_MARGIN, p->y - 5, CONTENT_W, 17, pdf_head_bg);
	pdf_fill(p, pdf_muted);
	for (size_t i = 0; i < SA_NITEMS(cols); i++) {
		if (cols[i].right)
			pdf_text_right(p, cols[i].x + cols[i].w, p->y, 7.5f, PDF_BOLD,
			    cols[i].head);
		else
			pdf_text(p, cols[i].x, p->y, 7.5f, PDF_BOLD, cols[i].head);
	}
	p->y -= 18;
}

static void
cell(struct pdf *p, json_object *row, const struct col *c)
{
	char s[48];
	double v;

	if (!c->right) {
		const char *t = pdf_str(row, c->a, c->b);

		if (t == NULL && c->b == NULL)
			t = pdf_str(row, "pageUrl", NULL);
		pdf_fill(p, pdf_ink);
		pdf_text_fit(p, c->x, p->y, 8, PDF_REGULAR, t ? t : "", c->w - 4);
		return;
	}
	snprintf(s, sizeof(s), "\xe2\x80\x94");
	if (pdf_num(row, c->a, c->b, &v))
		pdf_fmt_metric(c->score ? "n" : c->b, v, s, sizeof(s));
	if (c->score && pdf_num(row, c->a, c->b, &v))
		snprintf(s, sizeof(s), "%.0f", v);
	pdf_fill(p, c->score && pdf_num(row, c->a, c->b, &v) ?
	    pdf_score_rgb((int)v) : pdf_ink);
	pdf_text_right(p, c->x + c->w, p->y, 8, c->score ? PDF_BOLD :
	    PDF_REGULAR, s);
}

void
pdf_pages_table(struct pdf *p)
{
	json_object *pages = pdf_get(p->doc_json, "pages", NULL);
	size_t n = pages && json_object_is_type(pages, json_type_array) ?
	    json_object_array_length(pages) : 0;

	pdf_heading(p, "Pages", 60);
	pages_head(p);
	for (size_t i = 0; i < n; i++) {
		json_object *row = json_object_array_get_idx(pages, i);

		if (pdf_need(p, ROW_H))
			pages_head(p);   /* the header again on each new page */
		if (i % 2)
			pdf_rect(p, PDF_MARGIN, p->y - 4.5f, CONTENT_W, ROW_H,
			    pdf_head_bg);
		for (size_t k = 0; k < SA_NITEMS(cols); k++)
			cell(p, row, &cols[k]);
		p->y -= ROW_H;
	}
}
