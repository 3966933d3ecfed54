/* checks_agent_data.c: structured data (JSON-LD, microdata) for the page kind. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <json-c/json.h>
#include "audit/agent_checks.h"
#include "audit/dom.h"
#include "audit/urlnorm.h"

/*==== Page kind ===========================================================*/

struct kindscan {
	size_t questions;
	bool   article, product;
};

static bool
kind_cb(const GumboNode *n, void *arg)
{
	struct kindscan *k = arg;
	const char *t = dom_tag_name(n);

	if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && t[2] == '\0') {
		char *txt = dom_text(n);
		size_t len = txt ? strlen(txt) : 0;

		k->questions += len && txt[len - 1] == '?';
		free(txt);
	}
	k->article |= dom_is(n, GUMBO_TAG_ARTICLE) ||
	    (dom_attr_eq(n, "property", "og:type") &&
	    dom_attr_eq(n, "content", "article"));
	k->product |= dom_attr_eq(n, "itemprop", "price") ||
	    (dom_attr_eq(n, "property", "og:type") &&
	    dom_attr_eq(n, "content", "product"));
	return true;
}

/* The same signals as the JSON-LD suggestion in modifications.c. */
enum agent_kind
agent_page_kind(const struct page_ctx *p)
{
	struct kindscan k = { 0, false, false };
	char *norm;
	bool home;

	if (p->gumbo == NULL)
		return KIND_OTHER;
	dom_walk(dom_root(p->gumbo), kind_cb, &k);
	if (k.questions >= 2)
		return KIND_FAQ;
	if (k.product)
		return KIND_PRODUCT;
	if (k.article)
		return KIND_ARTICLE;
	norm = p->url ? urlnorm(NULL, p->url) : NULL;
	home = norm && strcmp(urlnorm_path(norm), "/") == 0;
	free(norm);
	return home ? KIND_HOME : KIND_OTHER;
}

const char *
agent_kind_name(enum agent_kind k)
{
	static const char *const names[] = { "other", "home", "article",
	    "product", "faq" };

	return names[k];
}

/*==== JSON-LD =============================================================*/

static bool
is_jsonld(const GumboNode *n)
{
	return dom_is(n, GUMBO_TAG_SCRIPT) &&
	    dom_attr_eq(n, "type", "application/ld+json");
}

/* The script's text (owned by the tree), "" when empty. */
static const char *
script_text(const GumboNode *n)
{
	const GumboVector *k = &n->v.element.children;

	for (size_t i = 0; i < k->length; i++) {
		const GumboNode *t = k->data[i];

		if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_CDATA ||
		    t->type == GUMBO_NODE_WHITESPACE)
			return t->v.text.text;
	}
	return "";
}

struct ldkey {
	const char *key;
	bool        found;
};

/* Cheap by design: a quoted member name anywhere in a JSON-LD block. */
static bool
ldkey_cb(const GumboNode *n, void *arg)
{
	struct ldkey *k = arg;
	char quoted[64];

	if (!is_jsonld(n))
		return true;
	snprintf(quoted, sizeof(quoted), "\"%s\"", k->key);
	k->found |= strstr(script_text(n), quoted) != NULL;
	return false;
}

bool
agent_jsonld_has(const struct page_ctx *p, const char *key)
{
	struct ldkey k = { key, false };

	if (p->gumbo)
		dom_walk(dom_root(p->gumbo), ldkey_cb, &k);
	return k.found;
}

/*==== structured-data-coverage ============================================*/

struct sd {
	struct check_result *r;
	char   types[400];     /* "Article, Organization" */
	size_t ntypes, blocks;
};

/* "https://schema.org/Article" and "schema:Article" both name Article. */
static const char *
type_base(const char *t)
{
	const char *s = strrchr(t, '/'), *c = strrchr(t, ':');

	if (c > s)
		s = c;
	return s ? s + 1 : t;
}

static void
add_type(struct sd *d, const char *t)
{
	size_t n = strlen(d->types);

	t = type_base(t);
	if (*t == '\0' || n + strlen(t) + 3 >= sizeof(d->types))
		return;
	snprintf(d->types + n, sizeof(d->types) - n, "%s%s", n ? ", " : "", t);
	d->ntypes++;
}

