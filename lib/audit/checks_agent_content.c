/* checks_agent_content.c: text without JavaScript, and citation metadata. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "audit/agent_checks.h"
#include "audit/dom.h"
#include "audit/fetch.h"

/*
 * content-without-js: a page with scripts fails when its served body text
 * is under SHELL_TEXT characters (an app shell that fills itself in with
 * JavaScript), or under RATIO_TEXT characters while its script bytes are
 * RATIO times the text or more. A page without scripts always passes.
 */
#define SHELL_TEXT 250
#define RATIO_TEXT 1000
#define RATIO      10

struct textscan {
	size_t text;         /* visible characters, white space runs as one */
	size_t script_bytes; /* inline scripts + fetched external ones */
	size_t scripts;      /* script elements that run JavaScript */
	bool   space;        /* the last character counted was a space */
};

/* A <script> whose type runs JavaScript (not data such as JSON-LD). */
static bool
is_js(const GumboNode *n)
{
	const char *t = dom_attr(n, "type");

	if (t == NULL || *t == '\0' || strcasecmp(t, "module") == 0)
		return true;
	return strcasestr(t, "javascript") != NULL ||
	    strcasestr(t, "ecmascript") != NULL;
}

static void
count_text(struct textscan *s, const char *t)
{
	for (; *t; t++) {
		bool sp = isspace((unsigned char)*t);

		if (((unsigned char)*t & 0xC0) == 0x80 || (sp && s->space))
			continue;
		s->text++;
		s->space = sp;
	}
}

/* dom_walk callback (iterative: deep documents cannot exhaust the stack):
 * counts an element's own text children, skips what is not shown. */
static bool
scan_cb(const GumboNode *n, void *arg)
{
	struct textscan *s = arg;
	const GumboVector *kids = &n->v.element.children;
	bool script = dom_is(n, GUMBO_TAG_SCRIPT);

	if (script && !is_js(n) && !dom_attr_eq(n, "type", "application/json"))
		return false;   /* JSON-LD and other data: neither text nor code */
	if (!script && (dom_is(n, GUMBO_TAG_STYLE) ||
	    dom_is(n, GUMBO_TAG_NOSCRIPT) || dom_is(n, GUMBO_TAG_TEMPLATE) ||
	    agent_self_hidden(n)))
		return false;   /* not shown to a client without JavaScript */
	s->scripts += script && is_js(n);
	for (size_t i = 0; i < kids->length; i++) {
		const GumboNode *t = kids->data[i];

		if (t->type != GUMBO_NODE_TEXT && t->type != GUMBO_NODE_CDATA)
			continue;
		if (script)
			s->script_bytes += strlen(t->v.text.text);
		else
			count_text(s, t->v.text.text);
	}
	return !script;
}

static void
scan(struct textscan *s, const GumboNode *root)
{
	dom_walk(root, scan_cb, s);
}

void
agent_content_without_js(const struct page_ctx *p, struct check_result *r)
{
	struct textscan s = { 0, 0, 0, true }, b = { 0, 0, 0, true };
	const GumboNode *body;
	char note[200];

	if (p->gumbo == NULL || (body = dom_body(p->gumbo)) == NULL)
		return;
	scan(&s, dom_root(p->gumbo));   /* scripts in <head> count too */
	scan(&b, body);                 /* text: the body's only */
	s.text = b.text;
	for (size_t i = 0; i < p->nresources; i++)
		if (p->resources[i].type == RES_SCRIPT && p->resources[i].resp)
			s.script_bytes += p->resources[i].resp->body_len;
	agent_detail(r, "%zu characters of served text, %zu script%s, %zu "
	    "bytes of script seen.", s.text, s.scripts, s.scripts == 1 ? "" : "s",
	    s.script_bytes);
	if (s.scripts > 0 && s.text < SHELL_TEXT) {
		snprintf(note, sizeof(note), "Only %zu characters of text without "
		    "JavaScript: the content is rendered by script.", s.text);
		check_fail_text(r, "body", note);
	} else if (s.scripts > 0 && s.text < RATIO_TEXT &&
	    s.script_bytes >= RATIO * s.text) {
		snprintf(note, sizeof(note), "%zu characters of text against %zu "
		    "bytes of script.", s.text, s.script_bytes);
		check_fail_text(r, "body", note);
	}
	check_pass(r);
}

