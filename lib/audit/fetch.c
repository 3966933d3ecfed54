/* fetch.c: the guarded fetcher — options, transfers and the curl multi loop. */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "audit/fetch_int.h"

#define DEF_CONNECT_MS   5000L
#define DEF_TOTAL_MS     20000L
#define DEF_MAX_BYTES    ((size_t)10 << 20)
#define DEF_MAX_DECODED  ((size_t)20 << 20)
#define DEF_REDIRECTS    5
#define DEF_USER_AGENT   "siteaudit/0.1 (+https://github.com/siteaudit)"
#define DEF_ACCEPT \
	"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
#define POLL_MS          1000

/*==== options ====*/

void
fetch_opts_defaults(struct fetch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->connect_timeout_ms = DEF_CONNECT_MS;
	o->total_timeout_ms = DEF_TOTAL_MS;
	o->max_bytes = DEF_MAX_BYTES;
	o->max_decoded = DEF_MAX_DECODED;
	o->max_redirects = DEF_REDIRECTS;
	o->user_agent = DEF_USER_AGENT;
}

static size_t
conf_size(long v, size_t def)
{
	return v > 0 ? (size_t)v : def;
}

void
fetch_opts_from_conf(struct fetch_opts *o, const struct conf *c)
{
	fetch_opts_defaults(o);
	o->allow_private = c->allow_private_targets;
	if (c->connect_timeout_ms > 0)
		o->connect_timeout_ms = c->connect_timeout_ms;
	if (c->total_timeout_ms > 0)
		o->total_timeout_ms = c->total_timeout_ms;
	o->max_bytes = conf_size(c->max_resource_bytes, DEF_MAX_BYTES);
	o->max_decoded = conf_size(c->max_decoded_bytes, DEF_MAX_DECODED);
	if (c->max_redirects >= 0)
		o->max_redirects = (int)c->max_redirects;
	if (c->user_agent && *c->user_agent)
		o->user_agent = c->user_agent;
	o->ca_file = c->ca_file && *c->ca_file ? c->ca_file : NULL;
}

void
fetch_opts_for_document(struct fetch_opts *o, const struct conf *c)
{
	fetch_opts_from_conf(o, c);
	o->max_bytes = conf_size(c->max_document_bytes, DEF_MAX_BYTES);
}

/* o with every zero or negative cap replaced by its default. */
static void
effective_opts(const struct fetch_opts *o, struct fetch_opts *eff)
{
	if (o == NULL) {
		fetch_opts_defaults(eff);
		return;
	}
	*eff = *o;
	if (eff->connect_timeout_ms <= 0)
		eff->connect_timeout_ms = DEF_CONNECT_MS;
	if (eff->total_timeout_ms <= 0)
		eff->total_timeout_ms = DEF_TOTAL_MS;
	if (eff->max_bytes == 0)
		eff->max_bytes = DEF_MAX_BYTES;
	if (eff->max_bytes > (size_t)INT64_MAX / 2)   /* fits curl_off_t */
		eff->max_bytes = (size_t)INT64_MAX / 2;
	if (eff->max_decoded == 0)
		eff->max_decoded = DEF_MAX_DECODED;
	if (eff->max_redirects < 0)
		eff->max_redirects = DEF_REDIRECTS;
	if (eff->user_agent == NULL)
		eff->user_agent = DEF_USER_AGENT;
	if (eff->accept == NULL)
		eff->accept = DEF_ACCEPT;
}

/*==== one transfer ====*/

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc = CURLE_FAILED_INIT;

static void
global_init(void)
{
	global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Protocol, redirect, proxy and cap options. */
static CURLcode
setup_policy(CURL *e, const struct fetch_opts *o)
{
	CURLcode rc = CURLE_OK;

#define SET(opt, val) \
	do { if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, (long)o->max_redirects);
	SET(CURLOPT_PROXY, "");            /* ignore *_proxy env variables */
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, o->total_timeout_ms);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	if (o->ca_file)
		SET(CURLOPT_CAINFO, o->ca_file);
#undef SET
	return rc;
}

/* Request shape: encodings, HTTP version, headers, cookies. */
static CURLcode
setup_request(struct fetch_xfer *x, const char *url)
{
	CURL *e = x->easy;
	CURLcode rc = CURLE_OK;

#define SET(opt, val) \
	do { if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_URL, url);
	SET(CURLOPT_ACCEPT_ENCODING, "");  /* br, gzip, zstd, deflate */
	SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	SET(CURLOPT_PIPEWAIT, 1L);
	SET(CURLOPT_USERAGENT, x->o->user_agent);
	SET(CURLOPT_HTTPHEADER, x->reqhdrs);
	SET(CURLOPT_COOKIEFILE, "");       /* in-memory cookie jar */
	SET(CURLOPT_AUTOREFERER, 1L);
	SET(CURLOPT_ERRORBUFFER, x->curlerr);
	SET(CURLOPT_CERTINFO, 1L);         /* certificate expiry (fetch_tls.c) */
	SET(CURLOPT_PRIVATE, x);
#undef SET
	return rc;
}

/* Builds the "Accept: …" request header list. */
static struct curl_slist *
request_headers(const struct fetch_opts *o)
{
	struct buf b;
	struct curl_slist *l;

	buf_init(&b, 4096);
	if (buf_printf(&b, "Accept: %s", o->accept) != SA_OK)
		return NULL;
	l = curl_slist_append(NULL, buf_str(&b));
	buf_free(&b);
	return l;
}

