/* webhook_util.c: webhook event names, secrets, signatures, backoff, tokens. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "model/webhook.h"

static const char *const event_names[WH__MAX] = {
	[WH_SCAN_COMPLETED] = "scan.completed",
	[WH_SCAN_FAILED] = "scan.failed",
	[WH_REGRESSION] = "regression.detected",
	[WH_BUDGET] = "budget.violated",
};

const char *
webhook_event_name(enum webhook_event e)
{
	return e < WH__MAX ? event_names[e] : "unknown";
}

enum webhook_event
webhook_event_parse(const char *name)
{
	for (int e = 0; name && e < WH__MAX; e++)
		if (strcmp(name, event_names[e]) == 0)
			return e;
	return WH__MAX;
}

/* prefix + hex of 32 random bytes into out (prefix + 64 + NUL). */
static void
random_hex(const char *prefix, char *out, size_t outlen, unsigned char raw[32])
{
	char hex[65];

	randombytes_buf(raw, 32);
	sodium_bin2hex(hex, sizeof(hex), raw, 32);
	snprintf(out, outlen, "%s%s", prefix, hex);
}

void
webhook_secret_new(char out[WEBHOOK_SECRET_LEN + 1])
{
	unsigned char raw[32];

	random_hex("whsec_", out, WEBHOOK_SECRET_LEN + 1, raw);
	sodium_memzero(raw, sizeof(raw));
}

void
webhook_sign(const char *secret, long long timestamp, const char *body,
    size_t body_len, char out[WEBHOOK_SIG_LEN + 1])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char ts[32], hex[2 * crypto_auth_hmacsha256_BYTES + 1];
	int n = snprintf(ts, sizeof(ts), "%lld.", timestamp);

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts, (size_t)n);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, body_len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	snprintf(out, WEBHOOK_SIG_LEN + 1, "v1=%s", hex);
}

long
webhook_backoff_s(long attempts)
{
	long d = WEBHOOK_BACKOFF_S;

	for (long i = 1; i < attempts && d < WEBHOOK_BACKOFF_MAX_S; i++)
		d *= 2;
	if (d > WEBHOOK_BACKOFF_MAX_S)
		d = WEBHOOK_BACKOFF_MAX_S;
	/* ±20 % jitter, so receivers that failed together retry apart */
	return d - d / 5 + (long)randombytes_uniform((uint32_t)(2 * (d / 5) + 1));
}

void
hook_token_hash(const char *token, unsigned char hash[32])
{
	crypto_hash_sha256(hash, (const unsigned char *)token, strlen(token));
}

void
hook_token_new(char out[HOOK_TOKEN_LEN + 1], unsigned char hash[32])
{
	unsigned char raw[32];

	random_hex("dh_", out, HOOK_TOKEN_LEN + 1, raw);
	sodium_memzero(raw, sizeof(raw));
	hook_token_hash(out, hash);
}
