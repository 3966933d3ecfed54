/* sa.c: names for the shared error enum. */
/* SPDX-License-Identifier: MIT */
#include "sa.h"

static const char *const names[SA__MAX] = {
	"ok", "out of memory", "too big", "invalid argument", "not found",
	"database error", "I/O error", "configuration error", "denied",
};
_Static_assert(SA_NITEMS(names) == SA__MAX, "sa_err names out of step");

const char *
sa_strerror(enum sa_err err)
{
	if ((unsigned)err >= SA__MAX)
		return "unknown error";
	return names[err];
}
