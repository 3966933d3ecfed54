/* audit.c: the audit engine's entry points — url or html in, report out. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>
#include <gumbo.h>
#include "audit/agent_site.h"
#include "audit/audit.h"
#include "audit/css.h"
#include "audit/dom.h"
#include "audit/perf.h"
#include "audit/resources.h"
#include "audit/score.h"

/* Every check table the engine runs, in report order. */
static const struct {
	const struct check_def *defs;
	const size_t           *count;
} tables[] = {
	{ audit_checks_perf, &audit_checks_perf_count },
	{ audit_checks_a11y, &audit_checks_a11y_count },
	{ audit_checks_seo,  &audit_checks_seo_count },
	{ audit_checks_bp,   &audit_checks_bp_count },
	{ audit_checks_sec,  &audit_checks_sec_count },
	{ audit_checks_agent, &audit_checks_agent_count },
};

static const char *const dim_aliases[][2] = {
	{ "best-practices", "bestPractices" },
	{ "best_practices", "bestPractices" },
	{ "a11y", "accessibility" },
	{ "perf", "performance" },
	{ "agent", "agentReadiness" },
	{ "agent-readiness", "agentReadiness" },
	{ "agent_readiness", "agentReadiness" },
};

void
audit_opts_init(struct audit_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->strategy = STRATEGY_MOBILE;
	o->dims = AUDIT_DIMS_ALL;
	o->fetch.connect_timeout_ms = 5000;
	o->fetch.total_timeout_ms = 20000;
	o->fetch.max_bytes = 5u << 20;
	o->fetch.max_decoded = 20u << 20;
	o->fetch.max_redirects = 5;
	o->fetch.user_agent = "siteaudit/0.1 (+https://github.com/siteaudit)";
	o->max_stylesheets = 16;
	o->max_resources = RESOURCES_MAX_DEFAULT;
	o->max_resource_total = RESOURCES_BYTES_DEFAULT;
	o->parallel = 6;
}

const char *
audit_strategy_name(enum audit_strategy s)
{
	return s == STRATEGY_DESKTOP ? "desktop" : "mobile";
}

/* Dimension index for a name of n bytes, or -1. */
static int
dim_lookup(const char *name, size_t n)
{
	for (size_t i = 0; i < SA_NITEMS(dim_aliases); i++)
		if (strlen(dim_aliases[i][0]) == n &&
		    strncasecmp(name, dim_aliases[i][0], n) == 0) {
			name = dim_aliases[i][1];
			n = strlen(name);
		}
	for (int d = 0; d < DIM__MAX; d++)
		if (strlen(audit_dim_names[d]) == n &&
		    strncasecmp(name, audit_dim_names[d], n) == 0)
			return d;
	return -1;
}

enum sa_err
audit_parse_dims(const char *list, unsigned *mask)
{
	unsigned m = 0;

	if (list == NULL || *list == '\0')
		return SA_EINVAL;
	while (*list) {
		size_t n = strcspn(list, ",");
		int d;

		while (n > 0 && isspace((unsigned char)*list)) {
			list++;
			n--;
		}
		while (n > 0 && isspace((unsigned char)list[n - 1]))
			n--;
		if ((d = dim_lookup(list, n)) < 0)
			return SA_EINVAL;
		m |= AUDIT_DIM_BIT(d);
		list += strcspn(list, ",");
		if (*list == ',')
			list++;
	}
	*mask = m;
	return SA_OK;
}

static enum sa_err page_resources(struct res_set *rs, struct page_ctx *ctx,
    const struct audit_opts *o, unsigned dims, bool fetch);

/*==== CSS =================================================================*/

struct css_walk {
	struct css_sheet *sheet;
	bool              any;
};

static bool
style_cb(const GumboNode *n, void *arg)
{
	struct css_walk *w = arg;
	const GumboVector *kids;

	if (!dom_is(n, GUMBO_TAG_STYLE))
		return true;
	kids = &n->v.element.children;
	for (size_t i = 0; i < kids->length; i++) {
		const GumboNode *t = kids->data[i];

		if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_WHITESPACE) {
			css_sheet_add(w->sheet, t->v.text.text, strlen(t->v.text.text));
			w->any = true;
		}
	}
	return false;
}

