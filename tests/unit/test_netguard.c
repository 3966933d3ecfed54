/* test_netguard.c: unit tests for the address classifier (SSRF guard). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <cmocka.h>
#include "audit/netguard.h"

#define SA4 ((struct sockaddr *)&s4)
#define SA6 ((struct sockaddr *)&s6)

/* Asserts that every address in the NULL-terminated list is refused. */
static void
expect_refused(const char *const *ips)
{
	for (; *ips; ips++) {
		if (netguard_ip_public(*ips))
			fail_msg("%s was allowed but must be refused", *ips);
		assert_non_null(netguard_ip_class(*ips));
	}
}

static void
expect_public(const char *const *ips)
{
	for (; *ips; ips++)
		if (!netguard_ip_public(*ips))
			fail_msg("%s was refused (%s) but is public", *ips,
			    netguard_ip_class(*ips));
}

/* Each IPv4 range: first, last and a middle address. */
static void
test_v4_ranges_refused(void **state)
{
	static const char *const ips[] = {
		"0.0.0.0", "0.255.255.255", "0.1.2.3",
		"10.0.0.0", "10.255.255.255", "10.1.2.3",
		"100.64.0.0", "100.127.255.255", "100.100.1.1",
		"127.0.0.1", "127.0.0.0", "127.255.255.255", "127.0.0.2",
		"169.254.0.0", "169.254.169.254", "169.254.255.255",
		"172.16.0.0", "172.31.255.255", "172.20.1.1",
		"192.0.0.0", "192.0.0.255", "192.0.0.8",
		"192.0.2.0", "192.0.2.255", "192.0.2.77",
		"192.168.0.0", "192.168.255.255", "192.168.1.1",
		"198.18.0.0", "198.19.255.255", "198.18.5.5",
		"198.51.100.0", "198.51.100.255", "198.51.100.7",
		"203.0.113.0", "203.0.113.255", "203.0.113.9",
		"224.0.0.0", "239.255.255.255", "224.0.0.251",
		"240.0.0.0", "254.255.255.255", "250.1.2.3",
		"255.255.255.255",
		NULL
	};

	(void)state;
	expect_refused(ips);
}

/* Neighbours just outside each range stay public. */
static void
test_v4_edges_public(void **state)
{
	static const char *const ips[] = {
		"1.0.0.0", "9.255.255.255", "11.0.0.0",
		"100.63.255.255", "100.128.0.0",
		"126.255.255.255", "128.0.0.0",
		"169.253.255.255", "169.255.0.0",
		"172.15.255.255", "172.32.0.0",
		"191.255.255.255", "192.0.1.0", "192.0.3.0",
		"192.167.255.255", "192.169.0.0",
		"198.17.255.255", "198.20.0.0",
		"198.51.99.255", "198.51.101.0",
		"203.0.112.255", "203.0.114.0",
		"223.255.255.255",
		"8.8.8.8", "1.1.1.1", "93.184.216.34",
		NULL
	};

	(void)state;
	expect_public(ips);
}

static void
test_v6_ranges_refused(void **state)
{
	static const char *const ips[] = {
		"::", "0:0:0:0:0:0:0:0", "::1", "0:0:0:0:0:0:0:1", "[::1]",
		"fc00::", "fd12:3456:789a::1", "fdff:ffff:ffff:ffff::1",
		"fe80::", "fe80::1", "febf:ffff::1",
		"ff00::", "ff02::1", "ff05::1:3",
		"2001:db8::", "2001:db8::1", "2001:0db8:ffff::1",
		"64:ff9b::", "64:ff9b::8.8.8.8", "64:ff9b::7f00:1",
		"fec0::1", "100::1", "2001::1", "3fff::1",
		NULL
	};

	(void)state;
	expect_refused(ips);
}

/* IPv4-mapped, -compatible, -translated and 6to4 forms of every v4 range. */
static void
test_v6_embedded_v4_refused(void **state)
{
	static const char *const ips[] = {
		"::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:7f00:0001",
		"::ffff:10.0.0.1", "::ffff:172.16.0.1", "::ffff:192.168.1.1",
		"::ffff:169.254.169.254", "::ffff:a9fe:a9fe",
		"::ffff:100.64.0.1", "::ffff:0.0.0.0", "::ffff:224.0.0.1",
		"::ffff:240.0.0.1", "::ffff:255.255.255.255",
		"::ffff:192.0.0.1", "::ffff:192.0.2.1", "::ffff:198.18.0.1",
		"::ffff:198.51.100.1", "::ffff:203.0.113.1",
		"::127.0.0.1", "::7f00:1", "::10.0.0.1", "::169.254.169.254",
		"::192.168.0.1",
		"::ffff:0:127.0.0.1", "::ffff:0:10.1.1.1",
		"2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:0101::",
		NULL
	};

	(void)state;
	expect_refused(ips);
}

