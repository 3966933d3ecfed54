/* checks_bp_img.c: image file dimensions and the image-aspect-ratio check. */
/* SPDX-License-Identifier: MIT */
/*
 * The natural size of an image is read from the first bytes of the fetched
 * file: small header parsers for PNG (IHDR), GIF (logical screen), JPEG
 * (the first SOFn segment) and WebP (VP8 / VP8L / VP8X). No image library
 * is needed for that, and nothing is decoded. XXX: a JPEG's EXIF
 * orientation (which browsers apply) is ignored, so a rotated photo may be
 * reported with width and height swapped.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/checks_bp.h"
#include "audit/dom.h"
#include "audit/fetch.h"

#define ASPECT_TOLERANCE_PX 2.0   /* Lighthouse's THRESHOLD_PX */

static unsigned
be16(const unsigned char *b)
{
	return (unsigned)b[0] << 8 | b[1];
}

static unsigned
le16(const unsigned char *b)
{
	return (unsigned)b[1] << 8 | b[0];
}

static unsigned
le24(const unsigned char *b)
{
	return (unsigned)b[2] << 16 | (unsigned)b[1] << 8 | b[0];
}

static unsigned
be32(const unsigned char *b)
{
	return (unsigned)b[0] << 24 | (unsigned)b[1] << 16 |
	    (unsigned)b[2] << 8 | b[3];
}

/* WebP: RIFF container, then a VP8 (lossy), VP8L or VP8X first chunk. */
static bool
webp_size(const unsigned char *b, size_t n, unsigned *w, unsigned *h)
{
	if (n >= 30 && memcmp(b + 12, "VP8 ", 4) == 0 &&
	    b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A) {
		*w = le16(b + 26) & 0x3FFF;
		*h = le16(b + 28) & 0x3FFF;
	} else if (n >= 25 && memcmp(b + 12, "VP8L", 4) == 0 && b[20] == 0x2F) {
		uint32_t bits = (uint32_t)b[21] | (uint32_t)b[22] << 8 |
		    (uint32_t)b[23] << 16 | (uint32_t)b[24] << 24;

		*w = (bits & 0x3FFF) + 1;
		*h = ((bits >> 14) & 0x3FFF) + 1;
	} else if (n >= 30 && memcmp(b + 12, "VP8X", 4) == 0) {
		*w = le24(b + 24) + 1;
		*h = le24(b + 27) + 1;
	} else {
		return false;
	}
	return true;
}

/* JPEG: walk the marker segments up to the first start-of-frame. */
static bool
jpeg_size(const unsigned char *b, size_t n, unsigned *w, unsigned *h)
{
	size_t i = 2;

	while (i + 9 <= n) {
		unsigned m;

		if (b[i] != 0xFF)
			return false;
		while (i + 1 < n && b[i + 1] == 0xFF)
			i++;                       /* fill bytes */
		if (i + 9 > n)
			return false;
		m = b[i + 1];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 &&
		    m != 0xCC) {
			*h = be16(b + i + 5);
			*w = be16(b + i + 7);
			return true;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD8))
			i += 2;                    /* markers without a length */
		else
			i += 2 + be16(b + i + 2);
	}
	return false;
}

bool
bp_image_size(const unsigned char *b, size_t n, unsigned *w, unsigned *h)
{
	bool ok = false;

	if (b == NULL)
		return false;
	if (n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(b + 12, "IHDR", 4) == 0) {
		*w = be32(b + 16);
		*h = be32(b + 20);
		ok = true;
	} else if (n >= 10 && (memcmp(b, "GIF87a", 6) == 0 ||
	    memcmp(b, "GIF89a", 6) == 0)) {
		*w = le16(b + 6);
		*h = le16(b + 8);
		ok = true;
	} else if (n >= 16 && memcmp(b, "RIFF", 4) == 0 &&
	    memcmp(b + 8, "WEBP", 4) == 0) {
		ok = webp_size(b, n, w, h);
	} else if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
		ok = jpeg_size(b, n, w, h);
	}
	return ok && *w > 0 && *h > 0;
}

/* A dimension attribute as a positive number of CSS pixels, or 0. */
static double
dim_attr(const GumboNode *n, const char *name)
{
	const char *v = dom_attr(n, name);
	char *end;
	double d;

	if (v == NULL || !isdigit((unsigned char)*v))
		return 0;
	d = strtod(v, &end);
	return (*end == '\0' || strcmp(end, "px") == 0) && d > 0 ? d : 0;
}

/* Judges one <img> against its file; false when it cannot be judged. */
static bool
judge_img(const struct page_resource *res, struct check_result *r)
{
	const GumboNode *n = res->node;
	const char *style = dom_attr(n, "style");
	double aw = dim_attr(n, "width"), ah = dim_attr(n, "height"), want;
	unsigned nw, nh;
	char note[160];

	if (!dom_is(n, GUMBO_TAG_IMG) || aw == 0 || ah == 0 ||
	    !bp_url_matches(res->url, dom_attr(n, "src")) ||
	    (style && strstr(style, "object-fit")) ||
	    !res->fetched || res->resp == NULL || res->resp->err != FETCH_OK ||
	    res->resp->status >= 400 ||
	    !bp_image_size((const unsigned char *)res->resp->body,
	    res->resp->body_len, &nw, &nh))
		return false;
	want = aw * nh / nw;
	if (fabs(ah - want) <= ASPECT_TOLERANCE_PX)
		return true;
	snprintf(note, sizeof(note), "Displayed %g × %g (%.2f), file %u × %u "
	    "(%.2f)", aw, ah, aw / ah, nw, nh, (double)nw / nh);
	check_fail_node(r, n, note);
	return true;
}

/* NA unless some fetched <img> has numeric width and height attributes and
 * a PNG / GIF / JPEG / WebP file. */
void
bp_image_aspect_ratio(const struct page_ctx *p, struct check_result *r)
{
	for (size_t i = 0; i < p->nresources; i++)
		if (p->resources[i].type == RES_IMAGE && p->resources[i].node &&
		    judge_img(&p->resources[i], r))
			check_pass(r);
}
