/* test_crawl.c: the site crawl against an in-process HTTP server on 127.0.0.1. */
/* SPDX-License-Identifier: MIT */
/*
 * A tiny HTTP/1.1 server (one connection at a time, Connection: close)
 * serves a six-page site with a robots.txt, a sitemap, duplicate link
 * spellings, a disallowed section, a non-HTML page and a broken link. It
 * counts requests to /secret so a test can prove robots.txt was honoured.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>
#include "audit/crawl.h"

static int         srv_fd = -1, srv_port;
static pthread_t   srv_th;
static atomic_int  secret_hits;
static char        base[64];

#define PAGE(body) "<!doctype html><html lang=en><head><meta charset=utf-8>" \
	"<title>t</title><meta name=description content=d></head><body>" \
	body "</body></html>"

static const struct { const char *path, *type, *body; } routes[] = {
	{ "/", "text/html", PAGE("<a href=a>a</a><a href='./a?'>a</a>"
	    "<a href='/a#f'>a</a><a href=b>b</a><a href='/x/../b'>b</a>"
	    "<a href=secret/t>s</a><a href=img.png>i</a><a href=missing>m</a>"
	    "<a href='http://other.invalid/'>o</a><a href='mailto:x@y.z'>m</a>") },
	{ "/a", "text/html", PAGE("<a href=/>h</a><a href=%62>b</a>") },
	{ "/b", "text/html; charset=utf-8", PAGE("<a href=d>d</a><a href=feed>f</a>") },
	{ "/c", "text/html", PAGE("<p>only in the sitemap</p>") },
	{ "/d", "text/html", PAGE("<p>two links deep</p>") },
	{ "/feed", "text/plain", "not html" },
	{ "/secret/t", "text/html", PAGE("<p>secret</p>") },
	{ "/secret/s", "text/html", PAGE("<p>secret</p>") },
};

/* Dynamic routes need the port: robots.txt and the sitemap. */
static void
dynamic(const char *path, char *body, size_t n, const char **type)
{
	*type = "text/plain";
	body[0] = '\0';
	if (strcmp(path, "/robots.txt") == 0)
		snprintf(body, n, "User-agent: *\nDisallow: /secret\n"
		    "Sitemap: %ssitemap.xml\n", base);
	else if (strcmp(path, "/sitemap.xml") == 0) {
		*type = "application/xml";
		snprintf(body, n, "<urlset><url><loc>%sc</loc></url><url><loc>"
		    "%ssecret/s</loc></url><url><loc>%sa#x</loc></url></urlset>",
		    base, base, base);
	}
}

static void
answer(int fd, const char *path)
{
	char head[256], dyn[1024];
	const char *type = NULL, *body = NULL;
	int status = 200, n;

	if (strncmp(path, "/secret", 7) == 0)
		atomic_fetch_add(&secret_hits, 1);
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (strcmp(routes[i].path, path) == 0) {
			type = routes[i].type;
			body = routes[i].body;
		}
	if (body == NULL) {
		dynamic(path, dyn, sizeof(dyn), &type);
		body = dyn;
		status = dyn[0] ? 200 : 404;
	}
	n = snprintf(head, sizeof(head), "HTTP/1.1 %d X\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n", status, type,
	    strlen(body));
	if (send(fd, head, (size_t)n, MSG_NOSIGNAL) == n)
		send(fd, body, strlen(body), MSG_NOSIGNAL);
}

static void
serve_one(int fd)
{
	char req[4096], path[1024];
	size_t len = 0;
	ssize_t r;

	while (len < sizeof(req) - 1 &&
	    (r = recv(fd, req + len, sizeof(req) - 1 - len, 0)) > 0) {
		len += (size_t)r;
		req[len] = '\0';
		if (strstr(req, "\r\n\r\n"))
			break;
	}
	req[len] = '\0';
	if (sscanf(req, "GET %1023s", path) == 1)
		answer(fd, path);
	close(fd);
}

static void *
serve(void *arg)
{
	int fd;

	(void)arg;
	while ((fd = accept(srv_fd, NULL, NULL)) >= 0)
		serve_one(fd);
	return NULL;
}

static int
listen_on(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(fd, 64) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0)
		return -1;
	srv_port = ntohs(a.sin_port);
	return fd;
}

static int
setup(void **state)
{
	(void)state;
	if ((srv_fd = listen_on()) < 0)
		return -1;
	snprintf(base, sizeof(base), "http://127.0.0.1:%d/", srv_port);
	return pthread_create(&srv_th, NULL, serve, NULL) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	shutdown(srv_fd, SHUT_RDWR);
	close(srv_fd);
	pthread_join(srv_th, NULL);
	return 0;
}

