/* llm_http.c: the page-audit LLM writer's one chat-completions call (libcurl). */
/* SPDX-License-Identifier: MIT */
/*
 * The endpoint is set by the operator in the configuration ([llm] url),
 * not by users, so this call deliberately does not go through the
 * SSRF-guarded fetcher (fetch.c / netguard.c): a local model server on
 * 127.0.0.1 or a private address is a legitimate setup. The API key is a
 * secret: it goes into the Authorization header only and is never logged.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <gumbo.h>
#include "audit/dom.h"
#include "audit/llm.h"
#include "util/log.h"

static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void
global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);   /* reference-counted */
}

struct body {
	char  *data;
	size_t len;
	bool   too_big;
};

static size_t
on_data(char *p, size_t sz, size_t nm, void *arg)
{
	struct body *b = arg;
	size_t n = sz * nm;
	char *d;

	if (b->len + n > LLM_MAX_RESPONSE) {
		b->too_big = true;
		return 0;
	}
	if ((d = realloc(b->data, b->len + n + 1)) == NULL)
		return 0;
	memcpy(d + b->len, p, n);
	b->data = d;
	b->len += n;
	d[b->len] = '\0';
	return n;
}

static struct curl_slist *
headers(const struct llm_opts *o)
{
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	char *auth;
	size_t n;

	if (o->api_key == NULL || *o->api_key == '\0')
		return h;
	n = strlen(o->api_key) + sizeof("Authorization: Bearer ");
	if ((auth = malloc(n)) != NULL) {
		memcpy(auth, "Authorization: Bearer ", sizeof("Authorization: Bearer ") - 1);
		memcpy(auth + sizeof("Authorization: Bearer ") - 1, o->api_key,
		    strlen(o->api_key) + 1);
		h = curl_slist_append(h, auth);
		explicit_bzero(auth, n);
		free(auth);
	}
	return h;
}

/* POSTs req; the response body into b. Returns an error text or NULL. */
static const char *
post(const struct llm_opts *o, const char *req, struct body *b, long *status)
{
	CURL *c;
	struct curl_slist *h;
	CURLcode rc;

	pthread_once(&global_once, global_init);
	if ((c = curl_easy_init()) == NULL)
		return "curl init failed";
	h = headers(o);
	curl_easy_setopt(c, CURLOPT_URL, o->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, req);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o->timeout_ms > 0 ? o->timeout_ms : 20000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (b->too_big)
		return "response too large";
	return rc == CURLE_OK ? NULL : curl_easy_strerror(rc);
}

/* The page's title and body text, for the prompt. */
static void
page_texts(const char *html, size_t len, char **title, char **text)
{
	GumboOutput *doc = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
	const GumboNode *root, *t, *b;

	*title = *text = NULL;
	if (doc == NULL)
		return;
	root = dom_root(doc);
	t = dom_find(root, GUMBO_TAG_TITLE);
	b = dom_body(doc);
	*title = t ? dom_text(t) : NULL;
	*text = dom_text(b ? b : root);
	gumbo_destroy_output(&kGumboDefaultOptions, doc);
}

static int
ask(const struct llm_opts *o, const char *req, json_object *mods)
{
	struct body b = { NULL, 0, false };
	long status = 0;
	const char *err = post(o, req, &b, &status);
	int n = -1;

	if (err)
		log_warn("llm: request failed (%s); using the built-in rules", err);
	else if (status < 200 || status > 299)
		log_warn("llm: HTTP %ld; using the built-in rules", status);
	else if ((n = llm_apply_response(mods, b.data, b.len)) < 0)
		log_warn("llm: unusable reply; using the built-in rules");
	else if (n == 0)
		log_warn("llm: no valid proposals; using the built-in rules");
	free(b.data);
	return n;
}

int
llm_rewrite(const struct llm_opts *o, const char *url, const char *html,
    size_t len, json_object *mods)
{
	char *title, *text;
	json_object *req;
	int n;

	if (o == NULL || o->url == NULL || *o->url == '\0' || mods == NULL)
		return 0;
	page_texts(html, len, &title, &text);
	req = llm_request(o->model, url, title, text, mods);
	free(title);
	free(text);
	if (req == NULL)
		return 0;
	n = ask(o, json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE), mods);
	json_object_put(req);
	return n;
}
