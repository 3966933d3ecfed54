/* sign.c: HMAC-SHA256 signed, expiring download links (libsodium). */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "pdf/sign.h"

enum sa_err
sign_path(const char *secret, const char *path, long long expires,
    char hex[SIGN_HEX_LEN + 1])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char exp[24];

	if (secret == NULL || secret[0] == '\0' || path == NULL)
		return SA_EINVAL;
	if (sodium_init() < 0)
		return SA_ENOMEM;
	snprintf(exp, sizeof(exp), "%lld", expires);
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"GET\n", 4);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)path,
	    strlen(path));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)exp,
	    strlen(exp));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, SIGN_HEX_LEN + 1, mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
	return SA_OK;
}

/* A canonical decimal Unix time ("0" or no leading zero, <= 18 digits). */
static bool
parse_expires(const char *s, long long *out)
{
	char *end;
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 18 || (s[0] == '0' && n > 1))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0';
}

enum sign_verdict
sign_verify(const char *secret, const char *path, const char *expires,
    const char *sig, time_t now)
{
	char want[SIGN_HEX_LEN + 1], got[SIGN_HEX_LEN + 1];
	long long exp;
	int same;

	if (sig == NULL || strlen(sig) != SIGN_HEX_LEN ||
	    !parse_expires(expires, &exp) ||
	    sign_path(secret, path, exp, want) != SA_OK)
		return SIGN_BAD;
	for (size_t i = 0; i <= SIGN_HEX_LEN; i++)   /* hex is case-insensitive */
		got[i] = (sig[i] >= 'A' && sig[i] <= 'F') ? (char)(sig[i] + 32) :
		    sig[i];
	same = sodium_memcmp(want, got, SIGN_HEX_LEN) == 0;
	sodium_memzero(want, sizeof(want));
	if (!same)
		return SIGN_BAD;
	return (long long)now > exp ? SIGN_EXPIRED : SIGN_VALID;
}

enum sa_err
sign_url(const char *secret, const char *base_url, const char *path,
    long long expires, char *out, size_t n)
{
	char hex[SIGN_HEX_LEN + 1];
	size_t blen = strlen(base_url);
	enum sa_err rc;
	int w;

	if ((rc = sign_path(secret, path, expires, hex)) != SA_OK)
		return rc;
	while (blen > 0 && base_url[blen - 1] == '/')
		blen--;
	w = snprintf(out, n, "%.*s%s?expires=%lld&sig=%s", (int)blen, base_url,
	    path, expires, hex);
	return w < 0 || (size_t)w >= n ? SA_ETOOBIG : SA_OK;
}
