/* test_modifications.c: the rule-based edits of a page audit. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "audit/audit.h"
#include "audit/modifications.h"

static json_object *
find(json_object *res, const char *type, size_t nth)
{
	json_object *mods = json_object_object_get(res, "modifications");

	for (size_t i = 0; i < json_object_array_length(mods); i++) {
		json_object *m = json_object_array_get_idx(mods, i);

		if (strcmp(json_object_get_string(json_object_object_get(m, "type")),
		    type) == 0 && nth-- == 0)
			return m;
	}
	return NULL;
}

static const char *
field(json_object *m, const char *k)
{
	json_object *v = json_object_object_get(m, k);

	return v ? json_object_get_string(v) : NULL;
}

static const char bare[] =
    "<!doctype html><html><head><title>Hi</title></head><body>"
    "<h1>Fresh bread</h1><h3>Skipped</h3><p>We bake sourdough, rye and"
    " spelt loaves every morning in the harbour, from local flour.</p>"
    "<img src=\"/img/team-photo_2024.jpg\"><img src=\"b.png\" alt=\"ok\">"
    "<img src=\"/x/oven.webp\"><a href=\"/opening-hours\">click here</a>"
    "<h2>Do you deliver?</h2><p>Yes, daily.</p>"
    "<h2>Is it vegan?</h2><p>Mostly.</p></body></html>";

static void
bare_page(void **state)
{
	json_object *res = mods_build("https://bakery.example/", bare,
	    sizeof(bare) - 1, NULL), *m;

	(void)state;
	assert_non_null(res);
	m = find(res, "title", 0);
	assert_string_equal(field(m, "currentValue"), "Hi");
	assert_string_equal(field(m, "proposedValue"), "Fresh bread | bakery.example");
	m = find(res, "meta_description", 0);
	assert_null(field(m, "currentValue"));
	assert_non_null(strstr(field(m, "proposedValue"), "We bake sourdough"));
	m = find(res, "image_alt", 0);
	assert_string_equal(field(m, "proposedValue"), "Team photo 2024");
	assert_string_equal(field(find(res, "image_alt", 1), "proposedValue"), "Oven");
	assert_null(find(res, "image_alt", 2));
	m = find(res, "link_text", 0);
	assert_string_equal(field(m, "currentValue"), "click here");
	assert_string_equal(field(m, "proposedValue"), "Opening hours");
	m = find(res, "heading", 0);
	assert_string_equal(field(m, "currentValue"), "h3");
	assert_string_equal(field(m, "proposedValue"), "h2");
	m = find(res, "json_ld", 0);
	assert_non_null(strstr(field(m, "proposedValue"), "\"FAQPage\""));
	assert_non_null(strstr(field(m, "proposedValue"), "Do you deliver?"));
	assert_non_null(find(res, "canonical", 0));
	json_object_put(res);
}

static const char good[] =
    "<html><head><title>Harbour Bakery: sourdough and rye every morning</title>"
    "<meta name=\"description\" content=\"Harbour Bakery bakes sourdough, rye"
    " and spelt loaves every morning from local flour. Order online.\">"
    "<link rel=\"canonical\" href=\"https://bakery.example/\">"
    "<script type=\"application/ld+json\">{}</script></head>"
    "<body><h1>Bread</h1><img src=a.png alt=\"A loaf\"></body></html>";

static void
good_page(void **state)
{
	json_object *res = mods_build("https://bakery.example/", good,
	    sizeof(good) - 1, NULL);

	(void)state;
	assert_int_equal(json_object_array_length(
	    json_object_object_get(res, "modifications")), 0);
	assert_non_null(strstr(field(res, "summary"), "No edits"));
	json_object_put(res);
}

static void
robots_noindex(void **state)
{
	static const char html[] = "<head><meta name=robots content=\"noindex\">"
	    "</head><article><h1>News</h1></article>";
	json_object *res = mods_build("https://x.example/a", html, sizeof(html) - 1,
	    NULL);

	(void)state;
	assert_string_equal(field(find(res, "robots", 0), "proposedValue"),
	    "index, follow");
	assert_non_null(strstr(field(find(res, "json_ld", 0), "proposedValue"),
	    "\"Article\""));
	json_object_put(res);
}

/* The agent-readiness edits, from a real engine report of the page. */
static const char agent_page[] =
    "<html><head><title>Garden planner</title>"
    "<script type=\"application/ld+json\">{\"@type\": </script></head><body>"
    "<nav><a href=\"/guides\">All guides</a> <a href=\"https://other.example/\">"
    "Elsewhere</a></nav><main><h1>Plan your beds</h1><h2>Sowing dates</h2>"
    "<h2>Watering</h2><p>Plan what grows where, when to sow and how much to"
    " water, from your frost dates.</p>"
    "<h2>Book a visit</h2><form action=\"/book\" method=\"post\">"
    "<label for=d>Preferred day</label><input id=d name=day type=date>"
    "<button>Book a visit</button></form>"
    "<form toolname=\"bad name\" tooldescription=\"Searches guides.\">"
    "<input name=q aria-label=\"Search terms\"></form></main></body></html>";

