/* modifications_jsonld.c: the JSON-LD structured data a page should carry. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/dom.h"
#include "audit/modifications_int.h"

struct faq {
	json_object *items;
	const GumboNode *question;
};

/* A heading ending in '?' is a question; the next <p> its answer. */
static bool
faq_cb(const GumboNode *n, void *arg)
{
	struct faq *f = arg;
	const char *t = dom_tag_name(n);
	char *txt;
	size_t len;

	if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && t[2] == '\0') {
		txt = dom_text(n);
		len = txt ? strlen(txt) : 0;
		f->question = len && txt[len - 1] == '?' ? n : NULL;
		free(txt);
	} else if (dom_is(n, GUMBO_TAG_P) && f->question &&
	    json_object_array_length(f->items) < 10) {
		json_object *q = json_object_new_object(), *a = json_object_new_object();
		char *qt = dom_text(f->question), *at = dom_text(n);

		json_object_object_add(q, "@type", json_object_new_string("Question"));
		json_object_object_add(q, "name", json_object_new_string(qt ? qt : ""));
		json_object_object_add(a, "@type", json_object_new_string("Answer"));
		json_object_object_add(a, "text", json_object_new_string(at ? at : ""));
		json_object_object_add(q, "acceptedAnswer", a);
		json_object_array_add(f->items, q);
		free(qt);
		free(at);
		f->question = NULL;
	}
	return true;
}

static json_object *
ld_base(const char *type)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "@context", json_object_new_string("https://schema.org"));
	json_object_object_add(o, "@type", json_object_new_string(type));
	return o;
}

static json_object *
ld_for(const struct mods_page *p, const char **type)
{
	char *title = p->title ? dom_text(p->title) : NULL, host[256];
	json_object *o;
	struct faq f = { NULL, NULL };

	mods_host(p->url, host, sizeof(host));
	if (p->nquestions >= 2) {
		*type = "FAQPage";
		o = ld_base(*type);
		f.items = json_object_new_array();
		dom_walk(p->root, faq_cb, &f);
		json_object_object_add(o, "mainEntity", f.items);
	} else {
		*type = p->product ? "Product" : p->article ? "Article" : "Organization";
		o = ld_base(*type);
		json_object_object_add(o, p->article && !p->product ? "headline" : "name",
		    json_object_new_string(title && *title ? title : host));
		json_object_object_add(o, "url", json_object_new_string(p->url));
	}
	free(title);
	return o;
}

/* Suggests the block for the page's kind; why NULL: there is none. */
static void
jsonld_add(const struct mods_page *p, json_object *arr, const char *why)
{
	const char *type = "Organization";
	json_object *ld;
	char reason[512];

	ld = ld_for(p, &type);
	if (why)
		snprintf(reason, sizeof(reason), "%s Replace the page's JSON-LD"
		    " with a well-formed schema.org %s block like this one.", why,
		    type);
	else
		snprintf(reason, sizeof(reason), "No JSON-LD structured data: a"
		    " schema.org %s block makes the page eligible for rich results."
		    " Paste it in a <script type=\"application/ld+json\"> in"
		    " <head>.", type);
	mods_add(arr, "json_ld", "head > script[type=\"application/ld+json\"]",
	    NULL, json_object_to_json_string_ext(ld, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE), reason);
	json_object_put(ld);
}

void
mods_jsonld(const struct mods_page *p, json_object *arr)
{
	if (p->njsonld == 0)
		jsonld_add(p, arr, NULL);
}

void
mods_jsonld_fix(const struct mods_page *p, json_object *arr, const char *why)
{
	jsonld_add(p, arr, why);
}
