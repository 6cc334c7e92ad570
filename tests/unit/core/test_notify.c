/*
 * Notifications: the signature (RFC 4231's HMAC-SHA256 vectors), one notification per booking
 * and kind where it may not repeat, the outbox's lease, retries and giving up, the organisers'
 * session change and cancellation telling everyone in their transaction, and the periodic jobs
 * with the day-before reminder.
 */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>

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

static size_t outbox_due(tdb *t, int64_t at)
{
    outbox_row *rows;
    size_t n;
    assert_int_equal(store_outbox_claim(t->ctx.c, t->ctx.a, at, at + 1, 1000, &rows, &n), WY_OK);
    return n;
}

/* The demo database with its own events (the demo's space booking approval) delivered, so
 * the outbox holds only what a test makes. */
static tdb *open_demo(void)
{
    tdb *t = tdb_open(1);
    outbox_row *rows;
    size_t n;
    int64_t far = time_now_ms() + 1000 * HOUR;
    assert_int_equal(store_outbox_claim(t->ctx.c, t->ctx.a, far, far + 1, 1000, &rows, &n), WY_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(store_outbox_result(t->ctx.c, rows[i].id, far, NULL, 0), WY_OK);
    return t;
}

static void test_signature(void **state)
{
    (void)state;
    char sig[72];
    /* RFC 4231, test case 2 */
    notify_signature("Jefe", "what do ya want for nothing?", 28, sig);
    assert_string_equal(sig,
                        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /* a key longer than the block (test case 6) is hashed first */
    char key[132];
    memset(key, 0xaa, 131);
    key[131] = '\0';
    const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";
    notify_signature(key, msg, strlen(msg), sig);
    assert_string_equal(sig,
                        "sha256=60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
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
    assert_int_equal(outbox_due(t, t->ctx.now), 1);
    /* a confirmation again: nothing written, no outbox row */
    notify_event e = {
        .kind = "booking.confirmed", .user_id = u1, .booking_id = r1.id, .session_id = sid};
    int64_t id = -1;
    assert_int_equal(store_notify(t->ctx.c, &e, t->ctx.now, &id), WY_OK);
    assert_int_equal(id, 0);
    assert_int_equal(inbox_of(t, u1, "booking.confirmed"), 1);
    assert_int_equal(outbox_due(t, t->ctx.now), 0);
    /* a session may change twice */
    e.kind = "session.changed";
    e.params = "{\"changes\":{}}";
    assert_int_equal(store_notify(t->ctx.c, &e, t->ctx.now, &id), WY_OK);
    assert_true(id > 0);
    assert_int_equal(store_notify(t->ctx.c, &e, t->ctx.now, &id), WY_OK);
    assert_true(id > 0);
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

static void test_outbox_lease_retry_give_up(void **state)
{
    (void)state;
    tdb *t = open_demo();
    int64_t sid = session_of(t, 5, 48 * HOUR, NULL);
    int64_t u1 = user_of(t, "13800000006");
    book(t, sid, u1);
    int64_t now = t->ctx.now + 1;
    outbox_row *rows;
    size_t n;
    assert_int_equal(store_outbox_claim(t->ctx.c, t->ctx.a, now, now + 60000, 10, &rows, &n),
                     WY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].kind, "booking.confirmed");
    assert_string_equal(rows[0].division, "510402001");
    assert_non_null(strstr(rows[0].payload, "\"event\":\"booking.confirmed\""));
    int64_t oid = rows[0].id;
    /* leased: another claim before the lease ends gets nothing */
    assert_int_equal(outbox_due(t, now + 1000), 0);
    /* a failure: due again at the retry time, with its attempt counted */
    assert_int_equal(store_outbox_result(t->ctx.c, oid, now, "HTTP 500", now + 5000), WY_OK);
    assert_int_equal(outbox_due(t, now + 4999), 0);
    assert_int_equal(store_outbox_claim(t->ctx.c, t->ctx.a, now + 5000, now + 9000, 10, &rows, &n),
                     WY_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].attempts, 1);
    /* given up: never due again; the error stays */
    assert_int_equal(store_outbox_result(t->ctx.c, oid, now, "HTTP 502", 0), WY_OK);
    assert_int_equal(outbox_due(t, now + HOUR * 1000), 0);
    outbox_row o;
    int64_t delivered;
    const char *last;
    assert_int_equal(store_outbox_get(t->ctx.c, t->ctx.a, oid, &o, &delivered, &last), WY_OK);
    assert_int_equal(o.attempts, 2);
    assert_int_equal(delivered, 0);
    assert_string_equal(last, "HTTP 502");
    /* the delivery thread's pass with no webhook takes what is due and marks it delivered */
    book(t, sid, user_of(t, "18600000002"));
    assert_int_equal(notify_deliver_once(t->st, &t->cfg), 1);
    assert_int_equal(outbox_due(t, time_now_ms() + HOUR), 0);
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
    /* a new time: everyone booked is told, with the change */
    p = (session_patch){
        .set = SF_STARTS | SF_ENDS,
        .v = {.starts_at = t->ctx.now + 72 * HOUR, .ends_at = t->ctx.now + 73 * HOUR}};
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(inbox_of(t, u[i], "session.changed"), 1);
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
            assert_int_equal(ns[i].booking_id, b.id);
        }
    assert_int_equal(reminders, 1);
    assert_int_equal(jobs_run_all(t->st, &t->cfg), 0);
    assert_int_equal(inbox_of(t, u1, "session.reminder"), 1);
    tdb_close(t);
}

/* Is this textual address public for a webhook? */
static int public_addr(const char *text)
{
    struct sockaddr_in v4 = {.sin_family = AF_INET};
    struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
    if (inet_pton(AF_INET, text, &v4.sin_addr) == 1)
        return notify_address_public((const struct sockaddr *)&v4);
    assert_int_equal(inet_pton(AF_INET6, text, &v6.sin6_addr), 1);
    return notify_address_public((const struct sockaddr *)&v6);
}

static void test_webhook_targets(void **state)
{
    (void)state;
    const char *refused[] = {"127.0.0.1",
                             "127.1.2.3",
                             "10.0.0.5",
                             "172.16.0.1",
                             "172.31.255.255",
                             "192.168.1.1",
                             "169.254.169.254",
                             "100.64.0.1",
                             "0.0.0.0",
                             "255.255.255.255",
                             "224.0.0.1",
                             "192.0.2.10",
                             "198.18.0.1",
                             "::1",
                             "::",
                             "fe80::1",
                             "fd00::1",
                             "fc12::3",
                             "ff02::1",
                             "::ffff:127.0.0.1",
                             "::ffff:10.1.2.3",
                             "64:ff9b::a9fe:a9fe",
                             "2001:db8::1",
                             "2002:c0a8:0101::1"};
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        if (public_addr(refused[i]))
            fail_msg("%s was taken for a public address", refused[i]);
    const char *allowed[] = {"8.8.8.8",      "1.1.1.1",        "172.32.0.1",
                             "100.128.0.1",  "192.169.0.1",    "223.5.5.5",
                             "2400:3200::1", "::ffff:8.8.8.8", "2001:4860::8888"};
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
        if (!public_addr(allowed[i]))
            fail_msg("%s was taken for a private address", allowed[i]);
    struct sockaddr other = {.sa_family = AF_UNIX};
    assert_false(notify_address_public(&other));
    assert_false(notify_address_public(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signature),
        cmocka_unit_test(test_once_per_booking),
        cmocka_unit_test(test_outbox_lease_retry_give_up),
        cmocka_unit_test(test_session_change_and_cancel),
        cmocka_unit_test(test_jobs_and_reminders),
        cmocka_unit_test(test_webhook_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
