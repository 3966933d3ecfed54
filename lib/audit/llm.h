/* llm.h: optional OpenAI-compatible writer for page-audit texts. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_LLM_H
#define SA_LLM_H

#include <stddef.h>
#include <json-c/json.h>

#define LLM_MAX_RESPONSE (1024 * 1024)   /* response size cap */
#define LLM_MAX_EXCERPT  4000            /* page text sent, in bytes */

/* The operator's [llm] settings; url NULL means "rules only". */
struct llm_opts {
	const char *url;
	const char *model;
	const char *api_key;     /* secret: never logged; may be NULL */
	long        timeout_ms;
};

/*
 * The chat-completions request body asking for better texts for the
 * text edits in mods (the "modifications" array), or NULL when mods has
 * none. ids are the edits' indexes in mods. Caller json_object_put()s.
 */
json_object *llm_request(const char *model, const char *url,
    const char *title, const char *text, json_object *mods);
/* The model's JSON reply {"proposals":[{id, proposed}]} applied to mods:
 * each valid text replaces the rule-based proposedValue and marks the
 * edit "source": "llm". Returns how many were replaced, -1 on bad JSON. */
int llm_apply(json_object *mods, const char *content);
/* choices[0].message.content of a chat-completions response, applied
 * as llm_apply(); -1 when the response is not one. */
int llm_apply_response(json_object *mods, const char *body, size_t len);
/* proposed cleaned (control characters stripped, trimmed) and checked
 * against type's length cap; NULL when unfit. Caller frees. */
char *llm_clean(const char *type, const char *proposed);

/* One request for the page at url (html: its markup): replaces texts in
 * mods where the model answered well, keeps the rules' texts otherwise
 * and logs one warning. Returns the number replaced, -1 on failure. */
int llm_rewrite(const struct llm_opts *o, const char *url, const char *html,
    size_t len, json_object *mods);

#endif
