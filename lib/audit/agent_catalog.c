/* agent_catalog.c: ai-catalog.json validation (Agentic Resource Discovery). */
/* SPDX-License-Identifier: MIT */
/*
 * Two layers, as Lighthouse 13.5's ard-schema audit (third-party/ard):
 *  1. the published JSON Schema, ards-project/ard-spec
 *     spec/schemas/ai-catalog.schema.json at commit b76f235a (the copy
 *     shipped in the lighthouse@13.5.0 npm package), rule by rule below;
 *  2. the ARD conformance tool's semantic rules (conformance/bin/
 *     conformance-test, ported to third-party/ard/ard.js): URN identifiers,
 *     known media types, url xor data, 2-5 representativeQueries,
 *     trustManifest.identity, no root "collections".
 * Lighthouse stops at the first schema error; here every one is listed.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "audit/agent_checks.h"

struct val {
	agent_issue_fn fn;
	void          *arg;
};

static void schema_err(struct val *v, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
schema_err(struct val *v, const char *path, const char *fmt, ...)
{
	char msg[512], full[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "JSON Schema Validation Failed: %s at path "
	    "'%s'", msg, *path ? path : "root");
	v->fn(v->arg, true, "Root", full);
}

/* path + "." + key into out[n] */
static void
join(char *out, size_t n, const char *path, const char *key)
{
	snprintf(out, n, "%s%s%s", path, *path ? "." : "", key);
}

static bool
is_type(json_object *o, json_type t)
{
	return o != NULL && json_object_get_type(o) == t;
}

/* One property rule: name, JSON type, and an optional format. */
enum fmt { F_NONE, F_URI, F_DATE_TIME, F_STRINGS };
struct prop {
	const char *name;
	json_type   type;
	enum fmt    fmt;
};

static void check_trust(struct val *v, json_object *o, const char *path);

/* Checks o's listed properties' types and formats; with closed set, any
 * other property is an error (additionalProperties: false). */
static void
check_props(struct val *v, json_object *o, const char *path,
    const struct prop *props, size_t n, bool closed)
{
	char sub[256];

	json_object_object_foreach(o, key, val) {
		size_t i;

		for (i = 0; i < n && strcmp(props[i].name, key) != 0; i++)
			;
		join(sub, sizeof(sub), path, key);
		if (i == n) {
			if (closed)
				schema_err(v, path, "must NOT have additional "
				    "properties ('%s')", key);
			continue;
		}
		if (!is_type(val, props[i].type)) {
			schema_err(v, sub, "must be %s",
			    json_type_to_name(props[i].type));
			continue;
		}
		if (props[i].fmt == F_URI &&
		    !agent_fmt_uri(json_object_get_string(val)))
			schema_err(v, sub, "must match format \"uri\"");
		if (props[i].fmt == F_DATE_TIME &&
		    !agent_fmt_date_time(json_object_get_string(val)))
			schema_err(v, sub, "must match format \"date-time\"");
		if (props[i].fmt == F_STRINGS)
			for (size_t k = 0; k < json_object_array_length(val); k++)
				if (!is_type(json_object_array_get_idx(val, k),
				    json_type_string))
					schema_err(v, sub, "items must be string");
	}
}

static void
require(struct val *v, json_object *o, const char *path,
    const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!json_object_object_get_ex(o, names[i], NULL))
			schema_err(v, path, "'%s' is a required property", names[i]);
}

/* An array of closed objects (attestations, provenance). */
static void
check_records(struct val *v, json_object *arr, const char *path,
    const char *const *req, size_t nreq, const struct prop *props,
    size_t nprops)
{
	char sub[256], idx[32];

	if (!is_type(arr, json_type_array))
		return;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		json_object *it = json_object_array_get_idx(arr, i);

		snprintf(idx, sizeof(idx), "%zu", i);
		join(sub, sizeof(sub), path, idx);
		if (!is_type(it, json_type_object)) {
			schema_err(v, sub, "must be object");
			continue;
		}
		require(v, it, sub, req, nreq);
		check_props(v, it, sub, props, nprops, true);
	}
}

