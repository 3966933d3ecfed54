/* perf_img.c: image dimensions sniffed from the first bytes of PNG, GIF, JPEG, WebP. */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "audit/perf.h"

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static unsigned long
le24(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
	    (unsigned long)p[2] << 16;
}

/* Walks JPEG markers to the first start-of-frame. */
static bool
jpeg_size(const unsigned char *b, size_t len, int *w, int *h)
{
	size_t i = 2;

	while (i + 9 < len) {
		unsigned m, seg;

		if (b[i] != 0xFF)
			return false;
		m = b[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		seg = be16(b + i + 2);
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			*h = (int)be16(b + i + 5);
			*w = (int)be16(b + i + 7);
			return *w > 0 && *h > 0;
		}
		i += 2 + seg;
	}
	return false;
}

static bool
webp_size(const unsigned char *b, size_t len, int *w, int *h)
{
	if (len < 30)
		return false;
	if (memcmp(b + 12, "VP8X", 4) == 0) {
		*w = (int)le24(b + 24) + 1;
		*h = (int)le24(b + 27) + 1;
	} else if (memcmp(b + 12, "VP8 ", 4) == 0) {
		*w = (int)((b[26] | b[27] << 8) & 0x3FFF);
		*h = (int)((b[28] | b[29] << 8) & 0x3FFF);
	} else if (memcmp(b + 12, "VP8L", 4) == 0) {
		unsigned long v = (unsigned long)b[21] | (unsigned long)b[22] << 8 |
		    (unsigned long)b[23] << 16 | (unsigned long)b[24] << 24;

		*w = (int)(v & 0x3FFF) + 1;
		*h = (int)((v >> 14) & 0x3FFF) + 1;
	} else {
		return false;
	}
	return *w > 0 && *h > 0;
}

bool
perf_image_size(const char *body, size_t len, int *w, int *h)
{
	const unsigned char *b = (const unsigned char *)body;

	*w = *h = 0;
	if (b == NULL || len < 10)
		return false;
	if (len >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
		*w = (int)be32(b + 16);
		*h = (int)be32(b + 20);
		return *w > 0 && *h > 0;
	}
	if (memcmp(b, "GIF8", 4) == 0) {
		*w = b[6] | b[7] << 8;
		*h = b[8] | b[9] << 8;
		return *w > 0 && *h > 0;
	}
	if (b[0] == 0xFF && b[1] == 0xD8)
		return jpeg_size(b, len, w, h);
	/* "RIFF" size "WEBP": 12 bytes, more than the 10 checked above */
	if (len >= 12 && memcmp(b, "RIFF", 4) == 0 &&
	    memcmp(b + 8, "WEBP", 4) == 0)
		return webp_size(b, len, w, h);
	return false;
}
