/* fetch_url.c: URL validation for the fetcher and fetch_check_url(). */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include "audit/fetch_int.h"
#include "audit/netguard.h"

#define URL_MAX 8192
#define MSG_SCHEME "Only http and https URLs can be audited."
#define MSG_CREDS  "URLs with credentials (user:password@) are refused."
#define MSG_PUBLIC "only public addresses can be audited."

static void
say(char *why, size_t whylen, const char *msg)
{
	if (why && whylen)
		snprintf(why, whylen, "%s", msg);
}

/*
 * Trims surrounding whitespace and percent-encodes inner spaces (common in
 * hand-written links). Returns a malloc'd string or NULL (too long / ENOMEM).
 */
static char *
tidy_url(const char *in)
{
	struct buf b;
	enum sa_err rc;
	size_t n;

	while (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n')
		in++;
	n = strlen(in);
	while (n && (in[n - 1] == ' ' || in[n - 1] == '\t' ||
	    in[n - 1] == '\r' || in[n - 1] == '\n'))
		n--;
	buf_init(&b, URL_MAX);
	for (; n; n--, in++) {
		rc = *in == ' ' ? buf_adds(&b, "%20") : buf_addc(&b, *in);
		if (rc != SA_OK)
			return NULL;
	}
	return buf_take(&b, NULL);
}

/*
 * True when s starts with a scheme ("mailto:", "javascript:") other than
 * http / https: such URLs may not parse as URLs but are a scheme problem.
 */
static bool
other_scheme(const char *s)
{
	size_t n = 0;

	while (s[n] && (isalnum((unsigned char)s[n]) || s[n] == '+' ||
	    s[n] == '-' || s[n] == '.'))
		n++;
	if (n == 0 || s[n] != ':' || !isalpha((unsigned char)s[0]))
		return false;
	return !(n == 4 && strncasecmp(s, "http", 4) == 0) &&
	    !(n == 5 && strncasecmp(s, "https", 5) == 0);
}

/* Checks scheme and credentials of a parsed URL. */
static enum fetch_err
check_parts(CURLU *u, char *why, size_t whylen)
{
	char *scheme = NULL, *user = NULL, *pw = NULL;
	enum fetch_err e = FETCH_OK;
	CURLUcode uu, up;

	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcasecmp(scheme, "http") != 0 &&
	    strcasecmp(scheme, "https") != 0)) {
		say(why, whylen, MSG_SCHEME);
		e = FETCH_ESCHEME;
		goto out;
	}
	uu = curl_url_get(u, CURLUPART_USER, &user, 0);
	up = curl_url_get(u, CURLUPART_PASSWORD, &pw, 0);
	if (uu != CURLUE_NO_USER || up != CURLUE_NO_PASSWORD) {
		say(why, whylen, MSG_CREDS);
		e = FETCH_EURL;
	}
out:
	curl_free(scheme);
	curl_free(user);
	curl_free(pw);
	return e;
}

/* Copies the host of u without IPv6 brackets into *host (malloc'd). */
static enum fetch_err
get_host(CURLU *u, char **host, char *why, size_t whylen)
{
	char *h = NULL;
	size_t n;

	if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK || !*h) {
		curl_free(h);
		say(why, whylen, "The URL has no host name.");
		return FETCH_EURL;
	}
	n = strlen(h);
	if (h[0] == '[' && n >= 2)
		*host = strndup(h + 1, n - 2);
	else
		*host = strdup(h);
	curl_free(h);
	if (*host == NULL) {
		say(why, whylen, "Out of memory.");
		return FETCH_EOTHER;
	}
	return FETCH_OK;
}

/* Sets *norm to the normalised URL of u (malloc'd). */
static enum fetch_err
get_norm(CURLU *u, char **norm, char *why, size_t whylen)
{
	char *s = NULL;

	if (curl_url_get(u, CURLUPART_URL, &s, 0) != CURLUE_OK) {
		say(why, whylen, "The URL could not be parsed.");
		return FETCH_EURL;
	}
	*norm = strdup(s);
	curl_free(s);
	if (*norm == NULL) {
		say(why, whylen, "Out of memory.");
		return FETCH_EOTHER;
	}
	return FETCH_OK;
}

enum fetch_err
fetch_parse_url(const char *url, char **norm, char **host, char *why,
    size_t whylen)
{
	enum fetch_err e = FETCH_EURL;
	char *t = NULL, *h = NULL;
	CURLU *u = NULL;

	*norm = NULL;
	if (host)
		*host = NULL;
	if (url == NULL || (t = tidy_url(url)) == NULL || !*t) {
		say(why, whylen, "The URL is empty or too long.");
		goto out;
	}
	if ((u = curl_url()) == NULL ||
	    curl_url_set(u, CURLUPART_URL, t, CURLU_NON_SUPPORT_SCHEME) !=
	    CURLUE_OK) {
		if (other_scheme(t)) {
			say(why, whylen, MSG_SCHEME);
			e = FETCH_ESCHEME;
		} else
			say(why, whylen, "The URL is malformed.");
		goto out;
	}
	if ((e = check_parts(u, why, whylen)) != FETCH_OK ||
	    (e = get_host(u, &h, why, whylen)) != FETCH_OK ||
	    (e = get_norm(u, norm, why, whylen)) != FETCH_OK)
		goto out;
	if (host) {
		*host = h;
		h = NULL;
	}
out:
	free(h);
	free(t);
	curl_url_cleanup(u);
	return e;
}

/* Resolves host; unless allow_private, refuses non-public addresses. */
static enum fetch_err
check_resolved(const char *host, bool allow_private, char *why,
    size_t whylen)
{
	struct addrinfo hints, *res = NULL, *ai;
	const char *cls = NULL;
	char ip[64], msg[256];
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_IDN;
	if ((rc = getaddrinfo(host, NULL, &hints, &res)) != 0) {
		snprintf(msg, sizeof(msg), "The host name %s does not resolve "
		    "(%s).", host, gai_strerror(rc));
		say(why, whylen, msg);
		return FETCH_EDNS;
	}
	for (ai = res; ai && !allow_private; ai = ai->ai_next)
		if ((cls = netguard_addr_class(ai->ai_addr)) != NULL)
			break;
	if (cls) {
		netguard_addr_str(ai->ai_addr, ip, sizeof(ip));
		if (strcmp(ip, host) == 0)
			snprintf(msg, sizeof(msg), "%s is a %s address; %s", ip,
			    cls, MSG_PUBLIC);
		else
			snprintf(msg, sizeof(msg), "%s resolves to %s, a %s "
			    "address; %s", host, ip, cls, MSG_PUBLIC);
		say(why, whylen, msg);
	}
	freeaddrinfo(res);
	return cls ? FETCH_EDENIED : FETCH_OK;
}

enum fetch_err
fetch_check_url(const char *url, bool allow_private, char *why, size_t whylen)
{
	char *norm = NULL, *host = NULL;
	enum fetch_err e;

	say(why, whylen, "");
	e = fetch_parse_url(url, &norm, &host, why, whylen);
	if (e == FETCH_OK)
		e = check_resolved(host, allow_private, why, whylen);
	free(norm);
	free(host);
	return e;
}
