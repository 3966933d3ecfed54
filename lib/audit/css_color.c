/* css_color.c: CSS colour parsing and WCAG contrast maths. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/css.h"

struct args {
	double v[4];
	char   unit[4];   /* '%', 'd' deg, 't' turn, 'r' rad, 'g' grad, 0 */
	int    n;
};

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s points after '#'. */
static bool
parse_hex(const char *s, size_t len, struct css_color *out)
{
	double c[4] = { 0, 0, 0, 255 };
	size_t i, w = (len == 3 || len == 4) ? 1 : 2;
	int hi, lo;

	if (len != 3 && len != 4 && len != 6 && len != 8)
		return false;
	for (i = 0; i < len / w; i++) {
		hi = hexval(s[i * w]);
		lo = w == 1 ? hi : hexval(s[i * w + 1]);
		if (hi < 0 || lo < 0)
			return false;
		c[i] = hi * 16 + lo;
	}
	*out = (struct css_color){ c[0], c[1], c[2], c[3] / 255.0 };
	return true;
}

static char
unit_of(const char *p)
{
	if (*p == '%')
		return '%';
	if (strncasecmp(p, "deg", 3) == 0)
		return 'd';
	if (strncasecmp(p, "turn", 4) == 0)
		return 't';
	if (strncasecmp(p, "grad", 4) == 0)
		return 'g';
	if (strncasecmp(p, "rad", 3) == 0)
		return 'r';
	return isalpha((unsigned char)*p) ? '?' : 0;
}

/* Parses "a, b, c[, d]" or "a b c[ / d]" (len bytes, without parens). */
static bool
parse_args(const char *s, size_t len, struct args *a)
{
	char tmp[128], *p, *end;

	if (len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	a->n = 0;
	for (p = tmp; *p != '\0';) {
		if (isspace((unsigned char)*p) || *p == ',' || *p == '/') {
			p++;
			continue;
		}
		if (a->n == 4)
			return false;
		a->v[a->n] = strtod(p, &end);
		if (end == p || !isfinite(a->v[a->n]))
			return false;
		if ((a->unit[a->n] = unit_of(end)) == '?')
			return false;
		while (*end && *end != ',' && *end != '/' &&
		    !isspace((unsigned char)*end))
			end++;
		p = end;
		a->n++;
	}
	return a->n == 3 || a->n == 4;
}

static double
clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static double
alpha_of(const struct args *a)
{
	if (a->n < 4)
		return 1;
	return clamp(a->unit[3] == '%' ? a->v[3] / 100 : a->v[3], 0, 1);
}

static void
from_rgb(const struct args *a, struct css_color *out)
{
	double c[3];
	int i;

	for (i = 0; i < 3; i++)
		c[i] = clamp(a->unit[i] == '%' ? a->v[i] * 2.55 : a->v[i], 0, 255);
	*out = (struct css_color){ c[0], c[1], c[2], alpha_of(a) };
}

static double
hsl_f(double h, double s, double l, int n)
{
	double k = fmod(n + h / 30, 12), a = s * fmin(l, 1 - l);

	return l - a * fmax(-1, fmin(fmin(k - 3, 9 - k), 1));
}

static void
from_hsl(const struct args *a, struct css_color *out)
{
	double h = a->v[0], s, l;

	if (a->unit[0] == 't')
		h *= 360;
	else if (a->unit[0] == 'r')
		h *= 180 / M_PI;
	else if (a->unit[0] == 'g')
		h *= 0.9;
	h = fmod(fmod(h, 360) + 360, 360);
	s = clamp(a->v[1] / 100, 0, 1);
	l = clamp(a->v[2] / 100, 0, 1);
	*out = (struct css_color){ 255 * hsl_f(h, s, l, 0),
	    255 * hsl_f(h, s, l, 8), 255 * hsl_f(h, s, l, 4), alpha_of(a) };
}

/* Matches "name(" or "namea(" ... ")" and parses the arguments. */
static bool
func(const char *s, size_t len, const char *name, struct args *a)
{
	size_t n = strlen(name);

	if (len < n + 2 || strncasecmp(s, name, n) != 0 || s[len - 1] != ')')
		return false;
	if (s[n] == 'a' || s[n] == 'A')
		n++;
	if (s[n] != '(')
		return false;
	return parse_args(s + n + 1, len - n - 2, a);
}

bool
css_parse_color(const char *s, size_t len, struct css_color *out)
{
	struct args a;

	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len > 1 && s[0] == '#')
		return parse_hex(s + 1, len - 1, out);
	if (func(s, len, "rgb", &a)) {
		from_rgb(&a, out);
		return true;
	}
	if (func(s, len, "hsl", &a)) {
		from_hsl(&a, out);
		return true;
	}
	return css_named_color(s, len, out);
}

static double
channel(double c)
{
	c /= 255;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double
css_luminance(struct css_color c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) +
	    0.0722 * channel(c.b);
}

double
css_contrast(struct css_color a, struct css_color b)
{
	double la = css_luminance(a), lb = css_luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

struct css_color
css_blend(struct css_color fg, struct css_color bg)
{
	double a = clamp(fg.a, 0, 1);

	return (struct css_color){ fg.r * a + bg.r * (1 - a),
	    fg.g * a + bg.g * (1 - a), fg.b * a + bg.b * (1 - a), 1 };
}

bool
css_is_large_text(const struct css_style *st)
{
	return st->font_px >= 24 ||
	    (st->font_px >= 18.66 && st->font_weight >= 700);
}
