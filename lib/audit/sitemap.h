/* sitemap.h: sitemap.xml and sitemap-index parsing (libxml2), gzip'd or not. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_SITEMAP_H
#define SA_SITEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include "sa.h"

#define SITEMAP_MAX_URLS     50000       /* per file, as the protocol says */
#define SITEMAP_MAX_DECODED  (50u << 20) /* uncompressed bytes per file */

/* One parsed sitemap file: a <urlset> or a <sitemapindex>. */
struct sitemap {
	bool    is_index;   /* <sitemapindex>: locs are sitemaps */
	char  **locs;       /* <loc> texts, trimmed, in file order */
	size_t  nlocs;
	bool    truncated;  /* stopped at max_locs */
};

/*
 * Parses len bytes of sitemap XML, or of a gzip stream of it (detected by
 * its magic bytes, whatever the Content-Type said), inflated up to
 * SITEMAP_MAX_DECODED bytes. Keeps at most max_locs <loc> values (0 means
 * SITEMAP_MAX_URLS). No network access, no entity expansion, no DTD
 * loading. Fills *out (free with sitemap_free) in every case; returns
 * SA_OK, SA_EINVAL for malformed XML / gzip or an unknown root element
 * (*out then holds the locs read before the error), SA_ETOOBIG when the
 * inflated size passes the cap (nothing kept), or SA_ENOMEM.
 */
enum sa_err sitemap_parse(const char *data, size_t len, size_t max_locs,
    struct sitemap *out);

/* Frees what s owns and zeroes it. */
void sitemap_free(struct sitemap *s);

/*
 * Inflates a gzip (or zlib) stream of len bytes into a new NUL-terminated
 * buffer (*out, caller frees; *outlen its length), at most cap bytes.
 * SA_OK, SA_EINVAL (corrupt stream), SA_ETOOBIG (over cap; *out NULL) or
 * SA_ENOMEM.
 */
enum sa_err sitemap_gunzip(const char *data, size_t len, size_t cap,
    char **out, size_t *outlen);

/* True when data starts with the gzip magic bytes 1f 8b. */
bool sitemap_is_gzip(const char *data, size_t len);

#endif
