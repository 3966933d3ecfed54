/* modifications_items.c: per-element edits (headings, images, links) and checks. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/dom.h"
#include "audit/modifications_int.h"

#define MAX_ITEMS 50   /* edits per kind, so a huge page stays readable */

struct walk {
	const struct mods_page *p;
	json_object *arr;
	size_t n;
	int last_level;
};

/* "/img/team-photo_2024.jpg" → "Team photo 2024". */
static void
words_from_path(const char *src, char *out, size_t n)
{
	const char *base = src, *q = strpbrk(src, "?#");
	size_t len = q ? (size_t)(q - src) : strlen(src), k = 0;

	for (size_t i = 0; i < len; i++)
		if (src[i] == '/')
			base = src + i + 1;
	len -= (size_t)(base - src);
	for (size_t i = 0; i < len && base[i] != '.' && k + 1 < n; i++) {
		char c = base[i];
		out[k++] = (c == '-' || c == '_' || c == '+') ? ' ' : c;
	}
	out[k] = '\0';
	if (k)
		out[0] = (char)toupper((unsigned char)out[0]);
}

static bool
img_cb(const GumboNode *n, void *arg)
{
	struct walk *w = arg;
	const char *src;
	char words[160], prop[256], *sel, *snip;

	if (!dom_is(n, GUMBO_TAG_IMG) || dom_has_attr(n, "alt") || w->n >= MAX_ITEMS)
		return true;
	src = dom_attr(n, "src");
	words_from_path(src ? src : "", words, sizeof(words));
	snprintf(prop, sizeof(prop), "%s", *words ? words : "Describe this image");
	sel = dom_selector(n);
	snip = dom_snippet(n, 200);
	mods_add(w->arr, "image_alt", sel ? sel : "img", snip, prop,
	    "The image has no alt attribute: screen readers announce the file"
	    " name and search engines cannot index it. Describe what it shows"
	    " (alt=\"\" only if it is decorative).");
	free(sel);
	free(snip);
	w->n++;
	return true;
}

void
mods_images(const struct mods_page *p, json_object *arr)
{
	struct walk w = { p, arr, 0, 0 };

	dom_walk(p->root, img_cb, &w);
}

static bool
vague(const char *t)
{
	static const char *const words[] = { "", "click here", "here", "more",
	    "read more", "learn more", "link", "this", "click", "go", "details" };

	for (size_t i = 0; i < SA_NITEMS(words); i++)
		if (strcasecmp(t, words[i]) == 0)
			return true;
	return false;
}

static bool
link_cb(const GumboNode *n, void *arg)
{
	struct walk *w = arg;
	const char *href = dom_attr(n, "href");
	char *name, *sel, words[160], prop[256];

	if (!dom_is(n, GUMBO_TAG_A) || href == NULL || w->n >= MAX_ITEMS)
		return true;
	name = dom_accessible_name(w->p->root, n);
	if (name && vague(name)) {
		words_from_path(href, words, sizeof(words));
		snprintf(prop, sizeof(prop), "%s", *words ? words :
		    "Name the destination of this link");
		sel = dom_selector(n);
		mods_add(w->arr, "link_text", sel ? sel : "a", name, prop,
		    "The link text does not say where it leads; descriptive"
		    " text helps screen-reader users and search engines.");
		free(sel);
		w->n++;
	}
	free(name);
	return true;
}

void
mods_links(const struct mods_page *p, json_object *arr)
{
	struct walk w = { p, arr, 0, 0 };

	dom_walk(p->root, link_cb, &w);
}

static bool
heading_cb(const GumboNode *n, void *arg)
{
	struct walk *w = arg;
	const char *t = dom_tag_name(n);
	char prop[16], *sel;
	int level;

	if (t[0] != 'h' || t[1] < '1' || t[1] > '6' || t[2] != '\0')
		return true;
	level = t[1] - '0';
	if (w->last_level && level > w->last_level + 1 && w->n < MAX_ITEMS) {
		snprintf(prop, sizeof(prop), "h%d", w->last_level + 1);
		sel = dom_selector(n);
		mods_add(w->arr, "heading", sel ? sel : t, t, prop,
		    "The heading skips a level; keep the outline sequential so"
		    " assistive technology and search engines read the structure.");
		free(sel);
		w->n++;
		level = w->last_level + 1;
	}
	w->last_level = level;
	return true;
}

void
mods_headings(const struct mods_page *p, json_object *arr)
{
	struct walk w = { p, arr, 0, 0 };
	char *t = p->title ? dom_text(p->title) : NULL, *sel;

	if (p->nh1 == 0)
		mods_add(arr, "heading", "body h1", NULL, t && *t ? t :
		    "State the page's topic in one heading", "The page has no <h1>:"
		    " add one main heading that states the page's topic.");
	for (size_t i = 1; i < p->nh1; i++) {
		sel = dom_selector(p->h1s[i]);
		mods_add(arr, "heading", sel ? sel : "h1", "h1", "h2", "More than"
		    " one <h1>: keep one main heading and demote the others.");
		free(sel);
	}
	free(t);
	dom_walk(p->root, heading_cb, &w);
}

static void
check_edit(const struct check_def *d, const struct check_result *res,
    json_object *arr)
{
	const struct check_item *it = res->nitems ? &res->items[0] : NULL;
	char type[96], reason[768];

	snprintf(type, sizeof(type), "check:%s", d->id);
	snprintf(reason, sizeof(reason), "%s%s%s", d->description ? d->description : "",
	    res->detail ? " " : "", res->detail ? res->detail : "");
	mods_add(arr, type, it && it->selector ? it->selector : d->id,
	    it && it->snippet ? it->snippet : (it && it->note ? it->note : NULL),
	    d->title, reason);
}

void
mods_checks(const struct audit_report *rep, json_object *arr)
{
	const struct audit_page *pg;

	if (rep == NULL || rep->npages == 0)
		return;
	pg = &rep->pages[0];
	for (size_t i = 0; i < pg->nchecks; i++)
		if (pg->results[i].verdict == CHECK_FAIL)
			check_edit(pg->defs[i], &pg->results[i], arr);
}
