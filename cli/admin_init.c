/* admin_init.c: `siteaudit admin init` — a configuration with its secrets. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "cmd.h"
#include "conf.h"

struct init_opts {
	const char *base_url, *db_socket, *db_password, *files_dir;
};

static const char init_usage[] =
    "usage: siteaudit admin init [--base-url URL] [--db-socket PATH]\n"
    "                            [--db-password P] [--files-dir DIR]\n"
    "Writes $SITEAUDIT_CONF (default " CONF_DEFAULT_PATH ") when it does not\n"
    "exist, with a generated database password and file-signing secret; on an\n"
    "existing file it only adds files.signing_secret when that is missing.\n"
    "Secrets are never printed.\n";

/* 32 random bytes as 64 hex characters. */
static void
random_hex(char out[65])
{
	unsigned char b[32];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, 65, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

static int
parse(int argc, char **argv, struct init_opts *o)
{
	static const char *const names[] = { "--base-url", "--db-socket",
	    "--db-password", "--files-dir" };
	const char **slots[] = { &o->base_url, &o->db_socket, &o->db_password,
	    &o->files_dir };

	memset(o, 0, sizeof(*o));
	for (int i = 0; i < argc; i += 2) {
		size_t k = 0;
		while (k < 4 && strcmp(argv[i], names[k]) != 0)
			k++;
		if (k == 4 || i + 1 >= argc)
			return -1;
		*slots[k] = argv[i + 1];
	}
	return 0;
}

/* Opens path for a new file readable by owner and group only. */
static FILE *
create_private(const char *path, int flags)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | flags, 0640);

	return fd < 0 ? NULL : fdopen(fd, flags & O_APPEND ? "a" : "w");
}

static int
write_new(const char *path, const struct init_opts *o)
{
	char secret[65], dbpw[65];
	FILE *f = create_private(path, O_CREAT | O_EXCL);

	if (f == NULL) {
		fprintf(stderr, "siteaudit admin init: %s: %s\n", path, strerror(errno));
		return 1;
	}
	random_hex(secret);
	random_hex(dbpw);
	fprintf(f, "# %s, written by `siteaudit admin init`.\n"
	    "# Every key is documented in docs/configuration.md.\n\n"
	    "[server]\nbase_url = %s\n\n[database]\nsocket = %s\nname = siteaudit\n"
	    "user = siteaudit\npassword = %s\n\n[files]\ndir = %s\nsigning_secret = %s\n",
	    path, o->base_url ? o->base_url : "http://localhost",
	    o->db_socket ? o->db_socket : "/run/mysqld/mysqld.sock",
	    o->db_password ? o->db_password : dbpw,
	    o->files_dir ? o->files_dir : "/var/lib/siteaudit/files", secret);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(dbpw, sizeof(dbpw));
	if (fclose(f) != 0)
		return 1;
	printf("wrote %s (database password%s and signing secret generated)\n", path,
	    o->db_password ? " given" : "");
	return 0;
}

static int
add_secret(const char *path)
{
	char secret[65];
	FILE *f = create_private(path, O_APPEND);

	if (f == NULL) {
		fprintf(stderr, "siteaudit admin init: %s: %s\n", path, strerror(errno));
		return 1;
	}
	random_hex(secret);
	fprintf(f, "\n[files]\n# added by `siteaudit admin init`\nsigning_secret = %s\n",
	    secret);
	sodium_memzero(secret, sizeof(secret));
	if (fclose(f) != 0)
		return 1;
	printf("added files.signing_secret to %s\n", path);
	return 0;
}

static int
update_existing(const char *path)
{
	struct conf c;
	char *err = NULL;
	int rc;

	if (conf_load(&c, path, &err) != SA_OK) {
		fprintf(stderr, "%s", err ? err : "configuration error\n");
		free(err);
		conf_free(&c);
		return 78;
	}
	rc = c.signing_secret && *c.signing_secret ? 0 : add_secret(path);
	if (rc == 0 && c.signing_secret && *c.signing_secret)
		printf("%s: ok (signing secret present)\n", path);
	conf_free(&c);
	return rc;
}

int
admin_init(int argc, char **argv)
{
	const char *path = conf_default_path();
	struct init_opts o;

	if (argc > 0 && strcmp(argv[0], "--help") == 0)
		return fputs(init_usage, stdout), 0;
	if (parse(argc, argv, &o) != 0) {
		fputs(init_usage, stderr);
		return 2;
	}
	if (access(path, F_OK) != 0)
		return write_new(path, &o);
	return update_existing(path);
}
