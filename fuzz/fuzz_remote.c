/* fuzz_remote.c: parsers of what other servers send back — the CrUX API's
 * queryRecord response (crux_parse), an LLM chat-completions response
 * applied to page-audit edits (llm_apply_response, llm_clean), and script
 * URLs / bodies scanned for vulnerable libraries (vulnlib_*). The input is
 * the response body (not NUL-terminated); as text it is also a URL, a
 * proposed text, and "version\nversion" for the version comparison. */
/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>
#include "audit/crux.h"
#include "audit/llm.h"
#include "audit/vulnlibs.h"
#include "fuzz.h"

#define REMOTE_MAX_HITS 8

static int
remote_sign(int v)
{
	return (v > 0) - (v < 0);
}

static void
remote_crux(const uint8_t *data, size_t size)
{
	struct crux_data d;
	enum sa_err rc = crux_parse((size & 1) ? 404 : 200, (const char *)data,
	    size, &d);

	FUZZ_CHECK(rc == SA_OK || rc == SA_ENOTFOUND || rc == SA_EINVAL ||
	    rc == SA_ENOMEM);
	FUZZ_CHECK(d.has == (rc == SA_OK));
}

/* Edits of each kind the model may rewrite, and one it may not. */
static void
remote_llm(const uint8_t *data, size_t size, const char *text)
{
	static const char edits[] =
	    "[{\"type\":\"title\",\"currentValue\":\"a\",\"proposedValue\":\"b\"},"
	    "{\"type\":\"meta_description\",\"proposedValue\":\"d\"},"
	    "{\"type\":\"image_alt\",\"proposedValue\":\"\"},"
	    "{\"type\":\"heading\",\"proposedValue\":\"A heading\"},"
	    "{\"type\":\"heading\",\"proposedValue\":\"h2\"},"
	    "{\"type\":\"link_text\"},{\"type\":\"canonical\",\"proposedValue\":\"x\"}]";
	json_object *mods = json_tokener_parse(edits);
	char *clean;
	int n;

	FUZZ_CHECK(mods != NULL);
	n = llm_apply_response(mods, (const char *)data, size);
	FUZZ_CHECK(n >= -1 && n <= (int)json_object_array_length(mods));
	FUZZ_CHECK(json_object_array_length(mods) == 7);
	n = llm_apply(mods, text);
	FUZZ_CHECK(n >= -1 && n <= 7);
	json_object_put(mods);
	if ((clean = llm_clean("title", text)) != NULL) {
		for (const char *p = clean; *p; p++)
			FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
		free(clean);
	}
}

static void
remote_vulnlibs(const uint8_t *data, size_t size, const char *text)
{
	struct vulnlib_hit hits[REMOTE_MAX_HITS], h;
	const struct vulnlib_row *rows[4];
	const char *nl = strchr(text, '\n');
	size_t n;

	if (vulnlib_from_url(text, &h)) {
		FUZZ_CHECK(memchr(h.lib, '\0', sizeof(h.lib)) &&
		    memchr(h.version, '\0', sizeof(h.version)));
		(void)vulnlib_match(h.lib, h.version, rows, 4);
		(void)vulnlib_name(h.lib);
	}
	n = vulnlib_from_body((const char *)data, size, hits, REMOTE_MAX_HITS);
	FUZZ_CHECK(n <= REMOTE_MAX_HITS);
	for (size_t i = 0; i < n; i++)
		(void)vulnlib_match(hits[i].lib, hits[i].version, rows, 4);
	if (nl) {
		char *a = strndup(text, (size_t)(nl - text));
		const char *b = nl + 1;
		FUZZ_CHECK(a != NULL);
		/* a comparison: reflexive and antisymmetric */
		FUZZ_CHECK(vulnlib_vercmp(a, a) == 0);
		FUZZ_CHECK(remote_sign(vulnlib_vercmp(a, b)) ==
		    -remote_sign(vulnlib_vercmp(b, a)));
		free(a);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size), *origin;

	remote_crux(data, size);
	remote_llm(data, size, text);
	if ((origin = crux_origin(text)) != NULL) {
		FUZZ_CHECK(strncmp(origin, "http://", 7) == 0 ||
		    strncmp(origin, "https://", 8) == 0);
		free(origin);
	}
	remote_vulnlibs(data, size, text);
	free(text);
	return 0;
}
