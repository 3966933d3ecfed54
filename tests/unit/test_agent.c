/* test_agent.c: unit tests for the agent-readiness checks (checks_agent*.c). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/agent_checks.h"
#include "audit/agent_site.h"
#include "util/buf.h"
#include "audit/audit.h"
#include "audit/score.h"

#define FIX "tests/fixtures/agent/"
#define PAGE "http://garden.test/agent/page.html"

/* A fixture file's text (caller frees); fails the test when missing. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static const struct check_def *
def(const char *id)
{
	for (size_t i = 0; i < audit_checks_agent_count; i++)
		if (strcmp(audit_checks_agent[i].id, id) == 0)
			return &audit_checks_agent[i];
	fail_msg("no agent check %s", id);
	return NULL;
}

struct run {
	GumboOutput        *g;
	char               *html;
	struct page_ctx     ctx;
	struct agent_site   site;
	struct check_result r;
};

/* Parses html (owned by x afterwards) as the page at url. */
static void
prepare(struct run *x, char *html, const char *url)
{
	memset(x, 0, sizeof(*x));
	x->html = html;
	x->g = gumbo_parse(html);
	assert_non_null(x->g);
	x->ctx.url = url;
	x->ctx.status = 200;
	x->ctx.html = html;
	x->ctx.html_len = strlen(html);
	x->ctx.gumbo = x->g;
}

static void
exec(struct run *x, const char *id)
{
	check_result_free(&x->r);
	x->r.verdict = CHECK_NA;
	def(id)->run(&x->ctx, &x->r);
}

static void
done(struct run *x)
{
	check_result_free(&x->r);
	gumbo_destroy_output(&kGumboDefaultOptions, x->g);
	free(x->html);
	/* site docs point at test-owned strings: only the arrays are freed */
	free(x->site.links);
}

/* Runs check id on the fixture page file (or inline HTML). */
static enum check_verdict
verdict_of(const char *id, char *html, const char *url, size_t *nitems)
{
	struct run x;
	enum check_verdict v;

	prepare(&x, html, url);
	exec(&x, id);
	v = x.r.verdict;
	if (nitems)
		*nitems = x.r.nitems;
	done(&x);
	return v;
}

static char *
dup(const char *s)
{
	char *d = strdup(s);

	assert_non_null(d);
	return d;
}

/* True when some item's note or snippet holds s. */
static bool
has_note(const struct check_result *r, const char *s)
{
	for (size_t i = 0; i < r->nitems; i++)
		if ((r->items[i].note && strstr(r->items[i].note, s)) ||
		    (r->items[i].snippet && strstr(r->items[i].snippet, s)))
			return true;
	return false;
}

/*==== The table ===========================================================*/

static void
test_table(void **state)
{
	(void)state;
	assert_int_equal(audit_checks_agent_count, 10);
	for (size_t i = 0; i < audit_checks_agent_count; i++) {
		const struct check_def *d = &audit_checks_agent[i];

		assert_int_equal(d->dim, DIM_AGENT_READINESS);
		assert_non_null(d->run);
		if (strcmp(d->id, "webmcp-form-coverage") == 0 ||
		    strcmp(d->id, "ai-crawler-access") == 0)
			assert_true(d->weight == 0);
		else
			assert_true(d->weight > 0);
	}
}

/*==== llms.txt ============================================================*/

static void
test_llms_rules(void **state)
{
	(void)state;
	/* Lighthouse's /^\s*#\s+.+/m */
	assert_true(agent_llms_has_h1("# Title"));
	assert_true(agent_llms_has_h1("intro\n  #  Spaced title\n"));
	assert_true(agent_llms_has_h1("#\nTitle on the next line"));
	assert_false(agent_llms_has_h1("## Only an H2"));
	assert_false(agent_llms_has_h1("#NoSpace"));
	assert_false(agent_llms_has_h1("text # not at line start"));
	assert_false(agent_llms_has_h1("# \n"));
	/* /\[.+\]\(.+\)/ on one line */
	assert_true(agent_llms_has_link("- [Docs](/docs.md): all docs"));
	assert_false(agent_llms_has_link("[](/empty-text)"));
	assert_false(agent_llms_has_link("[text]()"));
	assert_false(agent_llms_has_link("[text]\n(/split)"));
	assert_false(agent_llms_has_link("no links here"));
	/* length counts characters, not bytes */
	assert_int_equal(agent_llms_chars("h\xC3\xA9llo"), 5);
}

