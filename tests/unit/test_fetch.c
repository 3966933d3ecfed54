/* test_fetch.c: the guarded fetcher against tiny loopback HTTP servers. */
/* SPDX-License-Identifier: MIT */
/*
 * Two HTTP/1.1 servers run in threads, on 127.0.0.1 and 127.0.0.2 (ephemeral
 * ports). They count connections and requests, so a test can prove that a
 * refused fetch never reached a server. No traffic leaves loopback.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>
#include "audit/fetch.h"
#include "conf.h"

/*==== the test server ====*/

struct srv {
	const char  *ip;
	int          fd;
	int          port;
	pthread_t    th;
	atomic_bool  stop;
	atomic_int   accepts;
	atomic_int   requests;
	atomic_int   active;      /* requests being answered right now */
	atomic_int   max_active;
	char         redirect_to[256];   /* Location for /go */
};

struct conn {
	struct srv *s;
	int         fd;
};

static struct srv srv1 = { .ip = "127.0.0.1" };
static struct srv srv2 = { .ip = "127.0.0.2" };

#define GZ_PLAIN  262144   /* /gzip inflates to this many 'a' bytes */
#define GZ_LEN    290
#define BIG_LEN   200000

/* gzip of GZ_PLAIN 'a's: a 27-byte head, zeros, a 10-byte tail. */
static void
make_gzip(unsigned char *gz)
{
	static const unsigned char head[27] = { 0x1f, 0x8b, 0x08, 0, 0, 0,
		0, 0, 0x02, 0x03, 0xed, 0xc1, 0x31, 0x01, 0, 0, 0, 0xc2, 0xa0,
		0xac, 0xeb, 0x5f, 0xc2, 0xdb, 0x0e, 0x40, 0x01 };
	static const unsigned char tail[10] = { 0xbc, 1, 0xc4, 0x8d, 0x8d,
		0xba, 0, 0, 4, 0 };   /* CRC-32, then the size: 262144 */

	memset(gz, 0, GZ_LEN);
	memcpy(gz, head, sizeof(head));
	memcpy(gz + GZ_LEN - sizeof(tail), tail, sizeof(tail));
}

static bool
send_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;

	while (n > 0) {
		if ((w = send(fd, c, n, MSG_NOSIGNAL)) <= 0)
			return false;
		c += w;
		n -= (size_t)w;
	}
	return true;
}

/* Sends a head with the given status, extra header lines and length. */
static bool
send_head(int fd, int status, const char *extra, long len)
{
	char h[1024];
	int n;

	if (len >= 0)
		n = snprintf(h, sizeof(h), "HTTP/1.1 %d X\r\n%sContent-Length: "
		    "%ld\r\n\r\n", status, extra, len);
	else
		n = snprintf(h, sizeof(h), "HTTP/1.1 %d X\r\n%sConnection: "
		    "close\r\n\r\n", status, extra);
	return n > 0 && (size_t)n < sizeof(h) && send_all(fd, h, (size_t)n);
}

static bool
send_text(int fd, int status, const char *extra, const char *body)
{
	return send_head(fd, status, extra, (long)strlen(body)) &&
	    send_all(fd, body, strlen(body));
}

/* BIG_LEN bytes of 'x', with a Content-Length or close-delimited. */
static bool
send_fill(int fd, bool with_length)
{
	static char big[BIG_LEN];

	memset(big, 'x', sizeof(big));
	return send_head(fd, 200, "", with_length ? BIG_LEN : -1) &&
	    send_all(fd, big, sizeof(big)) && with_length;
}

/* Headers, then one byte every 100 ms. */
static bool
send_slow(struct srv *s, int fd)
{
	int i;

	if (!send_head(fd, 200, "", 100))
		return false;
	for (i = 0; i < 100 && !atomic_load(&s->stop); i++)
		if (!send_all(fd, "s", 1) || usleep(100 * 1000) != 0)
			return false;
	return false;
}

