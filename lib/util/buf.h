/* buf.h: bounded, growable byte buffers with explicit hand-off. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_BUF_H
#define SA_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include "sa.h"

/*
 * A buf always keeps a NUL after its contents so ->ptr can be used as a C
 * string. Appends never truncate: past `cap` bytes they fail with SA_ETOOBIG
 * and the buffer is freed (like curl's dynbuf), so a caller can't go on with
 * half a value.
 */
struct buf {
	char  *ptr;   /* NULL until the first append */
	size_t len;   /* bytes used, not counting the trailing NUL */
	size_t alloc; /* bytes allocated */
	size_t cap;   /* maximum len */
};

void buf_init(struct buf *b, size_t cap);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);   /* len = 0, keeps memory */
enum sa_err buf_add(struct buf *b, const void *p, size_t n);
enum sa_err buf_adds(struct buf *b, const char *s);
enum sa_err buf_addc(struct buf *b, char c);
enum sa_err buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum sa_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Returns the contents ("" if empty; caller frees) and resets b. */
char *buf_take(struct buf *b, size_t *len);
/*
 * Reads the whole file at path (at most cap bytes) into a new NUL-terminated
 * string (caller frees). NULL on failure with errno set: from fopen, EFBIG
 * when over cap, EIO on a read error.
 */
char *buf_read_file(const char *path, size_t cap);
/* Contents as a C string; "" when nothing was appended. Valid until next op. */
const char *buf_str(const struct buf *b);

#endif
