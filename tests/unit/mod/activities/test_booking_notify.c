/*
 * Notifications about bookings (the activities' kinds, mod/activities/store_booking_notify.c):
 * their registration, one per booking and kind where it may not repeat, the webhook body in
 * the form docs/notifications.md gives it (byte for byte), the snapshot the inbox reads, the
 * organisers' session change and cancellation telling everyone in their transaction, and the
 * periodic jobs with the day-before reminder.
 */
#include <jansson.h>
#include <math.h>

#include "testlib.h"

#include "mod/activities/activity.h"
#include "mod/activities/booking.h"
#include "core/jobs.h"
#include "core/notify.h"

#define HOUR ((int64_t)3600 * 1000)

static int64_t user_of(tdb *t, const char *phone)
{
    account u;
    if (store_user_by_phone(t->ctx.c, t->ctx.a, phone, &u) == WY_OK)
        return u.id;
    int64_t id;
    assert_int_equal(store_user_create(t->ctx.c, phone, "测试", "x", "510402001", t->ctx.now, &id),
                     WY_OK);
    return id;
}

/* A published activity of 510402001 with one session starting in starts_in ms. */
static int64_t session_of(tdb *t, int capacity, int64_t starts_in, int64_t *activity_id)
{
    tdb_as(t, "13900000005");
    activity a = {.title = "社区读书会",
                  .category = "reading",
                  .division = "510402001",
                  .description = "",
                  .lon = NAN,
                  .lat = NAN,
                  .waitlist = 1};
    activity_session s = {.starts_at = t->ctx.now + starts_in,
                          .ends_at = t->ctx.now + starts_in + 2 * HOUR,
                          .capacity = capacity};
    int64_t id;
    assert_int_equal(activity_create(&t->ctx, &a, &s, 1, &id), 0);
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "published", t->ctx.now), WY_OK);
    activity_session *ss;
    size_t n;
    assert_int_equal(store_activity_sessions(t->ctx.c, t->ctx.a, id, &ss, &n), WY_OK);
    if (activity_id)
        *activity_id = id;
    return ss[0].id;
}

static booking_res book(tdb *t, int64_t sid, int64_t uid)
{
    static int seq;
    booking_req r = {.session_id = sid,
                     .user_id = uid,
                     .seats = 1,
                     .code = arena_sprintf(t->ctx.a, "code-%d-%d", (int)getpid(), seq++),
                     .waitlist_ok = 1,
                     .now = t->ctx.now};
    booking_res res;
    assert_int_equal(booking_book_now(&t->ctx, &r, &res), 0);
    return res;
}

static size_t inbox_of(tdb *t, int64_t uid, const char *kind)
{
    notification *ns;
    size_t n, k = 0;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, uid, 0, 100, &ns, &n), WY_OK);
    for (size_t i = 0; i < n; i++)
        k += !kind || !strcmp(ns[i].kind, kind);
    return k;
}

static size_t outbox_due(tdb *t, int64_t at, outbox_row **rows)
{
    outbox_row *r;
    size_t n;
    assert_int_equal(store_outbox_claim(t->ctx.c, t->ctx.a, at, at + 1, 1000, rows ? rows : &r, &n),
                     WY_OK);
    return n;
}

/* The demo database with its own events (the demo's space booking approval) delivered, so
 * the outbox holds only what a test makes, and a webhook that wants what follows. */
static tdb *open_demo(void)
{
    tdb *t = tdb_open(1);
    int64_t far = time_now_ms() + 1000 * HOUR;
    outbox_row *rows;
    size_t n = outbox_due(t, far, &rows);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(store_outbox_result(t->ctx.c, rows[i].id, far, NULL, 0), WY_OK);
    tdb_webhook(t); /* so that the events go out */
    return t;
}

static const char *rfc3339(tdb *t, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    return arena_strdup(t->ctx.a, buf);
}

static void test_kinds_registered(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    const notify_kind *kinds[] = {&booking_kind_confirmed, &booking_kind_promoted,
                                  &booking_kind_reminder, &booking_kind_changed,
                                  &booking_kind_cancelled};
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        assert_ptr_equal(notify_kind_find(kinds[i]->name), kinds[i]);
    assert_int_equal(booking_kind_changed.repeats, 1);
    assert_int_equal(booking_kind_confirmed.repeats, 0);
    tdb_close(t);
}

