/* agent_catalog_sem.c: the ARD conformance tool's semantic ai-catalog rules. */
/* SPDX-License-Identifier: MIT */
/*
 * A port of the custom checks in ards-project/ard-spec
 * conformance/bin/conformance-test as Lighthouse 13.5 ships them
 * (third-party/ard/ard.js, validate_manifest): same rules, same
 * severities, same messages.
 */
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "audit/agent_checks.h"

#define PUB_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
	"0123456789.-"

/* The media types ard.js accepts without a warning. */
static const char *const media_types[] = {
	"application/ai-catalog+json",
	"application/agent-card+json",
	"application/a2a-agent-card+json",
	"application/mcp-server-card+json",
	"application/agent-skills+zip",
	"application/agent-skills+gzip",
	"text/markdown; profile=\"urn:air:agent-skills\"",
	"application/ai-registry",
	"application/ai-registry+json",
};

/* ard.js URN_REGEX:
 * ^urn:air:([a-zA-Z0-9.-]+)(?::([a-zA-Z0-9._:-]+))?:([a-zA-Z0-9._-]+)$ */
static bool
urn_ok(const char *s)
{
	const char *rest, *last;
	size_t pub;

	if (strncmp(s, "urn:air:", 8) != 0)
		return false;
	s += 8;
	if ((pub = strspn(s, PUB_CHARS)) == 0 || s[pub] != ':')
		return false;
	rest = s + pub + 1;
	if (rest[strspn(rest, PUB_CHARS "_:")] != '\0')
		return false;
	last = strrchr(rest, ':');
	if (last == NULL)
		return *rest != '\0';
	return last > rest && last[1] != '\0';
}

/* JavaScript truthiness of a member (absent, null, "", 0, false: falsy). */
static bool
truthy(json_object *o, const char *key, json_object **out)
{
	json_object *x = NULL;

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &x) || x == NULL)
		return false;
	*out = x;
	switch (json_object_get_type(x)) {
	case json_type_boolean:
		return json_object_get_boolean(x);
	case json_type_int:
	case json_type_double:
		return json_object_get_double(x) != 0;
	case json_type_string:
		return json_object_get_string_len(x) > 0;
	default:
		return true;
	}
}

static bool
has_key(json_object *o, const char *key)
{
	return json_object_is_type(o, json_type_object) &&
	    json_object_object_get_ex(o, key, NULL);
}

static void
sem_identity(json_object *e, const char *label, agent_issue_fn fn, void *arg)
{
	json_object *x = NULL;
	char msg[400];

	if (!truthy(e, "identifier", &x)) {
		fn(arg, true, label, "Missing required 'identifier'.");
		return;
	}
	if (!json_object_is_type(x, json_type_string) ||
	    !urn_ok(json_object_get_string(x))) {
		snprintf(msg, sizeof(msg), "Identifier '%.200s' does not match RFC "
		    "8141 URN pattern 'urn:air:<publisher>:<namespace>:"
		    "<agent-name>'.", json_object_get_string(x));
		fn(arg, true, label, msg);
	}
}

static void
sem_type(json_object *e, const char *label, agent_issue_fn fn, void *arg)
{
	json_object *x = NULL;
	char msg[400];

	if (!truthy(e, "type", &x)) {
		fn(arg, true, label, "Missing required 'type' (mediaType).");
		return;
	}
	for (size_t i = 0; i < SA_NITEMS(media_types); i++)
		if (json_object_is_type(x, json_type_string) &&
		    strcmp(json_object_get_string(x), media_types[i]) == 0)
			return;
	snprintf(msg, sizeof(msg), "Media type '%.200s' is not one of standard "
	    "discovery types.", json_object_get_string(x));
	fn(arg, false, label, msg);
}

