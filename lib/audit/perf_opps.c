/* perf_opps.c: byte and load opportunities — each one's savings from re-running the model. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>
#include "audit/dom.h"
#include "audit/fetch.h"
#include "audit/perf.h"
#include "audit/perf_int.h"
#include "audit/perf_opps_int.h"
#include "audit/resources.h"

#define MIN_COMPRESS_BYTES 1400     /* Lighthouse: text-compression floor */
#define MIN_IMAGE_BYTES    8192     /* modern-image-formats floor */
#define MIN_WASTE_BYTES    4096     /* optimized / responsive images */
#define MIN_OFFSCREEN      2048
#define LONG_CACHE_S       (30L * 24 * 3600)

const char *const perf_opp_ids[PO__MAX] = {
	"render-blocking-resources", "uses-text-compression",
	"uses-long-cache-ttl", "modern-image-formats", "uses-optimized-images",
	"uses-responsive-images", "offscreen-images", "unminified-css",
	"unminified-javascript", "total-byte-weight", "dom-size", "redirects",
	"server-response-time", "font-display", "unsized-images",
	"lcp-lazy-loaded", "uses-rel-preconnect", "bootup-time",
	"third-party-summary",
};

const char *const perf_opp_titles[PO__MAX] = {
	"Eliminate render-blocking resources", "Enable text compression",
	"Serve static assets with an efficient cache policy",
	"Serve images in next-gen formats", "Efficiently encode images",
	"Properly size images", "Defer offscreen images", "Minify CSS",
	"Minify JavaScript", "Avoid enormous network payloads",
	"Avoid an excessive DOM size", "Avoid multiple page redirects",
	"Reduce initial server response time",
	"Ensure text remains visible during webfont load",
	"Image elements do not have explicit width and height",
	"Largest Contentful Paint image was lazily loaded",
	"Preconnect to required origins", "Reduce JavaScript execution time",
	"Reduce the impact of third-party code",
};

enum sa_err
opp_item(struct perf_opp *o, const GumboNode *node, const char *what,
    const char *fmt, ...)
{
	struct perf_item *v = realloc(o->items, (o->nitems + 1) * sizeof(*v));
	char note[160];
	va_list ap;

	if (v == NULL)
		return SA_ENOMEM;
	o->items = v;
	va_start(ap, fmt);
	vsnprintf(note, sizeof(note), fmt, ap);
	va_end(ap);
	v[o->nitems].node = node;
	v[o->nitems].what = what ? strdup(what) : NULL;
	v[o->nitems].note = strdup(note);
	o->nitems++;
	o->verdict = CHECK_FAIL;
	return SA_OK;
}

/* Runs the model on mod (freed here) and keeps the savings in o. */
enum sa_err
opp_rerun(struct perf_opp *o, const struct perf_result *r,
    struct perf_input *mod)
{
	if (mod == NULL)
		return SA_ENOMEM;
	if (o->verdict == CHECK_FAIL)
		o->ms = round(perf_savings(r, mod));
	perf_input_free(mod);
	return SA_OK;
}

const struct fetch_resp *
opp_ok_resp(const struct page_ctx *ctx, size_t i)
{
	const struct fetch_resp *rs = ctx->resources[i].resp;

	if (rs == NULL || rs->err != FETCH_OK || rs->status < 200 ||
	    rs->status > 299)
		return NULL;
	return rs;
}

/*==== render-blocking-resources ===========================================*/

static enum sa_err
opp_render_blocking(const struct page_ctx *ctx, struct perf_result *r,
    struct perf_opp *o)
{
	struct perf_input *mod = perf_input_dup(r->in);
	enum sa_err rc = SA_OK;

	for (size_t i = 0; mod && i < mod->nreqs && rc == SA_OK; i++) {
		struct perf_req *q = &mod->reqs[i];

		if (!q->render_blocking)
			continue;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "%zu bytes", q->bytes);
		q->render_blocking = q->parser_blocking = false;
		q->defer = q->type == RES_SCRIPT;
	}
	return rc != SA_OK ? rc : opp_rerun(o, r, mod);
}

