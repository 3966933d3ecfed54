/* resources.h: a page's sub-resources — discovery in the DOM / CSS and concurrent fetch. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_RESOURCES_H
#define SA_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include "audit/check.h"
#include "audit/fetch.h"
#include "sa.h"

#define RESOURCES_MAX_DEFAULT   60          /* sub-resources kept per page */
#define RESOURCES_BYTES_DEFAULT (24u << 20) /* wire bytes fetched per page */

/*
 * The sub-resources of one page. v[i].resp points into resps[i], so both
 * arrays are allocated once, at max entries, and never move.
 */
struct res_set {
	struct page_resource *v;
	struct fetch_resp    *resps;
	size_t                n, max;
	char                 *page_host;   /* host of the document */
	size_t                wire_bytes;  /* fetched so far */
};

/* An empty set for at most max resources (0: RESOURCES_MAX_DEFAULT). */
enum sa_err resources_init(struct res_set *s, const char *page_url, size_t max);

/*
 * Appends the resources the document references, in document order:
 * stylesheets, scripts, images (img src / srcset / picture source, the
 * candidate a browser would pick for the strategy's viewport), preloads,
 * iframes, plus url() images and @font-face fonts of inline <style>. URLs
 * are resolved against base; data: / javascript: / duplicates are skipped.
 * Stops silently at s->max. SA_ENOMEM on allocation failure.
 */
enum sa_err resources_discover(struct res_set *s, const GumboOutput *doc,
    const char *base, enum audit_strategy strategy);

/*
 * Appends url() images (at most 12, by file extension) and @font-face fonts
 * (the first source of each, at most 8) referenced by css (len bytes),
 * resolved against base, with parent as their page_resource.parent (the
 * stylesheet's index, -1 for inline <style>). Fonts get font_swap from
 * their block's font-display.
 */
enum sa_err resources_discover_css(struct res_set *s, const char *css,
    size_t len, const char *base, long parent);

/*
 * Fetches resources [from, s->n) concurrently through fetch_many() while
 * the set's wire bytes stay under max_total (0: RESOURCES_BYTES_DEFAULT);
 * the rest keep fetched = false.
 */
void resources_fetch(struct res_set *s, size_t from, const struct fetch_opts *o,
    int parallel, size_t max_total);

/*
 * discover + fetch + the fonts / images of the fetched stylesheets (a
 * second wave). The page's whole sub-resource pass, used by audit_url().
 */
enum sa_err resources_collect(struct res_set *s, const GumboOutput *doc,
    const char *base, enum audit_strategy strategy,
    const struct fetch_opts *o, int parallel, size_t max_total);

/* Frees everything the set owns (responses included) and zeroes it. */
void resources_free(struct res_set *s);

/*
 * The registrable domain of host ("www.shop.example.co.uk" → "example.co.uk"):
 * the last two labels, or three when the second-to-last is a common
 * second-level label (co, com, net, org, gov, edu, ac) under a two-letter
 * TLD. IP addresses and one-label hosts are returned whole. Points into host.
 */
const char *resources_site(const char *host);
/* True when a and b have different registrable domains (NULL: false). */
bool resources_third_party(const char *a, const char *b);
/* Host part of url, lower-cased; NULL when it does not parse. Caller frees. */
char *resources_host(const char *url);
/* Content-Encoding of a response ("gzip", "br", …) or NULL when none. */
const char *resources_encoding(const struct fetch_resp *r);
/* Short JSON-friendly name: "stylesheet", "script", "image", "font", … */
const char *resources_type_name(enum resource_type t);

#endif
