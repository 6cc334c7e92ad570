/* Tests of the booking rules of src/domain/booking.c and src/domain/activity.c around a
 * session's start and end (cancelling, check-in, no-shows, changing and cancelling the
 * session), of the booking batch when a savepoint cannot be rolled back, of the removal of
 * timed-entry sessions, and of where an activity may be held. The clock is the test's
 * (ctx.now). */
#include <math.h>

#include "testlib.h"

#include "mod/activities/activity.h"
#include "mod/activities/booking.h"
#include "db/db_driver.h"
#include "mod/timed_entry/timed_entry_store.h"
#include "mod/venues/venue_store.h"

#define MIN  ((int64_t)60000)
#define HOUR (60 * MIN)
#define DAY  (24 * HOUR)

/* src/demo.c: the venue manager publishes in 510402001, the district admin in 510402 */
static const char *VM = "13900000005", *DA = "13900000002", *CITIZEN = "13800000006",
                  *OTHER = "13900000001";

/* A published activity in 510402001 with n sessions starting at start, start + 1 day, ...,
 * each an hour long. */
static int64_t new_activity(tdb *t, int64_t start, int n, activity_session *out)
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
        activity_session s = {.activity_id = id,
                              .starts_at = start + i * DAY,
                              .ends_at = start + i * DAY + HOUR,
                              .capacity = 10};
        assert_int_equal(store_activity_session_create(t->ctx.c, &s, &s.id), WY_OK);
        out[i] = s;
    }
    return id;
}

static booking_res book(tdb *t, const char *phone, int64_t session)
{
    booking_req r;
    booking_res res;
    tdb_as(t, phone);
    assert_int_equal(booking_prepare(&t->ctx, session, NULL, 0, NULL, &r), 0);
    assert_int_equal(booking_book_now(&t->ctx, &r, &res), 0);
    assert_int_equal(res.outcome, BOOK_CONFIRMED);
    return res;
}

static const char *status_of(tdb *t, int64_t id)
{
    booking b;
    assert_int_equal(store_booking_get(t->ctx.c, t->ctx.a, id, &b), WY_OK);
    return b.status;
}

static activity_session session_of(tdb *t, int64_t id)
{
    activity_session s;
    assert_int_equal(store_activity_session_get(t->ctx.c, t->ctx.a, id, &s), WY_OK);
    return s;
}

/* A booking is cancelled up to the start, not from it: not by the domain, and not by the
 * store's UPDATE either (a request that read the session a moment before its start). */
static void test_cancel_until_start(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t start = t->ctx.now + HOUR;
    activity_session s[2];
    new_activity(t, start, 2, s);
    booking_res a = book(t, CITIZEN, s[0].id), b = book(t, CITIZEN, s[1].id);
    t->ctx.now = start; /* the session starts: too late */
    assert_int_equal(booking_cancel(&t->ctx, a.id), -1);
    assert_string_equal(t->ctx.err.code, "too_late");
    t->ctx.now = s[0].ends_at + MIN; /* and after its end */
    assert_int_equal(booking_cancel(&t->ctx, a.id), -1);
    assert_string_equal(t->ctx.err.code, "too_late");
    assert_string_equal(status_of(t, a.id), "confirmed");
    assert_int_equal(session_of(t, s[0].id).confirmed_seats, 1);
    /* the store's guard, on its own */
    int64_t promoted[4];
    size_t np;
    /* (each transaction ends before its result is asserted: a failed assertion must not
     * leave the process's write lock held for the tests after it) */
    assert_int_equal(store_begin(t->ctx.c, 1), WY_OK);
    int rc = store_booking_cancel(t->ctx.c, a.id, start, promoted, 4, &np);
    store_rollback(t->ctx.c);
    assert_int_equal(rc, WY_NOTFOUND);
    assert_string_equal(status_of(t, a.id), "confirmed");
    /* a moment before its start the other one still cancels */
    t->ctx.now = s[1].starts_at - 1;
    assert_int_equal(booking_cancel(&t->ctx, b.id), 0);
    assert_string_equal(status_of(t, b.id), "cancelled");
    assert_int_equal(session_of(t, s[1].id).confirmed_seats, 0);
    tdb_close(t);
}