static void
test_v6_public(void **state)
{
	static const char *const ips[] = {
		"2001:4860:4860::8888", "2606:4700:4700::1111", "2a00:1450::1",
		"::ffff:8.8.8.8", "::ffff:93.184.216.34", "2002:0808:0808::1",
		"2001:db9::1", "2001:db7:ffff::1",
		NULL
	};

	(void)state;
	expect_public(ips);
}

/* The class names say why, so error messages can quote them. */
static void
test_class_names(void **state)
{
	(void)state;
	assert_string_equal(netguard_ip_class("127.0.0.1"), "loopback");
	assert_string_equal(netguard_ip_class("::ffff:127.0.0.1"), "loopback");
	assert_string_equal(netguard_ip_class("10.1.1.1"),
	    "private (RFC 1918)");
	assert_non_null(strstr(netguard_ip_class("169.254.169.254"),
	    "link-local"));
	assert_string_equal(netguard_ip_class("255.255.255.255"), "broadcast");
	assert_string_equal(netguard_ip_class("::1"), "loopback (::1)");
	assert_null(netguard_ip_class("8.8.8.8"));
}

/* Non-canonical spellings are not addresses here (curl normalises them). */
static void
test_not_an_ip(void **state)
{
	static const char *const bad[] = {
		"", "localhost", "2130706433", "0x7f000001", "0177.0.0.1",
		"127.1", "1.2.3.4.5", "[::1", "example.com", NULL
	};
	size_t i;

	(void)state;
	for (i = 0; bad[i]; i++)
		assert_string_equal(netguard_ip_class(bad[i]),
		    "not an IP address");
	assert_false(netguard_ip_public(NULL));
}

static void
test_sockaddr_forms(void **state)
{
	struct sockaddr_in s4;
	struct sockaddr_in6 s6;
	struct sockaddr other;
	char buf[64];

	(void)state;
	memset(&s4, 0, sizeof(s4));
	s4.sin_family = AF_INET;
	s4.sin_addr.s_addr = htonl(0x7f000001);
	assert_false(netguard_addr_public(SA4));
	assert_string_equal(netguard_addr_str(SA4, buf,
	    sizeof(buf)), "127.0.0.1");
	s4.sin_addr.s_addr = htonl(0x08080808);
	assert_true(netguard_addr_public(SA4));
	memset(&s6, 0, sizeof(s6));
	s6.sin6_family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, "::ffff:10.0.0.1",
	    &s6.sin6_addr), 1);
	assert_false(netguard_addr_public(SA6));
	assert_string_equal(netguard_addr_str(SA6, buf,
	    sizeof(buf)), "::ffff:10.0.0.1");
	memset(&other, 0, sizeof(other));
	other.sa_family = AF_UNIX;
	assert_false(netguard_addr_public(&other));
	assert_false(netguard_addr_public(NULL));
	assert_string_equal(netguard_addr_str(&other, buf, sizeof(buf)), "?");
}

static void
test_allow_list(void **state)
{
	struct sockaddr_in s4;
	struct sockaddr_in6 s6;

	(void)state;
	memset(&s4, 0, sizeof(s4));
	s4.sin_family = AF_INET;
	s4.sin_addr.s_addr = htonl(0x7f000002);
	assert_true(netguard_addr_in_list(SA4, "127.0.0.2"));
	assert_true(netguard_addr_in_list(SA4,
	    "::1, 127.0.0.2 ,10.0.0.1"));
	assert_false(netguard_addr_in_list(SA4, "127.0.0.1"));
	assert_false(netguard_addr_in_list(SA4, "127.0.0.20"));
	assert_false(netguard_addr_in_list(SA4, "127.0.0"));
	assert_false(netguard_addr_in_list(SA4, ""));
	assert_false(netguard_addr_in_list(SA4, NULL));
	assert_false(netguard_addr_in_list(SA4, ",,"));
	memset(&s6, 0, sizeof(s6));
	s6.sin6_family = AF_INET6;
	s6.sin6_addr.s6_addr[15] = 1;
	assert_true(netguard_addr_in_list(SA6, "0:0::1"));
	assert_false(netguard_addr_in_list(SA6, "127.0.0.1"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v4_ranges_refused),
		cmocka_unit_test(test_v4_edges_public),
		cmocka_unit_test(test_v6_ranges_refused),
		cmocka_unit_test(test_v6_embedded_v4_refused),
		cmocka_unit_test(test_v6_public),
		cmocka_unit_test(test_class_names),
		cmocka_unit_test(test_not_an_ip),
		cmocka_unit_test(test_sockaddr_forms),
		cmocka_unit_test(test_allow_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
