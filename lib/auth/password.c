/* password.c: Argon2id password hashes and generated passwords. */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include <sodium.h>
#include "auth/password.h"

_Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_MAX, "hash buffer");

enum sa_err
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return SA_ENOMEM;
	return SA_OK;
}

bool
password_verify(const char *pw, const char *hash)
{
	if (hash == NULL || strnlen(hash, PASSWORD_HASH_MAX) == PASSWORD_HASH_MAX)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void
password_generate(char *out, size_t outlen, size_t len)
{
	/* no look-alikes (0/O, 1/l/I) so it can be read off a terminal */
	static const char alpha[] =
	    "23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

	if (outlen == 0)
		return;
	if (len >= outlen)
		len = outlen - 1;
	for (size_t i = 0; i < len; i++)
		out[i] = alpha[randombytes_uniform(sizeof(alpha) - 1)];
	out[len] = '\0';
}