/* A code works from booking.checkin_early_min before the start until the end. */
static void test_checkin_window(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t start = t->ctx.now + 3 * HOUR;
    activity_session s[1];
    new_activity(t, start, 1, s);
    booking_res a = book(t, CITIZEN, s[0].id), b = book(t, OTHER, s[0].id);
    booking out;
    tdb_as(t, VM);
    t->ctx.now = start - HOUR - 1; /* not yet */
    assert_int_equal(booking_checkin(&t->ctx, a.code, 0, &out), -1);
    assert_string_equal(t->ctx.err.code, "checkin_not_open");
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    assert_int_equal(t->ctx.err.opens_at, start - HOUR);
    t->ctx.err = (wy_error){0};
    t->ctx.now = start - HOUR; /* an hour before: open */
    assert_int_equal(booking_checkin(&t->ctx, a.code, s[0].id, &out), 0);
    assert_string_equal(status_of(t, a.id), "checked_in");
    t->ctx.now = s[0].ends_at; /* over */
    assert_int_equal(booking_checkin(&t->ctx, b.code, 0, &out), -1);
    assert_string_equal(t->ctx.err.code, "session_over");
    t->ctx.now = s[0].ends_at - 1; /* the last moment */
    t->cfg.booking_checkin_early_min = 0;
    assert_int_equal(booking_checkin(&t->ctx, b.code, 0, &out), 0);
    /* with no early minutes, not before the start */
    t->ctx.now = t->ctx.now - HOUR;
    start = s[0].starts_at + 2 * DAY;
    activity_session s2[1];
    new_activity(t, start, 1, s2);
    booking_res c = book(t, CITIZEN, s2[0].id);
    tdb_as(t, VM);
    t->ctx.now = start - 1;
    assert_int_equal(booking_checkin(&t->ctx, c.code, 0, &out), -1);
    assert_string_equal(t->ctx.err.code, "checkin_not_open");
    t->ctx.now = start;
    assert_int_equal(booking_checkin(&t->ctx, c.code, 0, &out), 0);
    tdb_close(t);
}

/* Only a session where check-in took place makes no-shows, in the sweep and in the ban. */
static void test_no_shows_need_checkin(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t start = t->ctx.now + HOUR;
    activity_session s[2];
    new_activity(t, start, 2, s);
    t->cfg.booking_no_show_limit = 1; /* one no-show bans */
    booking_res a0 = book(t, CITIZEN, s[0].id), a1 = book(t, CITIZEN, s[1].id);
    booking_res o0 = book(t, OTHER, s[0].id);
    book(t, OTHER, s[1].id);
    /* both sessions end; nobody was checked in anywhere: no no-shows, no ban */
    t->ctx.now = s[1].ends_at + MIN;
    int64_t until;
    tdb_as(t, CITIZEN);
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, 0);
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 0);
    assert_string_equal(status_of(t, a0.id), "confirmed");
    /* the other person is checked in at the first session (set in the store: the door
     * closed with the session): now the citizen missed a session where check-in took place */
    assert_int_equal(store_booking_checkin(t->ctx.c, o0.id, s[0].starts_at), WY_OK);
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, s[0].ends_at + 30 * DAY);
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 1);
    assert_string_equal(status_of(t, a0.id), "no_show");
    assert_string_equal(status_of(t, a1.id), "confirmed"); /* no check-in at the second */
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, s[0].ends_at + 30 * DAY);
    tdb_close(t);
}

/* A session that has started keeps its times and is not cancelled; a cancellation before
 * keeps the seats of checked-in and no-show bookings in the count. */
