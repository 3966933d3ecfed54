/* fuzz_sitemap.c: sitemap / sitemap-index parsing, plain and gzip'd. The
 * first input byte picks the mode: bit 0 set = the rest is gzip-compressed
 * here first (so the inflate + XML path sees valid streams, not only the
 * corrupt ones mutation makes), bits 1-3 = max_locs (0: the default). The
 * rest also goes raw through sitemap_gunzip() with a small cap. */
/* SPDX-License-Identifier: MIT */
#include <zlib.h>
#include "audit/sitemap.h"
#include "fuzz.h"

#define SITEMAP_FUZZ_CAP (1u << 16)

/* gzip(d[0..n)) into a new buffer; NULL when zlib fails. */
static unsigned char *
sitemap_gzip(const uint8_t *d, size_t n, size_t *outlen)
{
	z_stream z;
	unsigned char *out;
	size_t cap;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&z, (uLong)n) + 32;
	FUZZ_CHECK((out = malloc(cap)) != NULL);
	z.next_in = (Bytef *)(uintptr_t)d;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		free(out);
		out = NULL;
	}
	*outlen = z.total_out;
	deflateEnd(&z);
	return out;
}

static void
sitemap_check(const char *buf, size_t len, size_t max_locs)
{
	struct sitemap s;
	enum sa_err rc = sitemap_parse(buf, len, max_locs, &s);
	size_t limit = max_locs ? max_locs : SITEMAP_MAX_URLS;

	FUZZ_CHECK(rc == SA_OK || rc == SA_EINVAL || rc == SA_ETOOBIG ||
	    rc == SA_ENOMEM);
	FUZZ_CHECK(s.nlocs <= limit);
	FUZZ_CHECK(!s.truncated || s.nlocs == limit);
	FUZZ_CHECK(rc != SA_ETOOBIG || s.nlocs == 0);
	for (size_t i = 0; i < s.nlocs; i++)
		FUZZ_CHECK(s.locs[i] != NULL);
	sitemap_free(&s);
	FUZZ_CHECK(s.locs == NULL && s.nlocs == 0);
}

static void
sitemap_raw_gunzip(const uint8_t *d, size_t n)
{
	char *out = NULL;
	size_t outlen = 0;
	enum sa_err rc = sitemap_gunzip((const char *)d, n, SITEMAP_FUZZ_CAP,
	    &out, &outlen);

	FUZZ_CHECK(rc == SA_OK || rc == SA_EINVAL || rc == SA_ETOOBIG ||
	    rc == SA_ENOMEM);
	if (rc == SA_OK) {
		FUZZ_CHECK(out != NULL && outlen <= SITEMAP_FUZZ_CAP);
		FUZZ_CHECK(out[outlen] == '\0');
	}
	FUZZ_CHECK(rc != SA_ETOOBIG || out == NULL);
	free(out);
	(void)sitemap_is_gzip((const char *)d, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t max_locs, zlen = 0;
	unsigned char *z;

	if (size == 0)
		return 0;
	max_locs = (data[0] >> 1) & 7;
	if (data[0] & 1) {
		if ((z = sitemap_gzip(data + 1, size - 1, &zlen)) != NULL)
			sitemap_check((const char *)z, zlen, max_locs);
		free(z);
	} else {
		/* not NUL-terminated: the parser must stay inside size - 1 */
		sitemap_check((const char *)data + 1, size - 1, max_locs);
	}
	sitemap_raw_gunzip(data + 1, size - 1);
	return 0;
}