/* A site whose llms.txt answered status with the body of file. */
static void
site_llms(struct run *x, long status, const char *file)
{
	x->site.llms.fetched = true;
	x->site.llms.url = "http://garden.test/llms.txt";
	x->site.llms.status = status;
	x->site.llms.body = file ? slurp(file) : NULL;
	x->site.llms.len = x->site.llms.body ? strlen(x->site.llms.body) : 0;
	x->ctx.agent = &x->site;
}

static void
test_llms_check(void **state)
{
	struct run x;
	struct agent_link broken[2] = {
		{ "http://garden.test/agent/good.html", FETCH_OK, 200 },
		{ "http://garden.test/agent/missing-guide.html", FETCH_OK, 404 },
	};

	(void)state;
	/* no network (audit_html): not applicable */
	assert_int_equal(verdict_of("llms-txt", dup("<p>x"), PAGE, NULL),
	    CHECK_NA);

	prepare(&x, dup("<p>x"), PAGE);
	site_llms(&x, 200, FIX "llms.txt");
	exec(&x, "llms-txt");
	assert_int_equal(x.r.verdict, CHECK_PASS);
	assert_non_null(strstr(x.r.detail, "llms-full.txt not found"));
	x.site.llms_full.fetched = true;
	x.site.llms_full.status = 200;
	exec(&x, "llms-txt");
	assert_non_null(strstr(x.r.detail, "llms-full.txt present"));

	x.site.llms.status = 500;   /* 5xx fails */
	exec(&x, "llms-txt");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "Failed with HTTP status 500"));
	x.site.llms.status = 404;   /* 4xx: not applicable */
	exec(&x, "llms-txt");
	assert_int_equal(x.r.verdict, CHECK_NA);
	x.site.llms.status = 0;     /* the fetch failed */
	x.site.llms.err = FETCH_ETIMEOUT;
	snprintf(x.site.llms.errmsg, sizeof(x.site.llms.errmsg), "timeout");
	exec(&x, "llms-txt");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "Fetch of llms.txt failed"));
	free(x.site.llms.body);
	done(&x);

	prepare(&x, dup("<p>x"), PAGE);
	site_llms(&x, 200, FIX "llms-nolinks.txt");
	exec(&x, "llms-txt");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_int_equal(x.r.nitems, 1);
	assert_true(has_note(&x.r, "does not appear to contain any links"));
	free(x.site.llms.body);
	x.site.llms.body = dup("# T\n[a](b)");   /* too short */
	exec(&x, "llms-txt");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "suspiciously short"));
	free(x.site.llms.body);
	done(&x);

	/* beyond Lighthouse: a linked document that is gone fails */
	prepare(&x, dup("<p>x"), PAGE);
	site_llms(&x, 200, FIX "llms-broken.txt");
	x.site.links = malloc(sizeof(broken));
	memcpy(x.site.links, broken, sizeof(broken));
	x.site.nlinks = x.site.links_total = 2;
	exec(&x, "llms-txt");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_int_equal(x.r.nitems, 1);
	assert_string_equal(x.r.items[0].snippet, broken[1].url);
	assert_true(has_note(&x.r, "HTTP 404"));
	free(x.site.llms.body);
	done(&x);
}

