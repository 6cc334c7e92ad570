/* Tests of src/mod/activities/activity_indicators.c: every indicator the activities module
 * computes, against sessions and bookings the test inserts, and the records behind each. */
#include "mod/indicator_fixture.h"

#include "mod/activities/activity_indicators.h"

extern const wy_module mod_activities;

static int64_t owner;

static int64_t activity_in(tdb *t, const char *cat, const char *div, const char *status)
{
    return fx_id(db_query(t->ctx.c,
                          "INSERT INTO activities(title, category, division, status, created_by,"
                          " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0) RETURNING id",
                          "ttttI", cat, cat, div, status, owner));
}

static int64_t session_at(tdb *t, int64_t activity, int64_t starts, int capacity,
                          const char *status)
{
    return fx_id(db_query(t->ctx.c,
                          "INSERT INTO activity_sessions(activity_id, starts_at, ends_at, capacity,"
                          " status) VALUES (?, ?, ?, ?, ?) RETURNING id",
                          "iiiit", activity, starts, starts + HOUR_MS, (int64_t)capacity, status));
}

/* A booking of session; a checked-in one goes through the check-in's store function (which
 * keeps the session's count of checked-in seats) at checked_in_at. */
static int64_t booking_of(tdb *t, int64_t session, int64_t user, const char *status, int seats,
                          int64_t checked_in_at)
{
    static int seq;
    char code[32];
    snprintf(code, sizeof(code), "code-%d", ++seq);
    int checked_in = !strcmp(status, "checked_in");
    int64_t id = fx_id(
        db_query(t->ctx.c,
                 "INSERT INTO bookings(session_id, user_id, status, seats, code,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0) RETURNING id",
                 "iitit", session, user, checked_in ? "confirmed" : status, (int64_t)seats, code));
    if (checked_in)
        assert_int_equal(store_booking_checkin(t->ctx.c, id, checked_in_at), WY_OK);
    return id;
}

static double val(tdb *t, const char *code, const char *div, int64_t from, int64_t to)
{
    return fx_value(t, fx_indicator(&mod_activities, code), div, from, to);
}

static void test_activity_indicators(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    fx_divisions(t);
    owner = fx_user(t, 1);
    int64_t u2 = fx_user(t, 2), u3 = fx_user(t, 3);
    int64_t a1 = activity_in(t, "lecture", "510402", "published");
    int64_t a2 = activity_in(t, "reading", "510402001", "published");
    int64_t a3 = activity_in(t, "performance", "510402", "draft");
    int64_t a4 = activity_in(t, "timed_entry", "510402", "published");
    int64_t a5 = activity_in(t, "exhibition", "5105", "published");
    int64_t s1 = session_at(t, a1, Y2026, 10, "scheduled"); /* at the start: in */
    session_at(t, a1, Y2027, 10, "scheduled");              /* at the end: out */
    session_at(t, a2, Y2026 + DAY_MS, 10, "cancelled");
    int64_t s4 = session_at(t, a2, Y2026 + 2 * DAY_MS, 20, "scheduled");
    session_at(t, a3, Y2026 + DAY_MS, 10, "scheduled"); /* a draft: never held */
    int64_t s6 = session_at(t, a4, Y2026 + DAY_MS, 50, "scheduled");
    int64_t s7 = session_at(t, a5, Y2026 + DAY_MS, 10, "scheduled");  /* another city */
    int64_t s8 = session_at(t, a1, Y2026 - HOUR_MS, 10, "scheduled"); /* before */
    int64_t b1 = booking_of(t, s1, owner, "checked_in", 3, Y2026 + 10 * MIN_MS);
    booking_of(t, s1, u2, "confirmed", 2, 0);
    int64_t b3 = booking_of(t, s4, owner, "checked_in", 1, Y2026 + 2 * DAY_MS + MIN_MS);
    int64_t b4 = booking_of(t, s6, u2, "checked_in", 2, Y2026 + DAY_MS);
    booking_of(t, s8, u3, "checked_in", 5, Y2026 - 1); /* checked in before */
    booking_of(t, s7, u3, "checked_in", 4, Y2026 + DAY_MS);
    (void)a3;

    assert_true(val(t, "activities.sessions", "5104", Y2026, Y2027) == 2);
    assert_true(val(t, "activities.sessions", "510402001", Y2026, Y2027) == 1);
    assert_true(val(t, "activities.people_served", "5104", Y2026, Y2027) == 6);
    assert_true(val(t, "activities.art_popularisation", "5104", Y2026, Y2027) == 1);
    assert_true(val(t, "activities.art_popularisation", "5105", Y2026, Y2027) == 1);
    /* every session ended: 4 checked in of 30 seats */
    t->ctx.now = Y2027 + DAY_MS;
    assert_true(fabs(val(t, "occupancy.sessions", "5104", Y2026, Y2027) - 400.0 / 30) < 1e-9);
    /* only s1 ended: 3 of 10 */
    t->ctx.now = Y2026 + DAY_MS;
    assert_true(fabs(val(t, "occupancy.sessions", "5104", Y2026, Y2027) - 30.0) < 1e-9);
    t->ctx.now = Y2026;
    assert_true(isnan(val(t, "occupancy.sessions", "5104", Y2026, Y2027)));
    t->ctx.now = Y2027 + DAY_MS;

    wy_record r[16];
    size_t n = fx_records(t, fx_indicator(&mod_activities, "activities.sessions"), "5104", Y2026,
                          Y2027, r, 16);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].id, s1);
    assert_int_equal(r[0].at, Y2026);
    assert_string_equal(r[0].kind, "session");
    assert_int_equal(r[1].id, s4);
    n = fx_records(t, fx_indicator(&mod_activities, "activities.people_served"), "5104", Y2026,
                   Y2027, r, 16);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].id, b1);
    assert_true(r[0].value == 3);
    assert_int_equal(r[1].id, b3);
    assert_int_equal(r[1].at, Y2026 + 2 * DAY_MS + MIN_MS);
    assert_int_equal(r[2].id, b4);
    assert_null(r[2].href); /* a booking is its holder's */
    n = fx_records(t, fx_indicator(&mod_activities, "activities.art_popularisation"), "5104", Y2026,
                   Y2027, r, 16);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].id, a1);
    assert_int_equal(r[0].at, Y2026);
    n = fx_records(t, fx_indicator(&mod_activities, "occupancy.sessions"), "5104", Y2026, Y2027, r,
                   16);
    assert_int_equal(n, 2);
    assert_true(r[0].value == 3);
    assert_true(r[1].value == 1);
    tdb_close(t);
}

static void test_activity_indicators_empty(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    fx_divisions(t);
    assert_true(val(t, "activities.sessions", "5104", Y2026, Y2027) == 0);
    assert_true(val(t, "activities.people_served", "5104", Y2026, Y2027) == 0);
    assert_true(val(t, "activities.art_popularisation", "5104", Y2026, Y2027) == 0);
    assert_true(isnan(val(t, "occupancy.sessions", "5104", Y2026, Y2027)));
    wy_record r[4];
    assert_int_equal(fx_records(t, fx_indicator(&mod_activities, "activities.people_served"),
                                "5104", Y2026, Y2027, r, 4),
                     0);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_activity_indicators),
        cmocka_unit_test(test_activity_indicators_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