static bool
send_chain(int fd, const char *arg)
{
	char extra[128];
	long n = strtol(arg, NULL, 10);

	if (n <= 0)
		return send_text(fd, 200, "X-Final: yes\r\n", "end");
	snprintf(extra, sizeof(extra), "Location: /chain/%ld\r\nX-Hop: %ld\r\n",
	    n - 1, n);
	return send_text(fd, 302, extra, "moved");
}

/* Answers one request for path; false closes the connection. */
static bool
route(struct srv *s, int fd, const char *path)
{
	unsigned char gz[GZ_LEN];
	char extra[400];

	if (strcmp(path, "/") == 0)
		return send_text(fd, 200, "Content-Type: text/html\r\n"
		    "X-Test: yes\r\n", "hello");
	if (strncmp(path, "/chain/", 7) == 0)
		return send_chain(fd, path + 7);
	if (strcmp(path, "/go") == 0) {
		snprintf(extra, sizeof(extra), "Location: %s\r\n",
		    s->redirect_to);
		return send_text(fd, 302, extra, "");
	}
	if (strcmp(path, "/gzip") == 0) {
		make_gzip(gz);
		return send_head(fd, 200, "Content-Encoding: gzip\r\n",
		    GZ_LEN) && send_all(fd, gz, GZ_LEN);
	}
	if (strcmp(path, "/big") == 0)
		return send_fill(fd, true);
	if (strcmp(path, "/bigclose") == 0)
		return send_fill(fd, false);
	if (strcmp(path, "/slow") == 0)
		return send_slow(s, fd);
	if (strcmp(path, "/slowgo") == 0) {   /* 300 ms, then to /sleep */
		usleep(300 * 1000);
		return send_text(fd, 302, "Location: /sleep\r\n", "");
	}
	if (strcmp(path, "/sleep") == 0) {
		usleep(250 * 1000);
		return send_text(fd, 200, "", "zz");
	}
	return send_text(fd, 404, "", "no");
}

/* Reads one request head into req; returns its path or NULL. */
static const char *
read_request(int fd, char *req, size_t cap)
{
	size_t len = 0;
	ssize_t n;
	char *sp;

	while (len + 1 < cap) {
		if ((n = recv(fd, req + len, cap - 1 - len, 0)) <= 0)
			return NULL;
		len += (size_t)n;
		req[len] = '\0';
		if (req[0] != 'G') {   /* e.g. a TLS ClientHello: answer junk */
			send_all(fd, "HTTP/1.1 400 X\r\n\r\n", 18);
			return NULL;
		}
		if (strstr(req, "\r\n\r\n"))
			break;
	}
	if (strncmp(req, "GET ", 4) != 0 || (sp = strchr(req + 4, ' ')) == NULL)
		return NULL;
	*sp = '\0';
	return req + 4;
}

/* Tracks concurrent requests and their maximum. */
static void
note_active(struct srv *s, int delta)
{
	int now = atomic_fetch_add(&s->active, delta) + delta;
	int max = atomic_load(&s->max_active);

	while (now > max &&
	    !atomic_compare_exchange_weak(&s->max_active, &max, now))
		continue;
}

static void *
conn_main(void *arg)
{
	struct conn *c = arg;
	char req[8192];
	const char *path;
	bool more = true;

	while (more && (path = read_request(c->fd, req, sizeof(req))) != NULL) {
		atomic_fetch_add(&c->s->requests, 1);
		note_active(c->s, 1);
		more = route(c->s, c->fd, path);
		note_active(c->s, -1);
	}
	close(c->fd);
	free(c);
	return NULL;
}

static void *
srv_main(void *arg)
{
	struct srv *s = arg;
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	struct conn *c;
	pthread_t th;
	int fd;

	while (!atomic_load(&s->stop)) {
		if (poll(&pfd, 1, 50) <= 0)
			continue;
		if ((fd = accept(s->fd, NULL, NULL)) < 0)
			continue;
		atomic_fetch_add(&s->accepts, 1);
		if ((c = malloc(sizeof(*c))) == NULL)
			abort();
		c->s = s;
		c->fd = fd;
		if (pthread_create(&th, NULL, conn_main, c) == 0)
			pthread_detach(th);
		else
			conn_main(c);
	}
	return NULL;
}

