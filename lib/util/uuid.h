/* uuid.h: time-ordered UUIDv7 ids and validation of client-supplied ids. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_UUID_H
#define SA_UUID_H

#include <stdbool.h>

#define UUID_STRLEN 36

/* Writes a new lowercase UUIDv7 (36 chars + NUL) into out[37]. */
void uuid_v7(char out[UUID_STRLEN + 1]);
/* True when s is a canonical 8-4-4-4-12 hex UUID (any version, any case). */
bool uuid_valid(const char *s);

#endif
