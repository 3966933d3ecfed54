/* resources_find.c: finds a page's sub-resources in its DOM and its CSS. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include "audit/dom.h"
#include "audit/resources.h"
#include "audit/resources_int.h"

#define CSS_IMAGES_MAX 12   /* url() images kept per style sheet */
#define CSS_FONTS_MAX  8    /* @font-face fonts kept per style sheet */

/* Viewport width (CSS px) and device pixel ratio per strategy, as
 * Lighthouse emulates them (Moto G Power: 412 px at 1.75; desktop 1350). */
static const struct {
	double width, dpr;
} viewports[] = {
	[STRATEGY_MOBILE] = { 412, 1.75 },
	[STRATEGY_DESKTOP] = { 1350, 1 },
};

struct find {
	struct res_set     *s;
	const char         *base;
	enum audit_strategy strategy;
	enum sa_err         rc;
};

/* ref resolved against base when it is an http(s) URL; caller frees. */
static char *
resolve(const char *base, const char *ref, size_t len)
{
	CURLU *u;
	char *r, *v = NULL, *out = NULL, *scheme = NULL;

	while (len > 0 && isspace((unsigned char)*ref))
		ref++, len--;
	while (len > 0 && isspace((unsigned char)ref[len - 1]))
		len--;
	if (len == 0 || (r = strndup(ref, len)) == NULL)
		return NULL;
	if ((u = curl_url()) != NULL &&
	    curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, r, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)) {
		curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
		if (curl_url_get(u, CURLUPART_URL, &v, 0) == CURLUE_OK && v)
			out = strdup(v);
	}
	curl_free(scheme);
	curl_free(v);
	curl_url_cleanup(u);
	free(r);
	return out;
}

static struct page_resource *
add_ref(struct find *f, const char *ref, size_t len, enum resource_type t,
    const GumboNode *n)
{
	enum sa_err rc;
	struct page_resource *r;

	if (ref == NULL || f->rc != SA_OK)
		return NULL;
	r = res_add(f->s, resolve(f->base, ref, len), t, n, &rc);
	if (rc != SA_OK)
		f->rc = rc;
	return r;
}

/* True when n sits inside <head>. */
static bool
in_head(const GumboNode *n)
{
	for (const GumboNode *p = n; p; p = dom_parent(p))
		if (dom_is(p, GUMBO_TAG_HEAD))
			return true;
	return false;
}


/*==== srcset ==============================================================*/

/* Width the image slot takes in CSS px: a trailing "Npx" / "Nvw" of the
 * sizes attribute, else the full viewport. */
static double
slot_width(const char *sizes, double vw)
{
	const char *last = sizes ? strrchr(sizes, ',') : NULL;
	char *end;
	double v;

	if (sizes == NULL)
		return vw;
	last = last ? last + 1 : sizes;
	v = strtod(last, &end);
	if (end == last || v <= 0)
		return vw;
	if (strncasecmp(end, "vw", 2) == 0)
		return vw * v / 100;
	return strncasecmp(end, "px", 2) == 0 ? v : vw;
}

struct pick {
	const char *url;
	size_t      len;
	double      score;    /* descriptor: width in px or density */
};

/* Keeps c in best when it is a better fit for target than best. */
static void
pick_better(struct pick *best, const struct pick *c, double target)
{
	bool c_ok = c->score >= target, b_ok = best->score >= target;

	if (best->url == NULL || (c_ok && !b_ok) ||
	    (c_ok && b_ok && c->score < best->score) ||
	    (!c_ok && !b_ok && c->score > best->score))
		*best = *c;
}

/* The srcset candidate a browser would load for this viewport. */
static struct pick
srcset_pick(const char *srcset, const char *sizes, enum audit_strategy st)
{
	double vw = viewports[st].width, dpr = viewports[st].dpr;
	struct pick best = { NULL, 0, 0 };

	while (srcset && *srcset) {
		struct pick c;
		char *end;
		double d;

		srcset += strspn(srcset, " \t\r\n,");
		c.url = srcset;
		c.len = strcspn(srcset, " \t\r\n,");
		srcset += c.len;
		srcset += strspn(srcset, " \t\r\n");
		d = strtod(srcset, &end);
		c.score = end != srcset && d > 0 ? d : 1;
		if (c.len > 0 && end != srcset && *end == 'w')
			pick_better(&best, &c, slot_width(sizes, vw) * dpr);
		else if (c.len > 0)
			pick_better(&best, &c, dpr);
		srcset += strcspn(srcset, ",");
	}
	return best;
}

/* Supported <source type>: absent or a format Chromium decodes. */
static bool
source_type_ok(const char *type)
{
	static const char *const ok[] = { "image/webp", "image/avif",
	    "image/png", "image/jpeg", "image/gif", "image/svg+xml" };

	if (type == NULL || *type == '\0')
		return true;
	for (size_t i = 0; i < SA_NITEMS(ok); i++)
		if (strcasecmp(type, ok[i]) == 0)
			return true;
	return false;
}