static void
check_trust(struct val *v, json_object *o, const char *path)
{
	static const struct prop tp[] = {
		{ "identity", json_type_string, F_NONE },
		{ "identityType", json_type_string, F_NONE },
		{ "trustSchema", json_type_object, F_NONE },
		{ "attestations", json_type_array, F_NONE },
		{ "provenance", json_type_array, F_NONE },
		{ "signature", json_type_string, F_NONE },
	}, sp[] = {
		{ "identifier", json_type_string, F_NONE },
		{ "version", json_type_string, F_NONE },
		{ "governanceUri", json_type_string, F_URI },
		{ "verificationMethods", json_type_array, F_STRINGS },
	}, ap[] = {
		{ "type", json_type_string, F_NONE },
		{ "uri", json_type_string, F_URI },
		{ "mediaType", json_type_string, F_NONE },
		{ "digest", json_type_string, F_NONE },
	}, pp[] = {
		{ "relation", json_type_string, F_NONE },
		{ "sourceId", json_type_string, F_NONE },
		{ "sourceDigest", json_type_string, F_NONE },
	};
	static const char *const treq[] = { "identity" };
	static const char *const sreq[] = { "identifier", "version" };
	static const char *const areq[] = { "type", "uri", "mediaType" };
	static const char *const preq[] = { "relation", "sourceId" };
	static const char *const idtypes[] = { "spiffe", "did", "https", "other" };
	json_object *x;
	char sub[256];

	if (!is_type(o, json_type_object)) {
		schema_err(v, path, "must be object");
		return;
	}
	require(v, o, path, treq, 1);
	check_props(v, o, path, tp, SA_NITEMS(tp), true);
	if (json_object_object_get_ex(o, "identityType", &x) &&
	    is_type(x, json_type_string)) {
		size_t i;

		for (i = 0; i < SA_NITEMS(idtypes) &&
		    strcmp(idtypes[i], json_object_get_string(x)) != 0; i++)
			;
		if (i == SA_NITEMS(idtypes)) {
			join(sub, sizeof(sub), path, "identityType");
			schema_err(v, sub, "must be equal to one of the allowed "
			    "values");
		}
	}
	if (json_object_object_get_ex(o, "trustSchema", &x) &&
	    is_type(x, json_type_object)) {
		join(sub, sizeof(sub), path, "trustSchema");
		require(v, x, sub, sreq, 2);
		check_props(v, x, sub, sp, SA_NITEMS(sp), true);
	}
	if (json_object_object_get_ex(o, "attestations", &x)) {
		join(sub, sizeof(sub), path, "attestations");
		check_records(v, x, sub, areq, 3, ap, SA_NITEMS(ap));
	}
	if (json_object_object_get_ex(o, "provenance", &x)) {
		join(sub, sizeof(sub), path, "provenance");
		check_records(v, x, sub, preq, 2, pp, SA_NITEMS(pp));
		for (size_t i = 0; is_type(x, json_type_array) &&
		    i < json_object_array_length(x); i++) {
			json_object *rel = NULL, *it = json_object_array_get_idx(x, i);
			const char *r;

			if (!is_type(it, json_type_object) ||
			    !json_object_object_get_ex(it, "relation", &rel) ||
			    !is_type(rel, json_type_string))
				continue;
			r = json_object_get_string(rel);
			if (strcmp(r, "derivedFrom") && strcmp(r, "publishedFrom") &&
			    strcmp(r, "copiedFrom"))
				schema_err(v, sub, "relation must be equal to one of "
				    "the allowed values");
		}
	}
}

