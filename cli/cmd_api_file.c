/* cmd_api_file.c: downloads (PDF, export) into files written atomically. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd_api.h"

/* Mode 0666 less the umask, as if the file were made by open(2). */
static mode_t
file_mode(void)
{
	mode_t m = umask(0);

	umask(m);
	return 0666 & ~m;
}

int
outf_open(struct out_file *o, const char *path, char *why, size_t whylen)
{
	int fd;

	memset(o, 0, sizeof(*o));
	if (snprintf(o->tmp, sizeof(o->tmp), "%s.XXXXXX", path) >= (int)sizeof(o->tmp)) {
		snprintf(why, whylen, "%s: path too long", path);
		return -1;
	}
	snprintf(o->path, sizeof(o->path), "%s", path);
	if ((fd = mkstemp(o->tmp)) < 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((o->f = fdopen(fd, "wb")) == NULL) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		return -1;
	}
	return 0;
}

int
outf_commit(struct out_file *o, char *why, size_t whylen)
{
	int err = 0;

	if (fflush(o->f) != 0 || fchmod(fileno(o->f), file_mode()) != 0 ||
	    fsync(fileno(o->f)) != 0)
		err = errno;
	if (fclose(o->f) != 0 && err == 0)
		err = errno;
	o->f = NULL;
	if (err == 0 && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err) {
		snprintf(why, whylen, "%s: %s", o->path, strerror(err));
		unlink(o->tmp);
		return -1;
	}
	return 0;
}

void
outf_abort(struct out_file *o)
{
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	unlink(o->tmp);
}

int
api_download(struct api_ctx *x, const char *target, FILE *sink, size_t cap,
    struct api_resp *r)
{
	char why[1400];
	json_object *err;
	long st = api_fetch_to(&x->c, target, sink, cap, r, why, sizeof(why));
	int rc;

	if (st == 200)
		return AX_OK;
	err = st && r->body.len ? json_tokener_parse(buf_str(&r->body)) : NULL;
	rc = api_fail(x, st, err, why);
	json_object_put(err);
	return rc;
}
