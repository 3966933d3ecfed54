/* netguard.c: classifies IP addresses as public or not (the SSRF guard). */
/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include "audit/netguard.h"

/*==== IPv4 ====*/

struct v4range {
	uint32_t    net;     /* host byte order */
	int         bits;
	const char *name;
};

#define V4(a, b, c, d) \
	(((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | \
	    ((uint32_t)(c) << 8) | (uint32_t)(d))

/* Most specific first where ranges nest (broadcast inside 240/4). */
static const struct v4range v4ranges[] = {
	{ V4(0, 0, 0, 0),       8,  "\"this network\" (0.0.0.0/8)" },
	{ V4(10, 0, 0, 0),      8,  "private (RFC 1918)" },
	{ V4(100, 64, 0, 0),    10, "shared address space (CGNAT)" },
	{ V4(127, 0, 0, 0),     8,  "loopback" },
	{ V4(169, 254, 0, 0),   16, "link-local (incl. cloud metadata)" },
	{ V4(172, 16, 0, 0),    12, "private (RFC 1918)" },
	{ V4(192, 0, 0, 0),     24, "IETF protocol assignments" },
	{ V4(192, 0, 2, 0),     24, "documentation (TEST-NET-1)" },
	{ V4(192, 168, 0, 0),   16, "private (RFC 1918)" },
	{ V4(198, 18, 0, 0),    15, "benchmarking" },
	{ V4(198, 51, 100, 0),  24, "documentation (TEST-NET-2)" },
	{ V4(203, 0, 113, 0),   24, "documentation (TEST-NET-3)" },
	{ V4(224, 0, 0, 0),     4,  "multicast" },
	{ V4(255, 255, 255, 255), 32, "broadcast" },
	{ V4(240, 0, 0, 0),     4,  "reserved" },
};

static bool
v4_in(uint32_t a, const struct v4range *r)
{
	uint32_t mask = r->bits ? ~(uint32_t)0 << (32 - r->bits) : 0;

	return (a & mask) == r->net;
}

/* a: host byte order. */
static const char *
v4_class(uint32_t a)
{
	size_t i;

	for (i = 0; i < sizeof(v4ranges) / sizeof(v4ranges[0]); i++)
		if (v4_in(a, &v4ranges[i]))
			return v4ranges[i].name;
	return NULL;
}

/* Reads 4 bytes at p as an IPv4 address in host byte order. */
static uint32_t
v4_at(const uint8_t *p)
{
	return V4(p[0], p[1], p[2], p[3]);
}

/*==== IPv6 ====*/

struct v6range {
	uint8_t     net[16];
	int         bits;
	const char *name;
};

static const struct v6range v6ranges[] = {
	{ { 0x00, 0x64, 0xff, 0x9b }, 96, "NAT64 (64:ff9b::/96)" },
	{ { 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01 }, 48,
	  "local-use NAT64 (64:ff9b:1::/48)" },
	{ { 0x01, 0x00 }, 64, "discard-only (100::/64)" },
	{ { 0x20, 0x01, 0x00, 0x00 }, 32, "Teredo (2001::/32)" },
	{ { 0x20, 0x01, 0x00, 0x02, 0x00, 0x00 }, 48, "benchmarking" },
	{ { 0x20, 0x01, 0x0d, 0xb8 }, 32, "documentation (2001:db8::/32)" },
	{ { 0x3f, 0xff }, 20, "documentation (3fff::/20)" },
	{ { 0xfc }, 7, "unique local (fc00::/7)" },
	{ { 0xfe, 0x80 }, 10, "link-local (fe80::/10)" },
	{ { 0xfe, 0xc0 }, 10, "site-local (fec0::/10)" },
	{ { 0xff }, 8, "multicast" },
};

static bool
v6_in(const uint8_t *a, const uint8_t *net, int bits)
{
	int whole = bits / 8, rest = bits % 8;
	uint8_t mask;

	if (memcmp(a, net, (size_t)whole) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return (a[whole] & mask) == (net[whole] & mask);
}

static bool
v6_zero(const uint8_t *a, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (a[i])
			return false;
	return true;
}

/*
 * IPv6 forms that carry an IPv4 address: sets *v4 and returns true for
 * ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d
 * (compatible) and 2002:AABB:CCDD::/48 (6to4).
 */
static bool
v6_embedded_v4(const uint8_t *a, uint32_t *v4)
{
	if (v6_zero(a, 0, 10) && a[10] == 0xff && a[11] == 0xff) {
		*v4 = v4_at(a + 12);
		return true;
	}
	if (v6_zero(a, 0, 8) && a[8] == 0xff && a[9] == 0xff &&
	    v6_zero(a, 10, 12)) {
		*v4 = v4_at(a + 12);
		return true;
	}
	if (v6_zero(a, 0, 12)) {
		*v4 = v4_at(a + 12);
		return true;
	}
	if (a[0] == 0x20 && a[1] == 0x02) {
		*v4 = v4_at(a + 2);
		return true;
	}
	return false;
}

static const char *
v6_class(const uint8_t *a)
{
	uint32_t v4;
	size_t i;

	if (v6_zero(a, 0, 16))
		return "unspecified (::)";
	if (v6_zero(a, 0, 15) && a[15] == 1)
		return "loopback (::1)";
	if (v6_embedded_v4(a, &v4))
		return v4_class(v4);
	for (i = 0; i < sizeof(v6ranges) / sizeof(v6ranges[0]); i++)
		if (v6_in(a, v6ranges[i].net, v6ranges[i].bits))
			return v6ranges[i].name;
	if ((a[0] & 0xe0) != 0x20)
		return "reserved (outside 2000::/3)";
	return NULL;
}

/*==== public API ====*/

const char *
netguard_addr_class(const struct sockaddr *sa)
{
	const struct sockaddr_in *s4;
	const struct sockaddr_in6 *s6;

	if (sa == NULL)
		return "no address";
	if (sa->sa_family == AF_INET) {
		s4 = (const struct sockaddr_in *)(const void *)sa;
		return v4_class(ntohl(s4->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		s6 = (const struct sockaddr_in6 *)(const void *)sa;
		return v6_class(s6->sin6_addr.s6_addr);
	}
	return "not an IP address";
}

bool
netguard_addr_public(const struct sockaddr *sa)
{
	return netguard_addr_class(sa) == NULL;
}

/* Parses a numeric IP (IPv6 optionally in brackets) into ss. */
static bool
parse_ip(const char *ip, struct sockaddr_storage *ss)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)ss;
	char tmp[INET6_ADDRSTRLEN + 2];
	size_t n;

	memset(ss, 0, sizeof(*ss));
	if (ip == NULL)
		return false;
	n = strlen(ip);
	if (n >= 2 && ip[0] == '[' && ip[n - 1] == ']') {
		if (n - 2 >= sizeof(tmp))
			return false;
		memcpy(tmp, ip + 1, n - 2);
		tmp[n - 2] = '\0';
		ip = tmp;
	}
	if (inet_pton(AF_INET, ip, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, ip, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		return true;
	}
	return false;
}

const char *
netguard_ip_class(const char *ip)
{
	struct sockaddr_storage ss;

	if (!parse_ip(ip, &ss))
		return "not an IP address";
	return netguard_addr_class((const struct sockaddr *)&ss);
}

bool
netguard_ip_public(const char *ip)
{
	return netguard_ip_class(ip) == NULL;
}

char *
netguard_addr_str(const struct sockaddr *sa, char *out, size_t outlen)
{
	const struct sockaddr_in6 *s6 = (const void *)sa;
	const struct sockaddr_in *s4 = (const void *)sa;
	const void *src = NULL;

	if (outlen == 0)
		return out;
	if (sa && sa->sa_family == AF_INET)
		src = &s4->sin_addr;
	else if (sa && sa->sa_family == AF_INET6)
		src = &s6->sin6_addr;
	if (src == NULL || outlen > (size_t)(socklen_t)-1 ||
	    inet_ntop(sa->sa_family, src, out, (socklen_t)outlen) == NULL) {
		out[0] = '\0';
		if (outlen > 1) {
			out[0] = '?';
			out[1] = '\0';
		}
	}
	return out;
}

/* True when a and b hold the same IP address (ports are ignored). */
static bool
same_addr(const struct sockaddr *a, const struct sockaddr_storage *b)
{
	const struct sockaddr_in6 *a6, *b6;
	const struct sockaddr_in *a4, *b4;

	if (a->sa_family != b->ss_family)
		return false;
	if (a->sa_family == AF_INET) {
		a4 = (const struct sockaddr_in *)(const void *)a;
		b4 = (const struct sockaddr_in *)(const void *)b;
		return a4->sin_addr.s_addr == b4->sin_addr.s_addr;
	}
	a6 = (const struct sockaddr_in6 *)(const void *)a;
	b6 = (const struct sockaddr_in6 *)(const void *)b;
	return memcmp(&a6->sin6_addr, &b6->sin6_addr, 16) == 0;
}

/* Copies the item list[0..n) without surrounding spaces into out. */
static void
trim_item(const char *s, size_t n, char *out, size_t outlen)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= outlen)
		n = 0;   /* too long to be an address: matches nothing */
	memcpy(out, s, n);
	out[n] = '\0';
}

bool
netguard_addr_in_list(const struct sockaddr *sa, const char *list)
{
	struct sockaddr_storage ss;
	char item[INET6_ADDRSTRLEN + 2];
	const char *p = list, *comma;
	size_t n;

	if (sa == NULL || list == NULL)
		return false;
	if (sa->sa_family != AF_INET && sa->sa_family != AF_INET6)
		return false;
	while (*p) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		trim_item(p, n, item, sizeof(item));
		if (parse_ip(item, &ss) && same_addr(sa, &ss))
			return true;
		p += n + (comma ? 1 : 0);
	}
	return false;
}
