/*
 * fuzz_query: query strings and urlencoded form bodies reach parse_urlencoded straight from
 * the network, so the whole input is one such string. Besides the sanitizers' checks, every
 * field it returns must keep the promises of parse.h, or the target aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 1 << 20);
    kvlist l;
    int r = parse_urlencoded(&a, (const char *)data, size, &l);
    if (r != 0 && (r != -1 || l.n != 0))
        abort();
    if (r == 0) {
        if (l.n > PARSE_MAX_FIELDS)
            abort();
        for (size_t i = 0; i < l.n; i++) {
            const kv *f = &l.items[i];
            if (!f->key || !f->val || f->val[f->val_len] != '\0' || f->val_len > size)
                abort();
            if (kv_get(&l, f->key) == NULL)
                abort();
        }
    }
    arena_free(&a);
    return 0;
}