static void
ld_types(struct sd *d, json_object *o, const GumboNode *n, bool top)
{
	json_object *t = NULL, *g = NULL;

	if (json_object_is_type(o, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(o); i++)
			ld_types(d, json_object_array_get_idx(o, i), n, top);
		return;
	}
	if (!json_object_is_type(o, json_type_object)) {
		check_fail_node(d->r, n, "A JSON-LD item is not an object.");
		return;
	}
	if (top && !json_object_object_get_ex(o, "@context", NULL))
		check_fail_node(d->r, n, "JSON-LD without @context (use "
		    "\"https://schema.org\").");
	if (json_object_object_get_ex(o, "@graph", &g)) {
		ld_types(d, g, n, false);
		return;
	}
	if (!json_object_object_get_ex(o, "@type", &t)) {
		check_fail_node(d->r, n, "JSON-LD item without @type.");
		return;
	}
	if (json_object_is_type(t, json_type_string))
		add_type(d, json_object_get_string(t));
	for (size_t i = 0; json_object_is_type(t, json_type_array) &&
	    i < json_object_array_length(t); i++)
		add_type(d, json_object_get_string(json_object_array_get_idx(t, i)));
}

static bool
sd_cb(const GumboNode *n, void *arg)
{
	struct sd *d = arg;
	const char *it = dom_attr(n, "itemtype");
	json_object *o;
	enum json_tokener_error err;

	if (dom_has_attr(n, "itemscope") && it && *it) {   /* microdata */
		add_type(d, it);
		d->blocks++;
	}
	if (!is_jsonld(n))
		return true;
	d->blocks++;
	if ((o = json_tokener_parse_verbose(script_text(n), &err)) == NULL) {
		check_fail_node(d->r, n, "Malformed JSON-LD: the block does not "
		    "parse as JSON.");
		return false;
	}
	ld_types(d, o, n, true);
	json_object_put(o);
	return false;
}

/* The types an agent expects on a page of kind k ("" = any). */
static const char *
expected(enum agent_kind k)
{
	switch (k) {
	case KIND_FAQ:
		return "FAQPage";
	case KIND_PRODUCT:
		return "Product ProductGroup";
	case KIND_ARTICLE:
		return "Article NewsArticle BlogPosting TechArticle "
		    "ScholarlyArticle Report";
	case KIND_HOME:
		return "Organization WebSite LocalBusiness Corporation Person";
	default:
		return "";
	}
}

/* True when one of the found types is in the space-separated want list. */
static bool
has_expected(const char *types, const char *want)
{
	char buf[64];

	while (*want) {
		size_t n = strcspn(want, " ");
		const char *p = types;

		snprintf(buf, sizeof(buf), "%.*s", (int)n, want);
		while ((p = strstr(p, buf)) != NULL) {
			bool start = p == types || p[-1] == ' ';
			bool end = p[n] == '\0' || p[n] == ',';

			if (start && end)
				return true;
			p += n;
		}
		want += n;
		want += strspn(want, " ");
	}
	return false;
}

void
agent_structured_data(const struct page_ctx *p, struct check_result *r)
{
	struct sd d = { r, "", 0, 0 };
	enum agent_kind k;
	const char *want;
	char note[200];

	if (p->gumbo == NULL)
		return;
	dom_walk(dom_root(p->gumbo), sd_cb, &d);
	k = agent_page_kind(p);
	want = expected(k);
	if (d.blocks == 0)
		check_fail_text(r, "head > script[type=\"application/ld+json\"]",
		    "No structured data (JSON-LD or microdata) on the page.");
	else if (*want && !has_expected(d.types, want)) {
		snprintf(note, sizeof(note), "A page of kind %s should carry one of: %s.",
		    agent_kind_name(k), want);
		check_fail_text(r, "head > script[type=\"application/ld+json\"]",
		    note);
	}
	agent_detail(r, "Page kind %s; types found: %s.", agent_kind_name(k),
	    d.ntypes ? d.types : "none");
	check_pass(r);
}
