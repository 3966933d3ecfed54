/* body.c: JSON request bodies and declared field validation. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "util/uuid.h"
#include "web/body.h"

json_object *
body_json(struct req *r)
{
	struct json_tokener *tok;
	json_object *o = NULL;

	if (r->body == NULL || r->body_len == 0) {
		reply_error(r, 400, "invalid_json", "The request body must be a JSON object.");
		return NULL;
	}
	if ((tok = json_tokener_new()) != NULL) {
		o = json_tokener_parse_ex(tok, r->body, (int)r->body_len);
		if (o && tok->char_offset != (int)r->body_len) {
			json_object_put(o);   /* trailing garbage after the object */
			o = NULL;
		}
		json_tokener_free(tok);
	}
	if (o == NULL || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		reply_error(r, 400, "invalid_json", "The request body is not a valid JSON object.");
		return NULL;
	}
	return o;
}

static bool
bad(struct req *r, const struct field *f, const char *why)
{
	char msg[256];

	snprintf(msg, sizeof(msg), "%s %s", f->name, why);
	reply_error(r, 422, "validation_error", msg);
	return false;
}

static bool
is_choice(const char *choices, const char *v)
{
	size_t n = strlen(v);

	for (const char *p = choices; n && *p; p += strcspn(p, "|"), p += *p == '|')
		if (strncmp(p, v, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return true;
	return false;
}

static bool
check_string(struct req *r, const struct field *f, const char *s)
{
	size_t n = strlen(s);
	char why[160];

	switch (f->kind) {
	case FIELD_UUID:
		return uuid_valid(s) ? true : bad(r, f, "must be a UUID.");
	case FIELD_URL:
		if (n > (size_t)f->max)
			return bad(r, f, "is too long.");
		if (strncmp(s, "http://", 7) && strncmp(s, "https://", 8))
			return bad(r, f, "must be an http:// or https:// URL.");
		return true;
	case FIELD_ENUM:
		snprintf(why, sizeof(why), "must be one of: %s.", f->choices);
		for (char *p = why; *p; p++)
			if (*p == '|')
				*p = ',';
		return is_choice(f->choices, s) ? true : bad(r, f, why);
	default:
		if (n < (size_t)f->min)
			return bad(r, f, n ? "is too short." : "must not be empty.");
		return n > (size_t)f->max ? bad(r, f, "is too long.") : true;
	}
}

static bool
check_one(struct req *r, json_object *obj, const struct field *f,
    struct field_val *v)
{
	json_object *x = NULL;

	memset(v, 0, sizeof(*v));
	if (!json_object_object_get_ex(obj, f->name, &x) || x == NULL)
		return f->required ? bad(r, f, "is required.") : true;
	if (f->kind == FIELD_INT) {
		if (!json_object_is_type(x, json_type_int))
			return bad(r, f, "must be a whole number.");
		v->num = (long)json_object_get_int64(x);
		if (v->num < f->min || v->num > f->max)
			return bad(r, f, "is out of range.");
	} else {
		if (!json_object_is_type(x, json_type_string))
			return bad(r, f, "must be a string.");
		v->str = json_object_get_string(x);
		if (!check_string(r, f, v->str))
			return false;
	}
	v->present = true;
	return true;
}

bool
body_validate(struct req *r, json_object *obj, const struct field *fields,
    size_t n, struct field_val *vals)
{
	for (size_t i = 0; i < n; i++)
		if (!check_one(r, obj, &fields[i], &vals[i]))
			return false;
	return true;
}