/* The first usable <source srcset> before img inside a <picture>. */
static const GumboNode *
picture_source(const GumboNode *img)
{
	const GumboNode *pic = dom_parent(img);
	const GumboVector *kids;

	if (pic == NULL || strcmp(dom_tag_name(pic), "picture") != 0)
		return NULL;
	kids = &pic->v.element.children;
	for (size_t i = 0; i < kids->length && kids->data[i] != img; i++) {
		const GumboNode *k = kids->data[i];

		if (dom_is(k, GUMBO_TAG_SOURCE) && dom_attr(k, "srcset") &&
		    !dom_has_attr(k, "media") &&
		    source_type_ok(dom_attr(k, "type")))
			return k;
	}
	return NULL;
}

static void
find_img(struct find *f, const GumboNode *n)
{
	const GumboNode *src = picture_source(n);
	const GumboNode *from = src ? src : n;
	struct pick p = srcset_pick(dom_attr(from, "srcset"),
	    dom_attr(from, "sizes"), f->strategy);

	if (p.url)
		add_ref(f, p.url, p.len, RES_IMAGE, n);
	else if (dom_attr(n, "src"))
		add_ref(f, dom_attr(n, "src"), strlen(dom_attr(n, "src")),
		    RES_IMAGE, n);
}

/*==== Elements ============================================================*/

static bool
media_blocks(const char *media)
{
	if (media == NULL || *media == '\0')
		return true;
	return !(strcasestr(media, "print") && !strcasestr(media, "screen") &&
	    !strcasestr(media, "all"));
}

static void
find_link(struct find *f, const GumboNode *n)
{
	const char *rel = dom_attr(n, "rel"), *href = dom_attr(n, "href");
	struct page_resource *r;

	if (rel == NULL || href == NULL)
		return;
	if (dom_token_list_has(rel, "stylesheet") && !dom_token_list_has(rel, "alternate") &&
	    !dom_has_attr(n, "disabled")) {
		r = add_ref(f, href, strlen(href), RES_STYLESHEET, n);
		if (r)
			r->render_blocking = in_head(n) &&
			    media_blocks(dom_attr(n, "media"));
	} else if (dom_token_list_has(rel, "preload") || dom_token_list_has(rel, "modulepreload")) {
		add_ref(f, href, strlen(href), RES_PRELOAD, n);
	}
}

static bool
script_type_ok(const char *type, bool *module)
{
	static const char *const js[] = { "text/javascript",
	    "application/javascript", "text/ecmascript",
	    "application/ecmascript", "module" };

	*module = type && strcasecmp(type, "module") == 0;
	if (type == NULL || *type == '\0')
		return true;
	for (size_t i = 0; i < SA_NITEMS(js); i++)
		if (strcasecmp(type, js[i]) == 0)
			return true;
	return false;
}

static void
find_script(struct find *f, const GumboNode *n)
{
	const char *src = dom_attr(n, "src");
	struct page_resource *r;
	bool module;

	if (src == NULL || !script_type_ok(dom_attr(n, "type"), &module))
		return;
	if ((r = add_ref(f, src, strlen(src), RES_SCRIPT, n)) == NULL)
		return;
	r->is_module = module;
	r->is_async = dom_has_attr(n, "async");
	r->is_defer = !r->is_async && (module || dom_has_attr(n, "defer"));
	r->render_blocking = in_head(n) && !r->is_async && !r->is_defer;
}

/* Text of a <style> element (its first text child), or NULL. */
static const char *
style_text(const GumboNode *n)
{
	const GumboVector *kids = &n->v.element.children;

	for (size_t i = 0; i < kids->length; i++) {
		const GumboNode *t = kids->data[i];

		if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_WHITESPACE)
			return t->v.text.text;
	}
	return NULL;
}

static void
find_other(struct find *f, const GumboNode *n)
{
	const char *v;

	if (dom_is(n, GUMBO_TAG_IFRAME) && (v = dom_attr(n, "src")) != NULL)
		add_ref(f, v, strlen(v), RES_IFRAME, n);
	else if (dom_is(n, GUMBO_TAG_VIDEO) && (v = dom_attr(n, "poster")))
		add_ref(f, v, strlen(v), RES_MEDIA, n);
	else if (dom_is(n, GUMBO_TAG_INPUT) && dom_attr_eq(n, "type", "image") &&
	    (v = dom_attr(n, "src")) != NULL)
		add_ref(f, v, strlen(v), RES_IMAGE, n);
	else if (dom_is(n, GUMBO_TAG_STYLE) && (v = style_text(n)) != NULL &&
	    f->rc == SA_OK)
		f->rc = resources_discover_css(f->s, v, strlen(v), f->base, -1);
}