static void
test_llms_links(void **state)
{
	char *text = slurp(FIX "llms.txt"), **v = NULL;
	size_t total, n;

	(void)state;
	n = agent_llms_links(text, "http://garden.test/llms.txt", 8, &v, &total);
	assert_int_equal(n, 3);
	assert_int_equal(total, 3);
	assert_string_equal(v[0], "http://garden.test/agent/good.html");
	assert_string_equal(v[1], "http://garden.test/agent/docs.html");
	assert_string_equal(v[2], "http://garden.test/llms-full.txt");
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	free(text);
	/* same origin first, duplicates once, the cap honoured */
	n = agent_llms_links("[x](https://other.test/a) [y](/b) [z](/b) "
	    "[w](</c>) [v](#frag)", "http://garden.test/llms.txt", 2, &v, &total);
	assert_int_equal(total, 3);
	assert_int_equal(n, 2);
	assert_string_equal(v[0], "http://garden.test/b");
	assert_string_equal(v[1], "http://garden.test/c");
	free(v[0]);
	free(v[1]);
	free(v);
}

/*==== ai-catalog ==========================================================*/

static void
site_catalog(struct run *x, enum agent_catalog_via via, long status,
    const char *file)
{
	free(x->site.catalog.body);
	x->site.catalog.fetched = true;
	x->site.catalog.url = "http://garden.test/.well-known/ai-catalog.json";
	x->site.catalog.status = status;
	x->site.catalog.body = file ? slurp(file) : NULL;
	x->site.catalog.len = x->site.catalog.body ?
	    strlen(x->site.catalog.body) : 0;
	x->site.catalog_via = via;
	x->ctx.agent = &x->site;
}

static void
test_catalog_check(void **state)
{
	struct run x;

	(void)state;
	prepare(&x, dup("<p>x"), PAGE);
	site_catalog(&x, CATALOG_WELL_KNOWN, 200, FIX "catalog/valid.json");
	exec(&x, "ai-catalog");
	assert_int_equal(x.r.verdict, CHECK_PASS);
	assert_non_null(strstr(x.r.detail, "0 errors, 0 warnings"));

	site_catalog(&x, CATALOG_ROBOTS, 200, FIX "catalog/invalid.json");
	exec(&x, "ai-catalog");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "'displayName' is a required property"));
	assert_true(has_note(&x.r, "must be equal to one of the allowed values"));
	assert_true(has_note(&x.r, "does not match RFC 8141 URN pattern"));
	assert_true(has_note(&x.r, "both 'url' and 'data' are provided"));
	assert_true(has_note(&x.r, "Found 'collections' array at root"));
	assert_non_null(strstr(x.r.detail, "robots.txt"));

	site_catalog(&x, CATALOG_LINK, 200, FIX "catalog/malformed.json");
	exec(&x, "ai-catalog");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "Malformed JSON in manifest"));

	/* no signal and nothing at the well-known path: not applicable */
	site_catalog(&x, CATALOG_WELL_KNOWN, 404, NULL);
	exec(&x, "ai-catalog");
	assert_int_equal(x.r.verdict, CHECK_NA);
	/* a signal that leads nowhere fails */
	site_catalog(&x, CATALOG_HEADER, 404, NULL);
	exec(&x, "ai-catalog");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "could not be loaded"));
	assert_non_null(strstr(x.r.detail, "Link header"));
	free(x.site.catalog.body);
	done(&x);
}

struct counts {
	size_t errors, warnings;
};

static void
count_cb(void *arg, bool error, const char *element, const char *message)
{
	struct counts *c = arg;

	(void)element;
	(void)message;
	if (error)
		c->errors++;
	else
		c->warnings++;
}

