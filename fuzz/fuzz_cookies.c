/*
 * fuzz_cookies: a Cookie header reaches parse_cookies as a C string, so the input is copied
 * and NUL-terminated (an embedded NUL simply ends the header early, as it would in the HTTP
 * library). Every pair returned must keep the promises of parse.h, or the target aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *header = malloc(size + 1);
    if (!header)
        return 0;
    if (size)
        memcpy(header, data, size);
    header[size] = '\0';

    arena a;
    arena_init(&a, 1 << 20);
    kvlist l;
    int r = parse_cookies(&a, header, &l);
    if (r != 0 && (r != -1 || l.n != 0))
        abort();
    if (r == 0) {
        if (l.n > PARSE_MAX_FIELDS)
            abort();
        for (size_t i = 0; i < l.n; i++) {
            const kv *c = &l.items[i];
            if (!c->key || !c->key[0] || !c->val || strlen(c->val) != c->val_len)
                abort();
            if (kv_get(&l, c->key) == NULL)
                abort();
        }
    }
    arena_free(&a);
    free(header);
    return 0;
}