/*
 * The page's style sheet: every <style> element, then the n fetched linked
 * sheets (those that answered 2xx). XXX: a linked sheet is added after all
 * <style> blocks, not at its place in document order. NULL when there is
 * no CSS at all (checks then use inline styles and defaults).
 */
static struct css_sheet *
css_build(const struct page_ctx *ctx, const struct fetch_resp *sheets,
    size_t n)
{
	struct css_walk w = { css_sheet_new(), false };

	if (w.sheet == NULL || ctx->gumbo == NULL)
		return w.sheet;
	dom_walk(ctx->gumbo->root, style_cb, &w);
	for (size_t i = 0; i < n; i++) {
		if (sheets[i].err != FETCH_OK || sheets[i].status < 200 ||
		    sheets[i].status > 299 || sheets[i].body == NULL)
			continue;
		css_sheet_add(w.sheet, sheets[i].body, sheets[i].body_len);
		w.any = true;
	}
	for (size_t i = 0; i < ctx->nresources; i++) {
		const struct fetch_resp *rs = ctx->resources[i].resp;

		if (ctx->resources[i].type != RES_STYLESHEET || rs == NULL ||
		    rs->err != FETCH_OK || rs->status < 200 || rs->status > 299 ||
		    rs->body == NULL)
			continue;
		css_sheet_add(w.sheet, rs->body, rs->body_len);
		w.any = true;
	}
	if (!w.any) {
		css_sheet_free(w.sheet);
		return NULL;
	}
	return w.sheet;
}

static void
css_free(struct css_sheet *s)
{
	if (s)
		css_sheet_free(s);
}

/*==== Running checks ======================================================*/

static size_t
count_selected(unsigned dims)
{
	size_t n = 0;

	for (size_t t = 0; t < SA_NITEMS(tables); t++)
		for (size_t i = 0; i < *tables[t].count; i++)
			if (dims & AUDIT_DIM_BIT(tables[t].defs[i].dim))
				n++;
	return n;
}