static bool
find_cb(const GumboNode *n, void *arg)
{
	struct find *f = arg;

	if (f->rc != SA_OK || dom_is(n, GUMBO_TAG_TEMPLATE) ||
	    dom_is(n, GUMBO_TAG_NOSCRIPT))
		return false;
	if (dom_is(n, GUMBO_TAG_LINK))
		find_link(f, n);
	else if (dom_is(n, GUMBO_TAG_SCRIPT))
		find_script(f, n);
	else if (dom_is(n, GUMBO_TAG_IMG))
		find_img(f, n);
	else
		find_other(f, n);
	return true;
}

enum sa_err
resources_discover(struct res_set *s, const GumboOutput *doc,
    const char *base, enum audit_strategy strategy)
{
	struct find f = { s, base, strategy, SA_OK };

	if (doc == NULL || base == NULL)
		return SA_EINVAL;
	if ((unsigned)strategy >= SA_NITEMS(viewports))
		f.strategy = STRATEGY_MOBILE;
	dom_walk(doc->root, find_cb, &f);
	return f.rc;
}

/*==== CSS =================================================================*/

/* The argument of the url( at p (quotes removed): *len bytes at return. */
static const char *
url_arg(const char *p, const char *end, size_t *len)
{
	const char *q;
	char quote = 0;

	p += 4;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p < end && (*p == '"' || *p == '\''))
		quote = *p++;
	for (q = p; q < end && *q != (quote ? quote : ')'); q++)
		;
	*len = (size_t)(q - p);
	return p;
}

static bool
is_image_url(const char *u, size_t len)
{
	static const char *const ext[] = { ".png", ".jpg", ".jpeg", ".gif",
	    ".webp", ".avif", ".svg" };
	size_t q = 0;

	while (q < len && u[q] != '?' && u[q] != '#')
		q++;
	for (size_t i = 0; i < SA_NITEMS(ext); i++) {
		size_t el = strlen(ext[i]);

		if (q >= el && strncasecmp(u + q - el, ext[i], el) == 0)
			return true;
	}
	return false;
}

/* True when p lies inside an @font-face block of css. */
static bool
in_font_face(const char *css, const char *p)
{
	const char *open = NULL;

	for (const char *q = p; q > css; q--) {
		if (*q == '}')
			return false;
		if (*q == '{') {
			open = q;
			break;
		}
	}
	if (open == NULL)
		return false;
	while (open > css && isspace((unsigned char)open[-1]))
		open--;
	return open - css >= 10 && strncasecmp(open - 10, "@font-face", 10) == 0;
}

/* font-display swap / optional / fallback in the block from p to its end. */
static bool
block_swaps(const char *css, const char *p, const char *end)
{
	const char *close = memchr(p, '}', (size_t)(end - p)), *d;
	const char *start = p;

	if (close == NULL)
		close = end;
	while (start > css && (size_t)(p - start) < 400 && start[-1] != '{' &&
	    start[-1] != '}')
		start--;
	d = memmem(start, (size_t)(close - start), "font-display", 12);
	if (d == NULL)
		return false;
	d += 12;
	while (d < close && (*d == ':' || isspace((unsigned char)*d)))
		d++;
	return strncasecmp(d, "swap", 4) == 0 ||
	    strncasecmp(d, "optional", 8) == 0 ||
	    strncasecmp(d, "fallback", 8) == 0;
}

/* One url() at p: a font source or an image; returns where to go on. */
static const char *
css_url(struct find *f, const char *css, const char *p, const char *end,
    long parent, size_t counts[2])
{
	size_t ulen;
	const char *u = url_arg(p, end, &ulen), *close;
	bool font = in_font_face(css, p);
	struct page_resource *r = NULL;

	if (ulen > 5 && strncasecmp(u, "data:", 5) == 0)
		return u;
	if (font && counts[0] < CSS_FONTS_MAX &&
	    (r = add_ref(f, u, ulen, RES_FONT, NULL)) != NULL) {
		counts[0]++;
		r->font_swap = block_swaps(css, p, end);
	} else if (!font && counts[1] < CSS_IMAGES_MAX && is_image_url(u, ulen) &&
	    (r = add_ref(f, u, ulen, RES_IMAGE, NULL)) != NULL) {
		counts[1]++;
	}
	if (r)
		r->parent = parent;
	if (!font)   /* a browser loads only the first source of a font */
		return u;
	close = memchr(u, '}', (size_t)(end - u));
	return close ? close : end;
}

enum sa_err
resources_discover_css(struct res_set *s, const char *css, size_t len,
    const char *base, long parent)
{
	struct find f = { s, base, STRATEGY_MOBILE, SA_OK };
	const char *p = css, *end = css + len;
	size_t counts[2] = { 0, 0 };

	while (f.rc == SA_OK && p < end &&
	    (p = memmem(p, (size_t)(end - p), "url(", 4)) != NULL)
		p = css_url(&f, css, p, end, parent, counts);
	return f.rc;
}
