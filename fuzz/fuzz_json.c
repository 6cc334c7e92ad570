/*
 * fuzz_json: JSON request bodies, the way the API reads them: req_json() (jansson, duplicate
 * keys refused, an object required), then the field readers every handler uses. A body that
 * is not accepted must get a 400 answer with an error object; one that is must yield fields
 * of the promised types.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "http/app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static app a; /* no store, no translations: req_tr() returns the English text */
    http_req req = {0};
    arena_init(&req.a, 1 << 22);
    req.app = &a;
    sb_init(&req.body, 1 << 20);
    sb_init(&req.out, 1 << 22);
    if (sb_add(&req.body, data, size) < 0)
        goto out;
    json_t *b = req_json(&req);
    if (!b) {
        if (req.status != 400 || !strstr(req.out.buf, "\"error\""))
            abort();
        goto out;
    }
    static const char *const keys[] = {"phone",    "password", "name",  "division", "role",
                                       "decision", "reason",   "title", "body",     "levels"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *s;
        req.status = 0;
        if (api_str(&req, b, keys[i], 0, &s) == 0) {
            if (s && strlen(s) != json_string_length(json_object_get(b, keys[i])))
                abort();
        } else if (req.status != 400) {
            abort();
        }
        int64_t v;
        req.status = 0;
        if (api_int(&req, b, keys[i], 1, &v) < 0 && req.status != 400)
            abort();
    }
    json_decref(b);
out:
    sb_release(&req.body);
    sb_release(&req.out);
    arena_free(&req.a);
    return 0;
}
