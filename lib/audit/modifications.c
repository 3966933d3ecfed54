/* modifications.c: a page audit's suggested edits — page facts and head tags. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/dom.h"
#include "audit/modifications.h"
#include "audit/modifications_int.h"

#define TITLE_MIN 30
#define TITLE_MAX 60
#define DESC_MIN  70
#define DESC_MAX  155

void
mods_add(json_object *arr, const char *type, const char *target,
    const char *cur, const char *prop, const char *reason)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "type", json_object_new_string(type));
	json_object_object_add(o, "target", json_object_new_string(target));
	json_object_object_add(o, "currentValue",
	    cur ? json_object_new_string(cur) : NULL);
	json_object_object_add(o, "proposedValue",
	    prop ? json_object_new_string(prop) : NULL);
	json_object_object_add(o, "reason", json_object_new_string(reason));
	/* "rules"; the optional LLM writer (llm.c) sets "llm" on texts it wrote. */
	json_object_object_add(o, "source", json_object_new_string("rules"));
	json_object_array_add(arr, o);
}

char *
mods_cut(const char *s, size_t max)
{
	size_t n = strlen(s), cut;
	char *out;

	if (n <= max)
		return strdup(s);
	cut = max;
	while (cut > max / 2 && s[cut] != ' ')
		cut--;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	if ((out = malloc(cut + 4)) == NULL)
		return NULL;
	memcpy(out, s, cut);
	while (cut > 0 && strchr(" ,.;:-", out[cut - 1]))
		cut--;
	memcpy(out + cut, "\xE2\x80\xA6", 4);   /* "…" and NUL */
	return out;
}

void
mods_host(const char *url, char *out, size_t n)
{
	const char *h = strstr(url, "://");
	size_t len;

	h = h ? h + 3 : url;
	len = strcspn(h, "/:?#");
	snprintf(out, n, "%.*s", (int)len, h);
}

static bool
is_meta(const GumboNode *n, const char *name)
{
	return dom_is(n, GUMBO_TAG_META) && dom_attr_eq(n, "name", name);
}

static void
gather_heading(struct mods_page *p, const GumboNode *n)
{
	char *t = dom_text(n);
	size_t len = t ? strlen(t) : 0;

	if (len && t[len - 1] == '?')
		p->nquestions++;
	free(t);
	if (dom_is(n, GUMBO_TAG_H1) && p->nh1 < SA_NITEMS(p->h1s))
		p->h1s[p->nh1++] = n;
}

static bool
gather(const GumboNode *n, void *arg)
{
	struct mods_page *p = arg;
	const char *t = dom_tag_name(n);

	if (dom_is(n, GUMBO_TAG_TITLE) && p->title == NULL)
		p->title = n;
	else if (is_meta(n, "description") && p->meta_desc == NULL)
		p->meta_desc = n;
	else if (is_meta(n, "robots") && p->robots == NULL)
		p->robots = n;
	else if (dom_is(n, GUMBO_TAG_LINK) && dom_attr_eq(n, "rel", "canonical"))
		p->canonical = n;
	else if (dom_is(n, GUMBO_TAG_SCRIPT) &&
	    dom_attr_eq(n, "type", "application/ld+json"))
		p->njsonld++;
	else if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && t[2] == '\0')
		gather_heading(p, n);
	else if (dom_is(n, GUMBO_TAG_ARTICLE) ||
	    (dom_attr_eq(n, "property", "og:type") && dom_attr_eq(n, "content", "article")))
		p->article = true;
	else if (dom_attr_eq(n, "itemprop", "price") ||
	    (dom_attr_eq(n, "property", "og:type") && dom_attr_eq(n, "content", "product")))
		p->product = true;
	return true;
}

/* The first paragraphs' text (or the body's), for drafting. */
static char *
main_text(const GumboNode *root)
{
	const GumboNode *body = dom_find(root, GUMBO_TAG_BODY);
	const GumboNode *m = body ? dom_find(body, GUMBO_TAG_MAIN) : NULL;
	const GumboNode *para = dom_find(m ? m : (body ? body : root), GUMBO_TAG_P);
	char *t = para ? dom_text(para) : NULL;

	if (t && strlen(t) >= 40)
		return t;
	free(t);
	return dom_text(m ? m : (body ? body : root));
}

