/* checks_perf.c: performance checks — the load model's opportunities as check results. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/check.h"
#include "audit/perf.h"

/*
 * The performance score comes from the metrics (perf_score), so these
 * checks weigh 0 in the dimension mean: they report what to fix, with
 * savings. Their verdicts and items are computed once per page by
 * perf_opportunities(); a check only copies them.
 */
static void
perf_check(const struct page_ctx *p, enum perf_opp_id k,
    struct check_result *r)
{
	const struct perf_opp *o;
	char detail[128];

	if (p->perf == NULL || (o = &p->perf->opps[k])->verdict == CHECK_NA)
		return;
	if (o->verdict != CHECK_FAIL) {
		check_pass(r);
		return;
	}
	for (size_t i = 0; i < o->nitems; i++) {
		const struct perf_item *it = &o->items[i];
		char note[600];

		snprintf(note, sizeof(note), "%s%s%s", it->node && it->what ?
		    it->what : "", it->node && it->what ? ": " : "",
		    it->note ? it->note : "");
		if (it->node)
			check_fail_node(r, it->node, note);
		else
			check_fail_text(r, it->what ? it->what : "", note);
	}
	r->verdict = CHECK_FAIL;
	snprintf(detail, sizeof(detail), "Potential savings: %.0f ms, %zu KiB.",
	    o->ms, o->bytes / 1024);
	free(r->detail);
	r->detail = strdup(detail);
}

#define PERF_CHECK(fn, k) \
	static void fn(const struct page_ctx *p, struct check_result *r) \
	{ perf_check(p, k, r); }

PERF_CHECK(check_render_blocking, PO_RENDER_BLOCKING)
PERF_CHECK(check_text_compression, PO_TEXT_COMPRESSION)
PERF_CHECK(check_cache_ttl, PO_CACHE_TTL)
PERF_CHECK(check_modern_images, PO_MODERN_IMAGES)
PERF_CHECK(check_optimized_images, PO_OPTIMIZED_IMAGES)
PERF_CHECK(check_responsive_images, PO_RESPONSIVE_IMAGES)
PERF_CHECK(check_offscreen_images, PO_OFFSCREEN_IMAGES)
PERF_CHECK(check_unminified_css, PO_UNMINIFIED_CSS)
PERF_CHECK(check_unminified_js, PO_UNMINIFIED_JS)
PERF_CHECK(check_total_bytes, PO_TOTAL_BYTES)
PERF_CHECK(check_dom_size, PO_DOM_SIZE)
PERF_CHECK(check_redirects, PO_REDIRECTS)
PERF_CHECK(check_server_time, PO_SERVER_TIME)
PERF_CHECK(check_font_display, PO_FONT_DISPLAY)
PERF_CHECK(check_unsized_images, PO_UNSIZED_IMAGES)
PERF_CHECK(check_lcp_lazy, PO_LCP_LAZY)
PERF_CHECK(check_preconnect, PO_PRECONNECT)
PERF_CHECK(check_bootup, PO_BOOTUP)
PERF_CHECK(check_third_party, PO_THIRD_PARTY)

#define P(id, sev, title, desc, fn) \
	{ id, DIM_PERFORMANCE, 0, sev, title, desc, fn }

const struct check_def audit_checks_perf[] = {
	P("render-blocking-resources", SEV_SERIOUS,
	    "No render-blocking resources delay the first paint",
	    "Stylesheets and synchronous scripts in <head> hold back the first "
	    "paint; inline critical CSS, defer scripts.", check_render_blocking),
	P("uses-text-compression", SEV_SERIOUS, "Text resources are compressed",
	    "Serve HTML, CSS and JavaScript with gzip, Brotli or zstd.",
	    check_text_compression),
	P("uses-long-cache-ttl", SEV_MINOR,
	    "Static assets are served with an efficient cache policy",
	    "A long Cache-Control max-age speeds up repeat visits.",
	    check_cache_ttl),
	P("modern-image-formats", SEV_MODERATE, "Images use next-gen formats",
	    "WebP and AVIF are usually much smaller than PNG, JPEG and GIF.",
	    check_modern_images),
	P("uses-optimized-images", SEV_MODERATE, "Images are efficiently encoded",
	    "JPEGs at quality 85 load faster with little visible loss.",
	    check_optimized_images),
	P("uses-responsive-images", SEV_MODERATE, "Images are properly sized",
	    "Serve images no larger than they are displayed (srcset / sizes).",
	    check_responsive_images),
	P("offscreen-images", SEV_MODERATE, "Offscreen images are deferred",
	    "Images below the first viewport should use loading=\"lazy\".",
	    check_offscreen_images),
	P("unminified-css", SEV_MINOR, "CSS is minified",
	    "Minifying CSS removes comments and white space.",
	    check_unminified_css),
	P("unminified-javascript", SEV_MINOR, "JavaScript is minified",
	    "Minifying JavaScript removes comments and white space.",
	    check_unminified_js),
	P("total-byte-weight", SEV_MODERATE, "Avoids enormous network payloads",
	    "Large pages are slow on mobile networks and cost users money.",
	    check_total_bytes),
	P("dom-size", SEV_MODERATE, "Avoids an excessive DOM size",
	    "Large DOMs make parsing, style and layout slow.", check_dom_size),
	P("redirects", SEV_SERIOUS, "Avoids multiple page redirects",
	    "Each redirect adds round trips before the page can load.",
	    check_redirects),
	P("server-response-time", SEV_SERIOUS, "Initial server response time was short",
	    "The server took more than 600 ms to answer the document.",
	    check_server_time),
	P("font-display", SEV_MODERATE,
	    "All text remains visible during webfont loads",
	    "Use font-display: swap (or optional) so text shows while fonts load.",
	    check_font_display),
	P("unsized-images", SEV_MODERATE,
	    "Image elements have explicit width and height",
	    "Unsized images shift the layout when they load (a CLS risk).",
	    check_unsized_images),
	P("lcp-lazy-loaded", SEV_SERIOUS,
	    "Largest Contentful Paint image was not lazily loaded",
	    "A lazy-loaded LCP image starts downloading only after layout.",
	    check_lcp_lazy),
	P("uses-rel-preconnect", SEV_MINOR, "Preconnects to required origins",
	    "A preconnect hint opens critical third-party connections early.",
	    check_preconnect),
	P("bootup-time", SEV_MODERATE, "JavaScript execution time (estimated) is low",
	    "Estimated from script sizes: parse, compile and run time on the "
	    "main thread.", check_bootup),
	P("third-party-summary", SEV_MODERATE,
	    "Third-party code blocks the main thread only briefly",
	    "Third-party scripts blocked the main thread for 250 ms or more.",
	    check_third_party),
};

const size_t audit_checks_perf_count = sizeof(audit_checks_perf) /
    sizeof(audit_checks_perf[0]);
