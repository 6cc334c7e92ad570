/* Tests of the bounded lists of src/domain/booking.c and src/domain/activity.c: the no-show
 * sweep's window, the figures that do not wait for it, a person's bookings in pages (coming
 * first, then past) and an activity's coming sessions with their total, on a clock the test
 * sets (ctx.now). */
#include <math.h>

#include "testlib.h"

#include "mod/activities/activity.h"
#include "mod/activities/booking.h"

#define MIN  ((int64_t)60000)
#define HOUR (60 * MIN)
#define DAY  (24 * HOUR)

static const char *VM = "13900000005", *CITIZEN = "13800000006";

/* A published activity in 510402001 with a session at each of starts (an hour long). */
static int64_t new_activity(tdb *t, const int64_t *starts, int n, int64_t *ids)
{
    activity a = {.title = "社区读书会",
                  .category = "reading",
                  .division = "510402001",
                  .description = "",
                  .lon = NAN,
                  .lat = NAN,
                  .created_by = 1};
    int64_t id;
    assert_int_equal(store_activity_create(t->ctx.c, &a, t->ctx.now, &id), WY_OK);
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "published", t->ctx.now), WY_OK);
    for (int i = 0; i < n; i++) {
        activity_session s = {
            .activity_id = id, .starts_at = starts[i], .ends_at = starts[i] + HOUR, .capacity = 10};
        assert_int_equal(store_activity_session_create(t->ctx.c, &s, &ids[i]), WY_OK);
    }
    return id;
}

static int64_t book(tdb *t, const char *phone, int64_t session)
{
    booking_req r;
    booking_res res;
    tdb_as(t, phone);
    assert_int_equal(booking_prepare(&t->ctx, session, NULL, 0, NULL, &r), 0);
    assert_int_equal(booking_book_now(&t->ctx, &r, &res), 0);
    assert_int_equal(res.outcome, BOOK_CONFIRMED);
    return res.id;
}

static const char *status_of(tdb *t, int64_t id)
{
    booking b;
    assert_int_equal(store_booking_get(t->ctx.c, t->ctx.a, id, &b), WY_OK);
    return b.status;
}

static void test_sweep_window(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t t0 = t->ctx.now, starts[] = {t0 + HOUR, t0 + 4 * DAY}, sid[2];
    new_activity(t, starts, 2, sid);
    int64_t b0 = book(t, CITIZEN, sid[0]), b1 = book(t, CITIZEN, sid[1]);
    /* check-in took place at both sessions (only then does a missing person count) */
    int64_t other[2] = {book(t, "13900000003", sid[0]), book(t, "13900000003", sid[1])};
    for (int i = 0; i < 2; i++)
        assert_int_equal(store_booking_checkin(t->ctx.c, other[i], starts[i] + MIN), WY_OK);
    /* the first session ended three days ago: out of the sweep's window */
    t->ctx.now = starts[0] + HOUR + 3 * DAY;
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 0);
    assert_string_equal(status_of(t, b0), "confirmed");
    /* yet every figure counts it as a no-show */
    session_counts k;
    assert_int_equal(store_session_counts(t->ctx.c, sid[0], t->ctx.now, &k), WY_OK);
    assert_int_equal(k.no_shows, 1);
    assert_int_equal(k.confirmed, 0);
    tdb_as(t, VM);
    activity_session s;
    activity a;
    attendance_row *rows;
    size_t n;
    assert_int_equal(booking_attendance(&t->ctx, sid[0], 0, 0, &s, &a, &rows, &n, &k), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].b.status, "no_show");
    assert_int_equal(k.no_shows, 1);
    assert_string_equal(status_of(t, b0), "confirmed"); /* a read wrote nothing */
    /* the excuse marks it first */
    booking out;
    assert_int_equal(booking_excuse(&t->ctx, b0, NULL, &out), 0);
    assert_string_equal(status_of(t, b0), "no_show");
    /* the second session ended an hour ago: swept */
    t->ctx.now = starts[1] + 2 * HOUR;
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 1);
    assert_string_equal(status_of(t, b1), "no_show");
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 0);
    tdb_close(t);
}

