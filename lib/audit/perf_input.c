/* perf_input.c: turns a page (DOM + resources) into the load model's input. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/dom.h"
#include "audit/fetch.h"
#include "audit/perf.h"
#include "audit/perf_int.h"
#include "audit/resources.h"

/* Nominal sizes for resources that were not fetched (audit_html, caps). */
static const size_t nominal_bytes[RES__MAX] = {
	[RES_STYLESHEET] = 20000, [RES_SCRIPT] = 40000, [RES_IMAGE] = 40000,
	[RES_FONT] = 30000, [RES_IFRAME] = 20000, [RES_PRELOAD] = 20000,
	[RES_MEDIA] = 40000, [RES_OTHER] = 10000,
};

/* Lighthouse's emulated viewports (CSS px). */
static const struct {
	double w, h;
} viewport[2] = {
	[STRATEGY_MOBILE] = { 412, 823 }, [STRATEGY_DESKTOP] = { 1350, 940 },
};

/* A rough block layout of the body, enough to tell the first viewport. */
struct layout {
	const struct page_ctx *ctx;
	double vw, vh;       /* content width, viewport height */
	double y, x, row;    /* cursor; row = height of the inline row */
	size_t elements, before_fold;
	const GumboNode *best;
	double best_area;
	const GumboNode **seen;   /* images and their top y */
	double *top;
	size_t nseen;
};

static bool
is_text_block(const GumboNode *n)
{
	static const GumboTag tags[] = { GUMBO_TAG_P, GUMBO_TAG_H1, GUMBO_TAG_H2,
	    GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_LI,
	    GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE,
	    GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_FIGCAPTION };

	for (size_t i = 0; i < SA_NITEMS(tags); i++)
		if (dom_is(n, tags[i]))
			return true;
	return false;
}

static double
font_px(const GumboNode *n)
{
	if (dom_is(n, GUMBO_TAG_H1))
		return 32;
	if (dom_is(n, GUMBO_TAG_H2))
		return 24;
	return dom_is(n, GUMBO_TAG_H3) ? 18.7 : 16;
}

static void
newline(struct layout *l)
{
	l->y += l->row;
	l->x = l->row = 0;
}

static void
candidate(struct layout *l, const GumboNode *n, double top, double w, double h)
{
	double vis = fmin(h, l->vh - top);

	if (top >= l->vh || vis <= 0)
		return;
	if (w * vis > l->best_area) {
		l->best_area = w * vis;
		l->best = n;
	}
}

static void
text_block(struct layout *l, const GumboNode *n)
{
	char *t = dom_text(n);
	double fs = font_px(n), len = t ? (double)strlen(t) : 0, lines, w;

	free(t);
	newline(l);
	if (len <= 0)
		return;
	w = fmin(len * fs * 0.45, l->vw);
	lines = ceil(len * fs * 0.45 / l->vw);
	l->y += fs * 0.67;
	candidate(l, n, l->y, w, lines * fs * 1.2);
	l->y += lines * fs * 1.2 + fs * 0.67;
}

/* Width and height an image or frame takes, from attributes or the file. */
static void
box_size(const struct layout *l, const GumboNode *n, double *w, double *h)
{
	const char *aw = dom_attr(n, "width"), *ah = dom_attr(n, "height");
	int iw = 0, ih = 0;

	*w = aw ? strtod(aw, NULL) : 0;
	*h = ah ? strtod(ah, NULL) : 0;
	for (size_t i = 0; (*w <= 0 || *h <= 0) && i < l->ctx->nresources; i++) {
		const struct page_resource *r = &l->ctx->resources[i];

		if (r->node == n && r->resp && r->resp->body &&
		    perf_image_size(r->resp->body, r->resp->body_len, &iw, &ih)) {
			*w = *w > 0 ? *w : iw;
			*h = *h > 0 ? *h : (*w) * ih / iw;
		}
	}
	if (*w <= 0 || *h <= 0) {
		*w = dom_is(n, GUMBO_TAG_IMG) ? 150 : 300;
		*h = 150;
	}
	if (*w > l->vw) {
		*h *= l->vw / *w;
		*w = l->vw;
	}
}

static void
box(struct layout *l, const GumboNode *n)
{
	double w, h;

	box_size(l, n, &w, &h);
	if (l->x + w > l->vw)
		newline(l);
	if (dom_is(n, GUMBO_TAG_IMG)) {
		candidate(l, n, l->y, w, h);
		if (l->nseen < l->ctx->nresources) {
			l->seen[l->nseen] = n;
			l->top[l->nseen++] = l->y;
		}
	}
	l->x += w + 4;
	l->row = fmax(l->row, h + 4);
}

