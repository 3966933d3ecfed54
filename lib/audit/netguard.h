/* netguard.h: classifies IP addresses as public or not (the SSRF guard). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_NETGUARD_H
#define SA_NETGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/*
 * Returns NULL when sa is a public unicast address the fetcher may connect
 * to, else a static phrase naming the range it falls in ("loopback",
 * "private (RFC 1918)", "link-local", …). Families other than AF_INET and
 * AF_INET6 are never public ("not an IP address"). IPv6 forms that embed an
 * IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d,
 * IPv4-translated ::ffff:0:a.b.c.d, 6to4 2002:AABB:CCDD::) are judged by
 * the embedded IPv4 address. sa may be NULL (then: "no address").
 */
const char *netguard_addr_class(const struct sockaddr *sa);

/* True when netguard_addr_class(sa) is NULL. */
bool netguard_addr_public(const struct sockaddr *sa);

/*
 * Same as netguard_addr_class() for a numeric address string in the
 * canonical inet_pton() form ("192.0.2.1", "::1"; brackets around IPv6
 * are accepted). A string that is not a numeric address gives "not an IP
 * address". Never resolves names.
 */
const char *netguard_ip_class(const char *ip);

/* True when netguard_ip_class(ip) is NULL. */
bool netguard_ip_public(const char *ip);

/*
 * Writes the numeric form of sa ("127.0.0.1", "::1") into out[outlen];
 * "?" when it can't. Returns out.
 */
char *netguard_addr_str(const struct sockaddr *sa, char *out, size_t outlen);

/*
 * True when sa's address equals one of the comma-separated numeric IPs in
 * list (spaces around items allowed; NULL or "" matches nothing). IPv6
 * items are compared as addresses, so "::1" matches "0:0::1".
 */
bool netguard_addr_in_list(const struct sockaddr *sa, const char *list);

#endif
