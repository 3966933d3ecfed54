/* crux.c: Chrome UX Report field data — one queryRecord POST per page. */
/* SPDX-License-Identifier: MIT */
/*
 * The endpoint is set by the operator in the config ([crux] endpoint),
 * never by a user, so this is a plain libcurl POST with timeouts and a
 * body cap instead of the guarded fetcher (which exists to stop users
 * pointing the service at private addresses; the tests point the
 * endpoint at a loopback server). docs/crux.md describes the flow.
 */
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <json-c/json.h>
#include "audit/crux.h"
#include "conf.h"
#include "util/buf.h"

#define CRUX_MAX_BODY    (1u << 20)   /* a record is a few KiB */
#define CRUX_TIMEOUT_DEF 3000L

void
crux_opts_from_conf(struct crux_opts *o, const struct conf *c)
{
	o->api_key = c->crux_api_key;
	o->endpoint = c->crux_endpoint;
	o->timeout_ms = c->crux_timeout_ms;
}

void
crux_data_clear(struct crux_data *d)
{
	memset(d, 0, sizeof(*d));
	d->lcp_ms = d->cls = d->inp_ms = -1;
}

/*==== Parsing =============================================================*/

/* metrics.<name>.percentiles.p75 as a number (it may be a string such as
 * "0.05"); -1 when absent or not a finite non-negative number. */
static double
metric_p75(json_object *metrics, const char *name)
{
	json_object *m, *pc, *p75;
	const char *s;
	char *end;
	double v;

	if (!json_object_object_get_ex(metrics, name, &m) ||
	    !json_object_object_get_ex(m, "percentiles", &pc) ||
	    !json_object_object_get_ex(pc, "p75", &p75))
		return -1;
	switch (json_object_get_type(p75)) {
	case json_type_int:
	case json_type_double:
		v = json_object_get_double(p75);
		break;
	case json_type_string:
		s = json_object_get_string(p75);
		v = strtod(s, &end);
		if (end == s || *end != '\0')
			return -1;
		break;
	default:
		return -1;
	}
	return v >= 0 && v < 1e9 ? v : -1;
}

static enum sa_err
parse_record(json_object *root, struct crux_data *d)
{
	json_object *rec, *metrics;

	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "record", &rec) ||
	    !json_object_object_get_ex(rec, "metrics", &metrics) ||
	    !json_object_is_type(metrics, json_type_object))
		return SA_EINVAL;
	d->lcp_ms = metric_p75(metrics, "largest_contentful_paint");
	d->cls = metric_p75(metrics, "cumulative_layout_shift");
	d->inp_ms = metric_p75(metrics, "interaction_to_next_paint");
	d->has = d->lcp_ms >= 0 || d->cls >= 0 || d->inp_ms >= 0;
	return d->has ? SA_OK : SA_ENOTFOUND;
}