static void
test_catalog_rules(void **state)
{
	struct counts c = { 0, 0 };
	const char *warn_only = "{\"specVersion\":\"1.0\",\"entries\":[{"
	    "\"identifier\":\"urn:air:a.test:ns:tool\",\"displayName\":\"T\","
	    "\"type\":\"application/x-custom\",\"data\":{}}]}";
	const char *bad_trust = "{\"specVersion\":\"1.0\",\"entries\":[{"
	    "\"identifier\":\"urn:air:a.test:tool\",\"displayName\":\"T\","
	    "\"type\":\"application/agent-card+json\",\"url\":\"https://a.test/c\","
	    "\"representativeQueries\":[\"a\",\"b\"],\"updatedAt\":\"yesterday\","
	    "\"trustManifest\":{\"identityType\":\"x\"}}]}";

	(void)state;
	/* an unknown media type and missing queries warn, never error */
	agent_catalog_validate(warn_only, strlen(warn_only), count_cb, &c);
	assert_int_equal(c.errors, 0);
	assert_int_equal(c.warnings, 2);
	c.errors = c.warnings = 0;
	/* trustManifest needs identity; identityType is an enum; date-time */
	agent_catalog_validate(bad_trust, strlen(bad_trust), count_cb, &c);
	assert_int_equal(c.errors, 4);   /* schema x3, semantic identity x1 */
	assert_int_equal(c.warnings, 0);
	c.errors = 0;
	agent_catalog_validate("[1]", 3, count_cb, &c);
	assert_true(c.errors >= 2);   /* not an object; no entries */
	c.errors = 0;
	agent_catalog_validate("{} trailing", 11, count_cb, &c);
	assert_int_equal(c.errors, 1);
}

static void
test_catalog_discovery(void **state)
{
	char *u;
	GumboOutput *g;

	(void)state;
	/* robots.txt: "Agentmap:", case-insensitive, first one wins */
	u = agent_catalog_from_robots("User-agent: *\nAllow: /\n  agentmap:  "
	    "/cat.json\nAgentmap: /second.json\n", "http://h.test/p/q.html");
	assert_string_equal(u, "http://h.test/cat.json");
	free(u);
	assert_null(agent_catalog_from_robots("User-agent: *\n", "http://h.test/"));
	assert_null(agent_catalog_from_robots(NULL, "http://h.test/"));
	/* <link rel~="ai-catalog" i> */
	g = gumbo_parse("<head><link rel=stylesheet href=a.css>"
	    "<link rel=\"preload AI-Catalog\" href=\"cat/ai.json\"></head>");
	u = agent_catalog_from_dom(g, "http://h.test/dir/page.html");
	assert_string_equal(u, "http://h.test/dir/cat/ai.json");
	free(u);
	gumbo_destroy_output(&kGumboDefaultOptions, g);
	g = gumbo_parse("<link rel=ai-catalogue href=x.json>");
	assert_null(agent_catalog_from_dom(g, "http://h.test/"));
	gumbo_destroy_output(&kGumboDefaultOptions, g);
	/* Link header: several values, quoted rel lists, commas in quotes */
	u = agent_catalog_from_header("</a.css>; rel=preload; as=\"style,x\", "
	    "<https://cdn.test/ai.json>; rel=\"describedby ai-catalog\"",
	    "http://h.test/");
	assert_string_equal(u, "https://cdn.test/ai.json");
	free(u);
	u = agent_catalog_from_header("</x.json>; rel=ai-catalog", "http://h.test/p/");
	assert_string_equal(u, "http://h.test/x.json");
	free(u);
	assert_null(agent_catalog_from_header("</x.json>; rel=next", "http://h.test/"));
	assert_null(agent_catalog_from_header(NULL, "http://h.test/"));
}

/*==== ai-crawler-access ===================================================*/

