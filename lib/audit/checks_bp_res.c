/* checks_bp_res.c: best-practices checks over sub-resources — failed loads,
 * mixed content and known-vulnerable JavaScript libraries. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/checks_bp.h"
#include "audit/dom.h"
#include "audit/fetch.h"
#include "audit/vulnlibs.h"

#define MAX_ITEMS   50
#define MAX_BODY_HITS 4
#define MAX_IDS     8

/* Records resource u (its element, or its URL when it has none). */
static void
fail_res(struct check_result *r, const GumboNode *node, const char *url,
    const char *what)
{
	char note[600];

	if (r->nitems >= MAX_ITEMS) {
		r->verdict = CHECK_FAIL;
		return;
	}
	snprintf(note, sizeof(note), "%s: %s", what, url ? url : "");
	if (node)
		check_fail_node(r, node, note);
	else
		check_fail_text(r, url, what);
}

/* A failed fetch the site is to blame for (not our caps or guard). */
static bool
load_failed(const struct fetch_resp *f)
{
	switch (f->err) {
	case FETCH_OK:
		return f->status >= 400;
	case FETCH_EDNS: case FETCH_ECONNECT: case FETCH_ETIMEOUT:
	case FETCH_ETLS: case FETCH_EREDIRECTS:
		return true;
	default:
		return false;
	}
}

void
bp_errors_in_subresources(const struct page_ctx *p, struct check_result *r)
{
	char what[64];

	for (size_t i = 0; i < p->nresources; i++) {
		const struct page_resource *res = &p->resources[i];

		if (!res->fetched || res->resp == NULL)
			continue;
		if (load_failed(res->resp)) {
			bp_fetch_note(res->resp, what, sizeof(what));
			fail_res(r, res->node, res->url, what);
		} else {
			check_pass(r);
		}
	}
}

/*==== mixed content =======================================================*/

/* The URL-bearing attribute of an element that loads a sub-resource. */
static const char *
loaded_url(const GumboNode *n)
{
	if (dom_is(n, GUMBO_TAG_LINK))
		return (bp_has_token(n, "rel", "stylesheet") ||
		    bp_has_token(n, "rel", "preload") ||
		    bp_has_token(n, "rel", "modulepreload") ||
		    bp_has_token(n, "rel", "icon")) ? dom_attr(n, "href") : NULL;
	if (dom_is(n, GUMBO_TAG_OBJECT))
		return dom_attr(n, "data");
	if (dom_is(n, GUMBO_TAG_SCRIPT) || dom_is(n, GUMBO_TAG_IMG) ||
	    dom_is(n, GUMBO_TAG_IFRAME) || dom_is(n, GUMBO_TAG_AUDIO) ||
	    dom_is(n, GUMBO_TAG_VIDEO) || dom_is(n, GUMBO_TAG_SOURCE) ||
	    dom_is(n, GUMBO_TAG_EMBED) || dom_is(n, GUMBO_TAG_TRACK) ||
	    dom_is(n, GUMBO_TAG_INPUT))
		return dom_attr(n, "src");
	return NULL;
}

static bool
mixed_cb(const GumboNode *n, void *arg)
{
	struct check_result *r = arg;
	const char *u = loaded_url(n);

	if (u && bp_is_http(u))
		fail_res(r, n, u, "Loaded over http");
	return true;
}

/* NA on http pages. Uses the fetched resources (which include CSS url()
 * references) when there are any, else the elements of the DOM. */
void
bp_mixed_content(const struct page_ctx *p, struct check_result *r)
{
	if (!bp_is_https(p->url) || p->gumbo == NULL)
		return;
	if (p->nresources == 0)
		dom_walk(p->gumbo->root, mixed_cb, r);
	for (size_t i = 0; i < p->nresources; i++)
		if (bp_is_http(p->resources[i].url))
			fail_res(r, p->resources[i].node, p->resources[i].url,
			    "Loaded over http");
	check_pass(r);
}

/*==== vulnerable libraries ================================================*/

struct vl_walk {
	struct check_result *r;
	bool                 seen;   /* some library was recognised */
};

/* Judges one detected library: a failure item listing its advisories. */
static void
vl_judge(struct vl_walk *w, const GumboNode *node, const char *url,
    const struct vulnlib_hit *h)
{
	const struct vulnlib_row *rows[MAX_IDS];
	size_t n = vulnlib_match(h->lib, h->version, rows, MAX_IDS), len;
	char note[400];

	w->seen = true;
	if (n == 0)
		return;
	len = (size_t)snprintf(note, sizeof(note), "%s %s:",
	    vulnlib_name(h->lib), h->version);
	for (size_t i = 0; i < n && i < MAX_IDS && len < sizeof(note); i++) {
		bool dup = false;

		for (size_t j = 0; j < i; j++)
			dup |= strcmp(rows[j]->advisory, rows[i]->advisory) == 0;
		if (!dup)
			len += (size_t)snprintf(note + len, sizeof(note) - len,
			    "%s %s", i ? "," : "", rows[i]->advisory);
	}
	if (node)
		check_fail_node(w->r, node, note);
	else
		check_fail_text(w->r, url, note);
}

/* Libraries of one script: from its URL, then banners in its body. */
static void
vl_script(struct vl_walk *w, const GumboNode *node, const char *url,
    const struct fetch_resp *f)
{
	struct vulnlib_hit uh, bh[MAX_BODY_HITS];
	bool from_url = vulnlib_from_url(url, &uh);
	size_t nb = 0;

	if (from_url)
		vl_judge(w, node, url, &uh);
	if (f && f->err == FETCH_OK && f->status < 400 && f->body)
		nb = vulnlib_from_body(f->body, f->body_len, bh, MAX_BODY_HITS);
	for (size_t i = 0; i < nb; i++)
		if (!from_url || strcmp(bh[i].lib, uh.lib) != 0)
			vl_judge(w, node, url, &bh[i]);
}

static bool
vl_cb(const GumboNode *n, void *arg)
{
	const char *src = dom_attr(n, "src");

	if (dom_is(n, GUMBO_TAG_SCRIPT) && src)
		vl_script(arg, n, src, NULL);
	return true;
}

/* NA when no known library is recognised (resources when there are any,
 * else the <script src> URLs of the DOM). */
void
bp_vulnerable_libraries(const struct page_ctx *p, struct check_result *r)
{
	struct vl_walk w = { r, false };

	if (p->gumbo && p->nresources == 0)
		dom_walk(p->gumbo->root, vl_cb, &w);
	for (size_t i = 0; i < p->nresources; i++)
		if (p->resources[i].type == RES_SCRIPT)
			vl_script(&w, p->resources[i].node, p->resources[i].url,
			    p->resources[i].fetched ? p->resources[i].resp : NULL);
	if (w.seen)
		check_pass(r);
}
