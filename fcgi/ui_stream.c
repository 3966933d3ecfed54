/* ui_stream.c: responses written straight to the FastCGI stream (exports). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <fcgiapp.h>
#include "ui.h"

bool
ui_stream_begin(struct req *r)
{
	FCGX_Stream *out = r->stream;
	char head[128];
	int n;

	if (out == NULL || r->streamed)
		return false;
	n = snprintf(head, sizeof(head), "Status: %d %s\r\n", r->status,
	    http_reason(r->status));
	r->streamed = true;
	if (FCGX_PutStr(head, n, out) < 0 ||
	    FCGX_PutStr(buf_str(&r->headers), (int)r->headers.len, out) < 0 ||
	    FCGX_PutStr("\r\n", 2, out) < 0)
		return false;
	return true;
}

bool
ui_stream_write(struct req *r, const char *p, size_t n)
{
	FCGX_Stream *out = r->stream;

	if (out == NULL || !r->streamed || strcmp(r->method, "HEAD") == 0)
		return out != NULL;
	while (n > 0) {
		int chunk = n > (1u << 20) ? 1 << 20 : (int)n;
		if (FCGX_PutStr(p, chunk, out) != chunk)
			return false;
		p += chunk, n -= (size_t)chunk;
	}
	return true;
}