static int
srv_start(struct srv *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);

	if ((s->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	inet_pton(AF_INET, s->ip, &a.sin_addr);
	if (bind(s->fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(s->fd, 64) != 0 ||
	    getsockname(s->fd, (struct sockaddr *)&a, &alen) != 0)
		return -1;
	s->port = ntohs(a.sin_port);
	return pthread_create(&s->th, NULL, srv_main, s) == 0 ? 0 : -1;
}

/* Stops accepting; connection threads end with their connection. */
static void
srv_stop(struct srv *s)
{
	atomic_store(&s->stop, true);
	pthread_join(s->th, NULL);
	close(s->fd);
}

static int
setup(void **state)
{
	(void)state;
	return srv_start(&srv1) == 0 && srv_start(&srv2) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	srv_stop(&srv1);
	srv_stop(&srv2);
	return 0;
}

/*==== helpers ====*/

/* "http://IP:PORT" + path in one of four rotating static buffers. */
static const char *
url_of(const struct srv *s, const char *path)
{
	static char bufs[4][300];
	static int i;
	char *b = bufs[i++ % 4];

	snprintf(b, sizeof(bufs[0]), "http://%s:%d%s", s->ip, s->port, path);
	return b;
}

/* Defaults with a 5 s cap; allow_private as given. */
static void
opts_init(struct fetch_opts *o, bool allow_private)
{
	fetch_opts_defaults(o);
	o->allow_private = allow_private;
	o->total_timeout_ms = 5000;
}

/* Connections accepted so far by both servers. */
static int
accepts(void)
{
	return atomic_load(&srv1.accepts) + atomic_load(&srv2.accepts);
}

static enum fetch_err
get(const struct srv *s, const char *path, const struct fetch_opts *o,
    struct fetch_resp *r)
{
	return fetch_url(url_of(s, path), o, r);
}

/* Fetches url under o, asserts err and that no server saw a connection. */
static void
expect_denied_no_connect(const char *url, const struct fetch_opts *o,
    enum fetch_err want)
{
	struct fetch_resp r;
	int before = accepts();

	if (fetch_url(url, o, &r) != want)
		fail_msg("%s: got %s (%s), want %s", url, fetch_strerror(r.err),
		    r.errmsg, fetch_strerror(want));
	assert_true(r.errmsg[0] != '\0');
	assert_int_equal(accepts(), before);
	fetch_resp_free(&r);
}

/* expect_denied_no_connect() for a URL built from fmt (printf-style). */
static void __attribute__((format(printf, 3, 4)))
refusedf(const struct fetch_opts *o, enum fetch_err want, const char *fmt,
    ...)
{
	char u[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u, sizeof(u), fmt, ap);
	va_end(ap);
	expect_denied_no_connect(u, o, want);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/*==== tests ====*/

static void
test_plain_fetch(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;
	int before = atomic_load(&srv1.accepts);

	(void)state;
	opts_init(&o, true);
	assert_int_equal(get(&srv1, "/", &o, &r), FETCH_OK);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.http_version, 11);
	assert_string_equal(r.body, "hello");
	assert_int_equal(r.body_len, 5);
	assert_string_equal(r.url, url_of(&srv1, "/"));
	assert_string_equal(r.final_url, url_of(&srv1, "/"));
	assert_string_equal(r.primary_ip, "127.0.0.1");
	assert_string_equal(fetch_header(&r, "x-TEST"), "yes");
	assert_string_equal(fetch_header(&r, "Content-Type"), "text/html");
	assert_null(fetch_header(&r, "X-Missing"));
	assert_int_equal(r.redirects, 0);
	assert_true(r.wire_bytes > 5 + 40 && r.wire_bytes < 400);
	assert_true(r.total_ms > 0 && r.ttfb_ms <= r.total_ms);
	assert_int_equal(atomic_load(&srv1.accepts), before + 1);
	fetch_resp_free(&r);
	assert_null(r.body);
}

/* 127.0.0.1, and names and spellings that mean it (or ::1), are refused. */
static void
test_loopback_denied(void **state)
{
	static const char *const hosts[] = {
		"localhost", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
		"2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0x7f.1",
	};
	struct fetch_opts o;
	struct fetch_resp r;
	size_t i;

	(void)state;
	opts_init(&o, false);
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		refusedf(&o, FETCH_EDENIED, "http://%s:%d/", hosts[i],
		    srv1.port);
	expect_denied_no_connect(url_of(&srv1, "/"), &o, FETCH_EDENIED);
	assert_int_equal(get(&srv1, "/", &o, &r), FETCH_EDENIED);
	assert_non_null(strstr(r.errmsg, "127.0.0.1: it is a loopback"));
	assert_int_equal(r.status, 0);
	fetch_resp_free(&r);
}

/* The allow-list admits 127.0.0.2; its redirect to 127.0.0.1 is refused. */
static void
test_redirect_to_private_denied(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;
	int a1 = atomic_load(&srv1.accepts), q2 = atomic_load(&srv2.requests);

	(void)state;
	opts_init(&o, false);
	o.allow_addrs = "127.0.0.2";
	snprintf(srv2.redirect_to, sizeof(srv2.redirect_to), "%s",
	    url_of(&srv1, "/"));
	assert_int_equal(get(&srv2, "/go", &o, &r), FETCH_EDENIED);
	assert_int_equal(atomic_load(&srv2.requests), q2 + 1);
	assert_int_equal(atomic_load(&srv1.accepts), a1);
	assert_int_equal(r.redirects, 1);
	assert_string_equal(r.redirect_chain[0], url_of(&srv2, "/go"));
	assert_string_equal(r.final_url, url_of(&srv1, "/"));
	assert_non_null(strstr(r.errmsg, "127.0.0.1"));
	fetch_resp_free(&r);
	/* control: with 127.0.0.1 listed too, the same chain succeeds */
	o.allow_addrs = " 127.0.0.2 , 127.0.0.1 ";
	assert_int_equal(get(&srv2, "/go", &o, &r), FETCH_OK);
	assert_string_equal(r.body, "hello");
	assert_int_equal(atomic_load(&srv1.accepts), a1 + 1);
	fetch_resp_free(&r);
}

static void
test_redirect_chain(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;

	(void)state;
	opts_init(&o, true);
	assert_int_equal(get(&srv1, "/chain/3", &o, &r), FETCH_OK);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "end");
	assert_int_equal(r.redirects, 3);
	assert_string_equal(r.redirect_chain[0], url_of(&srv1, "/chain/3"));
	assert_string_equal(r.redirect_chain[1], url_of(&srv1, "/chain/2"));
	assert_string_equal(r.redirect_chain[2], url_of(&srv1, "/chain/1"));
	assert_string_equal(r.final_url, url_of(&srv1, "/chain/0"));
	assert_string_equal(r.url, url_of(&srv1, "/chain/3"));
	/* headers are those of the final response only */
	assert_null(fetch_header(&r, "X-Hop"));
	assert_string_equal(fetch_header(&r, "X-Final"), "yes");
	fetch_resp_free(&r);
	/* timings: ttfb is the final request's (250 ms), not the chain's */
	assert_int_equal(get(&srv1, "/slowgo", &o, &r), FETCH_OK);
	assert_true(r.redirect_ms >= 290 && r.total_ms >= 540);
	assert_true(r.ttfb_ms >= 240 && r.ttfb_ms < r.total_ms - 250);
	assert_true(r.wait_ms >= 240 && r.wait_ms <= r.ttfb_ms);
	fetch_resp_free(&r);
}

static void
test_redirect_limit(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;
	int q = atomic_load(&srv1.requests);

	(void)state;
	opts_init(&o, true);
	assert_int_equal(o.max_redirects, 5);
	assert_int_equal(get(&srv1, "/chain/50", &o, &r), FETCH_EREDIRECTS);
	assert_int_equal(atomic_load(&srv1.requests), q + 6);
	assert_int_equal(r.redirects, 5);
	fetch_resp_free(&r);
	/* exactly at the limit is fine */
	assert_int_equal(get(&srv1, "/chain/5", &o, &r), FETCH_OK);
	fetch_resp_free(&r);
	o.max_redirects = 0;
	assert_int_equal(get(&srv1, "/chain/1", &o, &r), FETCH_EREDIRECTS);
	fetch_resp_free(&r);
}

static void
test_gzip_decoded_cap(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;
	size_t i;

	(void)state;
	opts_init(&o, true);
	o.max_decoded = 64 * 1024;
	assert_int_equal(get(&srv1, "/gzip", &o, &r), FETCH_ETOOBIG);
	assert_non_null(strstr(r.errmsg, "decompression"));
	fetch_resp_free(&r);
	o.max_decoded = 1024 * 1024;
	assert_int_equal(get(&srv1, "/gzip", &o, &r), FETCH_OK);
	assert_int_equal(r.body_len, GZ_PLAIN);
	for (i = 0; i < r.body_len && r.body[i] == 'a'; i++)
		;
	assert_int_equal(i, GZ_PLAIN);
	assert_int_equal(r.body[GZ_PLAIN], '\0');
	assert_string_equal(fetch_header(&r, "content-encoding"), "gzip");
	/* wire bytes are the compressed size plus the head */
	assert_true(r.wire_bytes >= GZ_LEN && r.wire_bytes < GZ_LEN + 400);
	fetch_resp_free(&r);
}

static void
test_wire_cap(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;

	(void)state;
	opts_init(&o, true);
	o.max_bytes = 64 * 1024;
	assert_int_equal(get(&srv1, "/big", &o, &r), FETCH_ETOOBIG);
	assert_non_null(strstr(r.errmsg, "on the wire"));
	/* refused on its Content-Length, before any body byte was taken */
	assert_true(r.wire_bytes < 1024);
	fetch_resp_free(&r);
	/* no Content-Length: the progress callback must stop it */
	assert_int_equal(get(&srv1, "/bigclose", &o, &r), FETCH_ETOOBIG);
	fetch_resp_free(&r);
	o.max_bytes = 1024 * 1024;
	assert_int_equal(get(&srv1, "/bigclose", &o, &r), FETCH_OK);
	assert_int_equal(r.body_len, BIG_LEN);
	assert_true(r.wire_bytes > BIG_LEN);
	fetch_resp_free(&r);
}

static void
test_slow_drip_timeout(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;
	double t0 = now_ms(), dt;

	(void)state;
	opts_init(&o, true);
	o.total_timeout_ms = 500;
	assert_int_equal(get(&srv1, "/slow", &o, &r), FETCH_ETIMEOUT);
	dt = now_ms() - t0;
	assert_true(dt >= 400 && dt < 3000);
	fetch_resp_free(&r);
}

/* A closed port is FETCH_ECONNECT (not denied); TLS to HTTP is FETCH_ETLS. */
static void
test_connect_and_tls_errors(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	struct fetch_opts o;
	struct fetch_resp r;
	char u[64];
	int fd;

	(void)state;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	close(fd);   /* bound, never listened: nothing accepts on this port */
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/", ntohs(a.sin_port));
	opts_init(&o, true);
	assert_int_equal(fetch_url(u, &o, &r), FETCH_ECONNECT);
	fetch_resp_free(&r);
	snprintf(u, sizeof(u), "https://127.0.0.1:%d/", srv1.port);
	assert_int_equal(fetch_url(u, &o, &r), FETCH_ETLS);
	assert_string_equal(fetch_strerror(r.err), "tls");
	fetch_resp_free(&r);
}

static void
test_scheme_refused(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;
	int before;

	(void)state;
	opts_init(&o, true);
	expect_denied_no_connect("file:///etc/passwd", &o, FETCH_ESCHEME);
	refusedf(&o, FETCH_ESCHEME, "gopher://127.0.0.1:%d/", srv1.port);
	refusedf(&o, FETCH_ESCHEME, "ftp://127.0.0.1:%d/", srv1.port);
	/* redirects to file:// or ftp:// are refused too */
	snprintf(srv1.redirect_to, sizeof(srv1.redirect_to), "%s",
	    "file:///etc/passwd");
	assert_int_equal(get(&srv1, "/go", &o, &r), FETCH_ESCHEME);
	assert_null(strstr(r.body ? r.body : "", "root:"));
	fetch_resp_free(&r);
	snprintf(srv1.redirect_to, sizeof(srv1.redirect_to),
	    "ftp://127.0.0.2:%d/", srv2.port);
	before = atomic_load(&srv2.accepts);
	assert_int_equal(get(&srv1, "/go", &o, &r), FETCH_ESCHEME);
	assert_int_equal(atomic_load(&srv2.accepts), before);
	fetch_resp_free(&r);
}

static void
test_bad_urls(void **state)
{
	struct fetch_opts o;
	struct fetch_resp r;

	(void)state;
	opts_init(&o, true);
	refusedf(&o, FETCH_EURL, "http://user:pw@127.0.0.1:%d/", srv1.port);
	refusedf(&o, FETCH_EURL, "http://user@127.0.0.1:%d/", srv1.port);
	expect_denied_no_connect("not a url", &o, FETCH_EURL);
	expect_denied_no_connect("", &o, FETCH_EURL);
	assert_int_equal(fetch_url(NULL, &o, &r), FETCH_EURL);
	fetch_resp_free(&r);
}

static void
test_check_url(void **state)
{
	static const struct {
		const char *url; bool allow; enum fetch_err want;
		const char *why;
	} cases[] = {
		{ "http://127.0.0.1/", false, FETCH_EDENIED, "loopback" },
		{ "http://127.0.0.1/", true, FETCH_OK, "" },
		{ "http://localhost:8/x", false, FETCH_EDENIED, "localhost" },
		{ "https://[::1]/", false, FETCH_EDENIED, "::1" },
		{ "http://169.254.169.254/", false, FETCH_EDENIED, "link-loc" },
		{ "http://0x7f000001/", false, FETCH_EDENIED, "127.0.0.1" },
		{ "http://2130706433/", false, FETCH_EDENIED, "loopback" },
		{ "http://10.1.2.3/", false, FETCH_EDENIED, "RFC 1918" },
		{ "http://[::ffff:192.168.0.1]/", false, FETCH_EDENIED, "RFC" },
		{ "http://8.8.8.8/", false, FETCH_OK, "" },
		{ "https://[2606:4700:4700::1111]/a", false, FETCH_OK, "" },
		{ "ftp://8.8.8.8/", false, FETCH_ESCHEME, "http" },
		{ "javascript:alert(1)", false, FETCH_ESCHEME, "http" },
		{ "http://a:b@8.8.8.8/", false, FETCH_EURL, "credentials" },
		{ "http://exa mple/", false, FETCH_EURL, "malformed" },
		{ "//8.8.8.8/", false, FETCH_EURL, "malformed" },
	};
	char why[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (fetch_check_url(cases[i].url, cases[i].allow, why,
		    sizeof(why)) != cases[i].want)
			fail_msg("%s: wrong result (%s)", cases[i].url, why);
		if (!cases[i].why[0] ? why[0] != '\0' :
		    strstr(why, cases[i].why) == NULL)
			fail_msg("%s: message \"%s\"", cases[i].url, why);
	}
	assert_int_equal(fetch_check_url("http://10.0.0.1/", false, NULL, 0),
	    FETCH_EDENIED);
}

static void
test_many_parallel_limit(void **state)
{
	const char *urls[4];
	struct fetch_resp out[4];
	struct fetch_opts o;
	size_t i;

	(void)state;
	opts_init(&o, true);
	for (i = 0; i < 4; i++)
		urls[i] = url_of(&srv2, "/sleep");
	atomic_store(&srv2.max_active, 0);
	fetch_many(urls, 4, &o, 2, out);
	for (i = 0; i < 4; i++) {
		assert_int_equal(out[i].err, FETCH_OK);
		assert_string_equal(out[i].body, "zz");
		fetch_resp_free(&out[i]);
	}
	assert_int_equal(atomic_load(&srv2.max_active), 2);
}

static void
test_many_reuse_and_order(void **state)
{
	const char *urls[4];
	struct fetch_resp out[4];
	struct fetch_opts o;
	int before = atomic_load(&srv1.accepts);
	size_t i;

	(void)state;
	opts_init(&o, false);
	o.allow_addrs = "127.0.0.1";
	urls[0] = url_of(&srv1, "/");
	urls[1] = url_of(&srv2, "/");      /* not allowed: 127.0.0.2 */
	urls[2] = url_of(&srv1, "/chain/0");
	urls[3] = url_of(&srv1, "/");
	fetch_many(urls, 4, &o, 1, out);
	assert_int_equal(out[0].err, FETCH_OK);
	assert_string_equal(out[0].body, "hello");
	assert_int_equal(out[1].err, FETCH_EDENIED);
	assert_int_equal(out[2].err, FETCH_OK);
	assert_string_equal(out[2].body, "end");
	assert_int_equal(out[3].err, FETCH_OK);
	for (i = 0; i < 4; i++)
		fetch_resp_free(&out[i]);
	/* three fetches from srv1, one at a time, over one kept-alive conn */
	assert_int_equal(atomic_load(&srv1.accepts), before + 1);
}

static void
test_opts_and_names(void **state)
{
	static const char text[] = "[audit]\nallow_private_targets = true\n"
	    "connect_timeout_ms = 1234\ntotal_timeout_ms = 5678\n"
	    "max_document_bytes = 2M\nmax_resource_bytes = 3M\n"
	    "max_decoded_bytes = 4M\nmax_redirects = 7\nuser_agent = ua/1\n";
	struct fetch_opts o;
	struct conf c;
	char *err = NULL;   /* NULL after success */

	(void)state;
	assert_int_equal(conf_defaults(&c), SA_OK);
	assert_int_equal(conf_parse(&c, "t.conf", text, &err), SA_OK);
	fetch_opts_from_conf(&o, &c);
	assert_true(o.allow_private);
	assert_int_equal(o.connect_timeout_ms, 1234);
	assert_int_equal(o.total_timeout_ms, 5678);
	assert_int_equal(o.max_bytes, 3 << 20);
	assert_int_equal(o.max_decoded, 4 << 20);
	assert_int_equal(o.max_redirects, 7);
	assert_string_equal(o.user_agent, "ua/1");
	assert_null(o.allow_addrs);
	fetch_opts_for_document(&o, &c);
	assert_int_equal(o.max_bytes, 2 << 20);
	conf_free(&c);
	assert_string_equal(fetch_strerror(FETCH_EDENIED), "denied");
	assert_string_equal(fetch_strerror(FETCH__MAX), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_fetch),
		cmocka_unit_test(test_loopback_denied),
		cmocka_unit_test(test_redirect_to_private_denied),
		cmocka_unit_test(test_redirect_chain),
		cmocka_unit_test(test_redirect_limit),
		cmocka_unit_test(test_gzip_decoded_cap),
		cmocka_unit_test(test_wire_cap),
		cmocka_unit_test(test_slow_drip_timeout),
		cmocka_unit_test(test_connect_and_tls_errors),
		cmocka_unit_test(test_scheme_refused),
		cmocka_unit_test(test_bad_urls),
		cmocka_unit_test(test_check_url),
		cmocka_unit_test(test_many_parallel_limit),
		cmocka_unit_test(test_many_reuse_and_order),
		cmocka_unit_test(test_opts_and_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
