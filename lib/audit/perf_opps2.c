/* perf_opps2.c: minification, DOM, server, fonts, images, preconnect, JS and third parties. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/dom.h"
#include "audit/fetch.h"
#include "audit/perf.h"
#include "audit/perf_int.h"
#include "audit/perf_opps_int.h"
#include "audit/resources.h"

#define MIN_MINIFY_BYTES  2048     /* Lighthouse: unminified-* floor */
#define TOTAL_BYTES_P10   (2667L * 1024)
#define DOM_SIZE_MAX      800      /* Lighthouse's dom-size good threshold */
#define SERVER_SLOW_MS    600
#define BOOTUP_FAIL_MS    1282     /* bootup-time p10 */
#define THIRD_PARTY_MS    250
#define PRECONNECT_MAX_MS 300

/*==== unminified-css / unminified-javascript ==============================*/

static bool
is_punct(int c)
{
	return c && strchr("{}();,:=+-*/<>!&|?[]", c) != NULL;
}

/* Bytes left after dropping comments and needless white space. */
static size_t
minified_size(const char *s, size_t len, bool js)
{
	size_t out = 0;
	char prev = '{';

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
			const char *e = memmem(s + i + 2, len - i - 2, "*/", 2);

			i = e ? (size_t)(e - s) + 1 : len;
			continue;
		}
		if (js && s[i] == '/' && i + 1 < len && s[i + 1] == '/' &&
		    (i == 0 || isspace((unsigned char)s[i - 1]))) {
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		if (isspace((unsigned char)s[i])) {
			size_t j = i;

			while (j + 1 < len && isspace((unsigned char)s[j + 1]))
				j++;
			if (!is_punct(prev) && j + 1 < len && !is_punct(s[j + 1]))
				out++;
			i = j;
			continue;
		}
		prev = s[i];
		out++;
	}
	return out;
}

static enum sa_err
unminified(const struct page_ctx *ctx, struct perf_result *r,
    struct perf_opp *o, enum resource_type t)
{
	struct perf_input *mod = perf_input_dup(r->in);
	enum sa_err rc = SA_OK;

	for (size_t i = 0; mod && i < mod->nreqs && rc == SA_OK; i++) {
		const struct fetch_resp *rs = opp_ok_resp(ctx, i);
		double ratio, waste;

		if (rs == NULL || mod->reqs[i].type != t || rs->body_len == 0)
			continue;
		ratio = (double)minified_size(rs->body, rs->body_len,
		    t == RES_SCRIPT) / (double)rs->body_len;
		waste = (double)rs->wire_bytes * (1 - ratio);
		if (waste < MIN_MINIFY_BYTES || ratio > 0.95)
			continue;
		o->bytes += (size_t)waste;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "about %zu of %zu bytes", (size_t)waste, rs->wire_bytes);
		mod->reqs[i].bytes -= (size_t)waste;
		mod->reqs[i].cpu_ms *= ratio;
	}
	return rc != SA_OK ? rc : opp_rerun(o, r, mod);
}

OPP_FN(opp_unminified_css)
{
	return unminified(ctx, r, o, RES_STYLESHEET);
}

OPP_FN(opp_unminified_js)
{
	return unminified(ctx, r, o, RES_SCRIPT);
}

/*==== total-byte-weight, dom-size, redirects, server-response-time ========*/

OPP_FN(opp_total_bytes)
{
	enum sa_err rc = SA_OK;

	if (r->total_bytes <= TOTAL_BYTES_P10)
		return SA_OK;
	rc = opp_item(o, NULL, ctx->url, "%zu KiB in total",
	    r->total_bytes / 1024);
	for (size_t i = 0; i < ctx->nresources && rc == SA_OK; i++) {
		const struct fetch_resp *rs = ctx->resources[i].resp;

		if (rs && rs->wire_bytes >= 100 * 1024)
			rc = opp_item(o, ctx->resources[i].node,
			    ctx->resources[i].url, "%zu KiB", rs->wire_bytes / 1024);
	}
	return rc;
}

OPP_FN(opp_dom_size)
{
	(void)ctx;
	if (r->in->elements <= DOM_SIZE_MAX)
		return SA_OK;
	return opp_item(o, NULL, "the document", "%zu elements",
	    r->in->elements);
}

