/* buf.c: bounded, growable byte buffers. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"

void
buf_init(struct buf *b, size_t cap)
{
	b->ptr = NULL;
	b->len = b->alloc = 0;
	b->cap = cap;
}

void
buf_free(struct buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->alloc = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

static enum sa_err
grow(struct buf *b, size_t need)
{
	size_t n = b->alloc ? b->alloc : 64;
	char *p;

	while (n < need + 1)
		n *= 2;
	if ((p = realloc(b->ptr, n)) == NULL) {
		buf_free(b);
		return SA_ENOMEM;
	}
	b->ptr = p;
	b->alloc = n;
	return SA_OK;
}

enum sa_err
buf_add(struct buf *b, const void *p, size_t n)
{
	enum sa_err rc;

	if (n > b->cap || b->len > b->cap - n) {
		buf_free(b);
		return SA_ETOOBIG;
	}
	if (b->len + n + 1 > b->alloc && (rc = grow(b, b->len + n)) != SA_OK)
		return rc;
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return SA_OK;
}

enum sa_err
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

enum sa_err
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

enum sa_err
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	char small[256];
	va_list cp;
	int n;
	enum sa_err rc;

	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		return SA_EINVAL;
	if ((size_t)n < sizeof(small))
		return buf_add(b, small, (size_t)n);
	if ((rc = buf_add(b, "", 0)) != SA_OK)
		return rc;
	if ((size_t)n > b->cap || b->len > b->cap - (size_t)n) {
		buf_free(b);
		return SA_ETOOBIG;
	}
	if (b->len + (size_t)n + 1 > b->alloc &&
	    (rc = grow(b, b->len + (size_t)n)) != SA_OK)
		return rc;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return SA_OK;
}

enum sa_err
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	enum sa_err rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *
buf_take(struct buf *b, size_t *len)
{
	char *p = b->ptr;

	if (len)
		*len = b->len;
	if (p == NULL)
		p = calloc(1, 1);
	b->ptr = NULL;
	b->len = b->alloc = 0;
	return p;
}

const char *
buf_str(const struct buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *
buf_read_file(const char *path, size_t cap)
{
	FILE *f = fopen(path, "r");
	struct buf b;
	char chunk[8192];
	size_t n;
	enum sa_err rc = SA_OK;

	if (f == NULL)
		return NULL;
	buf_init(&b, cap);
	while (rc == SA_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = buf_add(&b, chunk, n);
	if (rc == SA_OK && ferror(f))
		rc = SA_EIO;
	fclose(f);
	if (rc != SA_OK) {
		buf_free(&b);
		errno = rc == SA_ETOOBIG ? EFBIG : EIO;
		return NULL;
	}
	return buf_take(&b, NULL);
}
