/* Tests of src/domain/booking_code.c: a booking's check-in code and its QR code are its
 * holder's only; for anyone else (staff included) the booking does not exist. */
#include <math.h>

#include "testlib.h"

#include "mod/activities/booking.h"

#define HOUR ((int64_t)3600000)
#define DAY  (24 * HOUR)

static void test_own_code_only(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    activity a = {.title = "社区读书会",
                  .category = "reading",
                  .division = "510402001",
                  .description = "",
                  .lon = NAN,
                  .lat = NAN,
                  .created_by = 1};
    int64_t aid, sid;
    assert_int_equal(store_activity_create(t->ctx.c, &a, t->ctx.now, &aid), WY_OK);
    assert_int_equal(store_activity_set_status(t->ctx.c, aid, "published", t->ctx.now), WY_OK);
    activity_session s = {.activity_id = aid,
                          .starts_at = t->ctx.now + DAY,
                          .ends_at = t->ctx.now + DAY + HOUR,
                          .capacity = 10};
    assert_int_equal(store_activity_session_create(t->ctx.c, &s, &sid), WY_OK);
    booking_req r;
    booking_res res;
    tdb_as(t, "13800000006");
    assert_int_equal(booking_prepare(&t->ctx, sid, NULL, 0, NULL, &r), 0);
    assert_int_equal(booking_book_now(&t->ctx, &r, &res), 0);

    booking b;
    assert_int_equal(booking_own_code(&t->ctx, res.id, &b), 0);
    assert_string_equal(b.code, res.code);
    strbuf sb = STRBUF_INIT;
    assert_int_equal(booking_qr_svg(&t->ctx, res.id, &sb), 0);
    assert_non_null(strstr(sb.buf, "<svg"));
    sb_release(&sb);

    /* the venue manager of the activity's town may scan it, not see it */
    const char *others[] = {"13900000005", "13900000002", NULL};
    for (int i = 0; i < 3; i++) {
        tdb_as(t, others[i]);
        strbuf o = STRBUF_INIT;
        assert_int_equal(booking_qr_svg(&t->ctx, res.id, &o), -1);
        assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
        assert_int_equal(o.len, 0);
        sb_release(&o);
        t->ctx.err = (wy_error){0};
        assert_int_equal(booking_own_code(&t->ctx, res.id, &b), -1);
        assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    }
    tdb_as(t, "13800000006");
    assert_int_equal(booking_own_code(&t->ctx, res.id + 1000, &b), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_code_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
