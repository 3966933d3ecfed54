/* modifications_agent.c: edits for failing agent-readiness checks. */
/* SPDX-License-Identifier: MIT */
/*
 * From the engine's agent results (rep) and the page itself:
 *   llms-txt failed or not verified      → an llms.txt draft from the
 *                                          page's title, summary, headings
 *                                          and same-site links;
 *   webmcp-form-coverage info or     → toolname / tooldescription for
 *   webmcp-schema-validity failed      each form, toolparamdescription for
 *                                        each undescribed field
 *                                        (modifications_webmcp.c);
 *   structured-data-coverage failed      → the JSON-LD to add (when the
 *                                          page has a block, but a broken or
 *                                          wrong one);
 *   citation-metadata failed             → the og: / author / date tags;
 *   ai-crawler-access lists blocked bots → the robots.txt lines that let
 *                                          them in, should the owner want.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/dom.h"
#include "audit/modifications_int.h"
#include "audit/urlnorm.h"

#define LLMS_LINKS    20   /* links listed in the llms.txt draft */
#define LLMS_TOPICS   12   /* h2 headings listed */
#define DRAFT_MAX     8192

/* The agent result for check id in rep's first page, or NULL. */
static const struct check_result *
result(const struct audit_report *rep, const char *id)
{
	const struct audit_page *pg;

	if (rep == NULL || rep->npages == 0)
		return NULL;
	pg = &rep->pages[0];
	for (size_t i = 0; i < pg->nchecks; i++)
		if (strcmp(pg->defs[i]->id, id) == 0)
			return &pg->results[i];
	return NULL;
}

/*==== llms.txt draft ======================================================*/

struct draft {
	const struct mods_page *p;
	char   buf[DRAFT_MAX];
	size_t len, nlinks, ntopics;
	char  *seen[LLMS_LINKS];
	char  *base;   /* the page URL in normal form */
};

