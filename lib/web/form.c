/* form.c: parsing application/x-www-form-urlencoded bodies. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "web/form.h"
#include "web/route.h"

#define FORM_NAME_MAX 64

/* Compares the encoded field name enc[0..n) with name after decoding. */
static bool
name_is(const char *enc, size_t n, const char *name)
{
	char dec[FORM_NAME_MAX + 1];

	if (n > FORM_NAME_MAX * 3)
		return false;
	if (url_decode(enc, n, dec, sizeof(dec), true) < 0)
		return false;
	return strcmp(dec, name) == 0;
}

int
form_get(const char *body, size_t len, const char *name, char *out,
    size_t outlen)
{
	size_t pos = 0;

	if (out == NULL || outlen == 0)
		return -1;
	while (body && pos < len) {
		const char *seg = body + pos;
		const char *amp = memchr(seg, '&', len - pos);
		size_t slen = amp ? (size_t)(amp - seg) : len - pos;
		const char *eq = memchr(seg, '=', slen);
		size_t nlen = eq ? (size_t)(eq - seg) : slen;

		if (nlen && name_is(seg, nlen, name)) {
			if (eq == NULL) {
				out[0] = '\0';
				return 1;
			}
			return url_decode(eq + 1, slen - nlen - 1, out, outlen, true) < 0 ?
			    -1 : 1;
		}
		pos += slen + 1;
	}
	return 0;
}

int
form_get_long(const char *body, size_t len, const char *name, long min,
    long max, long *out)
{
	char v[32], *end;
	long n;
	int rc = form_get(body, len, name, v, sizeof(v));

	if (rc <= 0)
		return rc;
	errno = 0;
	n = strtol(v, &end, 10);
	if (v[0] == '\0' || *end != '\0' || errno || n < min || n > max)
		return -1;
	*out = n;
	return 1;
}

bool
form_is_urlencoded(const char *content_type)
{
	static const char mt[] = "application/x-www-form-urlencoded";
	size_t n = sizeof(mt) - 1;

	if (content_type == NULL || strncasecmp(content_type, mt, n) != 0)
		return false;
	return content_type[n] == '\0' || content_type[n] == ';' ||
	    content_type[n] == ' ';
}
