/* ui_chart.c: the score trend chart, drawn server-side as inline SVG. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/ui_sites.h"
#include "tmpl/tmpl.h"
#include "ui_chart.h"

#define W      640
#define H      220
#define PAD_L  34
#define PAD_R  12
#define PAD_T  12
#define PAD_B  26

struct series {
	int         col;      /* TR_* column */
	const char *cls;      /* CSS class of the line */
};

static const struct series series[] = {
	{ TR_PERFORMANCE, "s-perf" }, { TR_ACCESSIBILITY, "s-a11y" },
	{ TR_SEO, "s-seo" }, { TR_BEST_PRACTICES, "s-bp" },
	{ TR_AGENT_READINESS, "s-agent" },
	{ TR_HEALTH, "s-health" },
};

static double
x_at(size_t i, size_t n)
{
	if (n < 2)
		return PAD_L + (W - PAD_L - PAD_R) / 2.0;
	return PAD_L + (double)i * (W - PAD_L - PAD_R) / (double)(n - 1);
}

static double
y_at(double v)
{
	return PAD_T + (100.0 - v) * (H - PAD_T - PAD_B) / 100.0;
}

static void
grid(struct buf *b)
{
	static const int lines[] = { 0, 50, 90, 100 };

	for (size_t i = 0; i < SA_NITEMS(lines); i++) {
		double y = y_at(lines[i]);
		buf_printf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
		    "y2=\"%.1f\"/><text class=\"axis\" x=\"%d\" y=\"%.1f\">%d</text>",
		    PAD_L, y, W - PAD_R, y, PAD_L - 6, y + 4, lines[i]);
	}
}

/* Row i of the chart (oldest first) in the newest-first result set. */
static const char *
cell(const struct db_res *t, size_t i, int col)
{
	return db_res_get(t, t->nrows - 1 - i, (size_t)col);
}

static void
line(struct buf *b, const struct db_res *t, const struct series *s)
{
	bool open = false;

	for (size_t i = 0; i < t->nrows; i++) {
		const char *v = cell(t, i, s->col);
		if (v == NULL)
			continue;
		if (!open)
			buf_printf(b, "<polyline class=\"%s\" points=\"", s->cls);
		buf_printf(b, "%s%.1f,%.1f", open ? " " : "", x_at(i, t->nrows),
		    y_at(strtod(v, NULL)));
		open = true;
	}
	if (open)
		buf_adds(b, "\"/>");
}

/* Health dots with a tooltip "date: score" (escaped, though only digits). */
static void
dots(struct buf *b, const struct db_res *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const char *v = cell(t, i, TR_HEALTH), *d = cell(t, i, TR_CREATED);
		if (v == NULL)
			continue;
		buf_printf(b, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\">"
		    "<title>", x_at(i, t->nrows), y_at(strtod(v, NULL)));
		tmpl_escape(b, d ? d : "", d ? strlen(d) : 0);
		buf_printf(b, ": health %ld</title></circle>", strtol(v, NULL, 10));
	}
}

static void
x_labels(struct buf *b, const struct db_res *t)
{
	size_t n = t->nrows;
	size_t idx[2] = { 0, n - 1 };

	for (size_t k = 0; k < (n > 1 ? 2u : 1u); k++) {
		const char *d = cell(t, idx[k], TR_CREATED);
		buf_printf(b, "<text class=\"axis %s\" x=\"%.1f\" y=\"%d\">",
		    k ? "end" : "start", x_at(idx[k], n), H - 6);
		tmpl_escape(b, d ? d : "", d ? strlen(d) : 0);
		buf_adds(b, "</text>");
	}
}

bool
ui_chart_has_agent(const struct db_res *trend)
{
	for (size_t i = 0; trend && i < trend->nrows; i++)
		if (db_res_get(trend, i, TR_AGENT_READINESS) != NULL)
			return true;
	return false;
}

json_object *
ui_chart_svg(const struct db_res *trend)
{
	struct buf b;
	json_object *o;

	if (trend == NULL || trend->nrows == 0)
		return NULL;
	buf_init(&b, 1u << 20);
	buf_printf(&b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"Score trend of the last %zu scans\">", W, H, trend->nrows);
	grid(&b);
	for (size_t i = 0; i < SA_NITEMS(series); i++)
		line(&b, trend, &series[i]);
	dots(&b, trend);
	x_labels(&b, trend);
	buf_adds(&b, "</svg>");
	o = b.ptr ? tmpl_markup(b.ptr, b.len) : NULL;
	buf_free(&b);
	return o;
}