static void test_my_bookings_pages(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t t0 = t->ctx.now, starts[5], sid[5], bid[5];
    for (int i = 0; i < 5; i++)
        starts[i] = t0 + (i + 1) * DAY;
    new_activity(t, starts, 5, sid);
    int order[] = {3, 0, 4, 2, 1};
    for (int i = 0; i < 5; i++) {
        t->ctx.now = t0 - (int64_t)(5 - i) * DAY; /* a day apart: the daily limit allows */
        bid[order[i]] = book(t, CITIZEN, sid[order[i]]);
    }
    /* after the first two have ended: 2, 3, 4 (soonest first), then 1, 0 (latest first) */
    t->ctx.now = starts[1] + 2 * HOUR;
    int want[] = {2, 3, 4, 1, 0};
    my_booking *bs;
    size_t n, got = 0;
    const char *cursor = NULL, *next;
    int pages = 0;
    do {
        assert_int_equal(booking_mine(&t->ctx, cursor, 2, &bs, &n, &next), 0);
        assert_true(n <= 2);
        for (size_t i = 0; i < n; i++, got++) {
            assert_int_equal(bs[i].b.id, bid[want[got]]);
            assert_int_equal(bs[i].starts_at, starts[want[got]]);
            assert_int_equal(bs[i].key.past, got >= 3);
            assert_string_equal(bs[i].title, "社区读书会");
        }
        cursor = next;
        pages++;
    } while (cursor);
    assert_int_equal(got, 5);
    assert_int_equal(pages, 3);
    /* all on one page: no next cursor */
    assert_int_equal(booking_mine(&t->ctx, NULL, 5, &bs, &n, &next), 0);
    assert_int_equal(n, 5);
    assert_null(next);
    assert_int_equal(booking_mine(&t->ctx, "2.1.1", 5, &bs, &n, &next), -1);
    assert_string_equal(t->ctx.err.code, "bad_cursor");
    /* another person sees none of them */
    tdb_as(t, VM);
    assert_int_equal(booking_mine(&t->ctx, NULL, 20, &bs, &n, &next), 0);
    assert_int_equal(n, 0);
    tdb_close(t);
}

static void test_coming_sessions(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t t0 = t->ctx.now, starts[130], sid[130];
    for (int i = 0; i < 130; i++) /* 10 past, 120 to come */
        starts[i] = t0 + (int64_t)(i - 10) * DAY;
    int64_t id = new_activity(t, starts, 130, sid);
    tdb_as(t, NULL);
    activity_view v;
    assert_int_equal(activity_get(&t->ctx, id, &v), 0);
    assert_int_equal(v.nsessions, ACTIVITY_DETAIL_SESSIONS);
    assert_int_equal(v.sessions_total, 120);
    assert_int_equal(v.sessions[0].id, sid[10]);
    /* every session through the pages */
    activity_session *ss;
    size_t n, seen = 0;
    const char *cursor = NULL, *next;
    do {
        assert_int_equal(activity_sessions_list(&t->ctx, id, 0, 0, cursor, 50, &ss, &n, &next), 0);
        for (size_t i = 0; i < n; i++, seen++)
            assert_int_equal(ss[i].id, sid[seen]);
        cursor = next;
    } while (cursor);
    assert_int_equal(seen, 130);
    /* the organiser's page: the recent and coming sessions, capped, with the figures */
    tdb_as(t, VM);
    organiser_activity *oa;
    size_t na;
    assert_int_equal(booking_organiser_overview(&t->ctx, id - 1, 1, &oa, &na), 0);
    assert_int_equal(na, 1);
    assert_int_equal(oa[0].a.id, id);
    assert_int_equal(oa[0].nsessions, BOOKING_ORGANISER_SESSIONS);
    assert_int_equal(oa[0].sessions_total, 122); /* two ended within the window */
    assert_int_equal(oa[0].sessions[0].s.id, sid[8]);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep_window),
        cmocka_unit_test(test_my_bookings_pages),
        cmocka_unit_test(test_coming_sessions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