OPP_FN(opp_redirects)
{
	struct perf_input *mod;
	enum sa_err rc = SA_OK;

	if (r->in->redirects <= 0 || ctx->resp == NULL)
		return SA_OK;
	for (int i = 0; i < ctx->resp->redirects && rc == SA_OK; i++)
		rc = opp_item(o, NULL, ctx->resp->redirect_chain ?
		    ctx->resp->redirect_chain[i] : NULL, "redirect %d", i + 1);
	if (rc != SA_OK || (mod = perf_input_dup(r->in)) == NULL)
		return SA_ENOMEM;
	mod->redirects = 0;
	return opp_rerun(o, r, mod);
}

OPP_FN(opp_server_time)
{
	struct perf_input *mod;

	if (r->in->server_ms <= SERVER_SLOW_MS)
		return SA_OK;
	if (opp_item(o, NULL, ctx->url, "server answered in %.0f ms",
	    r->in->server_ms) != SA_OK || (mod = perf_input_dup(r->in)) == NULL)
		return SA_ENOMEM;
	mod->server_ms = 100;
	return opp_rerun(o, r, mod);
}

/*==== font-display, unsized-images, lcp-lazy-loaded =======================*/

OPP_FN(opp_font_display)
{
	struct perf_input *mod = perf_input_dup(r->in);
	enum sa_err rc = SA_OK;
	bool any = false;

	for (size_t i = 0; mod && i < mod->nreqs && rc == SA_OK; i++) {
		if (mod->reqs[i].type != RES_FONT)
			continue;
		any = true;
		if (mod->reqs[i].font_swap)
			continue;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "no font-display: swap / optional / fallback");
		mod->reqs[i].font_swap = true;
	}
	if (!any)
		o->verdict = CHECK_NA;
	return rc != SA_OK ? rc : opp_rerun(o, r, mod);
}

struct unsized {
	struct perf_opp *o;
	size_t           imgs;
	enum sa_err      rc;
};

static bool
unsized_cb(const GumboNode *n, void *arg)
{
	struct unsized *u = arg;
	const char *src = dom_attr(n, "src"), *st = dom_attr(n, "style");

	if (!dom_is(n, GUMBO_TAG_IMG) || dom_is_hidden(n) || u->rc != SA_OK)
		return true;
	u->imgs++;
	if ((dom_attr(n, "width") && dom_attr(n, "height")) ||
	    (st && strcasestr(st, "width") && strcasestr(st, "height")))
		return true;
	u->rc = opp_item(u->o, n, src, "no width and height attributes");
	return true;
}

OPP_FN(opp_unsized_images)
{
	struct unsized u = { o, 0, SA_OK };

	(void)r;
	dom_walk(ctx->gumbo->root, unsized_cb, &u);
	if (u.imgs == 0)
		o->verdict = CHECK_NA;
	return u.rc;
}

OPP_FN(opp_lcp_lazy)
{
	struct perf_input *mod;
	int k = r->in->lcp_req;

	if (k < 0) {
		o->verdict = CHECK_NA;
		return SA_OK;
	}
	if (!r->in->reqs[k].lazy)
		return SA_OK;
	if (opp_item(o, ctx->resources[k].node, ctx->resources[k].url,
	    "the LCP image has loading=lazy") != SA_OK ||
	    (mod = perf_input_dup(r->in)) == NULL)
		return SA_ENOMEM;
	mod->reqs[k].lazy = false;
	return opp_rerun(o, r, mod);
}

/*==== uses-rel-preconnect =================================================*/

struct hint_find {
	const char *host;
	bool        found;
};

static bool
hint_cb(const GumboNode *n, void *arg)
{
	struct hint_find *h = arg;
	const char *rel = dom_attr(n, "rel"), *href = dom_attr(n, "href");

	if (dom_is(n, GUMBO_TAG_LINK) && rel && href &&
	    (strcasestr(rel, "preconnect") || strcasestr(rel, "dns-prefetch")) &&
	    strcasestr(href, h->host))
		h->found = true;
	return !h->found;
}

/* A request on the critical path: render-blocking, the LCP image, fonts. */
static bool
critical(const struct perf_input *in, size_t i)
{
	return in->reqs[i].render_blocking || (int)i == in->lcp_req ||
	    in->reqs[i].type == RES_FONT;
}

