/* tmpl_file.c: reads and caches template files (re-read when they change). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tmpl/tmpl_file.h"

struct entry {
	char   *path;
	char   *text;
	size_t  len;
	time_t  mtime;
	off_t   size;
};

static struct entry cache[TMPL_CACHE_SIZE];
static size_t ncache;

static void
entry_free(struct entry *e)
{
	free(e->path);
	free(e->text);
	memset(e, 0, sizeof(*e));
}

void
tmpl_file_flush(void)
{
	for (size_t i = 0; i < ncache; i++)
		entry_free(&cache[i]);
	ncache = 0;
}

static enum sa_err
slurp(const char *path, off_t size, char **text, size_t *len)
{
	FILE *f;
	size_t got;

	if (size < 0 || (size_t)size > TMPL_FILE_MAX)
		return SA_ETOOBIG;
	if ((f = fopen(path, "rb")) == NULL)
		return SA_ENOTFOUND;
	if ((*text = malloc((size_t)size + 1)) == NULL) {
		fclose(f);
		return SA_ENOMEM;
	}
	got = fread(*text, 1, (size_t)size, f);
	fclose(f);
	(*text)[got] = '\0';
	*len = got;
	return SA_OK;
}

/* The entry for path, a free one, or NULL when the cache is full (never
 * evicts: a template being rendered must stay valid). */
static struct entry *
slot_for(const char *path)
{
	struct entry *hole = NULL;

	for (size_t i = 0; i < ncache; i++) {
		if (cache[i].path == NULL)
			hole = hole ? hole : &cache[i];
		else if (strcmp(cache[i].path, path) == 0)
			return &cache[i];
	}
	if (hole)
		return hole;
	return ncache < TMPL_CACHE_SIZE ? &cache[ncache++] : NULL;
}

enum sa_err
tmpl_file_get(const char *dir, const char *name, const char **src, size_t *len)
{
	char path[4096];
	struct stat sb;
	struct entry *e;
	enum sa_err rc;

	if (snprintf(path, sizeof(path), "%s/%s.html", dir, name) >= (int)sizeof(path))
		return SA_ETOOBIG;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return SA_ENOTFOUND;
	if ((e = slot_for(path)) == NULL)
		return SA_ETOOBIG;
	if (e->path == NULL || e->mtime != sb.st_mtime || e->size != sb.st_size) {
		char *p = e->path ? e->path : strdup(path);
		free(e->text);
		memset(e, 0, sizeof(*e));
		if ((e->path = p) == NULL)
			return SA_ENOMEM;
		if ((rc = slurp(path, sb.st_size, &e->text, &e->len)) != SA_OK) {
			entry_free(e);
			return rc;
		}
		e->mtime = sb.st_mtime;
		e->size = sb.st_size;
	}
	*src = e->text;
	*len = e->len;
	return SA_OK;
}
