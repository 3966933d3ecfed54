/* llm.c: request building and reply validation for the page-audit LLM writer. */
/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "audit/llm.h"

static const char SYSTEM_PROMPT[] =
    "You improve website texts for SEO and accessibility. You get a page"
    " (URL, title, text excerpt) and a list of proposed edits, each with an"
    " id, a type, the current value and the text proposed by rules. Write a"
    " better proposed text for each: title at most 60 characters, meta"
    " description 70-155 characters, image alt text at most 125 characters"
    " describing the image, link text at most 80 characters saying where the"
    " link leads, heading at most 70 characters. Use the page's language."
    " Answer only JSON: {\"proposals\":[{\"id\":<id>,\"proposed\":\"…\"}]}.";

/* The hard length cap, in characters, of a type's text; 0: not a text. */
static size_t
cap_of(const char *type)
{
	if (strcmp(type, "title") == 0)
		return 70;
	if (strcmp(type, "meta_description") == 0)
		return 160;
	if (strcmp(type, "image_alt") == 0)
		return 125;
	if (strcmp(type, "link_text") == 0)
		return 80;
	if (strcmp(type, "heading") == 0)
		return 70;
	return 0;
}

static const char *
str_of(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* Whether edit m is a text the model may rewrite. Headings only when a
 * heading text is proposed (not the "h1" → "h2" demotions). */
static bool
is_text(json_object *m)
{
	const char *type = str_of(m, "type"), *prop = str_of(m, "proposedValue");

	if (type == NULL || cap_of(type) == 0)
		return false;
	if (strcmp(type, "heading") == 0)
		return prop && strlen(prop) > 2;
	return true;
}

static size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

char *
llm_clean(const char *type, const char *proposed)
{
	size_t cap = type ? cap_of(type) : 0, n = 0, i;
	char *out;

	if (cap == 0 || proposed == NULL || (out = malloc(strlen(proposed) + 1)) == NULL)
		return NULL;
	for (i = 0; proposed[i]; i++) {
		unsigned char c = (unsigned char)proposed[i];

		if (c < 0x20 || c == 0x7F)
			c = ' ';
		if (c == ' ' && (n == 0 || out[n - 1] == ' '))
			continue;
		out[n++] = (char)c;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	if (n == 0 || utf8_len(out) > cap) {
		free(out);
		return NULL;
	}
	return out;
}

static json_object *
item(json_object *m, size_t id)
{
	json_object *o = json_object_new_object();
	const char *cur = str_of(m, "currentValue"), *prop = str_of(m, "proposedValue");

	json_object_object_add(o, "id", json_object_new_int64((int64_t)id));
	json_object_object_add(o, "type", json_object_new_string(str_of(m, "type")));
	json_object_object_add(o, "current", cur ? json_object_new_string(cur) : NULL);
	json_object_object_add(o, "proposed_by_rules",
	    prop ? json_object_new_string(prop) : NULL);
	return o;
}

static json_object *
message(const char *role, const char *content)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "role", json_object_new_string(role));
	json_object_object_add(o, "content", json_object_new_string(content));
	return o;
}

