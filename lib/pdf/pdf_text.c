/* pdf_text.c: UTF-8 text in the PDF — font runs (CJK fallback), fit, wrap. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include "pdf/pdf_int.h"

#define ELLIPSIS "\xe2\x80\xa6"

/* Length of the valid UTF-8 sequence at s (0: invalid); its code point. */
static size_t
utf8_next(const unsigned char *s, unsigned *cp)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 :
	    s[0] >= 0xe0 && s[0] < 0xf0 ? 3 : s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : 0;
	unsigned v = n == 1 ? s[0] : n == 2 ? s[0] & 0x1f : n == 3 ?
	    s[0] & 0x0f : s[0] & 0x07;

	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (v < 0x800 || (v >= 0xd800 && v < 0xe000))) ||
	    (n == 4 && (v < 0x10000 || v > 0x10ffff)))
		return 0;
	*cp = v;
	return n;
}

/* A copy of s with invalid bytes as '?' and control characters as ' '. */
static char *
clean(const char *s)
{
	size_t len = strlen(s), o = 0;
	char *out = malloc(len + 1);
	unsigned cp = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_next((const unsigned char *)s + i, &cp);

		if (n == 0 || cp < 0x20 || cp == 0x7f) {
			out[o++] = n == 0 ? '?' : ' ';
			i += n ? n : 1;
			continue;
		}
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	return out;
}

/* CJK ideographs, kana, hangul, fullwidth forms and their punctuation. */
static bool
is_cjk(unsigned cp)
{
	return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x1100 && cp <= 0x11ff) ||
	    (cp >= 0x20000 && cp <= 0x2fa1f);
}

static HPDF_Font
cjk_font(struct pdf *p)
{
	const char *name;
	bool failed = p->failed;

	if (p->cjk == NULL && !p->cjk_failed) {
		name = HPDF_LoadTTFontFromFile2(p->doc, PDF_FONT_CJK, 0,
		    HPDF_TRUE);
		p->cjk = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
		p->cjk_failed = p->cjk == NULL;
		if (p->cjk_failed) {   /* no CJK font: boxes, not a failed report */
			HPDF_ResetError(p->doc);
			p->failed = failed;
		}
	}
	return p->cjk;
}

/* The font for code point cp. */
static HPDF_Font
font_for(struct pdf *p, enum pdf_style st, unsigned cp)
{
	HPDF_Font f = st == PDF_BOLD ? p->bold : p->font;

	if (is_cjk(cp) && cjk_font(p) != NULL)
		return p->cjk;
	return f;
}

/* Calls fn for each run of one font in the clean string s. */
static float
runs(struct pdf *p, enum pdf_style st, char *s,
    float (*fn)(struct pdf *, HPDF_Font, const char *, void *), void *arg)
{
	float w = 0;
	unsigned cp = 0;
	size_t i = 0;

	while (s[i] != '\0') {
		size_t start = i;
		HPDF_Font f;

		i += utf8_next((unsigned char *)s + i, &cp);
		f = font_for(p, st, cp);
		while (s[i] != '\0') {
			size_t n = utf8_next((unsigned char *)s + i, &cp);

			if (font_for(p, st, cp) != f)
				break;
			i += n;
		}
		char keep = s[i];
		s[i] = '\0';
		w += fn(p, f, s + start, arg);
		s[i] = keep;
	}
	return w;
}

struct draw { float x, y, size; };

static float
run_width(struct pdf *p, HPDF_Font f, const char *s, void *arg)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s,
	    (HPDF_UINT)strlen(s));

	(void)p;
	return (float)tw.width * ((struct draw *)arg)->size / 1000.0f;
}

static float
run_draw(struct pdf *p, HPDF_Font f, const char *s, void *arg)
{
	struct draw *d = arg;
	float w = run_width(p, f, s, arg);

	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, f, d->size);
	HPDF_Page_TextOut(p->page, d->x, d->y, s);
	HPDF_Page_EndText(p->page);
	d->x += w;
	return w;
}

float
pdf_text(struct pdf *p, float x, float y, float size, enum pdf_style st,
    const char *s)
{
	struct draw d = { x, y, size };
	char *c = clean(s ? s : "");
	float w;

	if (c == NULL)
		return 0;
	w = runs(p, st, c, run_draw, &d);
	free(c);
	return w;
}

float
pdf_text_width(struct pdf *p, float size, enum pdf_style st, const char *s)
{
	struct draw d = { 0, 0, size };
	char *c = clean(s ? s : "");
	float w;

	if (c == NULL)
		return 0;
	w = runs(p, st, c, run_width, &d);
	free(c);
	return w;
}

/* The longest prefix of s (whole characters, in bytes) that fits maxw. */
static size_t
fit_len(struct pdf *p, float size, enum pdf_style st, char *s, float maxw)
{
	size_t i = 0;
	float w = 0;
	unsigned cp = 0;

	while (s[i] != '\0') {
		size_t n = utf8_next((unsigned char *)s + i, &cp);
		char keep = s[i + n];

		s[i + n] = '\0';
		w += pdf_text_width(p, size, st, s + i);
		s[i + n] = keep;
		if (w > maxw)
			break;
		i += n;
	}
	return i;
}

void
pdf_text_fit(struct pdf *p, float x, float y, float size, enum pdf_style st,
    const char *s, float maxw)
{
	char *c;
	size_t n;

	if (s == NULL || pdf_text_width(p, size, st, s) <= maxw) {
		pdf_text(p, x, y, size, st, s);
		return;
	}
	if ((c = malloc(strlen(s) + sizeof(ELLIPSIS))) == NULL)
		return;
	memcpy(c, s, strlen(s) + 1);
	n = fit_len(p, size, st, c, maxw - pdf_text_width(p, size, st, ELLIPSIS));
	memcpy(c + n, ELLIPSIS, sizeof(ELLIPSIS));
	pdf_text(p, x, y, size, st, c);
	free(c);
}

void
pdf_text_right(struct pdf *p, float x_right, float y, float size,
    enum pdf_style st, const char *s)
{
	pdf_text(p, x_right - pdf_text_width(p, size, st, s), y, size, st, s);
}

/* The end of the next line of s that fits w (at a space if any). */
static size_t
line_end(struct pdf *p, float size, enum pdf_style st, char *s, float w)
{
	size_t n = fit_len(p, size, st, s, w), sp = n;
	unsigned cp = 0;

	if (s[n] == '\0')
		return n;
	while (sp > 0 && s[sp] != ' ')
		sp--;
	if (sp > 0)
		return sp;
	return n > 0 ? n : utf8_next((unsigned char *)s, &cp);
}

void
pdf_wrap(struct pdf *p, float x, float w, float size, enum pdf_style st,
    const char *s, float lead)
{
	char *c = clean(s ? s : ""), *q = c;

	while (q && *q) {
		size_t n = line_end(p, size, st, q, w);
		char keep = q[n];

		pdf_need(p, lead);
		q[n] = '\0';
		pdf_text(p, x, p->y, size, st, q);
		q[n] = keep;
		p->y -= lead;
		q += n;
		while (*q == ' ')
			q++;
	}
	free(c);
}
