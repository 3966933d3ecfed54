/* checks_bp.h: internal — best-practices checks (checks_bp*.c) and the
 * helpers they share with the security checks (checks_sec*.c). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CHECKS_BP_H
#define SA_CHECKS_BP_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include "audit/check.h"

/*==== helpers (checks_bp_util.c) ====*/

/* True when url starts with "https:" / "http:" (ASCII case-insensitive). */
bool bp_is_https(const char *url);
bool bp_is_http(const char *url);
/* Lower-cased host of an absolute http(s) URL (also "//host/…"); NULL when
 * there is none. Caller frees. */
char *bp_url_host(const char *url);
/* True when hosts a and b are equal or one is a subdomain of the other
 * (www.example.com and example.com, cdn.example.com and example.com).
 * XXX: not the public-suffix "registrable domain" (a.github.io and
 * b.github.io count as different sites only because neither contains the
 * other). */
bool bp_same_site(const char *a, const char *b);
/* True when url is absolute (or scheme-relative) and on another site than
 * the page p. */
bool bp_third_party(const struct page_ctx *p, const char *url);
/* True when the space-separated list in attribute attr of n holds token
 * (ASCII case-insensitive). */
bool bp_has_token(const GumboNode *n, const char *attr, const char *token);
/* First response header name of the document, or NULL (also when the page
 * has no response, as in audit_html). */
const char *bp_header(const struct page_ctx *p, const char *name);
/* True when the text of a resource or page URL refers to the same file as
 * the attribute value ref (absolute, or a relative path ending the URL). */
bool bp_url_matches(const char *url, const char *ref);
/* "HTTP 404" or "failed (dns)" for a failed sub-resource, into buf. */
void bp_fetch_note(const struct fetch_resp *r, char *buf, size_t len);

/*==== image sizes (checks_bp_img.c) ====*/

/*
 * Natural width and height of a PNG, GIF, JPEG or WebP image from the first
 * bytes of the file. False when the format is not one of these (SVG, AVIF,
 * …) or the header is cut short.
 */
bool bp_image_size(const unsigned char *b, size_t n, unsigned *w,
    unsigned *h);

/*==== the check functions, one per id ====*/

void bp_is_on_https(const struct page_ctx *p, struct check_result *r);
void bp_redirects_http(const struct page_ctx *p, struct check_result *r);
void bp_doctype(const struct page_ctx *p, struct check_result *r);
void bp_charset(const struct page_ctx *p, struct check_result *r);
void bp_deprecations(const struct page_ctx *p, struct check_result *r);
void bp_vulnerable_libraries(const struct page_ctx *p,
    struct check_result *r);
void bp_errors_in_subresources(const struct page_ctx *p,
    struct check_result *r);
void bp_mixed_content(const struct page_ctx *p, struct check_result *r);
void bp_image_aspect_ratio(const struct page_ctx *p, struct check_result *r);

#endif
