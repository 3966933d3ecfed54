/* sa.h: the one error enum shared by every siteaudit module. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_H
#define SA_H

#include <stddef.h>

enum sa_err {
	SA_OK = 0,
	SA_ENOMEM,     /* allocation failed */
	SA_ETOOBIG,    /* a bounded buffer or input hit its cap */
	SA_EINVAL,     /* bad argument or malformed input */
	SA_ENOTFOUND,  /* no such row / file / key */
	SA_EDB,        /* database error (connection, statement) */
	SA_EIO,        /* operating-system I/O error */
	SA_ECONF,      /* configuration error */
	SA_EDENIED,    /* refused by policy (e.g. private target) */
	SA__MAX
};

/* Returns a static, human-readable name for err (never NULL). */
const char *sa_strerror(enum sa_err err);

#define SA_NITEMS(a) (sizeof(a) / sizeof((a)[0]))

#endif