/* Runs every selected check on ctx into pg and scores it. */
static enum sa_err
run_checks(const struct page_ctx *ctx, unsigned dims, struct audit_page *pg)
{
	size_t n = count_selected(dims), k = 0;

	pg->defs = calloc(n ? n : 1, sizeof(*pg->defs));
	pg->results = calloc(n ? n : 1, sizeof(*pg->results));
	if (pg->defs == NULL || pg->results == NULL)
		return SA_ENOMEM;
	for (size_t t = 0; t < SA_NITEMS(tables); t++)
		for (size_t i = 0; i < *tables[t].count; i++) {
			const struct check_def *d = &tables[t].defs[i];

			if (!(dims & AUDIT_DIM_BIT(d->dim)))
				continue;
			pg->defs[k] = d;
			pg->results[k].verdict = CHECK_NA;
			d->run(ctx, &pg->results[k]);
			k++;
		}
	pg->nchecks = k;
	score_page(pg->defs, pg->results, k, pg->scores);
	return SA_OK;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A report for url with room for one page; NULL on ENOMEM. */
static struct audit_report *
report_new(const char *url, const struct audit_opts *o)
{
	struct audit_report *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->strategy = o->strategy;
	r->dims = o->dims ? o->dims : AUDIT_DIMS_ALL;
	r->overall = SCORE_ABSENT;
	for (int d = 0; d < DIM__MAX; d++)
		r->scores[d] = SCORE_ABSENT;
	r->generated_ms = now_ms();
	r->url = strdup(url);
	r->pages = calloc(1, sizeof(*r->pages));
	if (r->url == NULL || r->pages == NULL) {
		audit_report_free(r);
		return NULL;
	}
	return r;
}

/* Runs the load model when performance is selected; ctx->perf and
 * pg->perf (the owner) are set on success. */
static enum sa_err
perf_page(struct audit_page *pg, struct page_ctx *ctx, unsigned dims,
    double ttfb)
{
	enum sa_err rc;

	if (!(dims & AUDIT_DIM_BIT(DIM_PERFORMANCE)) || ctx->gumbo == NULL)
		return SA_OK;
	if ((rc = perf_run(ctx, ttfb, &pg->perf)) != SA_OK)
		return rc;
	ctx->perf = pg->perf;
	return SA_OK;
}

/* The model's score is the performance score; the checks weigh 0. The
 * LCP node dies with the DOM, so it is dropped here. */
static void
perf_finish(struct audit_page *pg)
{
	if (pg->perf == NULL)
		return;
	pg->scores[DIM_PERFORMANCE] = pg->perf->score;
	pg->perf->in->lcp_node = NULL;
	for (int k = 0; k < PO__MAX; k++)
		for (size_t i = 0; i < pg->perf->opps[k].nitems; i++)
			pg->perf->opps[k].items[i].node = NULL;
}

/* Audits ctx as the report's (only) page and fills the report scores. */
static enum sa_err
audit_ctx(struct audit_report *r, struct page_ctx *ctx, double ttfb)
{
	struct audit_page *pg = &r->pages[0];
	enum sa_err rc;

	r->npages = 1;
	pg->strategy = r->strategy;
	pg->status = ctx->status;
	pg->ttfb_ms = ttfb;
	pg->url = strdup(r->url);
	pg->final_url = strdup(ctx->url);
	if (pg->url == NULL || pg->final_url == NULL)
		return SA_ENOMEM;
	if ((rc = perf_page(pg, ctx, r->dims, ttfb)) != SA_OK ||
	    (rc = run_checks(ctx, r->dims, pg)) != SA_OK)
		return rc;
	perf_finish(pg);
	for (int d = 0; d < DIM__MAX; d++)
		r->scores[d] = pg->scores[d];
	r->overall = score_overall(r->scores);
	return SA_OK;
}

enum sa_err
audit_html(const char *url, const char *html, size_t len,
    const struct audit_opts *o, struct audit_report **out)
{
	struct audit_report *r;
	struct page_ctx ctx = { 0 };
	struct res_set rs = { 0 };
	enum sa_err rc = SA_ENOMEM;

	*out = NULL;
	if (url == NULL || html == NULL || o == NULL)
		return SA_EINVAL;
	if ((r = report_new(url, o)) == NULL ||
	    (r->final_url = strdup(url)) == NULL)
		goto out;
	r->status = 200;
	ctx.url = url;
	ctx.status = 200;
	ctx.html = html;
	ctx.html_len = len;
	ctx.strategy = o->strategy;
	ctx.agent = o->agent_site;   /* fetched by the caller, if at all */
	if ((ctx.gumbo = gumbo_parse_with_options(&kGumboDefaultOptions, html,
	    len)) == NULL)
		goto out;
	if ((rc = page_resources(&rs, &ctx, o, r->dims, false)) != SA_OK)
		goto out;
	ctx.css = css_build(&ctx, NULL, 0);
	rc = audit_ctx(r, &ctx, -1);
out:
	css_free(ctx.css);
	resources_free(&rs);
	if (ctx.gumbo)
		gumbo_destroy_output(&kGumboDefaultOptions, ctx.gumbo);
	if (rc != SA_OK) {
		audit_report_free(r);
		r = NULL;
	}
	*out = r;
	return rc;
}

/*==== Fetching ============================================================*/

/* ref resolved against base, or NULL (bad URL / ENOMEM); caller frees. */
static char *
url_resolve(const char *base, const char *ref, const char *set_path)
{
	CURLU *u = curl_url();
	char *v = NULL, *out = NULL;

	if (u == NULL || curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK)
		goto out;
	if (ref && curl_url_set(u, CURLUPART_URL, ref, 0) != CURLUE_OK)
		goto out;
	if (set_path && (curl_url_set(u, CURLUPART_PATH, set_path, 0) ||
	    curl_url_set(u, CURLUPART_QUERY, NULL, 0) ||
	    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0)))
		goto out;
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	if (curl_url_get(u, CURLUPART_URL, &v, 0) == CURLUE_OK && v)
		out = strdup(v);
out:
	curl_free(v);
	curl_url_cleanup(u);
	return out;
}

struct sheet_urls {
	const char *base;
	char      **urls;
	size_t      n, max;
};