static void test_once_per_booking(void **state)
{
    (void)state;
    tdb *t = open_demo();
    int64_t sid = session_of(t, 1, 48 * HOUR, NULL);
    int64_t u1 = user_of(t, "13800000006"), u2 = user_of(t, "18600000001");
    int64_t demo_unread; /* the demo's approval of the citizen's space booking */
    assert_int_equal(store_notifications_unread(t->ctx.c, u1, &demo_unread), WY_OK);
    booking_res r1 = book(t, sid, u1), r2 = book(t, sid, u2);
    assert_int_equal(r1.outcome, BOOK_CONFIRMED);
    assert_int_equal(r2.outcome, BOOK_WAITLISTED);
    assert_int_equal(inbox_of(t, u1, "booking.confirmed"), 1);
    assert_int_equal(inbox_of(t, u2, NULL), 0); /* waitlisting is not an event */
    assert_int_equal(outbox_due(t, t->ctx.now, NULL), 1);
    /* a confirmation again: nothing written, no outbox row */
    booking_about ab = {0};
    assert_int_equal(store_booking_about(t->ctx.c, sid, &ab), WY_OK);
    int64_t id = -1;
    assert_int_equal(store_booking_notify(t->ctx.c, &booking_kind_confirmed, &ab, u1, r1.id, NULL,
                                          t->ctx.now, &id),
                     WY_OK);
    assert_int_equal(id, 0);
    assert_int_equal(inbox_of(t, u1, "booking.confirmed"), 1);
    assert_int_equal(outbox_due(t, t->ctx.now, NULL), 0);
    /* a session may change twice */
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store_booking_notify(t->ctx.c, &booking_kind_changed, &ab, u1, r1.id,
                                              "{\"changes\":{}}", t->ctx.now, &id),
                         WY_OK);
        assert_true(id > 0);
    }
    booking_about_release(&ab);
    assert_int_equal(inbox_of(t, u1, "session.changed"), 2);
    /* the person's cancellation promotes the next, who is told */
    tdb_as(t, "13800000006");
    assert_int_equal(booking_cancel(&t->ctx, r1.id), 0);
    assert_int_equal(inbox_of(t, u2, "booking.promoted"), 1);
    /* unread, and marking read */
    int64_t unread;
    assert_int_equal(store_notifications_unread(t->ctx.c, u1, &unread), WY_OK);
    assert_int_equal(unread, demo_unread + 3);
    int64_t changed;
    assert_int_equal(notify_mark_read(&t->ctx, NULL, 0, 1, &changed, &unread), 0);
    assert_int_equal(changed, demo_unread + 3);
    assert_int_equal(unread, 0);
    assert_int_equal(store_notifications_unread(t->ctx.c, u2, &unread), WY_OK);
    assert_int_equal(unread, 1); /* another person's inbox is untouched */
    tdb_close(t);
}

/* The webhook bodies of the activities' kinds are what docs/notifications.md shows, byte for
 * byte; the inbox row keeps the snapshot and the body's parts. */
