/* Tests of src/domain/calendar.c: the default feed the activity pages offer follows the data:
 * the city holding every published activity, or its province. */
#include <math.h>

#include "testlib.h"

#include "mod/activities/calendar.h"

/* Divisions outside the demo's city, for activities elsewhere. */
static void add_divisions(tdb *t)
{
    const division ds[] = {{"5101", "成都市", 2, "51"},
                           {"510104", "锦江区", 3, "5101"},
                           {"53", "云南省", 1, NULL},
                           {"5304", "玉溪市", 2, "53"},
                           {"530402", "红塔区", 3, "5304"}};
    for (size_t i = 0; i < sizeof(ds) / sizeof(ds[0]); i++)
        assert_int_equal(store_division_upsert(t->ctx.c, &ds[i]), WY_OK);
}

static void publish_in(tdb *t, const char *division)
{
    activity a = {.title = "测试活动",
                  .category = "lecture",
                  .division = division,
                  .description = "",
                  .lon = NAN,
                  .lat = NAN,
                  .created_by = 1};
    int64_t id;
    assert_int_equal(store_activity_create(t->ctx.c, &a, t->ctx.now, &id), WY_OK);
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "published", t->ctx.now), WY_OK);
}

static void test_default_division(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    add_divisions(t);
    char code[DIVISION_CODE_MAX];
    /* the demo publishes in 攀枝花市 (5104), all of it in 东区 (510402): the city */
    assert_int_equal(calendar_default_division(&t->ctx, code), 1);
    assert_string_equal(code, "5104");
    publish_in(t, "510402001");
    assert_int_equal(calendar_default_division(&t->ctx, code), 1);
    assert_string_equal(code, "5104");
    /* another city of the province: the province */
    publish_in(t, "510104");
    assert_int_equal(calendar_default_division(&t->ctx, code), 1);
    assert_string_equal(code, "51");
    /* another province too: no subtree holds them all */
    publish_in(t, "530402");
    assert_int_equal(calendar_default_division(&t->ctx, code), 0);
    assert_string_equal(code, "");
    tdb_close(t);
}

static void test_default_division_one_town(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    char code[DIVISION_CODE_MAX];
    assert_int_equal(calendar_default_division(&t->ctx, code), 0); /* nothing published */
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_division),
        cmocka_unit_test(test_default_division_one_town),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