static void
mods_title(const struct mods_page *p, json_object *arr)
{
	char *cur = p->title ? dom_text(p->title) : NULL;
	char *h1 = p->nh1 ? dom_text(p->h1s[0]) : NULL;
	char host[256], prop[512], *cut;
	size_t len = cur ? strlen(cur) : 0;

	mods_host(p->url, host, sizeof(host));
	if (len >= TITLE_MIN && len <= TITLE_MAX)
		goto out;
	snprintf(prop, sizeof(prop), "%s | %s", h1 && *h1 ? h1 :
	    (cur && *cur ? cur : "Home"), host);
	cut = mods_cut(prop, TITLE_MAX);
	mods_add(arr, "title", "head > title", cur, cut ? cut : prop,
	    len == 0 ? "The page has no title: search results and browser tabs"
	    " show the URL instead." : len < TITLE_MIN ? "The title is too short"
	    " to describe the page (aim for 30-60 characters)." : "The title is"
	    " longer than 60 characters and will be truncated in search results.");
	free(cut);
out:
	free(cur);
	free(h1);
}

static void
mods_description(const struct mods_page *p, json_object *arr)
{
	const char *cur = p->meta_desc ? dom_attr(p->meta_desc, "content") : NULL;
	size_t len = cur ? strlen(cur) : 0;
	char *draft;

	if (len >= DESC_MIN && len <= DESC_MAX + 5)
		return;
	draft = mods_cut(p->text && *p->text ? p->text : "", DESC_MAX);
	mods_add(arr, "meta_description", "head > meta[name=\"description\"]",
	    cur, draft && *draft ? draft : NULL, len == 0 ?
	    "The page has no meta description; this draft is taken from the"
	    " page's own opening text." : "The meta description should be"
	    " 70-155 characters; this draft is taken from the page's own text.");
	free(draft);
}

static void
mods_canonical_robots(const struct mods_page *p, json_object *arr)
{
	const char *rob = p->robots ? dom_attr(p->robots, "content") : NULL;
	char tag[2304];

	if (p->canonical == NULL) {
		snprintf(tag, sizeof(tag), "<link rel=\"canonical\" href=\"%s\">", p->url);
		mods_add(arr, "canonical", "head > link[rel=\"canonical\"]", NULL, tag,
		    "No canonical URL: duplicates (tracking parameters, http/https,"
		    " trailing slashes) split ranking signals.");
	}
	if (rob && (strstr(rob, "noindex") || strstr(rob, "nofollow")))
		mods_add(arr, "robots", "head > meta[name=\"robots\"]", rob,
		    "index, follow", "The robots meta tag keeps this page out of"
		    " search results or stops link discovery; remove it unless"
		    " that is intended.");
}

static json_object *
finish(json_object *mods)
{
	json_object *o = json_object_new_object();
	size_t n = json_object_array_length(mods);
	char sum[256];

	snprintf(sum, sizeof(sum), n ? "%zu suggested edit%s: each names the"
	    " element, its current value, the proposed value and why." :
	    "No edits suggested: the page's title, description, headings,"
	    " images, links and structured data look right.", n, n == 1 ? "" : "s");
	json_object_object_add(o, "summary", json_object_new_string(sum));
	json_object_object_add(o, "modifications", mods);
	return o;
}

json_object *
mods_build(const char *url, const char *html, size_t len,
    const struct audit_report *rep)
{
	struct mods_page p;
	GumboOutput *doc;
	json_object *arr;

	memset(&p, 0, sizeof(p));
	p.url = url;
	doc = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
	if (doc == NULL || (arr = json_object_new_array()) == NULL)
		return NULL;
	p.root = dom_root(doc);
	dom_walk(p.root, gather, &p);
	p.text = main_text(p.root);
	mods_title(&p, arr);
	mods_description(&p, arr);
	mods_headings(&p, arr);
	mods_images(&p, arr);
	mods_links(&p, arr);
	mods_jsonld(&p, arr);
	mods_canonical_robots(&p, arr);
	mods_checks(rep, arr);
	mods_agent(&p, rep, arr);
	free(p.text);
	gumbo_destroy_output(&kGumboDefaultOptions, doc);
	return finish(arr);
}