static bool
sheet_cb(const GumboNode *n, void *arg)
{
	struct sheet_urls *s = arg;
	const char *href = dom_attr(n, "href"), *rel = dom_attr(n, "rel");
	char *u;

	if (!dom_is(n, GUMBO_TAG_LINK) || href == NULL || rel == NULL ||
	    s->n >= s->max || dom_has_attr(n, "disabled"))
		return true;
	if (strcasestr(rel, "stylesheet") == NULL ||
	    strcasestr(rel, "alternate") != NULL)
		return true;
	if ((u = url_resolve(s->base, href, NULL)) != NULL)
		s->urls[s->n++] = u;
	return true;
}

static enum sa_err
map_fetch_err(enum fetch_err e)
{
	switch (e) {
	case FETCH_OK:
		return SA_OK;
	case FETCH_EURL:
	case FETCH_ESCHEME:
		return SA_EINVAL;
	case FETCH_EDENIED:
		return SA_EDENIED;
	default:
		return SA_EIO;
	}
}

/* Side resources of one page: [robots.txt] + linked style sheets. */
struct side {
	char             **urls;
	size_t             n;
	struct fetch_resp *resps;
	long               robots_at;   /* index of robots.txt, -1 if none */
};

static enum sa_err
side_fetch(struct side *sd, const struct audit_opts *o, unsigned dims,
    const char *base, const GumboOutput *doc)
{
	struct sheet_urls su = { base, NULL, 0, 0 };

	sd->robots_at = -1;
	su.max = (dims & AUDIT_DIM_BIT(DIM_ACCESSIBILITY)) ?
	    o->max_stylesheets : 0;
	if ((sd->urls = calloc(su.max + 1, sizeof(char *))) == NULL)
		return SA_ENOMEM;
	/* robots.txt: SEO's checks, and the agent checks (AI crawlers, an
	 * Agentmap line announcing the ai-catalog) */
	if ((dims & (AUDIT_DIM_BIT(DIM_SEO) |
	    AUDIT_DIM_BIT(DIM_AGENT_READINESS))) &&
	    (sd->urls[0] = url_resolve(base, NULL, "/robots.txt")) != NULL)
		sd->robots_at = 0;
	sd->n = sd->robots_at == 0 ? 1 : 0;
	su.urls = sd->urls + sd->n;
	if (su.max > 0)
		dom_walk(doc->root, sheet_cb, &su);
	sd->n += su.n;
	if (sd->n == 0)
		return SA_OK;
	if ((sd->resps = calloc(sd->n, sizeof(*sd->resps))) == NULL)
		return SA_ENOMEM;
	fetch_many((const char *const *)sd->urls, sd->n, &o->fetch,
	    o->parallel > 0 ? o->parallel : 6, sd->resps);
	return SA_OK;
}

static void
side_free(struct side *sd)
{
	for (size_t i = 0; i < sd->n; i++) {
		free(sd->urls[i]);
		if (sd->resps)
			fetch_resp_free(&sd->resps[i]);
	}
	free(sd->urls);
	free(sd->resps);
}

/* Fills ctx's robots fields from the side fetches. */
static void
side_robots(const struct side *sd, struct page_ctx *ctx)
{
	const struct fetch_resp *rr;

	if (sd->robots_at < 0 || sd->resps == NULL)
		return;
	rr = &sd->resps[sd->robots_at];
	ctx->robots_status = rr->err == FETCH_OK ? rr->status : 0;
	if (rr->err == FETCH_OK && rr->status >= 200 && rr->status < 300)
		ctx->robots_txt = rr->body ? rr->body : "";
}

/* Dimensions that look at sub-resources. */
#define RES_DIMS (AUDIT_DIM_BIT(DIM_PERFORMANCE) | \
    AUDIT_DIM_BIT(DIM_BEST_PRACTICES) | AUDIT_DIM_BIT(DIM_SECURITY))

/* Finds (and, with o->fetch set, fetches) the page's sub-resources. */
static enum sa_err
page_resources(struct res_set *rs, struct page_ctx *ctx,
    const struct audit_opts *o, unsigned dims, bool fetch)
{
	enum sa_err rc;

	if (!(dims & RES_DIMS))
		return SA_OK;
	if ((rc = resources_init(rs, ctx->url, o->max_resources)) != SA_OK)
		return rc;
	if (fetch)
		rc = resources_collect(rs, ctx->gumbo, ctx->url, o->strategy,
		    &o->fetch, o->parallel, o->max_resource_total);
	else
		rc = resources_discover(rs, ctx->gumbo, ctx->url, o->strategy);
	ctx->resources = rs->v;
	ctx->nresources = rs->n;
	return rc;
}

