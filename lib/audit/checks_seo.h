/* checks_seo.h: internal — the SEO checks split over checks_seo*.c files. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CHECKS_SEO_H
#define SA_CHECKS_SEO_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include "audit/check.h"

/* A growable list of element pointers (owned array, borrowed nodes). */
struct seo_nodes {
	const GumboNode **v;
	size_t            n;
};

/* Every element with tag below the document root, in document order.
 * Free ->v with free(). */
struct seo_nodes seo_collect(const GumboOutput *doc, GumboTag tag);
/* True when the space-separated token list attr of n holds token
 * (ASCII case-insensitive), e.g. rel="alternate canonical". */
bool seo_has_token(const GumboNode *n, const char *attr, const char *token);
/* First <meta name=…> (case-insensitive name) in the document, or NULL. */
const GumboNode *seo_meta(const GumboOutput *doc, const char *name);
/* True when n has a <body> ancestor. */
bool seo_in_body(const GumboNode *n);
/* Host of an absolute http(s) URL, lower-cased; NULL if none; caller frees. */
char *seo_url_host(const char *url);
/* Path + "?query" of an absolute URL ("/" when empty); NULL if it does not
 * parse; caller frees. */
char *seo_url_path(const char *url);
/* True when s begins with "http://" or "https://" (case-insensitive). */
bool seo_is_absolute_http(const char *s);
/* Marks r as advice: an item with note and verdict CHECK_INFO. */
void seo_info_node(struct check_result *r, const GumboNode *n,
    const char *note);

/* The check functions, one per id. */
void seo_document_title(const struct page_ctx *p, struct check_result *r);
void seo_meta_description(const struct page_ctx *p, struct check_result *r);
void seo_http_status(const struct page_ctx *p, struct check_result *r);
void seo_is_crawlable(const struct page_ctx *p, struct check_result *r);
void seo_robots_txt(const struct page_ctx *p, struct check_result *r);
void seo_link_text(const struct page_ctx *p, struct check_result *r);
void seo_crawlable_anchors(const struct page_ctx *p, struct check_result *r);
void seo_hreflang(const struct page_ctx *p, struct check_result *r);
void seo_canonical(const struct page_ctx *p, struct check_result *r);
void seo_image_alt(const struct page_ctx *p, struct check_result *r);
void seo_structured_data(const struct page_ctx *p, struct check_result *r);
void seo_viewport(const struct page_ctx *p, struct check_result *r);
void seo_title_length(const struct page_ctx *p, struct check_result *r);
void seo_description_length(const struct page_ctx *p, struct check_result *r);

#endif
