/* form.h: application/x-www-form-urlencoded request bodies (HTML forms). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_FORM_H
#define SA_FORM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Finds the first field called name in body[0..len) ("a=1&b=x+y%21") and
 * percent-decodes its value ('+' is a space) into out[outlen]. Returns 1
 * found, 0 absent, -1 malformed, too long, or containing a NUL byte. A
 * field without '=' has the empty value. Names are compared after decoding.
 */
int form_get(const char *body, size_t len, const char *name, char *out,
    size_t outlen);

/* form_get() for an integer field in [min, max]: 1 found and valid, 0
 * absent, -1 malformed or out of range. */
int form_get_long(const char *body, size_t len, const char *name, long min,
    long max, long *out);

/* True when content_type is application/x-www-form-urlencoded (any params). */
bool form_is_urlencoded(const char *content_type);

#endif
