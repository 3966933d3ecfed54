/* admin_init_prompt.c: `admin init --interactive` — asks for what the flags
 * left out; the password is read without echo on a terminal. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sodium.h>
#include "admin_init.h"

/* One line from stdin into buf without its newline; -1 at end of input. */
static int
read_line(const char *question, const char *dflt, char *buf, size_t len,
    bool secret)
{
	struct termios old, quiet;
	bool tty = secret && isatty(STDIN_FILENO) &&
	    tcgetattr(STDIN_FILENO, &old) == 0;
	char *ok;

	fprintf(stderr, dflt ? "%s [%s]: " : "%s: ", question, dflt);
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)len, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (ok == NULL)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	if (!*buf && dflt)
		snprintf(buf, len, "%s", dflt);
	return 0;
}

/* The owner's password, twice. */
static int
prompt_password(struct init_opts *o)
{
	char again[sizeof(o->password)];
	int rc = 0;

	if (read_line("Owner password (8+ characters)", NULL, o->password,
	    sizeof(o->password), true) != 0 ||
	    read_line("Again", NULL, again, sizeof(again), true) != 0)
		rc = 2;
	else if (strcmp(again, o->password) != 0) {
		fputs("siteaudit admin init: the passwords differ\n", stderr);
		rc = 2;
	}
	sodium_memzero(again, sizeof(again));
	return rc;
}

int
init_prompt(struct init_opts *o)
{
	if (o->base_url == NULL) {
		if (read_line("Public base URL", "https://audit.example.com",
		    o->url_buf, sizeof(o->url_buf), false) != 0)
			return 2;
		o->base_url = o->url_buf;
	}
	if (o->owner_email == NULL) {
		if (read_line("Owner e-mail", NULL, o->email_buf,
		    sizeof(o->email_buf), false) != 0 || !*o->email_buf)
			return 2;
		o->owner_email = o->email_buf;
	}
	if (o->org_name == NULL) {
		if (read_line("Organisation name", "My organisation", o->org_buf,
		    sizeof(o->org_buf), false) != 0)
			return 2;
		o->org_name = o->org_buf;
	}
	return prompt_password(o);
}
