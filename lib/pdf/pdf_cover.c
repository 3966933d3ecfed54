/* pdf_cover.c: the cover page — site, scan, overall gauge, dimension bars. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "pdf/pdf_int.h"

#define GAUGE_R   66.0f
#define BAR_X     262.0f
#define BAR_W     (PDF_W - PDF_MARGIN - BAR_X)

/* Pages audited under the report's first strategy. */
static size_t
page_count(json_object *doc)
{
	json_object *pages = pdf_get(doc, "pages", NULL);
	size_t n = 0, len;
	const char *st = NULL;

	if (pages == NULL || !json_object_is_type(pages, json_type_array))
		return 0;
	len = json_object_array_length(pages);
	for (size_t i = 0; i < len; i++) {
		const char *s = pdf_str(json_object_array_get_idx(pages, i),
		    "strategy", NULL);

		if (st == NULL)
			st = s;
		if (s == NULL || st == NULL || strcmp(s, st) == 0)
			n++;
	}
	return n;
}

/* "2026-11-23 12:13 UTC" from an ISO 8601 time. */
static void
iso_date(const char *iso, char *out, size_t n)
{
	if (iso == NULL || strlen(iso) < 16) {
		snprintf(out, n, "%s", iso ? iso : "unknown");
		return;
	}
	snprintf(out, n, "%.10s %.5s UTC", iso, iso + 11);
}

static void
head(struct pdf *p, const struct pdf_meta *m)
{
	json_object *d = p->doc_json;
	const char *url = pdf_str(d, "url", NULL);
	const char *st = pdf_str(d, "strategy", NULL);
	char date[64], line[256];
	size_t np = page_count(d);
	float w = PDF_W - 2 * PDF_MARGIN;

	if (m->scan_date)
		snprintf(date, sizeof(date), "%s", m->scan_date);
	else
		iso_date(pdf_str(d, "generatedAt", NULL), date, sizeof(date));
	pdf_fill(p, pdf_muted);
	pdf_text(p, PDF_MARGIN, p->y - 10, 9, PDF_BOLD, "WEBSITE AUDIT REPORT");
	pdf_fill(p, pdf_ink);
	pdf_text_fit(p, PDF_MARGIN, p->y - 44, 26, PDF_BOLD, p->title, w);
	pdf_fill(p, pdf_muted);
	pdf_text_fit(p, PDF_MARGIN, p->y - 64, 11, PDF_REGULAR, url ? url : "", w);
	snprintf(line, sizeof(line), "Scanned %s \xc2\xb7 Strategy: %s \xc2\xb7 "
	    "%zu page%s audited", date, st ? st : "mobile", np, np == 1 ? "" : "s");
	pdf_fill(p, pdf_ink);
	pdf_text_fit(p, PDF_MARGIN, p->y - 84, 10, PDF_REGULAR, line, w);
	pdf_hline(p, PDF_MARGIN, p->y - 98, w, pdf_rule);
	p->y -= 110;
}

static void
ring(struct pdf *p, float cx, float cy, float from, float to,
    struct pdf_rgb c)
{
	pdf_stroke(p, c);
	HPDF_Page_SetLineWidth(p->page, 14);
	if (to - from >= 359.9f)   /* libharu's arcs stop short of a circle */
		HPDF_Page_Circle(p->page, cx, cy, GAUGE_R);
	else
		HPDF_Page_Arc(p->page, cx, cy, GAUGE_R, from, to);
	HPDF_Page_Stroke(p->page);
}

