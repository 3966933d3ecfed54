/* fuzz_conf.c: the configuration parser on arbitrary text (conf_parse()
 * from a buffer; conf_load() reads the file into the same function).
 * Checked besides memory safety and UB: SA_ECONF exactly when there are
 * error lines, and one bad line anywhere fails the whole file — each line
 * is also parsed alone (after its section header), and when that fails the
 * whole text must fail too, however many other errors precede it. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include "conf.h"
#include "fuzz.h"

#define CONF_FUZZ_LINES 4096   /* lines re-parsed alone, at most */

static enum sa_err
conf_run(const char *text, bool check)
{
	struct conf c;
	char *err = NULL;
	enum sa_err rc;

	FUZZ_CHECK(conf_defaults(&c) == SA_OK);
	rc = conf_parse(&c, "fuzz.conf", text, &err);
	if (check) {
		FUZZ_CHECK(rc == SA_OK || rc == SA_ECONF || rc == SA_ENOMEM);
		FUZZ_CHECK((rc == SA_ECONF) == (err != NULL && *err != '\0'));
		/* the fields the programs read stay set */
		FUZZ_CHECK(c.listen && c.db_name && c.user_agent && c.log_level);
	}
	free(err);
	conf_free(&c);
	return rc;
}

/* True when some line of text fails on its own (under its section). */
static bool
conf_any_line_bad(const char *text)
{
	const char *line = text, *header = "", *p;
	size_t hlen = 0, n = 0;
	bool bad = false;

	while (!bad && *line && n++ < CONF_FUZZ_LINES) {
		size_t len = strcspn(line, "\n");
		char *one;

		for (p = line; p < line + len && isspace((unsigned char)*p); p++)
			;
		FUZZ_CHECK((one = malloc(hlen + len + 2)) != NULL);
		snprintf(one, hlen + len + 2, "%.*s\n%.*s", (int)hlen, header,
		    (int)len, line);
		bad = conf_run(one, false) == SA_ECONF;
		free(one);
		if (p < line + len && *p == '[')
			header = line, hlen = len;
		line += len + (line[len] == '\n');
	}
	return bad;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size);

	if (conf_run(text, true) == SA_OK)
		FUZZ_CHECK(!conf_any_line_bad(text));
	free(text);
	return 0;
}
