/* password.h: Argon2id password hashing (libsodium crypto_pwhash). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_PASSWORD_H
#define SA_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>
#include "sa.h"

#define PASSWORD_HASH_MAX 128   /* crypto_pwhash_STRBYTES */

/* Hashes pw into out (NUL-terminated encoded Argon2id string). */
enum sa_err password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* Constant-time verification; false on mismatch or a malformed hash. */
bool password_verify(const char *pw, const char *hash);
/* Writes a random human-typable password of len chars (len < outlen). */
void password_generate(char *out, size_t outlen, size_t len);

#endif
