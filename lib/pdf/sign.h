/* sign.h: HMAC-SHA256 signed, expiring download links (/files/...). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_SIGN_H
#define SA_SIGN_H

#include <stddef.h>
#include <time.h>
#include "sa.h"

#define SIGN_HEX_LEN 64   /* hex digits of an HMAC-SHA256 */

enum sign_verdict {
	SIGN_VALID,      /* signature matches and the link has not expired */
	SIGN_BAD,        /* missing, malformed or wrong signature or expiry */
	SIGN_EXPIRED     /* a genuine signature whose expiry has passed */
};

/*
 * The hex HMAC-SHA256 (key: the bytes of secret) over
 * "GET\n<path>\n<expires>" into hex[SIGN_HEX_LEN + 1]. SA_EINVAL when
 * secret is NULL or empty.
 */
enum sa_err sign_path(const char *secret, const char *path, long long expires,
    char hex[SIGN_HEX_LEN + 1]);

/*
 * Checks the expires and sig query values of a request for path at time
 * now. The signature is compared in constant time; the expiry is checked
 * only after the signature matched (so a forged link never learns more than
 * "bad"). NULL expires / sig / secret → SIGN_BAD.
 */
enum sign_verdict sign_verify(const char *secret, const char *path,
    const char *expires, const char *sig, time_t now);

/*
 * "<base_url><path>?expires=<expires>&sig=<hex>" into out[n] (base_url's
 * trailing '/' dropped). SA_ETOOBIG when it does not fit; SA_EINVAL as
 * sign_path().
 */
enum sa_err sign_url(const char *secret, const char *base_url,
    const char *path, long long expires, char *out, size_t n);

#endif
