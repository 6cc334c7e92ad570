/*
 * forwarded: see forwarded.h. inet_pton does the strict part of reading an address (no octal,
 * no short forms of IPv4, no zone ids); what is around it here is the syntax of the setting and
 * of the header, and the walk from the right.
 */
#include "http/forwarded.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* A port after an address: 1 to 5 digits, at most 65535. */
static int port_ok(const char *s, size_t len)
{
    if (len == 0 || len > 5)
        return 0;
    unsigned v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    return v <= 65535;
}

/* s[0..len) as an address; *v4 says which family it was written in. With allow_port, the
 * forms of a header entry are taken too: "[v6]", "[v6]:port", "a.b.c.d:port". */
static int parse_addr(const char *s, size_t len, int allow_port, unsigned char out[16], int *v4)
{
    char buf[IP_TEXT_MAX + 8];
    if (len == 0 || len >= sizeof(buf) || memchr(s, '\0', len))
        return -1;
    if (allow_port && s[0] == '[') {
        const char *close = memchr(s, ']', len);
        if (!close)
            return -1;
        size_t in = (size_t)(close - s) - 1, rest = len - in - 2;
        if (rest && (close[1] != ':' || !port_ok(close + 2, rest - 1)))
            return -1;
        memcpy(buf, s + 1, in);
        buf[in] = '\0';
        *v4 = 0;
        return inet_pton(AF_INET6, buf, out) == 1 ? 0 : -1;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    const char *colon = strchr(buf, ':');
    if (allow_port && colon && !strchr(colon + 1, ':')) { /* one colon: IPv4 and a port */
        if (!port_ok(colon + 1, strlen(colon + 1)))
            return -1;
        buf[colon - buf] = '\0';
        colon = NULL;
    }
    if (colon) {
        *v4 = 0;
        return inet_pton(AF_INET6, buf, out) == 1 ? 0 : -1;
    }
    *v4 = 1;
    memcpy(out, v4mapped, sizeof(v4mapped));
    return inet_pton(AF_INET, buf, out + 12) == 1 ? 0 : -1;
}

int ip_parse(const char *s, size_t len, unsigned char out[16])
{
    int v4;
    return parse_addr(s, len, 1, out, &v4);
}

void ip_format(const unsigned char addr[16], char out[IP_TEXT_MAX])
{
    const char *r = !memcmp(addr, v4mapped, sizeof(v4mapped))
                        ? inet_ntop(AF_INET, addr + 12, out, IP_TEXT_MAX)
                        : inet_ntop(AF_INET6, addr, out, IP_TEXT_MAX);
    if (!r)
        snprintf(out, IP_TEXT_MAX, "unknown");
}

static int in_net(const ipnet *n, const unsigned char addr[16])
{
    int full = n->bits / 8, rest = n->bits % 8;
    if (memcmp(n->addr, addr, (size_t)full))
        return 0;
    if (!rest)
        return 1;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (addr[full] & mask) == n->addr[full];
}

int ipnet_list_contains(const ipnet_list *l, const unsigned char addr[16])
{
    for (size_t i = 0; l && i < l->n; i++)
        if (in_net(&l->items[i], addr))
            return 1;
    return 0;
}

/* One entry of the setting: an address, or address/prefix. */
static int parse_net(const char *s, size_t len, ipnet *n)
{
    const char *slash = memchr(s, '/', len);
    size_t alen = slash ? (size_t)(slash - s) : len;
    int v4;
    if (parse_addr(s, alen, 0, n->addr, &v4) < 0)
        return -1;
    int max = v4 ? 32 : 128, bits = max;
    if (slash) {
        const char *d = slash + 1;
        size_t dl = len - alen - 1;
        if (dl == 0 || dl > 3)
            return -1;
        bits = 0;
        for (size_t i = 0; i < dl; i++) {
            if (d[i] < '0' || d[i] > '9')
                return -1;
            bits = bits * 10 + (d[i] - '0');
        }
        if (bits > max)
            return -1;
    }
    n->bits = bits + (v4 ? 96 : 0);
    for (int i = n->bits; i < 128; i++) /* clear the host bits */
        n->addr[i / 8] &= (unsigned char)~(0x80 >> (i % 8));
    return 0;
}

int ipnet_list_parse(const char *s, ipnet_list *out, char *err, size_t errlen)
{
    out->n = 0;
    if (!s)
        return 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        while (i < len && (is_ows(s[i]) || s[i] == ','))
            i++;
        size_t b = i;
        while (i < len && !is_ows(s[i]) && s[i] != ',')
            i++;
        if (i == b)
            break;
        if (out->n == IPNET_MAX) {
            snprintf(err, errlen, "more than %d entries", IPNET_MAX);
            return -1;
        }
        if (parse_net(s + b, i - b, &out->items[out->n]) < 0) {
            int shown = i - b > 60 ? 60 : (int)(i - b);
            snprintf(err, errlen, "'%.*s' is not an address or address/prefix", shown, s + b);
            return -1;
        }
        out->n++;
    }
    return 0;
}

void forwarded_client(const ipnet_list *trusted, const unsigned char peer[16], const char *xff,
                      char out[IP_TEXT_MAX])
{
    unsigned char last[16];
    memcpy(last, peer, sizeof(last));
    if (xff && ipnet_list_contains(trusted, peer)) {
        size_t end = strlen(xff);
        for (int hop = 0; hop < FORWARDED_HOPS; hop++) {
            size_t b = end;
            while (b > 0 && xff[b - 1] != ',')
                b--;
            size_t e = end;
            size_t s = b;
            while (s < e && is_ows(xff[s]))
                s++;
            while (e > s && is_ows(xff[e - 1]))
                e--;
            unsigned char a[16];
            if (ip_parse(xff + s, e - s, a) < 0)
                break; /* not an address: nothing to its left can be believed either */
            if (!ipnet_list_contains(trusted, a)) {
                ip_format(a, out);
                return;
            }
            memcpy(last, a, sizeof(last));
            if (b == 0)
                break;
            end = b - 1;
        }
    }
    ip_format(last, out);
}
