/* fuzz_url.c: URL parsing and normalisation — urlnorm() and its helpers, the
 * fetcher's URL check (fetch_parse_url, no DNS), the TLS date parser and the
 * netguard address classifier (numeric strings and raw socket addresses).
 * Input: "base\nref"; without a newline the whole input is ref, no base. */
/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>
#include <netinet/in.h>
#include "audit/fetch_int.h"
#include "audit/netguard.h"
#include "audit/urlnorm.h"
#include "fuzz.h"

/* What urlnorm() promises about a URL in normal form. */
static void
url_check_norm(const char *n)
{
	size_t olen = urlnorm_origin_len(n), dlen = urlnorm_dir_len(n);
	char *again;

	FUZZ_CHECK(strncmp(n, "http://", 7) == 0 || strncmp(n, "https://", 8) == 0);
	FUZZ_CHECK(olen > 0 && olen <= strlen(n));
	FUZZ_CHECK(dlen > olen && dlen <= strlen(n) && n[dlen - 1] == '/');
	FUZZ_CHECK(urlnorm_path(n)[0] == '/');
	FUZZ_CHECK(urlnorm_same_origin(n, n));
	(void)urlnorm_non_html_hint(n);
	/* a normal form is a fixed point: normalising it again changes nothing */
	again = urlnorm(NULL, n);
	FUZZ_CHECK(again != NULL && strcmp(again, n) == 0);
	free(again);
}

static void
url_fetch_parse(const char *ref)
{
	char *norm = NULL, *host = NULL, why[256];
	enum fetch_err e = fetch_parse_url(ref, &norm, &host, why, sizeof(why));

	FUZZ_CHECK((e == FETCH_OK) == (norm != NULL && host != NULL));
	FUZZ_CHECK(e == FETCH_OK || why[0] != '\0');
	free(norm);
	free(host);
	(void)fetch_tls_parse_date(ref);
}

/* The same address judged as a sockaddr and as its printed form agrees. */
static void
url_check_addr(const struct sockaddr *sa, const char *list)
{
	char ip[INET6_ADDRSTRLEN + 8];
	const char *cls = netguard_addr_class(sa), *again;

	netguard_addr_str(sa, ip, sizeof(ip));
	again = netguard_ip_class(ip);
	FUZZ_CHECK((again == NULL) == (cls == NULL));
	FUZZ_CHECK(cls == NULL || strcmp(again, cls) == 0);
	FUZZ_CHECK(netguard_addr_public(sa) == (cls == NULL));
	FUZZ_CHECK(netguard_addr_in_list(sa, ip));
	(void)netguard_addr_in_list(sa, list);
}

static void
url_netguard(const uint8_t *data, size_t size, const char *ref)
{
	struct sockaddr_in v4 = { .sin_family = AF_INET };
	struct sockaddr_in6 v6 = { .sin6_family = AF_INET6 };

	FUZZ_CHECK(netguard_ip_public(ref) == (netguard_ip_class(ref) == NULL));
	if (size >= 4) {
		memcpy(&v4.sin_addr, data, 4);
		url_check_addr((const struct sockaddr *)&v4, ref);
	}
	if (size >= 16) {
		memcpy(&v6.sin6_addr, data, 16);
		url_check_addr((const struct sockaddr *)&v6, ref);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *tail;
	size_t tlen, hlen;
	char *base, *ref, *n;

	fuzz_split(data, size, '\n', &tail, &tlen, &hlen);
	base = hlen ? fuzz_str(data, hlen) : NULL;
	ref = fuzz_str(tail, tlen);
	if ((n = urlnorm(base, ref)) != NULL)
		url_check_norm(n);
	free(n);
	url_fetch_parse(ref);
	url_netguard(data, size, ref);
	free(base);
	free(ref);
	return 0;
}
