/* body.h: JSON request bodies and declared field validation. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_BODY_H
#define SA_BODY_H

#include <stdbool.h>
#include <json-c/json.h>
#include "web/req.h"

/*
 * Parses r->body as a JSON object. On failure replies 400
 * {"error":"invalid_json", …} and returns NULL. Caller json_object_put()s.
 */
json_object *body_json(struct req *r);

enum field_kind {
	FIELD_STRING,   /* any string of min..max bytes */
	FIELD_UUID,     /* canonical UUID */
	FIELD_URL,      /* http(s) URL, at most max bytes */
	FIELD_ENUM,     /* one of choices ("a|b|c") */
	FIELD_INT,      /* integer in min..max */
};

struct field {
	const char     *name;
	enum field_kind kind;
	bool            required;
	long            min, max;
	const char     *choices;    /* FIELD_ENUM */
};

/* A validated field's value; str is borrowed from the JSON object. */
struct field_val {
	bool        present;
	const char *str;
	long        num;
};

/*
 * Checks obj against the declared fields in order; fills vals[i] for
 * fields[i]. The first bad field gets a 422 {"error":"validation_error",
 * "message": "<name> …"} (a wrong JSON type too) and false is returned.
 */
bool body_validate(struct req *r, json_object *obj, const struct field *fields,
    size_t n, struct field_val *vals);

#endif