static void
test_crawler_access(void **state)
{
	struct run x;
	char *robots = slurp(FIX "robots-ai.txt");

	(void)state;
	prepare(&x, dup("<p>x"), "http://garden.test/agent/good.html");
	exec(&x, "ai-crawler-access");
	assert_int_equal(x.r.verdict, CHECK_NA);   /* no robots.txt */
	x.ctx.robots_txt = robots;
	exec(&x, "ai-crawler-access");
	assert_int_equal(x.r.verdict, CHECK_INFO);   /* never a failure */
	assert_int_equal(x.r.nitems, 3);
	assert_string_equal(x.r.items[0].snippet, "GPTBot");
	assert_string_equal(x.r.items[1].snippet, "Google-Extended");
	assert_string_equal(x.r.items[2].snippet, "CCBot");
	done(&x);
	/* outside /agent/ only GPTBot is kept off */
	prepare(&x, dup("<p>x"), "http://garden.test/index.html");
	x.ctx.robots_txt = robots;
	exec(&x, "ai-crawler-access");
	assert_int_equal(x.r.nitems, 1);
	x.ctx.robots_txt = "User-agent: *\nAllow: /\n";
	exec(&x, "ai-crawler-access");
	assert_int_equal(x.r.verdict, CHECK_INFO);
	assert_int_equal(x.r.nitems, 0);
	done(&x);
	free(robots);
	assert_true(agent_crawlers_count >= 10);
}

/*==== Page checks =========================================================*/

static void
test_content_without_js(void **state)
{
	size_t n;

	(void)state;
	assert_int_equal(verdict_of("content-without-js", slurp(FIX "shell.html"),
	    PAGE, &n), CHECK_FAIL);
	assert_int_equal(n, 1);
	assert_int_equal(verdict_of("content-without-js", slurp(FIX "good.html"),
	    PAGE, NULL), CHECK_PASS);
	/* short, but nothing is left to script: pass */
	assert_int_equal(verdict_of("content-without-js",
	    dup("<title>t</title><p>Short page."), PAGE, NULL), CHECK_PASS);
	/* JSON-LD is data, not script */
	assert_int_equal(verdict_of("content-without-js",
	    dup("<script type=application/ld+json>{}</script><p>Short."), PAGE,
	    NULL), CHECK_PASS);
}

static void
test_structured_data(void **state)
{
	struct run x;

	(void)state;
	assert_int_equal(verdict_of("structured-data-coverage",
	    slurp(FIX "good.html"), PAGE, NULL), CHECK_PASS);
	assert_int_equal(verdict_of("structured-data-coverage",
	    slurp(FIX "shell.html"), PAGE, NULL), CHECK_FAIL);
	prepare(&x, dup("<script type=application/ld+json>{\"@context\": "
	    "\"https://schema.org\", \"@type\": </script><p>x"), PAGE);
	exec(&x, "structured-data-coverage");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "Malformed JSON-LD"));
	done(&x);
	/* an article carrying only Organization misses its kind's type */
	prepare(&x, dup("<script type=application/ld+json>{\"@context\": "
	    "\"https://schema.org\", \"@type\": \"Organization\"}</script>"
	    "<article><h1>News</h1></article>"), PAGE);
	exec(&x, "structured-data-coverage");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "A page of kind article should carry"));
	done(&x);
	/* microdata counts; @graph and schema: prefixes are understood */
	assert_int_equal(verdict_of("structured-data-coverage", dup(
	    "<div itemscope itemtype=\"https://schema.org/Product\">"
	    "<span itemprop=price>3</span></div>"), PAGE, NULL), CHECK_PASS);
	assert_int_equal(verdict_of("structured-data-coverage", dup(
	    "<script type=application/ld+json>{\"@context\":\"https://schema.org\","
	    "\"@graph\":[{\"@type\":\"schema:WebSite\"}]}</script>"),
	    "http://garden.test/", NULL), CHECK_PASS);
	prepare(&x, dup("<script type=application/ld+json>{\"@type\":\"Thing\"}"
	    "</script>"), PAGE);
	exec(&x, "structured-data-coverage");
	assert_true(has_note(&x.r, "without @context"));
	done(&x);
}

static void
test_citation(void **state)
{
	struct run x;

	(void)state;
	assert_int_equal(verdict_of("citation-metadata", slurp(FIX "good.html"),
	    PAGE, NULL), CHECK_PASS);
	prepare(&x, slurp(FIX "shell.html"), PAGE);
	exec(&x, "citation-metadata");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_int_equal(x.r.nitems, 3);   /* canonical, og:title, og:desc */
	done(&x);
	/* an article also needs an author and a publication date */
	prepare(&x, dup("<link rel=canonical href=/a><meta property=og:title "
	    "content=T><meta property=og:description content=D>"
	    "<article><h1>A</h1></article>"), PAGE);
	exec(&x, "citation-metadata");
	assert_int_equal(x.r.nitems, 2);
	assert_true(has_note(&x.r, "without an author"));
	assert_true(has_note(&x.r, "publication date"));
	done(&x);
}

