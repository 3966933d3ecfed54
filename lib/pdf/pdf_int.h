/* pdf_int.h: the PDF renderer's shared context and drawing helpers. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_PDF_INT_H
#define SA_PDF_INT_H

#include <stdbool.h>
#include <hpdf.h>
#include <json-c/json.h>
#include "pdf/pdf.h"

#define PDF_W       595.0f   /* A4 portrait, points */
#define PDF_H       842.0f
#define PDF_MARGIN  48.0f
#define PDF_TOP     (PDF_H - PDF_MARGIN)
#define PDF_BOTTOM  64.0f    /* content stops above the footer */
#define PDF_MAX_PAGES 2000

enum pdf_style { PDF_REGULAR, PDF_BOLD };

struct pdf_rgb { float r, g, b; };

/* Print palette: no dark fills; Lighthouse's red / amber / green. */
extern const struct pdf_rgb pdf_ink, pdf_muted, pdf_rule, pdf_track,
    pdf_red, pdf_amber, pdf_green, pdf_head_bg;

struct pdf {
	HPDF_Doc    doc;
	HPDF_Page   page;             /* the current page */
	HPDF_Page   pages[PDF_MAX_PAGES];
	int         npages;
	HPDF_Font   font, bold, cjk;  /* cjk loaded on first use */
	bool        cjk_failed;
	bool        failed;           /* libharu reported an error */
	float       y;                /* the next line's baseline */
	json_object *doc_json;
	char        title[256];       /* site name for the footer */
};

/* pdf_text.c */
/* Draws s (UTF-8; bad bytes become '?') at x, y; returns its width. */
float pdf_text(struct pdf *p, float x, float y, float size,
    enum pdf_style st, const char *s);
/* Width of s as pdf_text() would draw it. */
float pdf_text_width(struct pdf *p, float size, enum pdf_style st,
    const char *s);
/* Draws s cut with "…" to fit maxw. */
void pdf_text_fit(struct pdf *p, float x, float y, float size,
    enum pdf_style st, const char *s, float maxw);
/* Draws s right-aligned to x_right. */
void pdf_text_right(struct pdf *p, float x_right, float y, float size,
    enum pdf_style st, const char *s);
/* Word-wraps s into width w from p->y down, breaking pages; lead = line step. */
void pdf_wrap(struct pdf *p, float x, float w, float size, enum pdf_style st,
    const char *s, float lead);

/* pdf_doc.c */
void pdf_fill(struct pdf *p, struct pdf_rgb c);
void pdf_stroke(struct pdf *p, struct pdf_rgb c);
void pdf_rect(struct pdf *p, float x, float y, float w, float h,
    struct pdf_rgb c);
void pdf_hline(struct pdf *p, float x, float y, float w, struct pdf_rgb c);
/* Starts a new page; p->y at the top margin. */
void pdf_new_page(struct pdf *p);
/* Makes room for h points below p->y, starting a page when needed;
 * returns true when it started one. */
bool pdf_need(struct pdf *p, float h);
/* A section heading (bold, with a rule), kept with need_after points. */
void pdf_heading(struct pdf *p, const char *s, float need_after);
/* Colour of a 0..100 score: red < 50, amber < 90, green >= 90. */
struct pdf_rgb pdf_score_rgb(int score);

/* json helpers (pdf_doc.c) */
json_object *pdf_get(json_object *o, const char *a, const char *b);
const char *pdf_str(json_object *o, const char *a, const char *b);
/* An integer score / number at o.a.b, or -1 when absent / null. */
int pdf_int(json_object *o, const char *a, const char *b);
/* A number at o.a.b; false when absent / null. */
bool pdf_num(json_object *o, const char *a, const char *b, double *out);
/* "1.2 s" / "850 ms" / "0.05" (cls) into out[n]. */
void pdf_fmt_metric(const char *key, double v, char *out, size_t n);

/* Page row i into *row: 1 of the report's first strategy, 0 of the other
 * strategy, -1 past the end (pdf_sections.c). */
int pdf_page_row(struct pdf *p, size_t i, json_object **row);

/* sections */
void pdf_cover(struct pdf *p, const struct pdf_meta *m);
void pdf_metrics(struct pdf *p);
void pdf_opportunities(struct pdf *p);
void pdf_issues(struct pdf *p);
void pdf_pages_table(struct pdf *p);

/* Dimension keys of the report document, in report order, and labels: the
 * five of overall health, then agentReadiness (PDF_AGENT, outside it). */
#define PDF_NDIMS 6
#define PDF_AGENT 5
extern const char *const pdf_dim_keys[PDF_NDIMS];
extern const char *const pdf_dim_labels[PDF_NDIMS];

#endif
