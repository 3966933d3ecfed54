/* apikey.c: generation, checksum and hashing of API keys (libsodium). */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include <sodium.h>
#include "auth/apikey.h"

static const char b62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* Checksum: BLAKE2b of the random part, first 6 bytes folded to base62. */
static void
checksum(const char *rnd, char out[APIKEY_SUM_LEN])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)rnd,
	    APIKEY_RAND_LEN, NULL, 0);
	for (int i = 0; i < APIKEY_SUM_LEN; i++)
		out[i] = b62[h[i] % 62];
}

void
apikey_generate(char out[APIKEY_LEN + 1])
{
	char *rnd = out + APIKEY_PREFIX_LEN;

	memcpy(out, APIKEY_PREFIX, APIKEY_PREFIX_LEN);
	for (int i = 0; i < APIKEY_RAND_LEN; i++)
		rnd[i] = b62[randombytes_uniform(62)];
	checksum(rnd, rnd + APIKEY_RAND_LEN);
	out[APIKEY_LEN] = '\0';
}

bool
apikey_well_formed(const char *key)
{
	char sum[APIKEY_SUM_LEN];
	const char *rnd;

	if (key == NULL || strlen(key) != APIKEY_LEN ||
	    strncmp(key, APIKEY_PREFIX, APIKEY_PREFIX_LEN) != 0)
		return false;
	rnd = key + APIKEY_PREFIX_LEN;
	for (int i = 0; i < APIKEY_RAND_LEN + APIKEY_SUM_LEN; i++)
		if (strchr(b62, rnd[i]) == NULL || rnd[i] == '\0')
			return false;
	checksum(rnd, sum);
	return sodium_memcmp(sum, rnd + APIKEY_RAND_LEN, APIKEY_SUM_LEN) == 0;
}

void
apikey_hash(const char *key, unsigned char out[APIKEY_HASH_LEN])
{
	crypto_hash_sha256(out, (const unsigned char *)key, strlen(key));
}

void
apikey_shown_prefix(const char *key, char out[APIKEY_SHOWN_LEN + 1])
{
	size_t n = strlen(key);

	if (n > APIKEY_SHOWN_LEN)
		n = APIKEY_SHOWN_LEN;
	memcpy(out, key, n);
	out[n] = '\0';
}