static void
test_semantic_structure(void **state)
{
	struct run x;

	(void)state;
	assert_int_equal(verdict_of("semantic-structure", slurp(FIX "good.html"),
	    PAGE, NULL), CHECK_PASS);
	prepare(&x, dup("<main><h1>a</h1></main><div role=main>b</div>"), PAGE);
	exec(&x, "semantic-structure");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "More than one main landmark"));
	done(&x);
	prepare(&x, dup("<main><h2>a</h2><h1>b</h1><h3>c</h3></main>"), PAGE);
	exec(&x, "semantic-structure");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(has_note(&x.r, "starts below h1"));
	assert_true(has_note(&x.r, "heading-order"));
	done(&x);
	prepare(&x, dup("<p>no landmark, no heading"), PAGE);
	exec(&x, "semantic-structure");
	assert_int_equal(x.r.nitems, 2);
	done(&x);
}

static void
test_webmcp(void **state)
{
	struct run x;
	size_t n;

	(void)state;
	assert_int_equal(verdict_of("webmcp-form-coverage", slurp(FIX "good.html"),
	    PAGE, NULL), CHECK_PASS);
	assert_int_equal(verdict_of("webmcp-form-coverage", slurp(FIX "shell.html"),
	    PAGE, &n), CHECK_INFO);   /* informative: never a failure */
	assert_int_equal(n, 1);
	assert_int_equal(verdict_of("webmcp-form-coverage", dup("<p>no forms"),
	    PAGE, NULL), CHECK_NA);

	assert_int_equal(verdict_of("webmcp-schema-validity",
	    slurp(FIX "good.html"), PAGE, NULL), CHECK_PASS);
	assert_int_equal(verdict_of("webmcp-schema-validity",
	    slurp(FIX "shell.html"), PAGE, NULL), CHECK_NA);
	prepare(&x, slurp(FIX "webmcp-invalid.html"), PAGE);
	exec(&x, "webmcp-schema-validity");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_int_equal(x.r.nitems, 6);   /* Lighthouse + Chromium: 4 */
	assert_true(has_note(&x.r, "`toolname` must be 1-128 characters"));
	assert_true(has_note(&x.r, "`tooldescription` attribute is missing"));
	assert_true(has_note(&x.r, "`toolname` attribute is missing"));
	assert_true(has_note(&x.r, "Missing `name` attribute for a required"));
	assert_true(has_note(&x.r, "Add a description"));
	assert_true(has_note(&x.r, "toolparam* outside a form"));
	done(&x);
	/* the same tool name twice */
	prepare(&x, dup("<form toolname=a tooldescription=d></form>"
	    "<form toolname=a tooldescription=e></form>"), PAGE);
	exec(&x, "webmcp-schema-validity");
	assert_int_equal(x.r.nitems, 1);
	assert_true(has_note(&x.r, "same `toolname`"));
	done(&x);
	/* only warnings (an optional field without a name) still fail */
	assert_int_equal(verdict_of("webmcp-schema-validity", dup(
	    "<form toolname=t tooldescription=d><input aria-description=x>"
	    "</form>"), PAGE, &n), CHECK_FAIL);
	assert_int_equal(n, 1);
	/* fields of a form that is not a registered tool are not parameters */
	assert_int_equal(verdict_of("webmcp-schema-validity", dup(
	    "<form toolname=t><input required></form>"), PAGE, &n), CHECK_FAIL);
	assert_int_equal(n, 1);   /* only the missing tooldescription */
}

