/*
 * forwarded: who the client is when wenyun runs behind a reverse proxy. The TCP peer is the
 * client unless it is one of the operator's trusted proxies (server.trusted_proxies: addresses
 * and CIDR blocks); only then is X-Forwarded-For read, from the right, and the client is the
 * right-most address in it that is not itself a trusted proxy. Everything to the left of that
 * was written by the client and proves nothing, so a header from anyone else is ignored.
 *
 * Addresses are kept as 16 bytes, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), so one prefix
 * test serves both families; the text form given back is canonical (inet_ntop, dotted quad for
 * IPv4), which keeps log lines and the login throttle's keys free of spelling variants.
 * Pure functions over their arguments: fuzz/fuzz_forwarded.c drives them directly.
 */
#ifndef WY_HTTP_FORWARDED_H
#define WY_HTTP_FORWARDED_H

#include <stddef.h>

#define IPNET_MAX      64 /* entries of server.trusted_proxies */
#define IP_TEXT_MAX    46 /* INET6_ADDRSTRLEN */
#define FORWARDED_HOPS 32 /* X-Forwarded-For entries looked at, from the right */

typedef struct ipnet {
    unsigned char addr[16]; /* host bits past the prefix are zero */
    int bits;               /* prefix length over the 128 bits */
} ipnet;

typedef struct ipnet_list {
    ipnet items[IPNET_MAX];
    size_t n;
} ipnet_list;

/* One address s[0..len): IPv4 (optionally ":port"), IPv6, or IPv6 in brackets (optionally
 * "]:port"), without surrounding spaces. 0 with its 16 bytes in out, or -1. */
int ip_parse(const char *s, size_t len, unsigned char out[16]);
/* The canonical text of an address (IPv4-mapped ones as a dotted quad); out holds
 * IP_TEXT_MAX bytes. */
void ip_format(const unsigned char addr[16], char out[IP_TEXT_MAX]);

/* A list such as "127.0.0.1, ::1, 10.0.0.0/8": addresses and address/prefix blocks separated
 * by commas or spaces. An IPv4 prefix counts IPv4 bits (10.0.0.0/8). Host bits set past the
 * prefix are cleared (10.1.2.3/8 is 10.0.0.0/8). An empty list trusts nobody. 0, or -1 with
 * the bad entry named in err. */
int ipnet_list_parse(const char *s, ipnet_list *out, char *err, size_t errlen);
int ipnet_list_contains(const ipnet_list *l, const unsigned char addr[16]);

/* The client's address as text (IP_TEXT_MAX bytes) given the peer's address and the
 * X-Forwarded-For values (all its header lines joined by commas, in order; NULL when absent):
 * the peer unless the peer is trusted; else the right-most untrusted address of xff. Past an
 * entry that is not an address, or FORWARDED_HOPS entries, or when every entry is trusted,
 * the last trusted address seen is the client (nothing further left can be believed). */
void forwarded_client(const ipnet_list *trusted, const unsigned char peer[16], const char *xff,
                      char out[IP_TEXT_MAX]);

#endif
