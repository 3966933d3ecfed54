/* checks_seo_links.c: SEO checks on links — text, crawlability, hreflang, canonical. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/checks_seo.h"
#include "audit/dom.h"

/*
 * Non-descriptive link texts, compared after trimming, ASCII lower-casing
 * and dropping trailing punctuation. After Lighthouse's link-text list
 * (en, es, pt, de, sv, ja, ko), extended with fr, it, nl and pl.
 */
static const char *const vague_texts[] = {
	/* en */
	"click here", "click this", "go", "here", "information", "learn more",
	"more", "more info", "more information", "right here", "read more",
	"see more", "start", "this", "link", "this link", "continue",
	/* de */
	"klicke hier", "hier klicken", "klicken sie hier", "hier", "mehr",
	"mehr infos", "mehr erfahren", "weiterlesen", "weiter", "siehe",
	"dies", "das", "link", "dieser link",
	/* fr */
	"cliquez ici", "clique ici", "cliquer ici", "ici", "plus",
	"en savoir plus", "lire la suite", "voir plus", "ce lien", "lien",
	"suite",
	/* es */
	"click aquí", "click aqui", "clicka aquí", "clicka aqui",
	"haz clic aquí", "haz clic aqui", "pincha aquí", "pincha aqui",
	"aquí", "aqui", "más", "mas", "más información", "más informacion",
	"mas información", "mas informacion", "leer más", "leer mas", "este",
	"enlace", "este enlace", "empezar",
	/* it */
	"clicca qui", "qui", "di più", "di piu", "leggi di più",
	"leggi di piu", "scopri di più", "scopri di piu", "altro",
	"maggiori informazioni", "questo link",
	/* pt */
	"clique aqui", "aqui", "ir", "mais", "mais informação",
	"mais informações", "saiba mais", "leia mais", "veja mais",
	/* nl */
	"klik hier", "hier", "meer", "lees meer", "meer info",
	"meer informatie", "deze link",
	/* pl */
	"kliknij tutaj", "tutaj", "więcej", "czytaj więcej",
	/* sv */
	"här", "klicka här", "läs mer", "mer", "mer info", "mer information",
	/* ja */
	"ここをクリック", "こちらをクリック", "リンク", "続きを読む", "続く",
	"全文表示",
	/* ko */
	"여기", "여기를 클릭", "클릭", "링크", "자세히", "자세히 보기", "계속",
	"이동", "전체 보기",
};

/*==== link-text ===========================================================*/