/*==== uses-text-compression ===============================================*/

static bool
is_text_type(const struct fetch_resp *rs)
{
	const char *ct = fetch_header(rs, "content-type");

	return ct && (strncasecmp(ct, "text/", 5) == 0 ||
	    strcasestr(ct, "javascript") || strcasestr(ct, "json") ||
	    strcasestr(ct, "svg") || strcasestr(ct, "xml"));
}

/* gzip -6 size of a body: what compression would bring it to. */
static size_t
gzip_size(const char *body, size_t len)
{
	uLongf out = compressBound((uLong)len);
	Bytef *buf = malloc(out);
	size_t n = len;

	if (buf && compress2(buf, &out, (const Bytef *)body, (uLong)len, 6) ==
	    Z_OK)
		n = (size_t)out + 18;    /* gzip header + trailer */
	free(buf);
	return n;
}

/* Compressed size when compressing would pay (Lighthouse's floors), else 0. */
static size_t
compressible(const struct fetch_resp *rs)
{
	size_t gz;

	if (rs == NULL || rs->body == NULL || resources_encoding(rs) ||
	    !is_text_type(rs) || rs->body_len < MIN_COMPRESS_BYTES)
		return 0;
	gz = gzip_size(rs->body, rs->body_len);
	if (rs->wire_bytes < gz + MIN_COMPRESS_BYTES ||
	    (double)(rs->wire_bytes - gz) < 0.1 * (double)rs->wire_bytes)
		return 0;
	return gz;
}

static enum sa_err
opp_compression(const struct page_ctx *ctx, struct perf_result *r,
    struct perf_opp *o)
{
	struct perf_input *mod = perf_input_dup(r->in);
	enum sa_err rc = SA_OK;
	size_t gz;

	if (mod && (gz = compressible(ctx->resp)) > 0) {
		o->bytes += ctx->resp->wire_bytes - gz;
		rc = opp_item(o, NULL, ctx->url, "%zu of %zu bytes",
		    ctx->resp->wire_bytes - gz, ctx->resp->wire_bytes);
		mod->doc_bytes = gz;
	}
	for (size_t i = 0; mod && i < mod->nreqs && rc == SA_OK; i++) {
		const struct fetch_resp *rs = opp_ok_resp(ctx, i);

		if ((gz = compressible(rs)) == 0)
			continue;
		o->bytes += rs->wire_bytes - gz;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "%zu of %zu bytes", rs->wire_bytes - gz, rs->wire_bytes);
		mod->reqs[i].bytes = gz;
	}
	return rc != SA_OK ? rc : opp_rerun(o, r, mod);
}

/*==== uses-long-cache-ttl =================================================*/

/* Cache lifetime in seconds from Cache-Control (0: none / no-store). */
static long
cache_ttl(const struct fetch_resp *rs)
{
	const char *cc = fetch_header(rs, "cache-control"), *m;

	if (cc == NULL || strcasestr(cc, "no-store") || strcasestr(cc, "no-cache"))
		return 0;
	if ((m = strcasestr(cc, "s-maxage")) != NULL)
		cc = m + 8;
	if ((m = strcasestr(cc, "max-age=")) == NULL)
		return 0;
	return strtol(m + 8, NULL, 10);
}

static enum sa_err
opp_cache(const struct page_ctx *ctx, struct perf_result *r,
    struct perf_opp *o)
{
	enum sa_err rc = SA_OK;

	(void)r;
	for (size_t i = 0; i < ctx->nresources && rc == SA_OK; i++) {
		const struct fetch_resp *rs = opp_ok_resp(ctx, i);
		enum resource_type t = r->in->reqs[i].type;
		long ttl;

		if (rs == NULL || t == RES_IFRAME || t == RES_OTHER)
			continue;
		if ((ttl = cache_ttl(rs)) >= LONG_CACHE_S)
			continue;
		o->bytes += rs->wire_bytes;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "cache TTL %lds, %zu bytes", ttl, rs->wire_bytes);
	}
	return rc;
}

