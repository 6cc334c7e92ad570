/* Tests of the staff's list of exchange activities (exchange_managed.h) on a database (both
 * backends): every review state of the caller's area, newest first and paged by id, nothing of
 * another area, and no list for those without indicators_manage. */
#include "testlib.h"

#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/exchange_managed.h"

#define CITY_ADMIN     "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN "13900000002" /* district_admin of 东区 (510402) */
#define CITIZEN        "13800000006"
#define YUXI_ADMIN     "13900000041" /* city_admin of 玉溪市 (demo_exchange.c) */

static int64_t write_activity(tdb *t, const char *division, const char *title)
{
    exchange_activity_input in = {.division = division,
                                  .title = title,
                                  .kind = "festival",
                                  .scope = "domestic",
                                  .starts_on = "2026-05-01",
                                  .ends_on = "2026-05-03",
                                  .participants = -1,
                                  .audience = -1,
                                  .media_reports = -1,
                                  .online_reach = -1,
                                  .new_followers = -1};
    int64_t id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &in, &id), 0);
    return id;
}

static void test_managed(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t city = write_activity(t, "5104", "攀枝花阳光节");
    int64_t district = write_activity(t, "510402", "东区文化周");
    int64_t submitted = write_activity(t, "510402001", "大渡口街道交流展");
    const char *status;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_submit(&t->ctx, submitted, &status), 0);

    exchange_activity *xs;
    size_t n;
    /* the city admin's widest area: drafts and pending ones, newest first, none of 玉溪市's
     * published demo activities */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_managed(&t->ctx, NULL, 0, 100, &xs, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(xs[0].id, submitted);
    assert_string_equal(xs[0].status, "pending");
    assert_string_equal(xs[0].title, "大渡口街道交流展");
    assert_int_equal(xs[1].id, district);
    assert_string_equal(xs[1].status, "draft");
    assert_int_equal(xs[2].id, city);
    assert_int_equal(xs[2].participants, -1);
    /* paged by id */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_managed(&t->ctx, NULL, district, 100, &xs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(xs[0].id, city);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_managed(&t->ctx, "510402", 0, 1, &xs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(xs[0].id, submitted);
    /* the district admin: its district only, not the city's record */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_activity_managed(&t->ctx, NULL, 0, 100, &xs, &n), 0);
    assert_int_equal(n, 2);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_activity_managed(&t->ctx, "5104", 0, 100, &xs, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* 玉溪市's admin sees its demo activities, not 攀枝花市's */
    tdb_as(t, YUXI_ADMIN);
    assert_int_equal(exchange_activity_managed(&t->ctx, NULL, 0, 100, &xs, &n), 0);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++)
        assert_memory_equal(xs[i].division, "5304", 4);
    /* no list without the permission */
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_activity_managed(&t->ctx, NULL, 0, 100, &xs, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_managed(&t->ctx, "51x", 0, 100, &xs, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_INVALID);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_managed)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
