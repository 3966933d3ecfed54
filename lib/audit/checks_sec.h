/* checks_sec.h: internal — the security checks split over checks_sec*.c. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CHECKS_SEC_H
#define SA_CHECKS_SEC_H

#include <stdbool.h>
#include <stddef.h>
#include "audit/check.h"

/*
 * The value of directive name (e.g. "script-src") in one CSP policy
 * (directives separated by ';'): *val / *len get the source list after the
 * name. False when the policy has no such directive.
 */
bool sec_csp_directive(const char *policy, size_t plen, const char *name,
    const char **val, size_t *len);
/* True when the source list val[0..len) holds a source starting with tok
 * (ASCII case-insensitive), e.g. "'unsafe-inline'" or "'nonce-". */
bool sec_csp_has(const char *val, size_t len, const char *tok);

/* The check functions, one per id. */
void sec_has_hsts(const struct page_ctx *p, struct check_result *r);
void sec_csp_xss(const struct page_ctx *p, struct check_result *r);
void sec_xcto(const struct page_ctx *p, struct check_result *r);
void sec_clickjacking(const struct page_ctx *p, struct check_result *r);
void sec_referrer_policy(const struct page_ctx *p, struct check_result *r);
void sec_permissions_policy(const struct page_ctx *p, struct check_result *r);
void sec_version_disclosure(const struct page_ctx *p, struct check_result *r);
void sec_cookie_flags(const struct page_ctx *p, struct check_result *r);
void sec_noopener(const struct page_ctx *p, struct check_result *r);
void sec_sri(const struct page_ctx *p, struct check_result *r);
void sec_tls_certificate(const struct page_ctx *p, struct check_result *r);
void sec_tls_version(const struct page_ctx *p, struct check_result *r);

#endif
