/* pdf_doc.c: the PDF document — pages, footers, palette, atomic save. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pdf/pdf_int.h"

const struct pdf_rgb pdf_ink = { 0.10f, 0.10f, 0.12f };
const struct pdf_rgb pdf_muted = { 0.38f, 0.40f, 0.43f };
const struct pdf_rgb pdf_rule = { 0.80f, 0.81f, 0.83f };
const struct pdf_rgb pdf_track = { 0.91f, 0.92f, 0.93f };
const struct pdf_rgb pdf_red = { 0.87f, 0.20f, 0.16f };
const struct pdf_rgb pdf_amber = { 0.96f, 0.58f, 0.00f };
const struct pdf_rgb pdf_green = { 0.05f, 0.62f, 0.30f };
const struct pdf_rgb pdf_head_bg = { 0.95f, 0.96f, 0.97f };

const char *const pdf_dim_keys[PDF_NDIMS] = {
	"performance", "accessibility", "seo", "bestPractices", "security",
	"agentReadiness"
};
const char *const pdf_dim_labels[PDF_NDIMS] = {
	"Performance", "Accessibility", "SEO", "Best practices", "Security",
	"Agent readiness"
};

static void
on_error(HPDF_STATUS err, HPDF_STATUS detail, void *arg)
{
	struct pdf *p = arg;

	if (getenv("SITEAUDIT_PDF_DEBUG"))
		fprintf(stderr, "libharu error 0x%04X (detail %u)\n", (unsigned)err,
		    (unsigned)detail);
	p->failed = true;
}

void
pdf_fill(struct pdf *p, struct pdf_rgb c)
{
	HPDF_Page_SetRGBFill(p->page, c.r, c.g, c.b);
}

void
pdf_stroke(struct pdf *p, struct pdf_rgb c)
{
	HPDF_Page_SetRGBStroke(p->page, c.r, c.g, c.b);
}

void
pdf_rect(struct pdf *p, float x, float y, float w, float h, struct pdf_rgb c)
{
	pdf_fill(p, c);
	HPDF_Page_Rectangle(p->page, x, y, w, h);
	HPDF_Page_Fill(p->page);
	pdf_fill(p, pdf_ink);
}

void
pdf_hline(struct pdf *p, float x, float y, float w, struct pdf_rgb c)
{
	pdf_stroke(p, c);
	HPDF_Page_SetLineWidth(p->page, 0.6f);
	HPDF_Page_MoveTo(p->page, x, y);
	HPDF_Page_LineTo(p->page, x + w, y);
	HPDF_Page_Stroke(p->page);
}

void
pdf_new_page(struct pdf *p)
{
	if (p->npages >= PDF_MAX_PAGES) {   /* keep drawing on the last one */
		p->y = PDF_TOP;
		return;
	}
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->pages[p->npages++] = p->page;
	pdf_fill(p, pdf_ink);
	p->y = PDF_TOP;
}

bool
pdf_need(struct pdf *p, float h)
{
	if (p->y - h >= PDF_BOTTOM)
		return false;
	pdf_new_page(p);
	return true;
}

void
pdf_heading(struct pdf *p, const char *s, float need_after)
{
	if (p->y < PDF_TOP)
		p->y -= 10;
	pdf_need(p, 26 + need_after);
	pdf_fill(p, pdf_ink);
	pdf_text(p, PDF_MARGIN, p->y - 14, 15, PDF_BOLD, s);
	pdf_hline(p, PDF_MARGIN, p->y - 21, PDF_W - 2 * PDF_MARGIN, pdf_rule);
	p->y -= 38;
}

struct pdf_rgb
pdf_score_rgb(int score)
{
	return score < 50 ? pdf_red : score < 90 ? pdf_amber : pdf_green;
}

/* "Page i of n" and the generation line on every page. */
static void
footers(struct pdf *p, const char *when)
{
	char left[400], right[40];

	snprintf(left, sizeof(left), "%s \xc2\xb7 generated %s by siteaudit",
	    p->title, when);
	for (int i = 0; i < p->npages; i++) {
		p->page = p->pages[i];
		snprintf(right, sizeof(right), "Page %d of %d", i + 1, p->npages);
		pdf_hline(p, PDF_MARGIN, 44, PDF_W - 2 * PDF_MARGIN, pdf_rule);
		pdf_fill(p, pdf_muted);
		pdf_text_fit(p, PDF_MARGIN, 30, 8, PDF_REGULAR, left, 380);
		pdf_text_right(p, PDF_W - PDF_MARGIN, 30, 8, PDF_REGULAR, right);
	}
}