enum sa_err
crux_parse(long status, const char *body, size_t len, struct crux_data *d)
{
	json_tokener *tok;
	json_object *root;
	enum sa_err rc;

	crux_data_clear(d);
	if (status == 404)
		return SA_ENOTFOUND;
	if (status != 200 || body == NULL || len == 0 || len > CRUX_MAX_BODY)
		return SA_EINVAL;
	if ((tok = json_tokener_new()) == NULL)
		return SA_ENOMEM;
	root = json_tokener_parse_ex(tok, body, (int)len);
	if (root != NULL &&
	    json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	if (root == NULL)
		return SA_EINVAL;
	rc = parse_record(root, d);
	json_object_put(root);
	if (rc != SA_OK)
		crux_data_clear(d);
	return rc;
}

char *
crux_origin(const char *url)
{
	CURLU *u = curl_url();
	char *port = NULL, *scheme = NULL, *host = NULL, *out = NULL;
	struct buf b;

	if (u == NULL || url == NULL ||
	    curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
		goto out;
	curl_url_get(u, CURLUPART_PORT, &port, 0);
	buf_init(&b, 4096);
	if (buf_printf(&b, "%s://%s%s%s", scheme, host, port ? ":" : "",
	    port ? port : "") == SA_OK)
		out = buf_take(&b, NULL);
	buf_free(&b);
out:
	curl_free(port);
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

/*==== Transport ===========================================================*/

static size_t
body_cb(char *p, size_t sz, size_t n, void *arg)
{
	return buf_add(arg, p, sz * n) == SA_OK ? sz * n : 0;
}

/* endpoint?key=KEY (or &key= when the endpoint has a query); caller frees. */
static char *
request_url(CURL *h, const struct crux_opts *o)
{
	const char *ep = o->endpoint && o->endpoint[0] ? o->endpoint :
	    CRUX_DEFAULT_ENDPOINT;
	char *key = curl_easy_escape(h, o->api_key, 0), *out = NULL;
	struct buf b;

	if (key == NULL)
		return NULL;
	buf_init(&b, 8192);
	if (buf_printf(&b, "%s%ckey=%s", ep, strchr(ep, '?') ? '&' : '?',
	    key) == SA_OK)
		out = buf_take(&b, NULL);
	buf_free(&b);
	curl_free(key);
	return out;
}

/* {"<kind>": id, "formFactor": ff}; caller frees. */
static char *
request_body(const char *kind, const char *id, const char *ff)
{
	json_object *o = json_object_new_object();
	char *out;

	if (o == NULL)
		return NULL;
	json_object_object_add(o, kind, json_object_new_string(id));
	json_object_object_add(o, "formFactor", json_object_new_string(ff));
	out = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

/* One POST; *status and resp filled. SA_EIO on a transport failure. */
static enum sa_err
post(const struct crux_opts *o, const char *body, long *status,
    struct buf *resp)
{
	CURL *h = curl_easy_init();
	struct curl_slist *hd = NULL;
	char *url = NULL;
	long to = o->timeout_ms > 0 ? o->timeout_ms : CRUX_TIMEOUT_DEF;
	enum sa_err rc = SA_ENOMEM;

	if (h == NULL || (url = request_url(h, o)) == NULL ||
	    (hd = curl_slist_append(NULL, "Content-Type: application/json")) ==
	    NULL)
		goto out;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, to);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, to);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, resp);
	rc = curl_easy_perform(h) == CURLE_OK ? SA_OK : SA_EIO;
	if (rc == SA_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
out:
	curl_slist_free_all(hd);
	free(url);   /* holds the key: not logged, freed here */
	curl_easy_cleanup(h);
	return rc;
}

/* POST {kind: id} and parse the answer into *d. */
static enum sa_err
query_one(const struct crux_opts *o, const char *kind, const char *id,
    const char *ff, struct crux_data *d)
{
	char *body = request_body(kind, id, ff);
	struct buf resp;
	long status = 0;
	enum sa_err rc;

	crux_data_clear(d);
	if (body == NULL)
		return SA_ENOMEM;
	buf_init(&resp, CRUX_MAX_BODY);
	rc = post(o, body, &status, &resp);
	if (rc == SA_OK)
		rc = crux_parse(status, buf_str(&resp), resp.len, d);
	buf_free(&resp);
	free(body);
	return rc;
}

enum sa_err
crux_query(const struct crux_opts *o, const char *url, enum audit_strategy st,
    struct crux_data *d)
{
	const char *ff = st == STRATEGY_DESKTOP ? "DESKTOP" : "PHONE";
	char *origin;
	enum sa_err rc;

	crux_data_clear(d);
	if (o == NULL || o->api_key == NULL || o->api_key[0] == '\0' ||
	    url == NULL)
		return SA_ENOTFOUND;
	if ((rc = query_one(o, "url", url, ff, d)) != SA_ENOTFOUND)
		return rc;
	if ((origin = crux_origin(url)) == NULL)
		return SA_ENOTFOUND;
	rc = query_one(o, "origin", origin, ff, d);
	d->origin = rc == SA_OK;
	free(origin);
	return rc;
}