/*==== images ==============================================================*/

enum img_fmt { IMG_OTHER, IMG_PNG, IMG_JPEG, IMG_GIF };

static enum img_fmt
img_format(const struct fetch_resp *rs)
{
	const unsigned char *b = (const unsigned char *)rs->body;

	if (b == NULL || rs->body_len < 8)
		return IMG_OTHER;
	if (memcmp(b, "\x89PNG", 4) == 0)
		return IMG_PNG;
	if (b[0] == 0xFF && b[1] == 0xD8)
		return IMG_JPEG;
	return memcmp(b, "GIF8", 4) == 0 ? IMG_GIF : IMG_OTHER;
}

/* Estimated WebP size: Lighthouse re-encodes; we apply typical ratios. */
static size_t
webp_estimate(const struct fetch_resp *rs)
{
	static const double ratio[] = { [IMG_OTHER] = 1, [IMG_PNG] = 0.6,
	    [IMG_JPEG] = 0.7, [IMG_GIF] = 0.5 };

	return (size_t)((double)rs->wire_bytes * ratio[img_format(rs)]);
}

static enum sa_err
opp_modern_images(const struct page_ctx *ctx, struct perf_result *r,
    struct perf_opp *o)
{
	struct perf_input *mod = perf_input_dup(r->in);
	enum sa_err rc = SA_OK;

	for (size_t i = 0; mod && i < mod->nreqs && rc == SA_OK; i++) {
		const struct fetch_resp *rs = opp_ok_resp(ctx, i);
		size_t est;

		if (rs == NULL || mod->reqs[i].type != RES_IMAGE ||
		    img_format(rs) == IMG_OTHER)
			continue;
		if (rs->wire_bytes < MIN_IMAGE_BYTES ||
		    rs->wire_bytes - (est = webp_estimate(rs)) < MIN_IMAGE_BYTES / 2)
			continue;
		o->bytes += rs->wire_bytes - est;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "about %zu bytes as WebP/AVIF", rs->wire_bytes - est);
		mod->reqs[i].bytes = est;
	}
	return rc != SA_OK ? rc : opp_rerun(o, r, mod);
}

static enum sa_err
opp_optimized_images(const struct page_ctx *ctx, struct perf_result *r,
    struct perf_opp *o)
{
	struct perf_input *mod = perf_input_dup(r->in);
	enum sa_err rc = SA_OK;

	for (size_t i = 0; mod && i < mod->nreqs && rc == SA_OK; i++) {
		const struct fetch_resp *rs = opp_ok_resp(ctx, i);
		int w, h;
		double q85;

		if (rs == NULL || img_format(rs) != IMG_JPEG ||
		    !perf_image_size(rs->body, rs->body_len, &w, &h))
			continue;
		q85 = (double)w * h * 0.35;   /* quality-85 JPEG, bytes */
		if ((double)rs->wire_bytes - q85 < MIN_WASTE_BYTES)
			continue;
		o->bytes += rs->wire_bytes - (size_t)q85;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "about %zu bytes at quality 85", rs->wire_bytes - (size_t)q85);
		mod->reqs[i].bytes = (size_t)q85;
	}
	return rc != SA_OK ? rc : opp_rerun(o, r, mod);
}

/* Displayed pixels of an <img> from its width / height attributes. */
static double
shown_px(const GumboNode *n, enum audit_strategy st)
{
	const char *w = n ? dom_attr(n, "width") : NULL;
	const char *h = n ? dom_attr(n, "height") : NULL;
	double dpr = st == STRATEGY_DESKTOP ? 1 : 1.75;

	if (w == NULL || h == NULL || !dom_is(n, GUMBO_TAG_IMG))
		return 0;
	return strtod(w, NULL) * strtod(h, NULL) * dpr * dpr;
}

static enum sa_err
opp_responsive_images(const struct page_ctx *ctx, struct perf_result *r,
    struct perf_opp *o)
{
	struct perf_input *mod = perf_input_dup(r->in);
	enum sa_err rc = SA_OK;