static bool
load_fonts(struct pdf *p)
{
	const char *r, *b;

	HPDF_UseUTFEncodings(p->doc);
	r = HPDF_LoadTTFontFromFile(p->doc, PDF_FONT_REGULAR, HPDF_TRUE);
	b = HPDF_LoadTTFontFromFile(p->doc, PDF_FONT_BOLD, HPDF_TRUE);
	p->font = r ? HPDF_GetFont(p->doc, r, "UTF-8") : NULL;
	p->bold = b ? HPDF_GetFont(p->doc, b, "UTF-8") : NULL;
	return p->font != NULL && p->bold != NULL;
}

/* Writes the document to path through a temporary file and rename. */
static enum sa_err
save_atomic(struct pdf *p, const char *path)
{
	char tmp[4096];
	int n = snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());

	if (n < 0 || (size_t)n >= sizeof(tmp))
		return SA_EINVAL;
	if (HPDF_SaveToFile(p->doc, tmp) != HPDF_OK || p->failed) {
		unlink(tmp);
		return SA_EIO;
	}
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		return SA_EIO;
	}
	return SA_OK;
}

static void
fmt_time(time_t t, char *out, size_t n)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, n, "%Y-%m-%d %H:%M UTC",
	    &tm) == 0)
		snprintf(out, n, "?");
}

static void
draw_all(struct pdf *p, const struct pdf_meta *m)
{
	char when[40];

	fmt_time(m->generated ? m->generated : time(NULL), when, sizeof(when));
	snprintf(p->title, sizeof(p->title), "%s", m->site_name && m->site_name[0] ?
	    m->site_name : pdf_str(p->doc_json, "url", NULL) ?
	    pdf_str(p->doc_json, "url", NULL) : "Website audit");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "siteaudit");
	pdf_cover(p, m);
	pdf_metrics(p);   /* on the cover when the summaries leave room */
	pdf_opportunities(p);
	pdf_issues(p);
	pdf_pages_table(p);
	footers(p, when);
}

enum sa_err
pdf_render_file(json_object *doc, const struct pdf_meta *m, const char *path)
{
	struct pdf *p;
	enum sa_err rc = SA_EIO;

	if (!json_object_is_type(doc, json_type_object))
		return SA_EINVAL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return SA_ENOMEM;
	p->doc_json = doc;
	if ((p->doc = HPDF_New(on_error, p)) == NULL) {
		free(p);
		return SA_ENOMEM;
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	if (load_fonts(p) && !p->failed) {
		draw_all(p, m);
		rc = p->failed ? SA_EIO : save_atomic(p, path);
	}
	HPDF_Free(p->doc);
	free(p);
	return rc;
}

/* ---- JSON helpers ---- */

json_object *
pdf_get(json_object *o, const char *a, const char *b)
{
	json_object *v = NULL;

	if (o == NULL || !json_object_object_get_ex(o, a, &v) || v == NULL)
		return NULL;
	if (b == NULL)
		return v;
	return pdf_get(v, b, NULL);
}

const char *
pdf_str(json_object *o, const char *a, const char *b)
{
	json_object *v = pdf_get(o, a, b);

	return v && json_object_is_type(v, json_type_string) ?
	    json_object_get_string(v) : NULL;
}

bool
pdf_num(json_object *o, const char *a, const char *b, double *out)
{
	json_object *v = pdf_get(o, a, b);

	if (v == NULL || !(json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double)))
		return false;
	*out = json_object_get_double(v);
	return isfinite(*out);
}

int
pdf_int(json_object *o, const char *a, const char *b)
{
	double d;

	if (!pdf_num(o, a, b, &d) || d < 0 || d > 1e9)
		return -1;
	return (int)lround(d);
}

void
pdf_fmt_metric(const char *key, double v, char *out, size_t n)
{
	if (strcmp(key, "cls") == 0)
		snprintf(out, n, "%.3f", v);
	else if (v >= 1000)
		snprintf(out, n, "%.1f s", v / 1000.0);
	else
		snprintf(out, n, "%.0f ms", v);
}
