/* fuzz_tmpl.c: the template renderer with a fuzzed template AND fuzzed
 * values. Input: "JSON context\0template"; without a NUL byte (or when the
 * JSON does not parse) a fixed context with every kind of value is used.
 * Partials come from fuzz/partials/ (one recursive, one list, one broken).
 * Checked: data never reaches the page raw — a template without '<' yields
 * output without '<' (partials hold none), whatever the values. */
/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>
#include "tmpl/tmpl.h"
#include "fuzz.h"

#define TMPL_FUZZ_PARTIALS "fuzz/partials"

/* Strings that need escaping, nested objects and arrays, falsy values, and
 * one markup value (without '<', so the invariant above still holds). */
static json_object *
tmpl_default_ctx(void)
{
	static const char text[] =
	    "{\"name\":\"<b>&\\\"'</b>\",\"n\":0,\"x\":1.5,\"t\":true,"
	    "\"f\":false,\"z\":null,\"e\":\"\",\"empty\":[],"
	    "\"list\":[1,\"<two>\",{\"a\":\"x<y\"},[3,[4]]],"
	    "\"obj\":{\"a\":{\"b\":\"<deep>\"},\"list\":[{\"name\":\"<n>\"}]}}";
	json_object *o = json_tokener_parse(text);

	FUZZ_CHECK(o != NULL);
	json_object_object_add(o, "raw", tmpl_markup("&amp; raw", 9));
	return o;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *src;
	size_t slen, hlen;
	json_object *ctx = NULL;
	struct buf out;
	char err[128] = "";
	enum sa_err rc;

	fuzz_split(data, size, '\0', &src, &slen, &hlen);
	if (hlen) {
		char *json = fuzz_str(data, hlen);
		ctx = json_tokener_parse(json);
		free(json);
	}
	if (ctx == NULL)
		ctx = tmpl_default_ctx();
	buf_init(&out, TMPL_MAX_BYTES);
	/* src is not NUL-terminated: the renderer must stay inside slen */
	rc = tmpl_render_text(TMPL_FUZZ_PARTIALS, (const char *)src, slen, ctx,
	    &out, err, sizeof(err));
	FUZZ_CHECK(rc == SA_OK || rc == SA_EINVAL || rc == SA_ENOTFOUND ||
	    rc == SA_ETOOBIG || rc == SA_ENOMEM);
	FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL);
	if (rc == SA_OK && memchr(src, '<', slen) == NULL)
		FUZZ_CHECK(out.len == 0 || memchr(out.ptr, '<', out.len) == NULL);
	buf_free(&out);
	json_object_put(ctx);
	return 0;
}
