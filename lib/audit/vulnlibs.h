/* vulnlibs.h: JavaScript library detection and the known-vulnerable table. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_VULNLIBS_H
#define SA_VULNLIBS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * One advisory: versions v of lib with at_or_above <= v < below are
 * affected (at_or_above NULL: every version below). Rows live in
 * vulnlibs_table.c, grouped by library, each with its source.
 */
struct vulnlib_row {
	const char *lib;          /* canonical id, e.g. "jquery", "angularjs" */
	const char *at_or_above;
	const char *below;
	const char *advisory;     /* CVE / GHSA id, or a retire.js note id */
	const char *summary;
};
extern const struct vulnlib_row vulnlib_rows[];
extern const size_t vulnlib_nrows;

/* A detected library and version (both NUL-terminated, truncated). */
struct vulnlib_hit {
	char lib[24];
	char version[24];
};

/* Display name of a canonical library id ("jquery" → "jQuery"); lib itself
 * when unknown. Static string. */
const char *vulnlib_name(const char *lib);
/*
 * Detects a library and version from a script URL: file names such as
 * jquery-1.8.3.min.js, CDN paths such as /jquery/3.4.1/jquery.min.js,
 * /ajax/libs/lodash.js/4.17.15/lodash.min.js and /npm/vue@2.6.10/dist/….
 * True and *h filled on a match.
 */
bool vulnlib_from_url(const char *url, struct vulnlib_hit *h);
/*
 * Detects libraries from the banners of a script body ("jQuery v1.8.3",
 * " * Bootstrap v3.3.7", "AngularJS v1.5.8", …). Fills at most max hits
 * (one per library) and returns how many.
 */
size_t vulnlib_from_body(const char *body, size_t len,
    struct vulnlib_hit *hits, size_t max);
/*
 * Compares dotted versions numerically ("1.10.2" > "1.9.1"); a pre-release
 * suffix ("3.0.0-beta1", "1.9.0b1") sorts before the release. <0, 0, >0.
 */
int vulnlib_vercmp(const char *a, const char *b);
/*
 * The advisories that affect lib at version: writes at most max row
 * pointers to out and returns the number of matching rows (which may be
 * more than max).
 */
size_t vulnlib_match(const char *lib, const char *version,
    const struct vulnlib_row **out, size_t max);

#endif