/* $defs/catalogEntry */
static void
schema_entry(struct val *v, json_object *e, const char *path)
{
	static const struct prop ep[] = {
		{ "identifier", json_type_string, F_NONE },
		{ "displayName", json_type_string, F_NONE },
		{ "type", json_type_string, F_NONE },
		{ "url", json_type_string, F_URI },
		{ "data", json_type_object, F_NONE },
		{ "description", json_type_string, F_NONE },
		{ "tags", json_type_array, F_STRINGS },
		{ "capabilities", json_type_array, F_STRINGS },
		{ "representativeQueries", json_type_array, F_STRINGS },
		{ "version", json_type_string, F_NONE },
		{ "updatedAt", json_type_string, F_DATE_TIME },
		{ "metadata", json_type_object, F_NONE },
	};
	static const char *const req[] = { "identifier", "displayName", "type" };
	json_object *x;
	char sub[256];
	bool url, data;

	if (!is_type(e, json_type_object)) {
		schema_err(v, path, "must be object");
		return;
	}
	require(v, e, path, req, 3);
	check_props(v, e, path, ep, SA_NITEMS(ep), false);
	url = json_object_object_get_ex(e, "url", NULL);
	data = json_object_object_get_ex(e, "data", NULL);
	if (url == data)
		schema_err(v, path, "must match exactly one schema in oneOf");
	if (json_object_object_get_ex(e, "identifier", &x) &&
	    is_type(x, json_type_string) &&
	    !agent_urn_schema(json_object_get_string(x))) {
		join(sub, sizeof(sub), path, "identifier");
		schema_err(v, sub, "must match pattern \"%s\"",
		    "^urn:air:[a-zA-Z0-9.-]+(:[a-zA-Z0-9._-]+)+$");
	}
	if (json_object_object_get_ex(e, "representativeQueries", &x) &&
	    is_type(x, json_type_array) && (json_object_array_length(x) < 2 ||
	    json_object_array_length(x) > 5)) {
		join(sub, sizeof(sub), path, "representativeQueries");
		schema_err(v, sub, "must have between 2 and 5 items");
	}
	if (json_object_object_get_ex(e, "metadata", &x) &&
	    is_type(x, json_type_object)) {
		json_object_object_foreach(x, k, mv) {
			json_type t = json_object_get_type(mv);

			if (t == json_type_object || t == json_type_array) {
				join(sub, sizeof(sub), path, "metadata");
				schema_err(v, sub, "'%s' must be string, number, "
				    "boolean or null", k);
			}
		}
	}
	if (json_object_object_get_ex(e, "trustManifest", &x)) {
		join(sub, sizeof(sub), path, "trustManifest");
		check_trust(v, x, sub);
	}
}

/* The whole ai-catalog.schema.json. */
static void
schema_root(struct val *v, json_object *root)
{
	static const struct prop rp[] = {
		{ "specVersion", json_type_string, F_NONE },
		{ "host", json_type_object, F_NONE },
		{ "entries", json_type_array, F_NONE },
	}, hp[] = {
		{ "displayName", json_type_string, F_NONE },
		{ "identifier", json_type_string, F_NONE },
		{ "documentationUrl", json_type_string, F_URI },
		{ "logoUrl", json_type_string, F_URI },
		{ "trustManifest", json_type_object, F_NONE },
	};
	static const char *const req[] = { "specVersion", "entries" };
	static const char *const hreq[] = { "displayName" };
	json_object *x;
	char sub[32];

	if (!is_type(root, json_type_object)) {
		schema_err(v, "", "must be object");
		return;
	}
	require(v, root, "", req, 2);
	check_props(v, root, "", rp, SA_NITEMS(rp), true);
	if (json_object_object_get_ex(root, "specVersion", &x) &&
	    is_type(x, json_type_string) &&
	    strcmp(json_object_get_string(x), "1.0") != 0)
		schema_err(v, "specVersion", "must be equal to one of the allowed "
		    "values");
	if (json_object_object_get_ex(root, "host", &x) &&
	    is_type(x, json_type_object)) {
		require(v, x, "host", hreq, 1);
		check_props(v, x, "host", hp, SA_NITEMS(hp), true);
		if (json_object_object_get_ex(x, "trustManifest", &x))
			check_trust(v, x, "host.trustManifest");
	}
	if (json_object_object_get_ex(root, "entries", &x) &&
	    is_type(x, json_type_array))
		for (size_t i = 0; i < json_object_array_length(x); i++) {
			snprintf(sub, sizeof(sub), "entries.%zu", i);
			schema_entry(v, json_object_array_get_idx(x, i), sub);
		}
}

void
agent_catalog_validate(const char *json, size_t len, agent_issue_fn fn,
    void *arg)
{
	struct val v = { fn, arg };
	struct json_tokener *tok = json_tokener_new();
	json_object *root = NULL;
	char msg[300];

	if (tok == NULL)
		return;
	root = json_tokener_parse_ex(tok, json, (int)(len > 0x7fffffff ?
	    0x7fffffff : len));
	if (root == NULL || json_tokener_get_parse_end(tok) < len) {
		size_t end = json_tokener_get_parse_end(tok);

		/* trailing white space after a complete value is fine */
		while (root && end < len && isspace((unsigned char)json[end]))
			end++;
		if (root == NULL || end < len) {
			snprintf(msg, sizeof(msg), "Malformed JSON in manifest: %s",
			    root ? "trailing data" : json_tokener_error_desc(
			    json_tokener_get_error(tok)));
			fn(arg, true, "Root", msg);
			json_object_put(root);
			json_tokener_free(tok);
			return;
		}
	}
	json_tokener_free(tok);
	schema_root(&v, root);
	agent_catalog_semantics(root, fn, arg);
	json_object_put(root);
}