static void test_session_change_after_start(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t start = t->ctx.now + HOUR;
    activity_session s[2];
    new_activity(t, start, 2, s);
    booking_res a = book(t, CITIZEN, s[0].id);
    tdb_as(t, VM);
    t->ctx.now = start;
    size_t n;
    assert_int_equal(activity_session_cancel(&t->ctx, s[0].id, "场地维修", &n), -1);
    assert_string_equal(t->ctx.err.code, "started");
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    session_patch p = {.set = SF_STARTS | SF_ENDS};
    p.v.starts_at = start + DAY;
    p.v.ends_at = start + DAY + HOUR;
    activity_session out;
    assert_int_equal(activity_session_change(&t->ctx, s[0].id, &p, &out), -1);
    assert_string_equal(t->ctx.err.code, "started");
    p = (session_patch){.set = SF_ENDS};
    p.v.ends_at = s[0].ends_at + HOUR;
    assert_int_equal(activity_session_change(&t->ctx, s[0].id, &p, &out), -1);
    assert_string_equal(t->ctx.err.code, "started");
    p = (session_patch){.set = SF_CAPACITY}; /* more seats: still possible */
    p.v.capacity = 20;
    assert_int_equal(activity_session_change(&t->ctx, s[0].id, &p, &out), 0);
    assert_int_equal(out.capacity, 20);
    assert_string_equal(session_of(t, s[0].id).status, "scheduled");
    assert_string_equal(status_of(t, a.id), "confirmed");
    /* the store's guard: not from the start */
    booking *bs;
    assert_int_equal(store_begin(t->ctx.c, 1), WY_OK);
    int rc = store_session_cancel(t->ctx.c, t->ctx.a, s[0].id, start, &bs, &n);
    store_rollback(t->ctx.c);
    assert_int_equal(rc, WY_NOTFOUND);
    /* the recount of a cancellation keeps no-show and checked-in seats: three bookings of the
     * second session, one of each kind that keeps its seats, one confirmed */
    booking_res x = book(t, CITIZEN, s[1].id), y = book(t, OTHER, s[1].id),
                z = book(t, VM, s[1].id);
    assert_int_equal(
        db_run(t->ctx.c, "UPDATE bookings SET status = 'no_show' WHERE id = ?", "i", x.id), WY_OK);
    assert_int_equal(store_booking_checkin(t->ctx.c, y.id, t->ctx.now), WY_OK);
    assert_int_equal(session_of(t, s[1].id).confirmed_seats, 3);
    assert_int_equal(store_begin(t->ctx.c, 1), WY_OK);
    rc = store_session_cancel(t->ctx.c, t->ctx.a, s[1].id, t->ctx.now, &bs, &n);
    if (rc == WY_OK)
        rc = store_commit(t->ctx.c);
    else
        store_rollback(t->ctx.c);
    assert_int_equal(rc, WY_OK);
    assert_int_equal(n, 1);
    assert_int_equal(bs[0].id, z.id);
    assert_int_equal(session_of(t, s[1].id).confirmed_seats, 2);
    tdb_close(t);
}

/* A driver that cannot roll back to a savepoint (the real one for everything else). */
static const db_driver *real_driver;
static int failing_step(db_stmt *st)
{
    if (!strncmp(st->sql, "ROLLBACK TO SAVEPOINT", 21))
        return WY_ERR;
    return real_driver->step(st);
}

/* The second request of a batch fails half-way (its seats taken, its INSERT refused by the
 * unique code) and cannot be rolled back to its savepoint: the batch fails, and nothing of
 * it is committed. */
static void test_batch_rollback_failure(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    activity_session s[1];
    new_activity(t, t->ctx.now + DAY, 1, s);
    account u1, u2;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, CITIZEN, &u1), WY_OK);
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, OTHER, &u2), WY_OK);
    booking_req r[2] = {
        {.session_id = s[0].id, .user_id = u1.id, .seats = 1, .code = "same-code-0000000001"},
        {.session_id = s[0].id, .user_id = u2.id, .seats = 1, .code = "same-code-0000000001"}};
    r[0].now = r[1].now = t->ctx.now;
    booking_res res[2];
    db_driver fake = *t->ctx.c->drv;
    real_driver = t->ctx.c->drv;
    fake.step = failing_step;
    t->ctx.c->drv = &fake;
    int rc = store_booking_batch(t->ctx.c, r, 2, res);
    t->ctx.c->drv = real_driver;
    assert_int_not_equal(rc, WY_OK);
    /* nothing of the batch stands: no seat without its booking */
    activity_session after = session_of(t, s[0].id);
    assert_int_equal(after.confirmed_seats, 0);
    booking *bs;
    size_t nb;
    assert_int_equal(store_bookings_of_session(t->ctx.c, t->ctx.a, s[0].id, &bs, &nb), WY_OK);
    assert_int_equal(nb, 0);
    /* with a driver that works, the same batch books the first and calls the second a
     * duplicate (the unique index), seats and rows agreeing */
    assert_int_equal(store_booking_batch(t->ctx.c, r, 2, res), WY_OK);
    assert_int_equal(res[0].outcome, BOOK_CONFIRMED);
    assert_int_equal(res[1].outcome, BOOK_DUPLICATE);
    assert_int_equal(session_of(t, s[0].id).confirmed_seats, 1);
    tdb_close(t);
}

