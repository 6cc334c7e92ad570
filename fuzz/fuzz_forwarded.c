/*
 * fuzz_forwarded: server.trusted_proxies, the peer and X-Forwarded-For reach forwarded.c as
 * text. The input is three lines: the trusted list, the peer's address, and the header (the
 * rest). Besides the sanitizers' checks the target aborts when a promise of forwarded.h is
 * broken: the client given back is always an address written canonically, and it is the
 * peer itself whenever the peer is not trusted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/forwarded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next line of s (up to '\n' or the end) as a fresh NUL-terminated string. */
static char *line(const char **s, const char *end)
{
    const char *nl = memchr(*s, '\n', (size_t)(end - *s));
    const char *e = nl ? nl : end;
    size_t n = (size_t)(e - *s);
    char *out = malloc(n + 1);
    if (!out)
        abort();
    memcpy(out, *s, n);
    out[n] = '\0';
    *s = nl ? nl + 1 : end;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *end = s + size;
    char *trusted = line(&s, end), *peer_text = line(&s, end);
    char *xff = malloc((size_t)(end - s) + 1);
    if (!xff)
        abort();
    memcpy(xff, s, (size_t)(end - s));
    xff[end - s] = '\0';

    ipnet_list l;
    char err[160];
    int r = ipnet_list_parse(trusted, &l, err, sizeof(err));
    if ((r != 0 && r != -1) || l.n > IPNET_MAX)
        abort();
    if (r < 0)
        l.n = 0;
    for (size_t i = 0; i < l.n; i++) { /* a network contains its own address */
        if (l.items[i].bits < 0 || l.items[i].bits > 128 ||
            !ipnet_list_contains(&l, l.items[i].addr))
            abort();
    }

    unsigned char peer[16], back[16];
    if (ip_parse(peer_text, strlen(peer_text), peer) == 0) {
        char out[IP_TEXT_MAX], again[IP_TEXT_MAX];
        forwarded_client(&l, peer, xff, out);
        if (ip_parse(out, strlen(out), back) < 0)
            abort();
        ip_format(back, again);
        if (strcmp(out, again))
            abort(); /* not canonical */
        if (!ipnet_list_contains(&l, peer)) {
            ip_format(peer, again);
            if (strcmp(out, again))
                abort(); /* an untrusted peer's header was believed */
        }
    }
    free(trusted);
    free(peer_text);
    free(xff);
    return 0;
}