static void test_payload(void **state)
{
    (void)state;
    tdb *t = open_demo();
    int64_t aid, sid = session_of(t, 5, 48 * HOUR, &aid);
    int64_t u = user_of(t, "18600000005");
    booking_res r = book(t, sid, u);
    assert_int_equal(r.outcome, BOOK_CONFIRMED);
    notification *ns;
    size_t n;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, u, 0, 10, &ns, &n), WY_OK);
    assert_int_equal(n, 1);
    const char *starts = rfc3339(t, t->ctx.now + 48 * HOUR),
               *ends = rfc3339(t, t->ctx.now + 50 * HOUR);
    const char *want = arena_sprintf(
        t->ctx.a,
        "{\"activity\":{\"division\":\"510402001\",\"id\":%lld,\"title\":\"社区读书会\"},"
        "\"booking_id\":%lld,\"created_at\":\"%s\",\"event\":\"booking.confirmed\","
        "\"notification_id\":%lld,\"params\":{},"
        "\"session\":{\"ends_at\":\"%s\",\"id\":%lld,\"starts_at\":\"%s\"},\"user_id\":%lld}",
        (long long)aid, (long long)r.id, rfc3339(t, t->ctx.now), (long long)ns[0].id, ends,
        (long long)sid, starts, (long long)u);
    outbox_row *rows;
    assert_int_equal(outbox_due(t, t->ctx.now, &rows), 1);
    assert_string_equal(rows[0].kind, "booking.confirmed");
    assert_string_equal(rows[0].division, "510402001");
    assert_string_equal(rows[0].payload, want);
    /* the inbox row: about the booking, with the activity's title and page and the start */
    assert_string_equal(ns[0].subject_type, "booking");
    assert_int_equal(ns[0].subject_id, r.id);
    assert_string_equal(ns[0].title, "社区读书会");
    assert_string_equal(ns[0].href, arena_sprintf(t->ctx.a, "/activities/%lld", (long long)aid));
    assert_int_equal(ns[0].at, t->ctx.now + 48 * HOUR);
    assert_string_equal(ns[0].division, "510402001");
    json_t *x = json_loads(ns[0].extra, 0, NULL);
    assert_non_null(x);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(x, "session"), "id")), sid);
    json_decref(x);
    /* a cancellation carries its reason in params */
    tdb_as(t, "13900000005");
    size_t nc;
    assert_int_equal(activity_session_cancel(&t->ctx, sid, "场馆检修", &nc), 0);
    assert_int_equal(outbox_due(t, t->ctx.now, &rows), 1);
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, u, 0, 10, &ns, &n), WY_OK);
    want = arena_sprintf(
        t->ctx.a,
        "{\"activity\":{\"division\":\"510402001\",\"id\":%lld,\"title\":\"社区读书会\"},"
        "\"booking_id\":%lld,\"created_at\":\"%s\",\"event\":\"session.cancelled\","
        "\"notification_id\":%lld,\"params\":{\"reason\":\"场馆检修\"},"
        "\"session\":{\"ends_at\":\"%s\",\"id\":%lld,\"starts_at\":\"%s\"},\"user_id\":%lld}",
        (long long)aid, (long long)r.id, rfc3339(t, t->ctx.now), (long long)ns[0].id, ends,
        (long long)sid, starts, (long long)u);
    assert_string_equal(rows[0].payload, want);
    tdb_close(t);
}

/* The booking writer's batch reads the session's facts once for all its confirmations. */
static void test_batch(void **state)
{
    (void)state;
    tdb *t = open_demo();
    int64_t sid = session_of(t, 50, 48 * HOUR, NULL);
    enum { N = 40 };
    booking_req r[N];
    booking_res res[N];
    for (int i = 0; i < N; i++)
        r[i] = (booking_req){.session_id = sid,
                             .user_id = user_of(t, arena_sprintf(t->ctx.a, "186000011%02d", i)),
                             .seats = 1,
                             .code = arena_sprintf(t->ctx.a, "batch-%d-%d", (int)getpid(), i),
                             .waitlist_ok = 1,
                             .now = t->ctx.now};
    r[N - 1].user_id = r[0].user_id; /* a duplicate, rolled back to its savepoint */
    assert_int_equal(store_booking_batch(t->ctx.c, r, N, res), WY_OK);
    for (int i = 0; i < N - 1; i++)
        assert_int_equal(res[i].outcome, BOOK_CONFIRMED);
    assert_int_equal(res[N - 1].outcome, BOOK_DUPLICATE);
    outbox_row *rows;
    assert_int_equal(outbox_due(t, t->ctx.now, &rows), N - 1);
    for (int i = 0; i < N - 1; i++)
        assert_non_null(strstr(rows[i].payload, "\"title\":\"社区读书会\""));
    assert_int_equal(inbox_of(t, r[0].user_id, "booking.confirmed"), 1);
    tdb_close(t);
}