OPP_FN(opp_preconnect)
{
	double rtt = perf_profiles[ctx->strategy == STRATEGY_DESKTOP].rtt_ms;
	enum sa_err rc = SA_OK;

	for (size_t i = 0; i < r->in->nreqs && rc == SA_OK; i++) {
		struct hint_find h = { ctx->resources[i].host, false };
		bool seen = false;

		if (r->in->reqs[i].origin == 0 || !critical(r->in, i) ||
		    h.host == NULL)
			continue;
		for (size_t k = 0; k < i; k++)
			seen |= r->in->reqs[k].origin == r->in->reqs[i].origin &&
			    critical(r->in, k);
		dom_walk(ctx->gumbo->root, hint_cb, &h);
		if (seen || h.found)
			continue;
		o->ms = fmax(o->ms, fmin(PRECONNECT_MAX_MS,
		    rtt * (r->in->reqs[i].https ? 3 : 2)));
		rc = opp_item(o, NULL, h.host, "no preconnect hint");
	}
	return rc;
}

/*==== bootup-time, third-party-summary ====================================*/

OPP_FN(opp_bootup)
{
	double m = perf_profiles[ctx->strategy == STRATEGY_DESKTOP].cpu_mult;
	double total = 0, blocking = 0;
	enum sa_err rc = SA_OK;

	for (size_t i = 0; i < r->in->nreqs; i++)
		if (r->in->reqs[i].type == RES_SCRIPT) {
			total += r->in->reqs[i].cpu_ms * m;
			blocking += r->req_blocking[i];
		}
	total += r->in->inline_js_ms * m;
	if (total < BOOTUP_FAIL_MS)
		return SA_OK;
	for (size_t i = 0; i < r->in->nreqs && rc == SA_OK; i++)
		if (r->in->reqs[i].type == RES_SCRIPT &&
		    r->in->reqs[i].cpu_ms * m >= 50)
			rc = opp_item(o, ctx->resources[i].node,
			    ctx->resources[i].url, "about %.0f ms of script work",
			    r->in->reqs[i].cpu_ms * m);
	o->ms = round(blocking);
	return rc;
}

static struct perf_third *
third_row(struct perf_result *r, const char *domain)
{
	struct perf_third *v;

	for (size_t i = 0; i < r->nthird; i++)
		if (strcasecmp(r->third[i].domain, domain) == 0)
			return &r->third[i];
	if ((v = realloc(r->third, (r->nthird + 1) * sizeof(*v))) == NULL)
		return NULL;
	r->third = v;
	v += r->nthird;
	if ((v->domain = strdup(domain)) == NULL)
		return NULL;
	v->bytes = 0;
	v->blocking_ms = 0;
	r->nthird++;
	return v;
}

static int
third_cmp(const void *a, const void *b)
{
	const struct perf_third *x = a, *y = b;

	if (x->blocking_ms != y->blocking_ms)
		return x->blocking_ms > y->blocking_ms ? -1 : 1;
	if (x->bytes != y->bytes)
		return x->bytes > y->bytes ? -1 : 1;
	return strcmp(x->domain, y->domain);
}

OPP_FN(opp_third_party)
{
	double blocking = 0;
	enum sa_err rc = SA_OK;

	for (size_t i = 0; i < ctx->nresources; i++) {
		const struct page_resource *res = &ctx->resources[i];
		struct perf_third *t;

		if (!res->third_party || res->host == NULL)
			continue;
		if ((t = third_row(r, resources_site(res->host))) == NULL)
			return SA_ENOMEM;
		t->bytes += r->in->reqs[i].bytes;
		t->blocking_ms += r->req_blocking[i];
		blocking += r->req_blocking[i];
	}
	if (r->nthird == 0)
		o->verdict = CHECK_NA;
	if (r->nthird > 1)
		qsort(r->third, r->nthird, sizeof(*r->third), third_cmp);
	for (size_t i = 0; blocking >= THIRD_PARTY_MS && i < r->nthird &&
	    rc == SA_OK; i++)
		rc = opp_item(o, NULL, r->third[i].domain, "%zu bytes, %.0f ms blocking",
		    r->third[i].bytes, r->third[i].blocking_ms);
	o->ms = blocking >= THIRD_PARTY_MS ? round(blocking) : 0;
	return rc;
}