static void
test_accessibility_tree(void **state)
{
	struct run x;

	(void)state;
	assert_int_equal(verdict_of("agent-accessibility-tree",
	    slurp(FIX "good.html"), PAGE, NULL), CHECK_PASS);
	prepare(&x, dup("<title>t</title><button></button>"
	    "<div role=bogus>x</div><a href=/x></a>"), PAGE);
	exec(&x, "agent-accessibility-tree");
	assert_int_equal(x.r.verdict, CHECK_FAIL);
	assert_true(x.r.nitems >= 3);
	assert_true(has_note(&x.r, "button-name"));
	assert_true(has_note(&x.r, "aria-roles"));
	assert_true(has_note(&x.r, "link-name"));
	assert_non_null(strstr(x.r.detail, "button-name"));
	done(&x);
}

/*==== Through the engine ==================================================*/

static void
test_audit_html(void **state)
{
	struct audit_opts o;
	struct audit_report *rep = NULL;
	char *html = slurp(FIX "good.html");

	(void)state;
	audit_opts_init(&o);
	o.dims = AUDIT_DIM_BIT(DIM_AGENT_READINESS);
	assert_int_equal(audit_html(PAGE, html, strlen(html), &o, &rep), SA_OK);
	assert_int_equal(rep->scores[DIM_AGENT_READINESS], 100);
	assert_int_equal(rep->overall, SCORE_ABSENT);   /* never in overall */
	assert_int_equal(rep->pages[0].nchecks, audit_checks_agent_count);
	for (size_t i = 0; i < rep->pages[0].nchecks; i++)
		if (strcmp(rep->pages[0].defs[i]->id, "llms-txt") == 0 ||
		    strcmp(rep->pages[0].defs[i]->id, "ai-catalog") == 0)
			assert_int_equal(rep->pages[0].results[i].verdict, CHECK_NA);
	audit_report_free(rep);
	free(html);
	html = slurp(FIX "shell.html");
	assert_int_equal(audit_html(PAGE, html, strlen(html), &o, &rep), SA_OK);
	assert_true(rep->scores[DIM_AGENT_READINESS] < 50);
	audit_report_free(rep);
	free(html);
}

/* Hostile input: deep nesting, junk attributes; every check must cope. */
static void
test_hostile_input(void **state)
{
	const size_t depth = 5000;
	struct buf b;
	char *html;
	struct run x;

	(void)state;
	buf_init(&b, depth * 5 + 512);
	assert_int_equal(buf_adds(&b, "<form toolname=\"\" tooldescription><input"
	    " required toolparamdescription><script type=application/ld+json>"
	    "[[[[[</script><link rel=ai-catalog href=\"javascript:x\"><main><main>"),
	    SA_OK);
	for (size_t i = 0; i < depth; i++)
		assert_int_equal(buf_adds(&b, "<div>"), SA_OK);
	assert_int_equal(buf_adds(&b, "deep text"), SA_OK);
	assert_non_null(html = buf_take(&b, NULL));
	buf_free(&b);
	prepare(&x, html, "not a url");
	x.ctx.robots_txt = "User-agent: GPTBot\nDisallow: /\nAgentmap:";
	for (size_t i = 0; i < audit_checks_agent_count; i++)
		exec(&x, audit_checks_agent[i].id);
	done(&x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_llms_rules),
		cmocka_unit_test(test_llms_check),
		cmocka_unit_test(test_llms_links),
		cmocka_unit_test(test_catalog_check),
		cmocka_unit_test(test_catalog_rules),
		cmocka_unit_test(test_catalog_discovery),
		cmocka_unit_test(test_crawler_access),
		cmocka_unit_test(test_content_without_js),
		cmocka_unit_test(test_structured_data),
		cmocka_unit_test(test_citation),
		cmocka_unit_test(test_semantic_structure),
		cmocka_unit_test(test_webmcp),
		cmocka_unit_test(test_accessibility_tree),
		cmocka_unit_test(test_audit_html),
		cmocka_unit_test(test_hostile_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