static void
visit(struct layout *l, const GumboNode *n, bool in_text)
{
	const GumboVector *kids;

	if (n->type != GUMBO_NODE_ELEMENT || dom_is(n, GUMBO_TAG_SCRIPT) ||
	    dom_is(n, GUMBO_TAG_STYLE) || dom_is(n, GUMBO_TAG_TEMPLATE) ||
	    dom_is(n, GUMBO_TAG_NOSCRIPT) || dom_is_hidden(n))
		return;
	l->elements++;
	if (l->y < l->vh)
		l->before_fold = l->elements;
	if (dom_is(n, GUMBO_TAG_IMG) || dom_is(n, GUMBO_TAG_IFRAME) ||
	    dom_is(n, GUMBO_TAG_VIDEO))
		box(l, n);
	else if (!in_text && is_text_block(n)) {
		text_block(l, n);
		in_text = true;
	}
	kids = &n->v.element.children;
	for (size_t i = 0; i < kids->length; i++)
		visit(l, kids->data[i], in_text);
}

static bool
count_cb(const GumboNode *n, void *arg)
{
	(void)n;
	(*(size_t *)arg)++;
	return true;
}

/* Inline scripts' bytes (parser-blocking work), in KB. */
static bool
inline_js_cb(const GumboNode *n, void *arg)
{
	const char *type = dom_attr(n, "type");
	const GumboVector *kids;

	if (!dom_is(n, GUMBO_TAG_SCRIPT) || dom_has_attr(n, "src"))
		return true;
	if (type && *type && strcasecmp(type, "module") != 0 &&
	    strcasestr(type, "javascript") == NULL)
		return false;
	kids = &n->v.element.children;
	for (size_t i = 0; i < kids->length; i++) {
		const GumboNode *t = kids->data[i];

		if (t->type == GUMBO_NODE_TEXT)
			*(double *)arg += (double)strlen(t->v.text.text) / 1024;
	}
	return false;
}

/* Lays the page out; fills elements, first_parse_share, the LCP node. */
static enum sa_err
layout_page(const struct page_ctx *ctx, struct perf_input *in,
    struct layout *l)
{
	const GumboNode *body = dom_body(ctx->gumbo);
	size_t all = 0, head = 0;
	int s = ctx->strategy == STRATEGY_DESKTOP;

	memset(l, 0, sizeof(*l));
	l->ctx = ctx;
	l->vw = viewport[s].w - 16;
	l->vh = viewport[s].h;
	l->seen = calloc(ctx->nresources + 1, sizeof(*l->seen));
	l->top = calloc(ctx->nresources + 1, sizeof(*l->top));
	if (l->seen == NULL || l->top == NULL)
		return SA_ENOMEM;
	dom_walk(ctx->gumbo->root, count_cb, &all);
	if (dom_head(ctx->gumbo))
		dom_walk(dom_head(ctx->gumbo), count_cb, &head);
	if (body)
		visit(l, body, false);
	in->elements = all;
	in->first_parse_share = all ? fmin(1, (double)(head + l->before_fold + 4) /
	    (double)all) : 1;
	in->lcp_node = l->best;
	in->lcp_area = l->best_area;
	return SA_OK;
}

static void
layout_free(struct layout *l)
{
	free(l->seen);
	free(l->top);
}

static bool
in_first_viewport(const struct layout *l, const GumboNode *n)
{
	for (size_t i = 0; i < l->nseen; i++)
		if (l->seen[i] == n)
			return l->top[i] < l->vh;
	return false;
}

/* The type a preload stands for (its as=). */
static enum resource_type
preload_type(const struct page_resource *r)
{
	const char *as = r->node ? dom_attr(r->node, "as") : NULL;

	if (as == NULL)
		return dom_attr_eq(r->node, "rel", "modulepreload") ? RES_SCRIPT :
		    RES_OTHER;
	if (strcasecmp(as, "style") == 0)
		return RES_STYLESHEET;
	if (strcasecmp(as, "script") == 0)
		return RES_SCRIPT;
	if (strcasecmp(as, "font") == 0)
		return RES_FONT;
	return strcasecmp(as, "image") == 0 ? RES_IMAGE : RES_OTHER;
}

static int
origin_of(const struct page_ctx *ctx, size_t i, const char *page_host)
{
	const char *h = ctx->resources[i].host;

	if (h == NULL || (page_host && strcasecmp(h, page_host) == 0))
		return 0;
	for (size_t k = 0; k < i; k++)
		if (ctx->resources[k].host &&
		    strcasecmp(ctx->resources[k].host, h) == 0)
			return origin_of(ctx, k, page_host);
	return (int)i + 1;
}

