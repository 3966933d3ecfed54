/* pdf.h: the audit report as a printable PDF (libharu). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_PDF_H
#define SA_PDF_H

#include <time.h>
#include <json-c/json.h>
#include "sa.h"

/*
 * Fonts (Debian fonts-dejavu-core and fonts-wqy-zenhei). The CJK font is a
 * TrueType collection (face 0), loaded only for reports with CJK text: its
 * glyphs are simple outlines, which libharu's subsetting keeps intact (it
 * drops parts of composite glyphs, as DroidSansFallback's are).
 */
#define PDF_FONT_REGULAR "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define PDF_FONT_BOLD    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
#define PDF_FONT_CJK     "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

/* What the report document does not say itself. */
struct pdf_meta {
	const char *site_name;   /* NULL or "": the report's URL */
	const char *scan_date;   /* "2026-11-23 12:00 UTC"; NULL: generatedAt */
	time_t      generated;   /* the footer's generation time; 0: now */
};

/*
 * Renders doc (a report document as report_to_json() / reports.report_json
 * hold it: url, strategy, overall, scores, summaries, issues, pages) into
 * the PDF file path, atomically: a temporary file beside it, then rename,
 * so a reader sees either no file or the whole one. SA_EINVAL when doc is
 * not an object, SA_EIO when the fonts or the file fail, SA_ENOMEM.
 */
enum sa_err pdf_render_file(json_object *doc, const struct pdf_meta *m,
    const char *path);

#endif