static void
opts(struct crawl_opts *o, size_t max_pages)
{
	crawl_opts_init(o);
	o->audit.fetch.allow_private = true;
	o->max_pages = max_pages;
}

/* The page paths of r, joined with spaces. */
static void
paths(const struct audit_report *r, char *out, size_t n)
{
	size_t len = strlen(base) - 1;

	out[0] = '\0';
	for (size_t i = 0; i < r->npages; i++) {
		const char *u = r->pages[i].final_url;

		snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? " " : "",
		    strlen(u) > len ? u + len : u);
	}
}

static void
test_full_crawl_dedupes_and_honours_robots(void **state)
{
	struct crawl_opts o;
	struct crawl_result res;
	char got[512];

	(void)state;
	opts(&o, 50);
	assert_int_equal(crawl_site(base, &o, &res), SA_OK);
	paths(res.primary, got, sizeof(got));
	assert_string_equal(got, "/ /a /b /c /d");
	assert_null(res.extra);
	assert_int_equal(atomic_load(&secret_hits), 0);
	assert_int_equal(res.stats.pages, 5);
	assert_int_equal(res.stats.disallowed, 2);     /* secret/t, secret/s */
	assert_int_equal(res.stats.non_html, 2);       /* img.png, feed */
	assert_int_equal(res.stats.errors, 1);         /* missing */
	assert_int_equal(res.stats.sitemaps, 1);
	for (int d = 0; d < DIM__MAX; d++)
		if (res.primary->scores[d] != -1)
			assert_in_range(res.primary->scores[d], 0, 100);
	crawl_result_free(&res);
}

static void
test_max_pages_is_deterministic(void **state)
{
	struct crawl_opts o;
	struct crawl_result res;
	char got[512];

	(void)state;
	for (int run = 0; run < 3; run++) {
		opts(&o, 2);
		o.parallel = 1 + run * 3;
		assert_int_equal(crawl_site(base, &o, &res), SA_OK);
		paths(res.primary, got, sizeof(got));
		assert_string_equal(got, "/ /c");   /* start, then the sitemap */
		crawl_result_free(&res);
	}
}

static void
test_both_strategies(void **state)
{
	struct crawl_opts o;
	struct crawl_result res;
	json_object *doc, *pages;

	(void)state;
	opts(&o, 3);
	o.both = true;
	assert_int_equal(crawl_site(base, &o, &res), SA_OK);
	assert_non_null(res.extra);
	assert_int_equal(res.primary->npages, 3);
	assert_int_equal(res.extra->npages, 3);
	assert_int_equal(res.extra->pages[0].strategy, STRATEGY_DESKTOP);
	doc = crawl_report_json(&res, true);
	assert_true(json_object_object_get_ex(doc, "pages", &pages));
	assert_int_equal(json_object_array_length(pages), 6);
	assert_true(json_object_object_get_ex(doc, "desktop", NULL));
	assert_true(json_object_object_get_ex(doc, "crawl", NULL));
	json_object_put(doc);
	crawl_result_free(&res);
}

static void
test_unreachable_start(void **state)
{
	struct crawl_opts o;
	struct crawl_result res;

	(void)state;
	opts(&o, 5);
	assert_int_equal(crawl_site("http://127.0.0.1:9/", &o, &res), SA_EIO);
	assert_non_null(res.primary);
	assert_int_not_equal(res.primary->fetch_err, FETCH_OK);
	crawl_result_free(&res);
	assert_int_equal(crawl_site("ftp://x/", &o, &res), SA_EINVAL);
	crawl_result_free(&res);
}

static void
test_site_scores_are_means(void **state)
{
	struct audit_report r = { 0 };
	struct audit_page pg[3] = { 0 };
	const int v[3][DIM__MAX] = {
		{ 100, 50, -1, 90, -1 }, { 0, 51, -1, 91, -1 }, { -1, 52, -1, 92, -1 },
	};

	(void)state;
	for (int i = 0; i < 3; i++)
		memcpy(pg[i].scores, v[i], sizeof(v[i]));
	r.pages = pg;
	r.npages = 3;
	crawl_score_report(&r);
	assert_int_equal(r.scores[DIM_PERFORMANCE], 50);
	assert_int_equal(r.scores[DIM_ACCESSIBILITY], 51);
	assert_int_equal(r.scores[DIM_SEO], -1);
	assert_int_equal(r.scores[DIM_BEST_PRACTICES], 91);
	assert_int_equal(r.overall, 64);   /* mean of 50, 51, 91 */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_crawl_dedupes_and_honours_robots),
		cmocka_unit_test(test_max_pages_is_deterministic),
		cmocka_unit_test(test_both_strategies),
		cmocka_unit_test(test_unreachable_start),
		cmocka_unit_test(test_site_scores_are_means),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
