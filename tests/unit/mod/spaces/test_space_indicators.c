/* Tests of src/mod/spaces/space_indicators.c: occupancy.spaces against spaces and bookings the
 * test inserts, and the bookings behind it. */
#include "mod/indicator_fixture.h"

#include "mod/spaces/space_indicators.h"

extern const wy_module mod_spaces;

static int64_t space_in(tdb *t, const char *div, const char *status, int opens, int closes)
{
    return fx_id(db_query(t->ctx.c,
                          "INSERT INTO spaces(division, kind, name, status, opens, closes,"
                          " created_at, updated_at) VALUES (?, 'room', 'room', ?, ?, ?, 0, 0)"
                          " RETURNING id",
                          "ttii", div, status, (int64_t)opens, (int64_t)closes));
}

static int64_t booking_of(tdb *t, int64_t space, int64_t user, const char *status, int64_t starts,
                          int64_t minutes)
{
    return fx_id(
        db_query(t->ctx.c,
                 "INSERT INTO space_bookings(space_id, user_id, group_name, contact, title,"
                 " performers, starts_at, ends_at, status, created_at, updated_at)"
                 " VALUES (?, ?, 'g', 'c', 'programme', 1, ?, ?, ?, 0, 0) RETURNING id",
                 "iiiit", space, user, starts, starts + minutes * MIN_MS, status));
}

static double occupancy(tdb *t, const char *div, int64_t from, int64_t to)
{
    return fx_value(t, fx_indicator(&mod_spaces, "occupancy.spaces"), div, from, to);
}

static void test_space_occupancy(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    fx_divisions(t);
    int64_t u = fx_user(t, 1);
    const int64_t from = Y2026, to = Y2026 + 7 * DAY_MS;
    int64_t sp1 = space_in(t, "510402", "active", 480, 1320);   /* 14 h a day */
    int64_t sp2 = space_in(t, "510402", "closed", 480, 1320);   /* closed: not counted */
    int64_t sp3 = space_in(t, "510402001", "active", 600, 720); /* 2 h a day */
    int64_t sp4 = space_in(t, "5105", "active", 0, 1440);       /* another city */
    int64_t b1 = booking_of(t, sp1, u, "approved", from, 120);  /* at the start: in */
    int64_t b2 = booking_of(t, sp3, u, "approved", from + DAY_MS + 600 * MIN_MS, 60);
    booking_of(t, sp1, u, "pending", from + 2 * DAY_MS, 60);
    booking_of(t, sp1, u, "approved", to, 60); /* at the end: out */
    booking_of(t, sp2, u, "approved", from + DAY_MS, 60);
    booking_of(t, sp4, u, "approved", from + DAY_MS, 60);

    /* 3 h booked of 16 h x 7 days */
    assert_true(fabs(occupancy(t, "5104", from, to) - 300.0 / 112) < 1e-9);
    assert_true(fabs(occupancy(t, "510402001", from, to) - 100.0 / 14) < 1e-9);
    wy_record r[8];
    size_t n = fx_records(t, fx_indicator(&mod_spaces, "occupancy.spaces"), "5104", from, to, r, 8);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].id, b1);
    assert_true(r[0].value == 2);
    assert_int_equal(r[0].at, from);
    assert_int_equal(r[1].id, b2);
    assert_true(r[1].value == 1);
    /* no space: no data */
    assert_true(isnan(occupancy(t, "510403", from, to)));
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_space_occupancy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