/* Lower-cases ASCII and strips trailing punctuation / arrows in place. */
static void
normalise(char *s)
{
	static const char *const tails[] = {
		"\xe2\x80\xa6", "\xc2\xbb", "\xe2\x80\xba", "\xe2\x86\x92",
	};   /* … » › → */
	size_t n = strlen(s);
	bool cut = true;

	for (size_t i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	while (cut && n > 0) {
		cut = false;
		if (strchr(".!:>", s[n - 1]) || isspace((unsigned char)s[n - 1])) {
			s[--n] = '\0';
			cut = true;
		}
		for (size_t i = 0; i < SA_NITEMS(tails) && !cut; i++) {
			size_t t = strlen(tails[i]);

			if (n >= t && memcmp(s + n - t, tails[i], t) == 0) {
				n -= t;
				s[n] = '\0';
				cut = true;
			}
		}
	}
}

static bool
is_vague(const char *text)
{
	for (size_t i = 0; i < SA_NITEMS(vague_texts); i++)
		if (strcmp(text, vague_texts[i]) == 0)
			return true;
	return false;
}

/* Links Lighthouse judges: an href that leaves the page, not nofollow. */
static bool
link_text_applies(const GumboNode *a)
{
	const char *href = dom_attr(a, "href");

	if (href == NULL || seo_has_token(a, "rel", "nofollow"))
		return false;
	while (isspace((unsigned char)*href))
		href++;
	return href[0] != '#' && strncasecmp(href, "javascript:", 11) != 0 &&
	    strncasecmp(href, "mailto:", 7) != 0;
}

void
seo_link_text(const struct page_ctx *p, struct check_result *r)
{
	struct seo_nodes as = seo_collect(p->gumbo, GUMBO_TAG_A);
	char note[160];

	for (size_t i = 0; i < as.n; i++) {
		char *text;

		if (!link_text_applies(as.v[i]))
			continue;
		if ((text = dom_text(as.v[i])) == NULL)
			continue;
		normalise(text);
		if (is_vague(text)) {
			snprintf(note, sizeof(note),
			    "Link text \"%.100s\" does not describe the target", text);
			check_fail_node(r, as.v[i], note);
		} else {
			check_pass(r);
		}
		free(text);
	}
	free(as.v);
}

/*==== crawlable-anchors ===================================================*/

/* Why an <a> can't be followed by a crawler, or NULL. */
static const char *
anchor_problem(const GumboNode *a)
{
	const char *href = dom_attr(a, "href");

	if (dom_has_attr(a, "role"))
		return NULL;   /* Lighthouse skips anchors given a role */
	if (href == NULL)
		return dom_has_attr(a, "onclick") && !dom_has_attr(a, "name") ?
		    "Click handler without an href" : NULL;
	while (isspace((unsigned char)*href))
		href++;
	if (strncasecmp(href, "mailto:", 7) == 0)
		return NULL;
	if (strncasecmp(href, "javascript:", 11) == 0)
		return "href is a javascript: URL";
	if (strncasecmp(href, "file:", 5) == 0)
		return "href is a file: URL";
	return NULL;
}

void
seo_crawlable_anchors(const struct page_ctx *p, struct check_result *r)
{
	struct seo_nodes as = seo_collect(p->gumbo, GUMBO_TAG_A);

	for (size_t i = 0; i < as.n; i++) {
		const char *why = anchor_problem(as.v[i]);

		if (why)
			check_fail_node(r, as.v[i], why);
		else
			check_pass(r);
	}
	free(as.v);
}

/*==== hreflang ============================================================*/

static size_t
span(const char *s, int (*cls)(int))
{
	size_t n = 0;

	while (s[n] && cls((unsigned char)s[n]))
		n++;
	return n;
}

/* BCP 47 shape: language (2-3 letters) [-Script (4)] [-REGION (2 / 3
 * digits)], or x-default. */
static bool
hreflang_ok(const char *v)
{
	size_t n = span(v, isalpha);

	if (strcasecmp(v, "x-default") == 0)
		return true;
	if (n < 2 || n > 3)
		return false;
	v += n;
	if (*v == '-' && span(v + 1, isalpha) == 4 &&
	    (v[5] == '\0' || v[5] == '-'))
		v += 5;
	if (*v == '-') {
		size_t a = span(v + 1, isalpha), d = span(v + 1, isdigit);

		if ((a == 2 && v[3] == '\0') || (d == 3 && v[4] == '\0'))
			return true;
		return false;
	}
	return *v == '\0';
}

void
seo_hreflang(const struct page_ctx *p, struct check_result *r)
{
	struct seo_nodes links = seo_collect(p->gumbo, GUMBO_TAG_LINK);

	for (size_t i = 0; i < links.n; i++) {
		const GumboNode *l = links.v[i];
		const char *lang = dom_attr(l, "hreflang");

		if (lang == NULL || !seo_has_token(l, "rel", "alternate"))
			continue;
		if (!hreflang_ok(lang))
			check_fail_node(r, l, "Unexpected language code");
		else if (!seo_is_absolute_http(dom_attr(l, "href")))
			check_fail_node(r, l, "Relative href value");
		else if (seo_in_body(l))
			check_fail_node(r, l, "Unexpected location (not in <head>)");
		else
			check_pass(r);
	}
	free(links.v);
}

/*==== canonical ===========================================================*/

/* The registrable part of a host, roughly: the last two labels, or three
 * under a two-letter country code with a generic second level (co.uk). */
static const char *
root_domain(const char *host)
{
	static const char *const sld[] = {
		"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or",
	};
	const char *dots[3] = { NULL, NULL, NULL };

	for (const char *c = host; *c; c++)
		if (*c == '.') {
			dots[2] = dots[1];
			dots[1] = dots[0];
			dots[0] = c;
		}
	if (dots[1] == NULL)
		return host;
	if (strlen(dots[0] + 1) == 2 && dots[2] != NULL)
		for (size_t i = 0; i < SA_NITEMS(sld); i++)
			if ((size_t)(dots[0] - dots[1] - 1) == strlen(sld[i]) &&
			    strncmp(dots[1] + 1, sld[i], strlen(sld[i])) == 0)
				return dots[2] + 1;
	return dots[1] + 1;
}

/* True when url is one of the page's hreflang alternates (not itself). */
static bool
is_hreflang_target(const struct page_ctx *p, const char *url)
{
	struct seo_nodes links = seo_collect(p->gumbo, GUMBO_TAG_LINK);
	bool hit = false;

	for (size_t i = 0; i < links.n && !hit; i++) {
		const char *h = dom_attr(links.v[i], "href");

		hit = dom_has_attr(links.v[i], "hreflang") && h &&
		    strcmp(h, url) == 0 && strcmp(url, p->url ? p->url : "") != 0;
	}
	free(links.v);
	return hit;
}

/* Why the (single) canonical URL href is wrong for the page, or NULL. */
static const char *
canonical_problem(const struct page_ctx *p, const char *href)
{
	char *ch = NULL, *ph = NULL, *cpath = NULL, *ppath = NULL;
	const char *why = NULL;

	if (!seo_is_absolute_http(href))
		why = "Is not an absolute URL";
	else if ((ch = seo_url_host(href)) == NULL)
		why = "Invalid URL";
	else if (is_hreflang_target(p, href))
		why = "Points to another hreflang location";
	else if ((ph = seo_url_host(p->url)) != NULL &&
	    strcmp(root_domain(ch), root_domain(ph)) != 0)
		why = "Points to a different domain";
	else if ((cpath = seo_url_path(href)) != NULL &&
	    (ppath = seo_url_path(p->url)) != NULL &&
	    strcmp(cpath, "/") == 0 && strcmp(ppath, "/") != 0)
		why = "Points to the site's root instead of this page";
	free(ch);
	free(ph);
	free(cpath);
	free(ppath);
	return why;
}

void
seo_canonical(const struct page_ctx *p, struct check_result *r)
{
	struct seo_nodes links = seo_collect(p->gumbo, GUMBO_TAG_LINK);
	const GumboNode *first = NULL;
	const char *why;

	for (size_t i = 0; i < links.n; i++) {
		const GumboNode *l = links.v[i];
		const char *h = dom_attr(l, "href");

		if (!seo_has_token(l, "rel", "canonical"))
			continue;
		if (first == NULL)
			first = l;
		else if (strcmp(h ? h : "", dom_attr(first, "href") ?
		    dom_attr(first, "href") : "") != 0)
			check_fail_node(r, l, "Multiple conflicting canonical URLs");
	}
	free(links.v);
	if (first == NULL || r->verdict == CHECK_FAIL)
		return;
	if ((why = canonical_problem(p, dom_attr(first, "href") ?
	    dom_attr(first, "href") : "")) != NULL)
		check_fail_node(r, first, why);
	else
		check_pass(r);
}
