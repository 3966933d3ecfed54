/* fuzz_body.c: request-body validation of every JSON endpoint. The bytes are
 * the body; they go through body_json() and then body_validate() against the
 * field schema of each endpoint that takes a JSON body (mirrored from
 * fcgi/api_*.c: budget-check, page-audits, start-audit, scan, webhooks incl.
 * its events[] array), and through the MCP envelope (jsonrpc_classify).
 * MCP tools/call reaches the same REST handlers, so it is covered too. */
/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>
#include "model/webhook.h"
#include "util/uuid.h"
#include "web/body.h"
#include "web/jsonrpc.h"
#include "fuzz.h"

struct body_schema {
	const struct field *fields;
	size_t              n;
};

#define BODY_URL(name, req) { name, FIELD_URL, req, 0, 2048, NULL }
#define BODY_UUID(name, req) { name, FIELD_UUID, req, 0, 0, NULL }
#define BODY_STRATEGY \
	{ "strategy", FIELD_ENUM, false, 0, 0, "mobile|desktop|both" }

static const struct field body_budget[] = { BODY_UUID("siteId", true) };
static const struct field body_page_audit[] = {
	BODY_UUID("projectId", true), BODY_URL("pageUrl", true),
};
static const struct field body_start_audit[] = {
	BODY_URL("url", true), BODY_UUID("siteId", false), BODY_STRATEGY,
};
static const struct field body_scan[] = {
	BODY_UUID("siteId", true), BODY_STRATEGY,
};
static const struct field body_webhook[] = {
	BODY_URL("url", true), BODY_UUID("siteId", false),
	{ "format", FIELD_ENUM, false, 0, 0, "json|slack" },
};
static const struct body_schema body_schemas[] = {
	{ body_budget, SA_NITEMS(body_budget) },
	{ body_page_audit, SA_NITEMS(body_page_audit) },
	{ body_start_audit, SA_NITEMS(body_start_audit) },
	{ body_scan, SA_NITEMS(body_scan) },
	{ body_webhook, SA_NITEMS(body_webhook) },
};

/* A refused body got status and {"error": code, "message": "…"}. */
static void
body_check_reply(struct req *r, int status, const char *code)
{
	json_object *o = json_tokener_parse(buf_str(&r->out)), *e, *m;

	FUZZ_CHECK(r->status == status);
	FUZZ_CHECK(o != NULL && json_object_is_type(o, json_type_object));
	FUZZ_CHECK(json_object_object_get_ex(o, "error", &e) &&
	    strcmp(json_object_get_string(e), code) == 0);
	FUZZ_CHECK(json_object_object_get_ex(o, "message", &m) &&
	    json_object_is_type(m, json_type_string));
	json_object_put(o);
}

/* What body_validate() promises about each accepted value. */
static void
body_check_val(const struct field *f, const struct field_val *v)
{
	if (!v->present) {
		FUZZ_CHECK(!f->required);
		return;
	}
	switch (f->kind) {
	case FIELD_UUID:
		FUZZ_CHECK(uuid_valid(v->str));
		break;
	case FIELD_URL:
		FUZZ_CHECK(strlen(v->str) <= (size_t)f->max);
		FUZZ_CHECK(strncmp(v->str, "http://", 7) == 0 ||
		    strncmp(v->str, "https://", 8) == 0);
		break;
	case FIELD_ENUM:
		FUZZ_CHECK(*v->str && strstr(f->choices, v->str) != NULL);
		break;
	default:
		break;
	}
}

/* The webhook handler's events[]: strings naming known events. */
static void
body_events(json_object *obj)
{
	json_object *arr;

	if (!json_object_object_get_ex(obj, "events", &arr) ||
	    !json_object_is_type(arr, json_type_array))
		return;
	for (size_t i = 0; i < json_object_array_length(arr) && i < 16; i++) {
		json_object *e = json_object_array_get_idx(arr, i);
		enum webhook_event ev = json_object_is_type(e, json_type_string) ?
		    webhook_event_parse(json_object_get_string(e)) : WH__MAX;
		if (ev != WH__MAX)
			FUZZ_CHECK(strcmp(webhook_event_name(ev),
			    json_object_get_string(e)) == 0);
	}
}

static void
body_schema_run(const uint8_t *data, size_t size, const struct body_schema *s)
{
	struct field_val v[8];
	struct req r;
	json_object *obj;

	req_init(&r);
	r.body = fuzz_str(data, size);
	r.body_len = size;
	if ((obj = body_json(&r)) == NULL) {
		body_check_reply(&r, 400, "invalid_json");
	} else if (!body_validate(&r, obj, s->fields, s->n, v)) {
		body_check_reply(&r, 422, "validation_error");
	} else {
		FUZZ_CHECK(r.out.len == 0);
		for (size_t i = 0; i < s->n; i++)
			body_check_val(&s->fields[i], &v[i]);
		body_events(obj);
	}
	json_object_put(obj);
	req_free(&r);
}

/* The MCP endpoint's envelope: classify, then build the answer. */
static void
body_jsonrpc(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size);
	enum json_tokener_error err;
	json_object *msg = json_tokener_parse_verbose(text, &err), *id = NULL;
	json_object *params = NULL, *ans;
	const char *method = NULL, *why = NULL;

	(void)mcp_origin_ok(text, "example.com");
	(void)mcp_negotiate(text);
	if (msg && !json_object_is_type(msg, json_type_array)) {
		switch (jsonrpc_classify(msg, &method, &id, &params, &why)) {
		case JSONRPC_REQUEST:
			FUZZ_CHECK(method != NULL);
			(void)mcp_version_known(method);
			ans = jsonrpc_result(id, json_object_new_object());
			FUZZ_CHECK(json_object_to_json_string(ans) != NULL);
			json_object_put(ans);
			break;
		case JSONRPC_BAD:
			FUZZ_CHECK(why != NULL);
			ans = jsonrpc_error(id, JSONRPC_INVALID, why);
			FUZZ_CHECK(json_object_to_json_string(ans) != NULL);
			json_object_put(ans);
			break;
		default:
			break;
		}
	}
	json_object_put(msg);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < SA_NITEMS(body_schemas); i++)
		body_schema_run(data, size, &body_schemas[i]);
	body_jsonrpc(data, size);
	return 0;
}