/* The overall health as a ring filled to score / 100. */
static void
gauge(struct pdf *p, float top)
{
	int score = pdf_int(p->doc_json, "overall", NULL);
	float cx = PDF_MARGIN + GAUGE_R + 14, cy = top - GAUGE_R - 20;
	char num[16];

	ring(p, cx, cy, 0, 360, pdf_track);
	if (score > 0)
		ring(p, cx, cy, 0, 360.0f * (float)(score > 100 ? 100 : score) /
		    100.0f, pdf_score_rgb(score));
	snprintf(num, sizeof(num), "%s", score < 0 ? "n/a" : "");
	if (score >= 0)
		snprintf(num, sizeof(num), "%d", score);
	pdf_fill(p, score < 0 ? pdf_muted : pdf_score_rgb(score));
	pdf_text(p, cx - pdf_text_width(p, 40, PDF_BOLD, num) / 2, cy - 10, 40,
	    PDF_BOLD, num);
	pdf_fill(p, pdf_muted);
	pdf_text(p, cx - pdf_text_width(p, 9, PDF_REGULAR, "out of 100") / 2,
	    cy - 28, 9, PDF_REGULAR, "out of 100");
	pdf_fill(p, pdf_ink);
	pdf_text(p, cx - pdf_text_width(p, 12, PDF_BOLD, "Overall health") / 2,
	    cy - GAUGE_R - 26, 12, PDF_BOLD, "Overall health");
}

/* One dimension: label, score, and a bar coloured by the score. The sixth
 * (agent readiness) is labelled as outside the overall health ring. */
static void
bar(struct pdf *p, float y, int i)
{
	char label[64];

	int v = pdf_int(p->doc_json, "scores", pdf_dim_keys[i]);
	char num[16];

	snprintf(num, sizeof(num), "n/a");
	if (v >= 0)
		snprintf(num, sizeof(num), "%d", v);
	snprintf(label, sizeof(label), "%s%s", pdf_dim_labels[i],
	    i == PDF_AGENT ? " (not in overall)" : "");
	pdf_fill(p, pdf_ink);
	pdf_text(p, BAR_X, y, 11, PDF_REGULAR, label);
	pdf_fill(p, v < 0 ? pdf_muted : pdf_score_rgb(v));
	pdf_text_right(p, BAR_X + BAR_W, y, 12, PDF_BOLD, num);
	pdf_rect(p, BAR_X, y - 15, BAR_W, 8, pdf_track);
	if (v > 0)
		pdf_rect(p, BAR_X, y - 15, BAR_W * (float)(v > 100 ? 100 : v) /
		    100.0f, 8, pdf_score_rgb(v));
}

static void
legend(struct pdf *p, float y)
{
	static const char *const txt[3] = { "0\xe2\x80\x93" "49", "50\xe2\x80\x93" "89",
	    "90\xe2\x80\x93" "100" };
	const struct pdf_rgb *c[3] = { &pdf_red, &pdf_amber, &pdf_green };
	float x = BAR_X;

	for (int i = 0; i < 3; i++) {
		pdf_rect(p, x, y, 8, 8, *c[i]);
		pdf_fill(p, pdf_muted);
		x += 12 + pdf_text(p, x + 12, y + 1, 8, PDF_REGULAR, txt[i]) + 14;
	}
}

static void
summaries(struct pdf *p)
{
	pdf_heading(p, "Summary", 40);
	for (int i = 0; i < PDF_NDIMS; i++) {
		const char *s = pdf_str(p->doc_json, "summaries", pdf_dim_keys[i]);

		if (s == NULL)
			continue;
		pdf_need(p, 30);
		pdf_fill(p, pdf_ink);
		pdf_text(p, PDF_MARGIN, p->y, 10, PDF_BOLD, pdf_dim_labels[i]);
		p->y -= 14;
		pdf_fill(p, pdf_muted);
		pdf_wrap(p, PDF_MARGIN, PDF_W - 2 * PDF_MARGIN, 9.5f, PDF_REGULAR,
		    s, 13);
		p->y -= 6;
	}
}

void
pdf_cover(struct pdf *p, const struct pdf_meta *m)
{
	/* six bars when the scan measured agent readiness, else the five */
	int nbars = pdf_int(p->doc_json, "scores", pdf_dim_keys[PDF_AGENT]) >= 0 ?
	    PDF_NDIMS : PDF_AGENT;
	float top, below;

	pdf_new_page(p);
	head(p, m);
	top = p->y;
	gauge(p, top);
	for (int i = 0; i < nbars; i++)
		bar(p, top - 18 - (float)i * 36, i);
	legend(p, top - 18 - (float)nbars * 36);
	below = 18 + (float)nbars * 36 + 16;   /* the legend's line */
	p->y = top - (below > 2 * GAUGE_R + 70 ? below : 2 * GAUGE_R + 70);
	summaries(p);
}
