/*
 * fuzz_multipart: an upload arrives as a Content-Type header and a body, and both are the
 * client's to choose. The first line of the input is the header value, the rest the body;
 * the boundary found in the header (possibly none) goes to parse_multipart, just as a handler
 * would pass it. Every part returned must lie within the body and keep the promises of
 * parse.h, or the target aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
    size_t ct_len = nl ? (size_t)(nl - data) : size;
    const char *body = nl ? (const char *)nl + 1 : (const char *)data + size;
    size_t body_len = size - (nl ? ct_len + 1 : ct_len);

    char *ct = malloc(ct_len + 1);
    if (!ct)
        return 0;
    if (ct_len)
        memcpy(ct, data, ct_len);
    ct[ct_len] = '\0';
    if (ct_len && ct[ct_len - 1] == '\r')
        ct[ct_len - 1] = '\0';

    arena a;
    arena_init(&a, 1 << 20);
    const char *boundary = multipart_boundary(&a, ct);
    if (boundary && (!boundary[0] || strlen(boundary) > 70))
        abort();
    mpartlist l;
    int r = parse_multipart(&a, boundary, body, body_len, &l);
    if (r != 0 && (r != -1 || l.n != 0))
        abort();
    if (r == 0) {
        if (!boundary || l.n > PARSE_MAX_FIELDS)
            abort();
        for (size_t i = 0; i < l.n; i++) {
            const mpart *p = &l.items[i];
            if (!p->name || !p->name[0] || !p->data || p->len > body_len || p->data[p->len])
                abort();
            if (mpart_get(&l, p->name) == NULL)
                abort();
        }
    }
    arena_free(&a);
    free(ct);
    return 0;
}
