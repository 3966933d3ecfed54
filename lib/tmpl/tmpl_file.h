/* tmpl_file.h: template files read from the templates folder, cached per process. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_TMPL_FILE_H
#define SA_TMPL_FILE_H

#include <stddef.h>
#include "sa.h"

#define TMPL_FILE_MAX   (256u << 10)   /* bytes per template file */
#define TMPL_CACHE_SIZE 48

/*
 * Returns the text of DIR/name.html in *src (NOT NUL-terminated, length in
 * *len), valid until the next call that re-reads a changed file. Files are
 * cached and re-read when their mtime or size changes. The caller checks
 * that name is a plain [a-z0-9_-] name.
 */
enum sa_err tmpl_file_get(const char *dir, const char *name, const char **src,
    size_t *len);
/* Drops the cache (tests). */
void tmpl_file_flush(void);

#endif
