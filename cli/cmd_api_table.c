/* cmd_api_table.c: aligned text tables for `siteaudit api` output. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd_api.h"

#define CELL_MAX 60   /* longer cells (titles, URLs) are cut with "…" */
#define TBL_COLS 16

/* Display width of UTF-8 text: code points, not bytes. */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

/* A copy of s cut to CELL_MAX code points on a code-point boundary, with
 * control characters (a hostile site name) shown as '?'. */
static char *
cell_dup(const char *s)
{
	size_t n = strlen(s), w = 0, i;
	char *d = malloc(n + 4);

	if (d == NULL) {
		fputs("siteaudit api: out of memory\n", stderr);
		exit(AX_SERVER);
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch & 0xC0) != 0x80 && ++w > CELL_MAX) {
			memcpy(d + i, "\xe2\x80\xa6", 4);   /* "…" and NUL */
			return d;
		}
		d[i] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
	}
	d[i] = '\0';
	return d;
}

static void
add_row(struct table *t, const char *const *cells)
{
	if (t->nrows >= t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **p = realloc(t->cells, cap * t->ncols * sizeof(*p));
		if (p == NULL) {
			fputs("siteaudit api: out of memory\n", stderr);
			exit(AX_SERVER);
		}
		t->cells = p;
		t->cap = cap;
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = cell_dup(cells[c] ? cells[c] : "-");
	t->nrows++;
}

void
tbl_init(struct table *t, size_t ncols, unsigned right, const char *const *head)
{
	*t = (struct table){ .ncols = ncols < TBL_COLS ? ncols : TBL_COLS,
	    .right = right };
	add_row(t, head);   /* row 0 */
}

void
tbl_row(struct table *t, const char *const *cells)
{
	add_row(t, cells);
}

void
tbl_print(const struct table *t, FILE *f)
{
	size_t w[TBL_COLS] = { 0 };

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t cw = width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			int pad = (int)(w[c] - width(s));
			bool last = c + 1 == t->ncols;
			if (t->right & (1u << c))
				fprintf(f, "%*s%s", pad, "", s);
			else
				fprintf(f, "%s%*s", s, last ? 0 : pad, "");
			fputs(last ? "\n" : "  ", f);
		}
	}
}

void
tbl_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	*t = (struct table){ 0 };
}