	for (size_t i = 0; mod && i < mod->nreqs && rc == SA_OK; i++) {
		const struct fetch_resp *rs = opp_ok_resp(ctx, i);
		double shown = shown_px(ctx->resources[i].node, ctx->strategy);
		double waste;
		int w, h;

		if (rs == NULL || shown <= 0 ||
		    !perf_image_size(rs->body, rs->body_len, &w, &h) ||
		    (double)w * h <= shown)
			continue;
		waste = (double)rs->wire_bytes * (1 - shown / ((double)w * h));
		if (waste < MIN_WASTE_BYTES)
			continue;
		o->bytes += (size_t)waste;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "%dx%d shown much smaller; about %zu bytes", w, h,
		    (size_t)waste);
		mod->reqs[i].bytes -= (size_t)waste;
	}
	return rc != SA_OK ? rc : opp_rerun(o, r, mod);
}

static enum sa_err
opp_offscreen(const struct page_ctx *ctx, struct perf_result *r,
    struct perf_opp *o)
{
	struct perf_input *mod = perf_input_dup(r->in);
	enum sa_err rc = SA_OK;

	for (size_t i = 0; mod && i < mod->nreqs && rc == SA_OK; i++) {
		struct perf_req *q = &mod->reqs[i];

		if (q->type != RES_IMAGE || ctx->resources[i].node == NULL ||
		    q->lazy || q->in_viewport || q->skip || q->bytes < MIN_OFFSCREEN)
			continue;
		o->bytes += q->bytes;
		rc = opp_item(o, ctx->resources[i].node, ctx->resources[i].url,
		    "%zu bytes below the first viewport", q->bytes);
		q->skip = true;
	}
	return rc != SA_OK ? rc : opp_rerun(o, r, mod);
}

/*==== the table ===========================================================*/

typedef enum sa_err (*opp_fn)(const struct page_ctx *, struct perf_result *,
    struct perf_opp *);

static const opp_fn opp_fns[PO__MAX] = {
	[PO_RENDER_BLOCKING] = opp_render_blocking,
	[PO_TEXT_COMPRESSION] = opp_compression,
	[PO_CACHE_TTL] = opp_cache,
	[PO_MODERN_IMAGES] = opp_modern_images,
	[PO_OPTIMIZED_IMAGES] = opp_optimized_images,
	[PO_RESPONSIVE_IMAGES] = opp_responsive_images,
	[PO_OFFSCREEN_IMAGES] = opp_offscreen,
	[PO_UNMINIFIED_CSS] = opp_unminified_css,
	[PO_UNMINIFIED_JS] = opp_unminified_js,
	[PO_TOTAL_BYTES] = opp_total_bytes,
	[PO_DOM_SIZE] = opp_dom_size,
	[PO_REDIRECTS] = opp_redirects,
	[PO_SERVER_TIME] = opp_server_time,
	[PO_FONT_DISPLAY] = opp_font_display,
	[PO_UNSIZED_IMAGES] = opp_unsized_images,
	[PO_LCP_LAZY] = opp_lcp_lazy,
	[PO_PRECONNECT] = opp_preconnect,
	[PO_BOOTUP] = opp_bootup,
	[PO_THIRD_PARTY] = opp_third_party,
};

enum sa_err
perf_opportunities(const struct page_ctx *ctx, struct perf_result *r)
{
	enum sa_err rc = SA_OK;

	for (int k = 0; k < PO__MAX && rc == SA_OK; k++) {
		r->opps[k].verdict = CHECK_PASS;
		rc = opp_fns[k](ctx, r, &r->opps[k]);
	}
	return rc;
}

void
perf_opps_free(struct perf_result *r)
{
	for (int k = 0; k < PO__MAX; k++) {
		for (size_t i = 0; i < r->opps[k].nitems; i++) {
			free(r->opps[k].items[i].what);
			free(r->opps[k].items[i].note);
		}
		free(r->opps[k].items);
	}
	for (size_t i = 0; i < r->nthird; i++)
		free(r->third[i].domain);
	free(r->third);
}
