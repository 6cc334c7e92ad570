/*
 * fuzz_activity_search: the query string of GET /api/v1/activities (and the /activities page)
 * straight from the network: parsed as a form, read into a search, and run against a real
 * SQLite database in memory holding a few published activities. Whatever the input, the
 * search answers or refuses with a reason; a page never holds more than its limit, nor an
 * activity beyond the radius.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mod/activities/activity.h"
#include "fuzz_db.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wy_config cfg;

static const char *param(void *src, const char *name)
{
    return kv_get(src, name);
}

/* A few published activities, Chinese and Latin, with and without a place. */
static void seed(store *st)
{
    static int done;
    if (done++)
        return;
    db *c = store_acquire(st);
    static const char *const titles[] = {"京剧名段欣赏", "川剧变脸", "Calligraphy 100%_off",
                                         "少儿书法培训班"};
    for (int i = 0; i < 4; i++) {
        int64_t id, sid, user = 0;
        if (i == 0 && store_user_create(c, "13800000000", "测试", "x", NULL, 1, &user) != WY_OK)
            abort();
        activity a = {.title = titles[i],
                      .category = "performance",
                      .division = "510402",
                      .description = "含京剧选段 a_b",
                      .lon = i % 2 ? NAN : 101.7 + 0.01 * i,
                      .lat = i % 2 ? NAN : 26.55,
                      .created_by = 1};
        activity_session s = {.starts_at = 1795329000000LL + i * 86400000LL,
                              .ends_at = 1795332600000LL + i * 86400000LL,
                              .capacity = 5};
        if (store_activity_create(c, &a, 1, &id) != WY_OK)
            abort();
        s.activity_id = id;
        if (store_activity_session_create(c, &s, &sid) != WY_OK ||
            store_activity_set_status(c, id, "published", 1) != WY_OK)
            abort();
    }
    store_release(st, c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    store *st = fuzz_store(&cfg);
    seed(st);
    if (size > 4096)
        return 0;
    arena a;
    arena_init(&a, 1 << 22);
    principal nobody = {0};
    wy_ctx ctx = {
        .c = store_acquire(st), .a = &a, .cfg = &cfg, .now = 1795329000000LL, .who = &nobody};
    kvlist l;
    activity_query q;
    if (parse_urlencoded(&a, (const char *)data, size, &l) == 0) {
        activity_view *v;
        size_t n;
        const char *next;
        if (activity_query_read(&ctx, param, &l, &q) == 0) {
            q.limit = 3;
            if (activity_search(&ctx, &q, &v, &n, &next) == 0) {
                if (n > 3)
                    abort();
                for (size_t i = 0; i < n; i++)
                    if (q.has_near && !(v[i].distance_m <= q.radius_m))
                        abort();
            } else if (!ctx.err.message) {
                abort();
            }
        } else if (!ctx.err.message) {
            abort();
        }
    }
    store_release(st, ctx.c);
    arena_free(&a);
    return 0;
}