static double
req_cpu(const struct perf_req *q)
{
	double kb = (double)q->decoded / 1024;

	if (q->type == RES_SCRIPT)
		return kb * PERF_JS_MS_PER_KB;
	if (q->type == RES_STYLESHEET)
		return kb * PERF_CSS_MS_PER_KB;
	return q->type == RES_IFRAME ? PERF_IFRAME_MS : 0;
}

static void
fill_req(struct perf_req *q, const struct page_resource *r,
    const struct layout *l)
{
	const struct fetch_resp *rs = r->resp;
	bool ok = rs && rs->err == FETCH_OK;

	q->type = r->type == RES_PRELOAD ? preload_type(r) : r->type;
	q->bytes = ok ? rs->wire_bytes : rs ? 500 : nominal_bytes[q->type];
	q->decoded = ok ? rs->body_len : rs ? 0 : q->bytes;
	q->https = strncasecmp(r->url, "https:", 6) == 0;
	q->render_blocking = r->render_blocking;
	q->async = r->is_async;
	q->defer = r->is_defer || r->is_module;
	q->parser_blocking = r->type == RES_SCRIPT && !q->async && !q->defer;
	q->font_swap = r->font_swap;
	q->lazy = r->node && dom_attr_eq(r->node, "loading", "lazy");
	q->in_viewport = r->node && in_first_viewport(l, r->node);
	q->skip = q->lazy && !q->in_viewport;
	q->after = r->parent >= 0 ? (int)r->parent : -1;
	q->cpu_ms = req_cpu(q);
}

static enum sa_err
fill_reqs(const struct page_ctx *ctx, struct perf_input *in,
    const struct layout *l)
{
	char *doc_host = ctx->url ? resources_host(ctx->url) : NULL;

	in->lcp_req = -1;
	if ((in->reqs = calloc(ctx->nresources + 1, sizeof(*in->reqs))) == NULL) {
		free(doc_host);
		return SA_ENOMEM;
	}
	for (size_t i = 0; i < ctx->nresources; i++) {
		struct perf_req *q = &in->reqs[i];

		fill_req(q, &ctx->resources[i], l);
		q->res = i;
		q->origin = origin_of(ctx, i, doc_host);
		if (q->after >= (int)i)
			q->after = -1;
		if (in->lcp_node && ctx->resources[i].node == in->lcp_node &&
		    q->type == RES_IMAGE)
			in->lcp_req = (int)i;
		if (q->origin + 1 > in->norigins)
			in->norigins = q->origin + 1;
	}
	in->nreqs = ctx->nresources;
	free(doc_host);
	return SA_OK;
}

static void
fill_doc(const struct page_ctx *ctx, struct perf_input *in)
{
	const struct fetch_resp *d = ctx->resp;
	double kb = (double)ctx->html_len / 1024, js = 0;

	in->doc_decoded = ctx->html_len;
	in->doc_bytes = d && d->wire_bytes ? d->wire_bytes : ctx->html_len;
	in->doc_https = ctx->url && strncasecmp(ctx->url, "https:", 6) == 0;
	in->server_ms = d && d->wait_ms > 0 ? d->wait_ms : 0;
	in->redirects = d ? d->redirects : 0;
	dom_walk(ctx->gumbo->root, inline_js_cb, &js);
	in->inline_js_ms = js * PERF_JS_MS_PER_KB;
	in->parse_ms = kb * PERF_HTML_MS_PER_KB +
	    (double)in->elements * PERF_MS_PER_ELEMENT;
}

enum sa_err
perf_input_build(const struct page_ctx *ctx, struct perf_input **out)
{
	struct perf_input *in = calloc(1, sizeof(*in));
	struct layout l;
	enum sa_err rc = SA_ENOMEM;

	*out = NULL;
	if (in == NULL || ctx->gumbo == NULL) {
		free(in);
		return in ? SA_EINVAL : SA_ENOMEM;
	}
	if ((rc = layout_page(ctx, in, &l)) == SA_OK &&
	    (rc = fill_reqs(ctx, in, &l)) == SA_OK)
		fill_doc(ctx, in);
	layout_free(&l);
	if (rc != SA_OK) {
		perf_input_free(in);
		return rc;
	}
	in->norigins = in->norigins < 1 ? 1 : in->norigins;
	*out = in;
	return SA_OK;
}

struct perf_input *
perf_input_dup(const struct perf_input *in)
{
	struct perf_input *c = malloc(sizeof(*c));

	if (c == NULL)
		return NULL;
	*c = *in;
	c->reqs = calloc(in->nreqs + 1, sizeof(*c->reqs));
	if (c->reqs == NULL) {
		free(c);
		return NULL;
	}
	memcpy(c->reqs, in->reqs, in->nreqs * sizeof(*c->reqs));
	return c;
}

void
perf_input_free(struct perf_input *in)
{
	if (in == NULL)
		return;
	free(in->reqs);
	free(in);
}