/* Timed entry's removal of a session it no longer wants never touches a booked one, even
 * when it was counted unbooked a moment before (another server's booking since). */
static void test_session_remove_guard(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    activity_session s[3];
    new_activity(t, t->ctx.now + DAY, 3, s);
    booking_res a = book(t, CITIZEN, s[0].id);
    booking_res c = book(t, CITIZEN, s[1].id);
    t->ctx.now += MIN;
    assert_int_equal(booking_cancel(&t->ctx, c.id), 0);
    assert_int_equal(store_begin(t->ctx.c, 1), WY_OK);
    int rc0 = store_session_remove(t->ctx.c, s[0].id);
    int rc1 = store_session_remove(t->ctx.c, s[1].id);
    int rc2 = store_session_remove(t->ctx.c, s[2].id);
    assert_int_equal(store_commit(t->ctx.c), WY_OK);
    /* booked: left exactly as it is */
    assert_int_equal(rc0, WY_NOTFOUND);
    /* its bookings all cancelled: marked cancelled; never booked: deleted */
    assert_int_equal(rc1, WY_OK);
    assert_int_equal(rc2, WY_OK);
    activity_session x = session_of(t, s[0].id);
    assert_string_equal(x.status, "scheduled");
    assert_int_equal(x.confirmed_seats, 1);
    assert_string_equal(status_of(t, a.id), "confirmed");
    assert_string_equal(session_of(t, s[1].id).status, "cancelled");
    activity_session gone;
    assert_int_equal(store_activity_session_get(t->ctx.c, t->ctx.a, s[2].id, &gone), WY_NOTFOUND);
    tdb_close(t);
}

/* An activity is held at a venue in a division its publisher may publish in. */
static void test_venue_within_divisions(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    venue v;
    assert_int_equal(store_venue_get(t->ctx.c, t->ctx.a, 1, &v), WY_OK);
    assert_string_equal(v.division, "510402"); /* the district: beyond the venue manager */
    activity_session s = {
        .starts_at = t->ctx.now + DAY, .ends_at = t->ctx.now + DAY + HOUR, .capacity = 10};
    activity a = {.title = "社区合唱",
                  .category = "performance",
                  .division = "510402001",
                  .description = "",
                  .venue_id = v.id,
                  .lon = NAN,
                  .lat = NAN};
    int64_t id;
    tdb_as(t, VM);
    assert_int_equal(activity_create(&t->ctx, &a, &s, 1, &id), -1);
    assert_string_equal(t->ctx.err.code, "venue_forbidden");
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* without the venue the venue manager may; then not move it there either */
    activity b = a;
    b.venue_id = 0;
    assert_int_equal(activity_create(&t->ctx, &b, &s, 1, &id), 0);
    activity patch = {.venue_id = v.id};
    assert_int_equal(activity_update(&t->ctx, id, &patch, AF_VENUE), -1);
    assert_string_equal(t->ctx.err.code, "venue_forbidden");
    activity got;
    assert_int_equal(store_activity_get(t->ctx.c, t->ctx.a, id, &got), WY_OK);
    assert_int_equal(got.venue_id, 0);
    /* the district's admin may do both */
    tdb_as(t, DA);
    a.venue_id = v.id;
    assert_int_equal(activity_create(&t->ctx, &a, &s, 1, &id), 0);
    assert_int_equal(activity_update(&t->ctx, got.id, &patch, AF_VENUE), 0);
    assert_int_equal(store_activity_get(t->ctx.c, t->ctx.a, got.id, &got), WY_OK);
    assert_int_equal(got.venue_id, v.id);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cancel_until_start),
        cmocka_unit_test(test_checkin_window),
        cmocka_unit_test(test_no_shows_need_checkin),
        cmocka_unit_test(test_session_change_after_start),
        cmocka_unit_test(test_batch_rollback_failure),
        cmocka_unit_test(test_session_remove_guard),
        cmocka_unit_test(test_venue_within_divisions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
