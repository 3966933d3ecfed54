/* apikey.h: API key format — sk_pageref_ + 43 base62 random + 6 checksum. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_APIKEY_H
#define SA_APIKEY_H

#include <stdbool.h>
#include <stddef.h>

#define APIKEY_PREFIX     "sk_pageref_"
#define APIKEY_PREFIX_LEN 11
#define APIKEY_RAND_LEN   43   /* 43 base62 chars = 256 bits */
#define APIKEY_SUM_LEN    6
#define APIKEY_LEN        (APIKEY_PREFIX_LEN + APIKEY_RAND_LEN + APIKEY_SUM_LEN)
#define APIKEY_SHOWN_LEN  (APIKEY_PREFIX_LEN + 8)  /* the listable prefix */
#define APIKEY_HASH_LEN   32

/* Writes a new key (APIKEY_LEN chars + NUL) into out. */
void apikey_generate(char out[APIKEY_LEN + 1]);
/*
 * True when key has the right prefix, length, alphabet and checksum; a
 * mistyped key fails here, before any database lookup.
 */
bool apikey_well_formed(const char *key);
/* SHA-256 of the key: what the database stores and looks up. */
void apikey_hash(const char *key, unsigned char out[APIKEY_HASH_LEN]);
/* The shown prefix ("sk_pageref_" + 8 chars) into out[APIKEY_SHOWN_LEN+1]. */
void apikey_shown_prefix(const char *key, char out[APIKEY_SHOWN_LEN + 1]);

#endif
