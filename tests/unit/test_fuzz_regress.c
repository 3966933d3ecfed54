/* test_fuzz_regress.c: replays, through the real fuzz harnesses, every input
 * kept in fuzz/regress/<harness>/ (crashes and broken invariants the fuzzers
 * found, now fixed) and the committed seeds in fuzz/corpus/<harness>/. The
 * harness sources are compiled in here, so the normal and the ASan/UBSan unit
 * builds run exactly the fuzzers' code and checks, without libFuzzer. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <cmocka.h>

#define LLVMFuzzerTestOneInput fuzz_body_one
#include "../../fuzz/fuzz_body.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_conf_one
#include "../../fuzz/fuzz_conf.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_css_one
#include "../../fuzz/fuzz_css.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_csv_one
#include "../../fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_form_one
#include "../../fuzz/fuzz_form.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_html_one
#include "../../fuzz/fuzz_html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_image_one
#include "../../fuzz/fuzz_image.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_remote_one
#include "../../fuzz/fuzz_remote.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_robots_one
#include "../../fuzz/fuzz_robots.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_sitemap_one
#include "../../fuzz/fuzz_sitemap.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_tmpl_one
#include "../../fuzz/fuzz_tmpl.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_url_one
#include "../../fuzz/fuzz_url.c"
#undef LLVMFuzzerTestOneInput

#define REPLAY_MAX_BYTES (1u << 20)

struct harness {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
};

static const struct harness harnesses[] = {
	{ "body", fuzz_body_one }, { "conf", fuzz_conf_one },
	{ "css", fuzz_css_one }, { "csv", fuzz_csv_one },
	{ "form", fuzz_form_one }, { "html", fuzz_html_one },
	{ "image", fuzz_image_one }, { "remote", fuzz_remote_one },
	{ "robots", fuzz_robots_one },
	{ "sitemap", fuzz_sitemap_one }, { "tmpl", fuzz_tmpl_one },
	{ "url", fuzz_url_one },
};

/*
 * Reads path into a buffer of exactly its size (no NUL after it), as
 * libFuzzer hands inputs over, so ASan sees any read past the end.
 */
static uint8_t *
read_exact(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0 && (unsigned long)n <= REPLAY_MAX_BYTES);
	rewind(f);
	p = malloc(n ? (size_t)n : 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* Runs every regular file of dir through h; returns how many. */
static size_t
replay_dir(const struct harness *h, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];
	size_t n = 0, len;
	uint8_t *data;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		data = read_exact(path, &len);
		/* named first: a failing input aborts the whole program */
		fprintf(stderr, "replay %s\n", path);
		assert_int_equal(h->one(data, len), 0);
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

static void
test_replay(void **state)
{
	const struct harness *h = *state;
	char dir[256];
	size_t n;

	snprintf(dir, sizeof(dir), "fuzz/corpus/%s", h->name);
	n = replay_dir(h, dir);
	snprintf(dir, sizeof(dir), "fuzz/regress/%s", h->name);
	n += replay_dir(h, dir);
	assert_true(n > 0);   /* every harness has committed seeds */
}

int
main(void)
{
	struct CMUnitTest tests[SA_NITEMS(harnesses)];

	for (size_t i = 0; i < SA_NITEMS(harnesses); i++)
		tests[i] = (struct CMUnitTest){ .name = harnesses[i].name,
		    .test_func = test_replay,
		    .initial_state = (void *)(uintptr_t)&harnesses[i] };
	return cmocka_run_group_tests_name("fuzz_regress", tests, NULL, NULL);
}