static void test_session_change_and_cancel(void **state)
{
    (void)state;
    tdb *t = open_demo();
    int64_t sid = session_of(t, 1, 48 * HOUR, NULL);
    int64_t u[3] = {user_of(t, "13800000006"), user_of(t, "18600000003"),
                    user_of(t, "18600000004")};
    for (int i = 0; i < 3; i++)
        assert_int_equal(book(t, sid, u[i]).outcome, i == 0 ? BOOK_CONFIRMED : BOOK_WAITLISTED);
    activity_session out;
    session_patch p = {.set = SF_CAPACITY, .v = {.capacity = 2}};
    /* a citizen may not */
    tdb_as(t, "13800000006");
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13900000005");
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    assert_int_equal(out.confirmed_seats, 2);
    assert_int_equal(inbox_of(t, u[1], "booking.promoted"), 1);
    assert_int_equal(inbox_of(t, u[2], "booking.promoted"), 0); /* still waiting */
    p.v.capacity = 1;
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), -1);
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    assert_string_equal(t->ctx.err.code, "below_confirmed");
    /* a new time: everyone booked is told, with the change, and the new start */
    int64_t starts = t->ctx.now + 72 * HOUR;
    p = (session_patch){.set = SF_STARTS | SF_ENDS,
                        .v = {.starts_at = starts, .ends_at = t->ctx.now + 73 * HOUR}};
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(inbox_of(t, u[i], "session.changed"), 1);
        notification *ns;
        size_t n;
        assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, u[i], 0, 1, &ns, &n), WY_OK);
        assert_string_equal(ns[0].kind, "session.changed");
        assert_int_equal(ns[0].at, starts);
        assert_non_null(strstr(ns[0].params, "\"changes\""));
    }
    /* cancelled: every live booking too, the seats free, everyone told */
    size_t n;
    assert_int_equal(activity_session_cancel(&t->ctx, sid, "", &n), -1);
    assert_int_equal(t->ctx.err.cls, E_INVALID);
    assert_int_equal(activity_session_cancel(&t->ctx, sid, "场馆维修", &n), 0);
    assert_int_equal(n, 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(inbox_of(t, u[i], "session.cancelled"), 1);
    activity_session s;
    assert_int_equal(store_activity_session_get(t->ctx.c, t->ctx.a, sid, &s), WY_OK);
    assert_string_equal(s.status, "cancelled");
    assert_int_equal(s.confirmed_seats, 0);
    assert_int_equal(activity_session_cancel(&t->ctx, sid, "再来", &n), -1);
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    tdb_close(t);
}

static int runs;
static int count_runs(wy_ctx *ctx)
{
    (void)ctx;
    runs++;
    return 0;
}

static void test_jobs_and_reminders(void **state)
{
    (void)state;
    tdb *t = open_demo();
    int64_t soon = session_of(t, 5, 3 * HOUR, NULL), later = session_of(t, 5, 30 * HOUR, NULL);
    int64_t u1 = user_of(t, "13800000006");
    booking_res b = book(t, soon, u1);
    book(t, later, u1);
    assert_int_equal(jobs_register("count", count_runs), 0);
    assert_int_equal(jobs_register("count", count_runs), 0); /* replaced, not added twice */
    runs = 0;
    assert_int_equal(jobs_run_all(t->st, &t->cfg), 0);
    assert_int_equal(runs, 1);
    notification *ns;
    size_t n;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, u1, 0, 100, &ns, &n), WY_OK);
    size_t reminders = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ns[i].kind, "session.reminder")) {
            reminders++;
            assert_string_equal(ns[i].subject_type, "booking");
            assert_int_equal(ns[i].subject_id, b.id);
            assert_int_equal(ns[i].at, t->ctx.now + 3 * HOUR);
        }
    assert_int_equal(reminders, 1);
    assert_int_equal(jobs_run_all(t->st, &t->cfg), 0);
    assert_int_equal(inbox_of(t, u1, "session.reminder"), 1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_registered),
        cmocka_unit_test(test_once_per_booking),
        cmocka_unit_test(test_payload),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_session_change_and_cancel),
        cmocka_unit_test(test_jobs_and_reminders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
