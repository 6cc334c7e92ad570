/* Tests of src/domain/session_cache.c: what it keeps, for how long, and what it forgets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/session_cache.h"

#include <cmocka.h> /* after the domain headers: it defines a fail() macro */

#define T0 1700000000000LL /* ms */

static char th_a[65], th_b[65];

static principal someone(int64_t id, role_grant *g, size_t n)
{
    return (principal){.user_id = id,
                       .name = "张三",
                       .phone = "13800000000",
                       .division = "510402",
                       .grants = g,
                       .ngrants = n};
}

static int setup(void **state)
{
    (void)state;
    memset(th_a, 'a', 64);
    memset(th_b, 'b', 64);
    session_cache_init(60, 1000, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    session_cache_free();
    return 0;
}

static void test_keeps_a_copy(void **state)
{
    (void)state;
    role_grant g[] = {{.id = 3, .user_id = 7, .role = "reviewer", .division = "510402"}};
    principal p = someone(7, g, 1);
    arena a;
    arena_init(&a, 1 << 16);
    principal out;
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 0);
    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p);
    g[0].role = "city_admin"; /* the caller's memory is not the cache's */
    assert_int_equal(session_cache_get(th_a, T0 + 1000, &a, &out), 1);
    assert_int_equal(out.user_id, 7);
    assert_string_equal(out.name, "张三");
    assert_string_equal(out.division, "510402");
    assert_int_equal(out.ngrants, 1);
    assert_string_equal(out.grants[0].role, "reviewer");
    assert_int_equal(out.grants[0].id, 3);
    assert_int_equal(session_cache_get(th_b, T0 + 1000, &a, &out), 0);
    arena_free(&a);
}

static void test_ttl_and_session_expiry(void **state)
{
    (void)state;
    principal p = someone(8, NULL, 0);
    arena a;
    arena_init(&a, 1 << 16);
    principal out;
    /* the cache's own ttl (60 s) */
    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p);
    assert_int_equal(session_cache_get(th_a, T0 + 59999, &a, &out), 1);
    assert_int_equal(session_cache_get(th_a, T0 + 60000, &a, &out), 0);
    /* a session expiring before the ttl ends is not served past its expiry */
    session_cache_put(th_b, T0 + 5000, T0, session_cache_generation(), &p);
    assert_int_equal(session_cache_get(th_b, T0 + 4999, &a, &out), 1);
    assert_int_equal(session_cache_get(th_b, T0 + 5000, &a, &out), 0);
    arena_free(&a);
}

static void test_forget(void **state)
{
    (void)state;
    principal p7 = someone(7, NULL, 0), p9 = someone(9, NULL, 0);
    arena a;
    arena_init(&a, 1 << 16);
    principal out;
    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p7);
    session_cache_put(th_b, T0 + 3600000, T0, session_cache_generation(), &p9);
    session_cache_forget_token(th_a);
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 0);
    assert_int_equal(session_cache_get(th_b, T0, &a, &out), 1);
    session_cache_forget_user(9);
    assert_int_equal(session_cache_get(th_b, T0, &a, &out), 0);
    arena_free(&a);
}

static void test_stale_put_is_dropped(void **state)
{
    (void)state;
    principal p = someone(7, NULL, 0);
    arena a;
    arena_init(&a, 1 << 16);
    principal out;
    /* a lookup read the database, then a logout committed and forgot the token: the
     * lookup's answer must not be stored */
    uint64_t gen = session_cache_generation();
    session_cache_forget_token(th_a);
    session_cache_put(th_a, T0 + 3600000, T0, gen, &p);
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 0);
    arena_free(&a);
}

static void test_notifications(void **state)
{
    (void)state;
    principal p = someone(7, NULL, 0);
    arena a;
    arena_init(&a, 1 << 16);
    principal out;
    char payload[80];
    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p);
    snprintf(payload, sizeof(payload), "t:%s", th_a);
    session_cache_on_notify(payload, NULL);
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 0);

    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p);
    session_cache_on_notify("u:7", NULL);
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 0);

    /* the listener lost its connection: nothing is cached until it follows again */
    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p);
    session_cache_on_notify(NULL, NULL);
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 0);
    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p);
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 0);
    session_cache_on_notify("", NULL);
    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p);
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 1);
    arena_free(&a);
}

static void test_full(void **state)
{
    (void)state;
    session_cache_init(60, 2, 1);
    principal p = someone(7, NULL, 0);
    arena a;
    arena_init(&a, 1 << 16);
    principal out;
    char th[65];
    for (int i = 0; i < 3; i++) {
        snprintf(th, sizeof(th), "%064d", i);
        session_cache_put(th, T0 + 3600000, T0, session_cache_generation(), &p);
    }
    session_cache_stats st;
    session_cache_stats_get(&st);
    assert_int_equal(st.entries, 2);
    /* once the first two have expired, room is made for a new one */
    snprintf(th, sizeof(th), "%064d", 3);
    session_cache_put(th, T0 + 3600000 + 120000, T0 + 120000, session_cache_generation(), &p);
    assert_int_equal(session_cache_get(th, T0 + 120000, &a, &out), 1);
    session_cache_stats_get(&st);
    assert_int_equal(st.entries, 1);
    arena_free(&a);
}

static void test_off(void **state)
{
    (void)state;
    session_cache_init(0, 1000, 1);
    principal p = someone(7, NULL, 0);
    arena a;
    arena_init(&a, 1 << 16);
    principal out;
    session_cache_put(th_a, T0 + 3600000, T0, session_cache_generation(), &p);
    assert_int_equal(session_cache_get(th_a, T0, &a, &out), 0);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keeps_a_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ttl_and_session_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_put_is_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notifications, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_off, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