/* Prepares x for url; on failure fills x->r and returns false. */
static bool
xfer_prepare(struct fetch_xfer *x, const char *url)
{
	struct fetch_resp *r = x->r;
	char *norm = NULL;
	enum fetch_err e;
	bool ok = false;

	buf_init(&x->body, x->o->max_decoded);
	if (url == NULL || (r->url = strdup(url)) == NULL) {
		fetch_fail(r, FETCH_EURL, "No URL given (or out of memory).");
		return false;
	}
	e = fetch_parse_url(url, &norm, NULL, r->errmsg, sizeof(r->errmsg));
	if (e != FETCH_OK) {
		r->err = e;
		return false;
	}
	if ((x->easy = curl_easy_init()) == NULL ||
	    (x->reqhdrs = request_headers(x->o)) == NULL ||
	    setup_policy(x->easy, x->o) != CURLE_OK ||
	    setup_request(x, norm) != CURLE_OK ||
	    fetch_cb_install(x) != CURLE_OK)
		fetch_fail(r, FETCH_EOTHER, "Could not set up the transfer.");
	else
		ok = true;
	free(norm);
	return ok;
}

static void
xfer_cleanup(struct fetch_xfer *x)
{
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->reqhdrs);
	buf_free(&x->body);
	free(x->cur_url);
	x->easy = NULL;
	x->reqhdrs = NULL;
	x->cur_url = NULL;
}

/*==== the multi loop ====*/

struct batch {
	CURLM                   *multi;
	struct fetch_xfer       *xs;
	const char *const       *urls;
	struct fetch_resp       *out;
	struct fetch_opts        o;
	size_t                   n, next, active;
	int                      parallel;
};

/* Starts transfers until `parallel` are active or none are left. */
static void
batch_fill(struct batch *b)
{
	struct fetch_xfer *x;

	while (b->next < b->n && b->active < (size_t)b->parallel) {
		x = &b->xs[b->next];
		x->o = &b->o;
		x->r = &b->out[b->next];
		b->next++;
		if (!xfer_prepare(x, b->urls[b->next - 1])) {
			xfer_cleanup(x);
			continue;
		}
		if (curl_multi_add_handle(b->multi, x->easy) != CURLM_OK) {
			fetch_fail(x->r, FETCH_EOTHER, "Could not start.");
			xfer_cleanup(x);
			continue;
		}
		b->active++;
	}
}

static void
batch_finish(struct batch *b, struct fetch_xfer *x, CURLcode rc)
{
	fetch_xfer_collect(x, rc);
	curl_multi_remove_handle(b->multi, x->easy);
	xfer_cleanup(x);
	b->active--;
}

/* Collects every transfer curl reports as done. */
static void
batch_reap(struct batch *b)
{
	CURLMsg *m;
	char *priv;
	int left;

	while ((m = curl_multi_info_read(b->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		priv = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		if (priv)
			batch_finish(b, (struct fetch_xfer *)(void *)priv,
			    m->data.result);
	}
}

/* Ends every transfer still running with rc (after a multi failure). */
static void
batch_abort(struct batch *b, CURLcode rc)
{
	size_t i;

	for (i = 0; i < b->next; i++)
		if (b->xs[i].easy)
			batch_finish(b, &b->xs[i], rc);
}

static void
batch_run(struct batch *b)
{
	int running;

	batch_fill(b);
	while (b->active > 0) {
		if (curl_multi_perform(b->multi, &running) != CURLM_OK) {
			batch_abort(b, CURLE_OUT_OF_MEMORY);
			break;
		}
		batch_reap(b);
		batch_fill(b);
		if (b->active > 0 && running > 0 && curl_multi_poll(b->multi,
		    NULL, 0, POLL_MS, NULL) != CURLM_OK) {
			batch_abort(b, CURLE_OUT_OF_MEMORY);
			break;
		}
	}
}

/* Marks out[0..n) as failed with msg (setup failed before any transfer). */
static void
fail_all(struct fetch_resp *out, size_t n, const char *msg)
{
	size_t i;

	for (i = 0; i < n; i++)
		fetch_fail(&out[i], FETCH_EOTHER, "%s", msg);
}

void
fetch_many(const char *const *urls, size_t n, const struct fetch_opts *o,
    int parallel, struct fetch_resp *out)
{
	struct batch b;

	if (n == 0)
		return;
	memset(out, 0, n * sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i].tls_verify_result = -1;     /* unknown until a TLS hop */
	memset(&b, 0, sizeof(b));
	pthread_once(&global_once, global_init);
	if (global_rc != CURLE_OK) {
		fail_all(out, n, "libcurl failed to initialise.");
		return;
	}
	effective_opts(o, &b.o);
	b.urls = urls;
	b.out = out;
	b.n = n;
	b.parallel = parallel < 1 ? 1 : parallel;
	b.xs = calloc(n, sizeof(*b.xs));
	b.multi = curl_multi_init();
	if (b.xs == NULL || b.multi == NULL)
		fail_all(out, n, "Out of memory.");
	else if (curl_multi_setopt(b.multi, CURLMOPT_PIPELINING,
	    CURLPIPE_MULTIPLEX) != CURLM_OK)
		fail_all(out, n, "Could not set up HTTP/2 multiplexing.");
	else
		batch_run(&b);
	if (b.multi)
		curl_multi_cleanup(b.multi);
	free(b.xs);
}

enum fetch_err
fetch_url(const char *url, const struct fetch_opts *o, struct fetch_resp *r)
{
	fetch_many(&url, 1, o, 1, r);
	return r->err;
}