static void put(struct draft *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends to the draft; what does not fit is dropped. */
static void
put(struct draft *d, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (d->len >= sizeof(d->buf) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(d->buf + d->len, sizeof(d->buf) - d->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		d->len += (size_t)n < sizeof(d->buf) - d->len ? (size_t)n :
		    sizeof(d->buf) - d->len - 1;
}

/* Markdown link text: no brackets or line breaks. */
static void
md_text(char *s)
{
	for (; *s; s++)
		if (*s == '[' || *s == ']' || *s == '\n' || *s == '\r')
			*s = ' ';
}

static bool
link_cb(const GumboNode *n, void *arg)
{
	struct draft *d = arg;
	const char *href = dom_attr(n, "href");
	char *u, *t = NULL;
	bool dup = false;

	if (!dom_is(n, GUMBO_TAG_A) || href == NULL || *href == '#' ||
	    d->nlinks >= LLMS_LINKS || d->base == NULL)
		return true;
	if ((u = urlnorm(d->base, href)) == NULL)
		return true;
	for (size_t i = 0; i < d->nlinks && !dup; i++)
		dup = strcmp(d->seen[i], u) == 0;
	if (dup || !urlnorm_same_origin(u, d->base) ||
	    (t = dom_text(n)) == NULL || *t == '\0') {
		free(t);
		free(u);
		return true;
	}
	md_text(t);
	put(d, "- [%s](%s)\n", t, u);
	free(t);
	d->seen[d->nlinks++] = u;
	return true;
}

static bool
topic_cb(const GumboNode *n, void *arg)
{
	struct draft *d = arg;
	char *t;

	if (!dom_is(n, GUMBO_TAG_H2) || d->ntopics >= LLMS_TOPICS)
		return true;
	if ((t = dom_text(n)) != NULL && *t) {
		put(d, "- %s\n", t);
		d->ntopics++;
	}
	free(t);
	return true;
}

static void
llms_draft(const struct mods_page *p, const struct check_result *res,
    json_object *arr)
{
	struct draft *d = calloc(1, sizeof(*d));
	char *title = p->title ? dom_text(p->title) : NULL, host[256];
	const char *desc = p->meta_desc ? dom_attr(p->meta_desc, "content") : NULL;
	char *summary = mods_cut(desc && *desc ? desc : (p->text ? p->text : ""),
	    200);
	size_t mark;

	if (d == NULL)
		goto out;
	d->p = p;
	d->base = urlnorm(NULL, p->url);
	mods_host(p->url, host, sizeof(host));
	put(d, "# %s\n\n", title && *title ? title : host);
	if (summary && *summary)
		put(d, "> %s\n\n", summary);
	put(d, "## Key pages\n\n");
	dom_walk(p->root, link_cb, d);
	if (d->nlinks == 0)
		put(d, "- [Home](%s)\n", p->url);
	mark = d->len;
	put(d, "\n## Topics\n\n");
	dom_walk(p->root, topic_cb, d);
	if (d->ntopics == 0) {   /* no <h2>: no empty section */
		d->len = mark;
		d->buf[mark] = '\0';
	}
	mods_add(arr, "llms_txt", "/llms.txt", NULL, d->buf,
	    res->verdict == CHECK_FAIL ? "The site's llms.txt does not follow "
	    "llmstxt.org (an H1, links, real content); this draft is built from "
	    "this page's title, description, headings and links." :
	    "No llms.txt was found (or it was not checked): serve this draft at "
	    "/llms.txt so language models find the site's key pages.");
	for (size_t i = 0; i < d->nlinks; i++)
		free(d->seen[i]);
	free(d->base);
out:
	free(d);
	free(title);
	free(summary);
}

/*==== Citation tags, robots.txt ===========================================*/

static void
citation_edits(const struct mods_page *p, const struct check_result *res,
    json_object *arr)
{
	char *title = p->title ? dom_text(p->title) : NULL, *cut, tag[640];
	char host[256];

	mods_host(p->url, host, sizeof(host));
	for (size_t i = 0; i < res->nitems; i++) {
		const char *what = res->items[i].snippet;

		if (what == NULL || strstr(what, "canonical"))
			continue;   /* the canonical edit comes from mods_build */
		if (strstr(what, "og:title"))
			snprintf(tag, sizeof(tag), "<meta property=\"og:title\" "
			    "content=\"%s\">", title && *title ? title : host);
		else if (strstr(what, "og:description")) {
			cut = mods_cut(p->text ? p->text : "", 155);
			snprintf(tag, sizeof(tag), "<meta property=\"og:description\""
			    " content=\"%s\">", cut ? cut : "");
			free(cut);
		} else if (strstr(what, "author"))
			snprintf(tag, sizeof(tag), "<meta name=\"author\" "
			    "content=\"%s\">", host);
		else
			snprintf(tag, sizeof(tag), "<meta property=\"article:"
			    "published_time\" content=\"YYYY-MM-DDThh:mm:ssZ\">");
		mods_add(arr, "citation_meta", what, NULL, tag, res->items[i].note ?
		    res->items[i].note : "Answer engines cite pages by these "
		    "tags.");
	}
	free(title);
}

static void
robots_edit(const struct check_result *res, json_object *arr)
{
	char cur[1024] = "", prop[2048] = "";

	if (res->nitems == 0)
		return;
	for (size_t i = 0; i < res->nitems; i++) {
		const char *tok = res->items[i].snippet ? res->items[i].snippet : "";

		snprintf(cur + strlen(cur), sizeof(cur) - strlen(cur), "%s%s",
		    i ? ", " : "", tok);
		snprintf(prop + strlen(prop), sizeof(prop) - strlen(prop),
		    "User-agent: %s\n", tok);
	}
	snprintf(prop + strlen(prop), sizeof(prop) - strlen(prop), "Allow: /\n");
	mods_add(arr, "robots_txt", "/robots.txt", cur, prop, "Only if you want "
	    "these AI crawlers to read the site: add this group to robots.txt "
	    "and remove the Disallow lines that name them.");
}

void
mods_agent(const struct mods_page *p, const struct audit_report *rep,
    json_object *arr)
{
	const struct check_result *r;

	if ((r = result(rep, "llms-txt")) != NULL && r->verdict != CHECK_PASS)
		llms_draft(p, r, arr);
	if (((r = result(rep, "webmcp-form-coverage")) != NULL &&
	    r->verdict == CHECK_INFO) || ((r = result(rep,
	    "webmcp-schema-validity")) != NULL && r->verdict == CHECK_FAIL))
		mods_webmcp(p, arr);
	if ((r = result(rep, "structured-data-coverage")) != NULL &&
	    r->verdict == CHECK_FAIL && p->njsonld > 0)   /* else mods_jsonld */
		mods_jsonld_fix(p, arr, r->nitems && r->items[0].note ?
		    r->items[0].note : "The page's structured data is broken.");
	if ((r = result(rep, "citation-metadata")) != NULL &&
	    r->verdict == CHECK_FAIL)
		citation_edits(p, r, arr);
	if ((r = result(rep, "ai-crawler-access")) != NULL)
		robots_edit(r, arr);
}