static void
sem_queries(json_object *e, const char *label, agent_issue_fn fn, void *arg)
{
	json_object *q = NULL;
	size_t n;
	char msg[300];

	if (!json_object_is_type(e, json_type_object) ||
	    !json_object_object_get_ex(e, "representativeQueries", &q) ||
	    q == NULL) {
		fn(arg, false, label, "Missing 'representativeQueries'. 2 to 5 "
		    "queries are recommended for vector index embedding.");
		return;
	}
	if (!json_object_is_type(q, json_type_array)) {
		fn(arg, true, label, "'representativeQueries' must be an array of "
		    "strings.");
		return;
	}
	if ((n = json_object_array_length(q)) < 2 || n > 5) {
		snprintf(msg, sizeof(msg), "'representativeQueries' array has size "
		    "%zu. 2 to 5 queries are recommended for vector index "
		    "embedding.", n);
		fn(arg, false, label, msg);
	}
	for (size_t i = 0; i < n; i++) {
		json_object *it = json_object_array_get_idx(q, i);

		if (!json_object_is_type(it, json_type_string)) {
			snprintf(msg, sizeof(msg), "Query '%.100s' is not a string.",
			    it ? json_object_to_json_string(it) : "null");
			fn(arg, true, label, msg);
		}
	}
}

static void
sem_entry(json_object *e, size_t idx, agent_issue_fn fn, void *arg)
{
	json_object *x = NULL, *t = NULL;
	char label[256];
	bool url = has_key(e, "url"), data = has_key(e, "data");

	if (truthy(e, "displayName", &x) || truthy(e, "identifier", &x))
		snprintf(label, sizeof(label), "%s", json_object_get_string(x));
	else
		snprintf(label, sizeof(label), "Entry #%zu", idx);
	sem_identity(e, label, fn, arg);
	if (!truthy(e, "displayName", &x))
		fn(arg, true, label, "Missing required 'displayName'.");
	sem_type(e, label, fn, arg);
	if (url && data)
		fn(arg, true, label, "Constraint violation: both 'url' and 'data' "
		    "are provided. MUST provide exactly one.");
	else if (!url && !data)
		fn(arg, true, label, "Constraint violation: neither 'url' nor "
		    "'data' is provided. MUST provide exactly one.");
	sem_queries(e, label, fn, arg);
	if (has_key(e, "trustManifest") &&
	    json_object_object_get_ex(e, "trustManifest", &t) && t != NULL) {
		if (!json_object_is_type(t, json_type_object))
			fn(arg, true, label, "'trustManifest' must be a JSON object.");
		else if (!truthy(t, "identity", &x))
			fn(arg, true, label, "'trustManifest' is missing required "
			    "'identity' field.");
	}
}

void
agent_catalog_semantics(json_object *root, agent_issue_fn fn, void *arg)
{
	json_object *x = NULL, *entries = NULL;
	char msg[300];

	if (!truthy(root, "specVersion", &x))
		fn(arg, true, "Root", "Missing required 'specVersion' root "
		    "property.");
	else if (!json_object_is_type(x, json_type_string) ||
	    strcmp(json_object_get_string(x), "1.0") != 0) {
		snprintf(msg, sizeof(msg), "Unrecognized 'specVersion': %.100s. "
		    "Expected '1.0'.", json_object_get_string(x));
		fn(arg, false, "Root", msg);
	}
	if (!has_key(root, "entries") ||
	    !json_object_object_get_ex(root, "entries", &entries) ||
	    entries == NULL) {
		fn(arg, true, "Root", "Missing required 'entries' array.");
		return;
	}
	if (!json_object_is_type(entries, json_type_array)) {
		fn(arg, true, "Root", "'entries' must be a JSON array.");
		return;
	}
	for (size_t i = 0; i < json_object_array_length(entries); i++)
		sem_entry(json_object_array_get_idx(entries, i), i, fn, arg);
	if (has_key(root, "collections"))
		fn(arg, true, "Root", "Deprecated field check: Found 'collections' "
		    "array at root. Top-level collections were REMOVED in "
		    "ADR-0003. Catalog hierarchies MUST be modeled inside "
		    "'entries' using 'type: application/ai-catalog+json'.");
}