/*==== citation-metadata ===================================================*/

struct cite {
	bool canonical, author, published, modified, og_title, og_desc;
};

/* <meta property|name=key content=…> with a non-empty content. */
static bool
meta_is(const GumboNode *n, const char *key)
{
	const char *c = dom_attr(n, "content");

	return (dom_attr_eq(n, "property", key) || dom_attr_eq(n, "name", key) ||
	    dom_attr_eq(n, "itemprop", key)) && c != NULL && *c != '\0';
}

static bool
cite_cb(const GumboNode *n, void *arg)
{
	struct cite *c = arg;
	const char *rel = dom_attr(n, "rel");

	if (dom_is(n, GUMBO_TAG_LINK) && rel && dom_attr(n, "href")) {
		c->canonical |= strcasestr(rel, "canonical") != NULL;
		c->author |= strcasestr(rel, "author") != NULL;
	}
	if (dom_is(n, GUMBO_TAG_A) && rel && strcasestr(rel, "author"))
		c->author = true;
	c->author |= meta_is(n, "author") || meta_is(n, "article:author") ||
	    dom_attr_eq(n, "itemprop", "author");
	c->published |= meta_is(n, "article:published_time") ||
	    meta_is(n, "datePublished") || meta_is(n, "date") ||
	    meta_is(n, "dcterms.created") || meta_is(n, "citation_publication_date") ||
	    (dom_attr_eq(n, "itemprop", "datePublished") &&
	    (dom_attr(n, "datetime") || dom_attr(n, "content")));
	c->modified |= meta_is(n, "article:modified_time") ||
	    meta_is(n, "og:updated_time") || meta_is(n, "dateModified") ||
	    meta_is(n, "dcterms.modified") ||
	    (dom_attr_eq(n, "itemprop", "dateModified") &&
	    (dom_attr(n, "datetime") || dom_attr(n, "content")));
	c->og_title |= meta_is(n, "og:title");
	c->og_desc |= meta_is(n, "og:description");
	return true;
}

void
agent_citation_metadata(const struct page_ctx *p, struct check_result *r)
{
	struct cite c = { 0 };
	enum agent_kind k;

	if (p->gumbo == NULL)
		return;
	dom_walk(dom_root(p->gumbo), cite_cb, &c);
	c.author |= agent_jsonld_has(p, "author");
	c.published |= agent_jsonld_has(p, "datePublished");
	c.modified |= agent_jsonld_has(p, "dateModified");
	k = agent_page_kind(p);
	if (!c.canonical)
		check_fail_text(r, "<link rel=\"canonical\">", "No canonical URL to "
		    "cite.");
	if (!c.og_title)
		check_fail_text(r, "<meta property=\"og:title\">", "No og:title.");
	if (!c.og_desc)
		check_fail_text(r, "<meta property=\"og:description\">",
		    "No og:description.");
	/* author and dates matter for what is cited as a piece of writing */
	if (k == KIND_ARTICLE && !c.author)
		check_fail_text(r, "<meta name=\"author\">", "Article without an "
		    "author (meta author, rel=author or JSON-LD author).");
	if (k == KIND_ARTICLE && !c.published)
		check_fail_text(r, "<meta property=\"article:published_time\">",
		    "Article without a publication date.");
	agent_detail(r, "Page kind %s; author %s, published date %s, modified "
	    "date %s.", agent_kind_name(k), c.author ? "found" : "missing",
	    c.published ? "found" : "missing", c.modified ? "found" : "missing");
	check_pass(r);
}
