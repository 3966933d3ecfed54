/* fuzz.h: helpers shared by the libFuzzer harnesses in fuzz/ and by their
 * replay test (tests/unit/test_fuzz_regress.c), which #includes every
 * harness into one program; hence everything here is static inline and
 * every harness names its own statics with its own prefix. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_FUZZ_H
#define SA_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A broken invariant is a finding like a crash: abort() so that libFuzzer
 * saves the input and the replay test fails.
 */
#define FUZZ_CHECK(cond)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "fuzz: invariant failed: %s (%s:%d)\n", \
			    #cond, __FILE__, __LINE__);                      \
			abort();                                             \
		}                                                            \
	} while (0)

/* A NUL-terminated copy of d[0..n) (embedded NULs end the C string early);
 * aborts on ENOMEM, which a harness cannot recover from meaningfully. */
static inline char *
fuzz_str(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1);

	FUZZ_CHECK(s != NULL);
	if (n)
		memcpy(s, d, n);
	s[n] = '\0';
	return s;
}

/*
 * Splits d[0..n) at the first byte sep: *head gets the bytes before it, the
 * rest after it is returned through *tail / *taillen. Without sep the whole
 * input is the tail and the head is empty, so plain seed files (a page, a
 * template) still reach the main parser.
 */
static inline void
fuzz_split(const uint8_t *d, size_t n, uint8_t sep, const uint8_t **tail,
    size_t *taillen, size_t *headlen)
{
	const uint8_t *p = n ? memchr(d, sep, n) : NULL;

	if (p == NULL) {
		*headlen = 0;
		*tail = d;
		*taillen = n;
		return;
	}
	*headlen = (size_t)(p - d);
	*tail = p + 1;
	*taillen = n - *headlen - 1;
}

#endif