static json_object *
user_prompt(const char *url, const char *title, const char *text, json_object *items)
{
	json_object *u = json_object_new_object();
	json_object *msg;
	size_t tlen = text ? strlen(text) : 0;

	/* Cut the excerpt at a UTF-8 boundary. */
	if (tlen > LLM_MAX_EXCERPT) {
		tlen = LLM_MAX_EXCERPT;
		while (tlen > 0 && ((unsigned char)text[tlen] & 0xC0) == 0x80)
			tlen--;
	}
	json_object_object_add(u, "url", json_object_new_string(url ? url : ""));
	json_object_object_add(u, "title", json_object_new_string(title ? title : ""));
	json_object_object_add(u, "text",
	    json_object_new_string_len(text ? text : "", (int)tlen));
	json_object_object_add(u, "edits", items);
	msg = message("user", json_object_to_json_string_ext(u,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(u);
	return msg;
}

json_object *
llm_request(const char *model, const char *url, const char *title,
    const char *text, json_object *mods)
{
	json_object *items = json_object_new_array(), *req, *msgs, *fmt;
	size_t i, n = mods ? json_object_array_length(mods) : 0;

	for (i = 0; i < n; i++)
		if (is_text(json_object_array_get_idx(mods, i)))
			json_object_array_add(items, item(json_object_array_get_idx(mods, i), i));
	if (json_object_array_length(items) == 0) {
		json_object_put(items);
		return NULL;
	}
	req = json_object_new_object();
	msgs = json_object_new_array();
	fmt = json_object_new_object();
	json_object_array_add(msgs, message("system", SYSTEM_PROMPT));
	json_object_array_add(msgs, user_prompt(url, title, text, items));
	json_object_object_add(fmt, "type", json_object_new_string("json_object"));
	json_object_object_add(req, "model",
	    json_object_new_string(model ? model : "gpt-4o-mini"));
	json_object_object_add(req, "messages", msgs);
	json_object_object_add(req, "temperature", json_object_new_double(0.2));
	json_object_object_add(req, "response_format", fmt);
	return req;
}

/* Applies one {id, proposed} entry; true when it replaced a text. */
static bool
apply_one(json_object *mods, json_object *p)
{
	json_object *idv, *m;
	int64_t id;
	char *clean;

	if (!json_object_is_type(p, json_type_object) ||
	    !json_object_object_get_ex(p, "id", &idv))
		return false;
	if (json_object_is_type(idv, json_type_int))
		id = json_object_get_int64(idv);
	else if (json_object_is_type(idv, json_type_string))
		id = strtoll(json_object_get_string(idv), NULL, 10);
	else
		return false;
	if (id < 0 || (size_t)id >= json_object_array_length(mods))
		return false;
	m = json_object_array_get_idx(mods, (size_t)id);
	/* an id proposed twice keeps its first answer (so the count of
	 * replaced texts never exceeds the edits — found by fuzz_remote) */
	if (str_of(m, "source") && strcmp(str_of(m, "source"), "llm") == 0)
		return false;
	if (!is_text(m) || (clean = llm_clean(str_of(m, "type"),
	    str_of(p, "proposed"))) == NULL)
		return false;
	json_object_object_add(m, "proposedValue", json_object_new_string(clean));
	json_object_object_add(m, "source", json_object_new_string("llm"));
	free(clean);
	return true;
}

int
llm_apply(json_object *mods, const char *content)
{
	json_object *r = content ? json_tokener_parse(content) : NULL, *ps;
	size_t i, n;
	int done = 0;

	if (r == NULL || !json_object_object_get_ex(r, "proposals", &ps) ||
	    !json_object_is_type(ps, json_type_array)) {
		json_object_put(r);
		return -1;
	}
	n = json_object_array_length(ps);
	for (i = 0; i < n; i++)
		done += apply_one(mods, json_object_array_get_idx(ps, i));
	json_object_put(r);
	return done;
}

int
llm_apply_response(json_object *mods, const char *body, size_t len)
{
	json_tokener *tok = json_tokener_new();
	json_object *r = NULL, *ch, *msg;
	const char *content = NULL;
	int rc = -1;

	if (tok == NULL || body == NULL || len > LLM_MAX_RESPONSE)
		goto out;
	r = json_tokener_parse_ex(tok, body, (int)len);
	if (r && json_object_object_get_ex(r, "choices", &ch) &&
	    json_object_is_type(ch, json_type_array) &&
	    json_object_array_length(ch) > 0 &&
	    json_object_object_get_ex(json_object_array_get_idx(ch, 0),
	    "message", &msg))
		content = str_of(msg, "content");
	if (content)
		rc = llm_apply(mods, content);
out:
	json_object_put(r);
	if (tok)
		json_tokener_free(tok);
	return rc;
}
