/* urlnorm.h: URL normalisation and same-origin tests for the site crawl. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_URLNORM_H
#define SA_URLNORM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Resolves ref (an href as written; may be relative, may carry spaces at
 * either end) against base (an absolute URL; NULL when ref is absolute)
 * and returns its normal form, which two spellings of the same resource
 * share:
 *   - scheme and host lower-cased; only http and https accepted;
 *   - the default port (80 / 443) dropped;
 *   - "." and ".." path segments resolved; an empty path becomes "/";
 *   - the fragment dropped; an empty query ("page?") dropped; the query
 *     is otherwise kept as written, parameter order included;
 *   - percent-escapes upper-cased (%2f -> %2F), and escapes of unreserved
 *     characters decoded (%7E -> ~, %41 -> A).
 * Returns a new string (caller frees) or NULL when the result is not an
 * http(s) URL, has user credentials, is malformed, or on ENOMEM.
 */
char *urlnorm(const char *base, const char *ref);

/*
 * Length of the origin prefix ("https://example.com:8443") of a URL in
 * normal form; 0 when url has no "scheme://host" start.
 */
size_t urlnorm_origin_len(const char *url);

/*
 * Length of a normal-form URL up to and including the last '/' of its path
 * ("http://h/a/b.html?q" -> length of "http://h/a/"); 0 when url has no
 * origin.
 */
size_t urlnorm_dir_len(const char *url);

/* True when a and b (both in normal form) have the same origin. */
bool urlnorm_same_origin(const char *a, const char *b);

/*
 * The path and query of a normal-form URL ("/dir/p?q=1"), pointing into
 * url; "/" when it has none. For robots_allowed().
 */
const char *urlnorm_path(const char *url);

/*
 * True when the path's last segment ends in an extension that is
 * never HTML (.png, .pdf, .css, .zip, …), so a crawler need not fetch it.
 */
bool urlnorm_non_html_hint(const char *url);

#endif
