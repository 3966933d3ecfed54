/* perf_opps_int.h: internal — helpers and opportunities shared by perf_opps*.c. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_PERF_OPPS_INT_H
#define SA_PERF_OPPS_INT_H

#include "audit/perf.h"

/* Adds an item (what and the formatted note are copied) and fails o. */
enum sa_err opp_item(struct perf_opp *o, const GumboNode *node,
    const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* o->ms = what mod saves (when o failed); frees mod. SA_ENOMEM on NULL. */
enum sa_err opp_rerun(struct perf_opp *o, const struct perf_result *r,
    struct perf_input *mod);
/* ctx->resources[i]'s response when it is a fetched 2xx, else NULL. */
const struct fetch_resp *opp_ok_resp(const struct page_ctx *ctx, size_t i);
/* Frees r's opportunities and third-party rows. */
void perf_opps_free(struct perf_result *r);

#define OPP_FN(name) enum sa_err name(const struct page_ctx *ctx, \
    struct perf_result *r, struct perf_opp *o)
OPP_FN(opp_unminified_css);
OPP_FN(opp_unminified_js);
OPP_FN(opp_total_bytes);
OPP_FN(opp_dom_size);
OPP_FN(opp_redirects);
OPP_FN(opp_server_time);
OPP_FN(opp_font_display);
OPP_FN(opp_unsized_images);
OPP_FN(opp_lcp_lazy);
OPP_FN(opp_preconnect);
OPP_FN(opp_bootup);
OPP_FN(opp_third_party);

#endif