/* Parses the fetched document, fetches its side resources, runs checks. */
static enum sa_err
audit_fetched(struct audit_report *r, const struct audit_opts *o,
    const struct fetch_resp *doc)
{
	struct page_ctx ctx = { 0 };
	struct side sd = { 0 };
	struct res_set rs = { 0 };
	struct agent_site as = { 0 };
	size_t first_sheet;
	unsigned side_dims = r->dims;
	enum sa_err rc = SA_ENOMEM;

	ctx.url = r->final_url;
	ctx.status = doc->status;
	ctx.resp = doc;
	ctx.html = doc->body ? doc->body : "";
	ctx.html_len = doc->body ? doc->body_len : 0;
	ctx.strategy = o->strategy;
	if ((ctx.gumbo = gumbo_parse_with_options(&kGumboDefaultOptions,
	    ctx.html, ctx.html_len)) == NULL)
		goto out;
	if ((rc = page_resources(&rs, &ctx, o, r->dims, true)) != SA_OK)
		goto out;
	if (rs.v != NULL)   /* the style sheets came with the resources */
		side_dims &= ~AUDIT_DIM_BIT(DIM_ACCESSIBILITY);
	if ((rc = side_fetch(&sd, o, side_dims, ctx.url, ctx.gumbo)) != SA_OK)
		goto out;
	side_robots(&sd, &ctx);
	if ((rc = agent_page(&as, o, r->dims, &ctx)) != SA_OK)
		goto out;
	first_sheet = sd.robots_at == 0 ? 1 : 0;
	ctx.css = css_build(&ctx, sd.resps ? sd.resps + first_sheet : NULL,
	    sd.n - first_sheet);
	rc = audit_ctx(r, &ctx, doc->ttfb_ms);
out:
	css_free(ctx.css);
	side_free(&sd);
	agent_site_free(&as);
	resources_free(&rs);
	if (ctx.gumbo)
		gumbo_destroy_output(&kGumboDefaultOptions, ctx.gumbo);
	return rc;
}

enum sa_err
audit_url(const char *url, const struct audit_opts *o,
    struct audit_report **out)
{
	struct fetch_resp doc;
	struct audit_report *r;
	enum sa_err rc;

	memset(&doc, 0, sizeof(doc));
	if ((*out = r = report_new(url ? url : "", o)) == NULL)
		return SA_ENOMEM;
	fetch_url(url ? url : "", &o->fetch, &doc);
	if (doc.err != FETCH_OK) {
		r->fetch_err = doc.err;
		snprintf(r->errmsg, sizeof(r->errmsg), "%s",
		    doc.errmsg[0] ? doc.errmsg : fetch_strerror(doc.err));
		rc = map_fetch_err(doc.err);
		goto out;
	}
	r->status = doc.status;
	rc = SA_ENOMEM;
	if ((r->final_url = strdup(doc.final_url ? doc.final_url : url)) == NULL)
		goto out;
	rc = audit_fetched(r, o, &doc);
	if (rc == SA_OK && r->status < 400 &&   /* field data: docs/crux.md */
	    (r->dims & AUDIT_DIM_BIT(DIM_PERFORMANCE)))
		crux_query(&o->crux, r->final_url, o->strategy, &r->pages[0].crux);
out:
	fetch_resp_free(&doc);
	if (rc == SA_ENOMEM) {
		audit_report_free(r);
		*out = NULL;
	}
	return rc;
}

void
audit_report_free(struct audit_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; r->pages && i < (r->npages ? r->npages : 1); i++) {
		struct audit_page *pg = &r->pages[i];

		for (size_t k = 0; k < pg->nchecks; k++)
			check_result_free(&pg->results[k]);
		free(pg->results);
		free(pg->defs);
		perf_result_free(pg->perf);
		free(pg->url);
		free(pg->final_url);
	}
	free(r->pages);
	free(r->url);
	free(r->final_url);
	free(r);
}
