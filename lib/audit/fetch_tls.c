/* fetch_tls.c: TLS facts of a fetch — protocol version, certificate expiry. */
/* SPDX-License-Identifier: MIT */
/*
 * libcurl here is the OpenSSL flavour. The protocol version and verify
 * result are read from the live SSL handle (CURLINFO_TLS_SSL_PTR) while the
 * transfer runs; the certificate's expiry from CURLINFO_CERTINFO once it is
 * done. The two OpenSSL functions are looked up with dlsym() in the libssl
 * that libcurl already loaded, so the build needs no -lssl of its own; with
 * another TLS backend the version stays unknown ("").
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "audit/fetch_int.h"

#define EXPIRE_KEY "Expire date:"

typedef const char *(*ssl_version_fn)(const void *ssl);
typedef long (*ssl_verify_fn)(const void *ssl);

/* The named OpenSSL function from the already-loaded libssl, or NULL. */
static void *
ssl_sym(const char *name)
{
	return dlsym(RTLD_DEFAULT, name);
}

void
fetch_tls_snap(struct fetch_xfer *x)
{
	struct curl_tlssessioninfo *ti = NULL;
	struct fetch_resp *r = x->r;
	ssl_version_fn ver;
	ssl_verify_fn vfy;
	void *s1, *s2;
	const char *v;

	r->tls_version[0] = '\0';
	r->tls_verify_result = -1;
	if (curl_easy_getinfo(x->easy, CURLINFO_TLS_SSL_PTR, &ti) != CURLE_OK ||
	    ti == NULL || ti->backend != CURLSSLBACKEND_OPENSSL ||
	    ti->internals == NULL)
		return;
	s1 = ssl_sym("SSL_get_version");
	s2 = ssl_sym("SSL_get_verify_result");
	if (s1 == NULL || s2 == NULL)
		return;
	memcpy(&ver, &s1, sizeof(ver));
	memcpy(&vfy, &s2, sizeof(vfy));
	if ((v = ver(ti->internals)) != NULL)
		snprintf(r->tls_version, sizeof(r->tls_version), "%s", v);
	r->tls_verify_result = vfy(ti->internals);
}

long long
fetch_tls_parse_date(const char *s)
{
	struct tm tm;
	const char *end;

	if (s == NULL)
		return 0;
	memset(&tm, 0, sizeof(tm));
	while (*s == ' ')
		s++;
	end = strptime(s, "%b %d %H:%M:%S %Y", &tm);
	if (end == NULL)
		return 0;
	return (long long)timegm(&tm);
}

/* notAfter of the leaf certificate from curl's certinfo, 0 if none. */
static long long
leaf_expiry(CURL *e)
{
	struct curl_certinfo *ci = NULL;
	const struct curl_slist *l;

	if (curl_easy_getinfo(e, CURLINFO_CERTINFO, &ci) != CURLE_OK ||
	    ci == NULL || ci->num_of_certs < 1)
		return 0;
	for (l = ci->certinfo[0]; l; l = l->next)
		if (strncasecmp(l->data, EXPIRE_KEY, strlen(EXPIRE_KEY)) == 0)
			return fetch_tls_parse_date(l->data +
			    strlen(EXPIRE_KEY));
	return 0;
}

void
fetch_tls_collect(struct fetch_xfer *x)
{
	struct fetch_resp *r = x->r;

	if (r->tls_version[0] == '\0') {
		r->tls_verify_result = -1;
		return;
	}
	r->tls_cert_expiry = leaf_expiry(x->easy);
}
