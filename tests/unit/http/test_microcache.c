/* Tests of src/http/microcache.c: what it keeps, for how long, and how much. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/microcache.h"

#include <cmocka.h>

static const char *CT = "application/json; charset=utf-8";

static int setup(void **state)
{
    (void)state;
    microcache_init(1024);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    microcache_free();
    return 0;
}

static void test_keeps_until_it_expires(void **state)
{
    (void)state;
    strbuf out = STRBUF_INIT;
    const char *ct = NULL;
    assert_int_equal(microcache_get("0 /api/v1/activities?", 1000, &out, &ct), 0);
    microcache_put("0 /api/v1/activities?", 2000, CT, "{\"items\":[]}", 12);
    assert_int_equal(microcache_get("0 /api/v1/activities?", 1999, &out, &ct), 1);
    assert_string_equal(out.buf, "{\"items\":[]}");
    assert_ptr_equal(ct, CT);
    sb_reset(&out);
    assert_int_equal(microcache_get("0 /api/v1/activities?", 2000, &out, &ct), 0);
    /* another key, another language: another answer */
    assert_int_equal(microcache_get("1 /api/v1/activities?", 1500, &out, &ct), 0);
    /* a newer answer replaces the old */
    microcache_put("0 /api/v1/activities?", 3000, CT, "{\"items\":[1]}", 13);
    assert_int_equal(microcache_get("0 /api/v1/activities?", 2500, &out, &ct), 1);
    assert_string_equal(out.buf, "{\"items\":[1]}");
    sb_release(&out);
}

static void test_large_answers_are_not_kept(void **state)
{
    (void)state;
    size_t big = (size_t)300 << 10;
    char *body = malloc(big);
    assert_non_null(body);
    memset(body, 'x', big);
    microcache_put("0 /big?", 2000, CT, body, big);
    strbuf out = STRBUF_INIT;
    const char *ct;
    assert_int_equal(microcache_get("0 /big?", 1000, &out, &ct), 0);
    free(body);
    sb_release(&out);
}

static void test_memory_is_bounded(void **state)
{
    (void)state;
    /* 200 distinct keys of 200 KiB each would be 40 MiB: far over the budget */
    size_t len = (size_t)200 << 10;
    char *body = malloc(len);
    assert_non_null(body);
    memset(body, 'y', len);
    char key[64];
    int kept = 0;
    strbuf out = STRBUF_INIT;
    const char *ct;
    for (int i = 0; i < 200; i++) {
        snprintf(key, sizeof(key), "0 /api/v1/venues?x=%d", i);
        microcache_put(key, 5000, CT, body, len);
    }
    for (int i = 0; i < 200; i++) {
        snprintf(key, sizeof(key), "0 /api/v1/venues?x=%d", i);
        sb_reset(&out);
        kept += microcache_get(key, 1000, &out, &ct);
    }
    assert_true(kept > 0);
    assert_true((size_t)kept * len <= (size_t)16 << 20);
    /* once they have expired, new answers find room again */
    microcache_put("0 /api/v1/venues?fresh", 9000, CT, body, len);
    sb_reset(&out);
    assert_int_equal(microcache_get("0 /api/v1/venues?fresh", 6000, &out, &ct), 1);
    free(body);
    sb_release(&out);
}

static void test_off(void **state)
{
    (void)state;
    microcache_init(0);
    microcache_put("k", 2000, CT, "v", 1);
    strbuf out = STRBUF_INIT;
    const char *ct;
    assert_int_equal(microcache_get("k", 1000, &out, &ct), 0);
    sb_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keeps_until_it_expires, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_answers_are_not_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_is_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_off, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