static const char *
agent_field(json_object *res, const char *type, size_t nth, const char *k)
{
	json_object *m = find(res, type, nth);

	assert_non_null(m);
	return field(m, k);
}

static void
agent_edits(void **state)
{
	struct audit_opts o;
	struct audit_report *rep = NULL;
	json_object *res;
	const char *v;

	(void)state;
	audit_opts_init(&o);
	o.dims = AUDIT_DIM_BIT(DIM_AGENT_READINESS);
	assert_int_equal(audit_html("https://garden.example/plan", agent_page,
	    sizeof(agent_page) - 1, &o, &rep), SA_OK);
	/* robots.txt blocked two AI crawlers (no network here: as the engine
	 * reports it when it has fetched one) */
	for (size_t i = 0; i < rep->pages[0].nchecks; i++)
		if (strcmp(rep->pages[0].defs[i]->id, "ai-crawler-access") == 0) {
			check_fail_text(&rep->pages[0].results[i], "GPTBot", NULL);
			check_fail_text(&rep->pages[0].results[i], "CCBot", NULL);
			rep->pages[0].results[i].verdict = CHECK_INFO;
		}
	res = mods_build("https://garden.example/plan", agent_page,
	    sizeof(agent_page) - 1, rep);
	assert_non_null(res);
	/* llms.txt draft: the page's title, same-site links, h2 topics */
	v = agent_field(res, "llms_txt", 0, "proposedValue");
	assert_non_null(strstr(v, "# Garden planner\n"));
	assert_non_null(strstr(v, "- [All guides](https://garden.example/guides)"));
	assert_null(strstr(v, "other.example"));
	assert_non_null(strstr(v, "- Sowing dates\n"));
	assert_string_equal(agent_field(res, "llms_txt", 0, "source"), "rules");
	/* WebMCP: a name and description for the bare form, a fixed name for
	 * the annotated one, parameter descriptions from the labels */
	v = agent_field(res, "webmcp_tool", 0, "proposedValue");
	assert_non_null(strstr(v, "toolname=\"book_a_visit\""));
	assert_non_null(strstr(v, "tooldescription=\"Book a visit: submits the "
	    "form (post /book).\""));
	assert_string_equal(agent_field(res, "webmcp_tool", 1, "proposedValue"),
	    "toolname=\"bad_name\"");
	assert_string_equal(agent_field(res, "webmcp_param", 0, "proposedValue"),
	    "toolparamdescription=\"Preferred day\"");
	assert_string_equal(agent_field(res, "webmcp_param", 1, "proposedValue"),
	    "toolparamdescription=\"Search terms\"");
	assert_null(find(res, "webmcp_param", 2));
	/* broken JSON-LD: a replacement block even though one exists */
	v = agent_field(res, "json_ld", 0, "reason");
	assert_non_null(strstr(v, "Malformed JSON-LD"));
	/* citation tags */
	assert_non_null(strstr(agent_field(res, "citation_meta", 0,
	    "proposedValue"), "og:title\" content=\"Garden planner\""));
	/* robots.txt lines to let the blocked crawlers in */
	assert_string_equal(agent_field(res, "robots_txt", 0, "proposedValue"),
	    "User-agent: GPTBot\nUser-agent: CCBot\nAllow: /\n");
	assert_string_equal(agent_field(res, "robots_txt", 0, "currentValue"),
	    "GPTBot, CCBot");
	json_object_put(res);
	audit_report_free(rep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bare_page),
		cmocka_unit_test(good_page),
		cmocka_unit_test(robots_noindex),
		cmocka_unit_test(agent_edits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
