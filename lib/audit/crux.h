/* crux.h: Chrome UX Report (CrUX API) field data — LCP, CLS, INP p75. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CRUX_H
#define SA_CRUX_H

#include <stdbool.h>
#include <stddef.h>
#include "audit/check.h"
#include "sa.h"

struct conf;

#define CRUX_DEFAULT_ENDPOINT \
	"https://chromeuxreport.googleapis.com/v1/records:queryRecord"

/* Where and how to ask; api_key NULL or "" disables the lookup. The
 * strings are borrowed (usually from struct conf) and must outlive use. */
struct crux_opts {
	const char *api_key;      /* secret: never logged */
	const char *endpoint;     /* NULL: CRUX_DEFAULT_ENDPOINT */
	long        timeout_ms;   /* whole request; <= 0: 3000 */
};

/* One page's field data (75th percentiles). A metric is < 0 when the
 * record has no value for it; has is true when any metric is present. */
struct crux_data {
	bool   has;
	bool   origin;    /* the values are the origin's (URL had no record) */
	double lcp_ms;
	double cls;
	double inp_ms;
};

/* Fills o from the [crux] section of c (borrows c's strings). */
void crux_opts_from_conf(struct crux_opts *o, const struct conf *c);

/* No data: has false, every metric -1. */
void crux_data_clear(struct crux_data *d);

/*
 * Parses one queryRecord response (status and body) into *d. SA_OK when
 * the body holds a record with at least one of the three metrics,
 * SA_ENOTFOUND for a 404 (no record for that key) or a record without
 * them, SA_EINVAL for any other status or a malformed body. *d is cleared
 * first, so it is "no data" on every failure.
 */
enum sa_err crux_parse(long status, const char *body, size_t len,
    struct crux_data *d);

/*
 * The origin of an http(s) URL ("https://example.com:8443"), no path;
 * caller frees. NULL when url is not absolute http(s) or on ENOMEM.
 */
char *crux_origin(const char *url);

/*
 * Asks the CrUX API for url's record under form factor PHONE (mobile) or
 * DESKTOP, falling back to the url's origin record when the url has none
 * (404). Fills *d (cleared on any failure). SA_OK with data, SA_ENOTFOUND
 * when neither has a record or no key is configured, SA_EIO / SA_EINVAL on
 * a transport or response error. Never logs the key or the request URL.
 */
enum sa_err crux_query(const struct crux_opts *o, const char *url,
    enum audit_strategy st, struct crux_data *d);

#endif
