/* Tests of the attendance rules of src/domain/booking.c (no-shows, the ban, excuses) and of
 * src/mod/activities/rating.c on the core's ratings, on a clock the test sets (ctx.now). */
#include <math.h>

#include "testlib.h"

#include "mod/activities/booking.h"
#include "mod/activities/rating.h"

#define MIN  ((int64_t)60000)
#define HOUR (60 * MIN)
#define DAY  (24 * HOUR)

static const char *VM = "13900000005", *CITIZEN = "13800000006";

static void test_ban_rule(void **state)
{
    (void)state;
    const int64_t w = 180 * DAY, ban = 30 * DAY, d0 = 1700000000000;
    int64_t three[] = {d0, d0 + 10 * DAY, d0 + 20 * DAY};
    /* the third no-show reaches the limit: banned for 30 days from its session's end */
    assert_int_equal(booking_ban_end(three, 3, 3, w, ban, d0 + 21 * DAY), d0 + 50 * DAY);
    assert_int_equal(booking_ban_end(three, 3, 3, w, ban, d0 + 50 * DAY - 1), d0 + 50 * DAY);
    assert_int_equal(booking_ban_end(three, 3, 3, w, ban, d0 + 50 * DAY), 0); /* over */
    assert_int_equal(booking_ban_end(three, 2, 3, w, ban, d0 + 21 * DAY), 0); /* two: none */
    assert_int_equal(booking_ban_end(three, 3, 0, w, ban, d0 + 21 * DAY), 0); /* limit 0: off */
    /* spread over more than the window: never three within 180 days */
    int64_t spread[] = {d0, d0 + 100 * DAY, d0 + 200 * DAY};
    assert_int_equal(booking_ban_end(spread, 3, 3, w, ban, d0 + 201 * DAY), 0);
    /* the window is (end - 180 days, end]: a no-show exactly 180 days before is out */
    int64_t edge[] = {d0, d0 + 90 * DAY, d0 + 180 * DAY};
    assert_int_equal(booking_ban_end(edge, 3, 3, w, ban, d0 + 181 * DAY), 0);
    edge[0] += 1;
    assert_int_equal(booking_ban_end(edge, 3, 3, w, ban, d0 + 181 * DAY), d0 + 210 * DAY);
    /* a fourth no-show while banned: the ban runs from the latest */
    int64_t four[] = {d0, d0 + 1 * DAY, d0 + 2 * DAY, d0 + 3 * DAY};
    assert_int_equal(booking_ban_end(four, 4, 3, w, ban, d0 + 4 * DAY), d0 + 33 * DAY);
    /* the ban does not lift when the oldest no-show leaves the window */
    int64_t old[] = {d0, d0 + 170 * DAY, d0 + 175 * DAY};
    assert_int_equal(booking_ban_end(old, 3, 3, w, ban, d0 + 185 * DAY), d0 + 205 * DAY);
}

static void test_mask_name(void **state)
{
    (void)state;
    char out[RATING_NAME_MAX];
    rating_mask_name("张三丰", out);
    assert_string_equal(out, "张**");
    rating_mask_name("王五", out);
    assert_string_equal(out, "王*");
    rating_mask_name("Li", out);
    assert_string_equal(out, "L*");
    rating_mask_name("", out);
    assert_string_equal(out, "");
    rating_mask_name(NULL, out);
    assert_string_equal(out, "");
}

/* A published activity in 510402001 with n sessions: the first n-1 from start to start + 1 h,
 * the last a week later. */
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
        int64_t s0 = i < n - 1 ? start : start + 7 * DAY;
        activity_session s = {
            .activity_id = id, .starts_at = s0, .ends_at = s0 + HOUR, .capacity = 10};
        assert_int_equal(store_activity_session_create(t->ctx.c, &s, &out[i].id), WY_OK);
        out[i].ends_at = s.ends_at;
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

/* Someone else books session and is checked in at its start: check-in took place there, so
 * those who booked and did not come are no-shows. */
static void someone_came(tdb *t, int64_t session, int64_t start)
{
    booking_res r = book(t, "13900000001", session);
    assert_int_equal(store_booking_checkin(t->ctx.c, r.id, start), WY_OK);
}

static const char *status_of(tdb *t, int64_t id)
{
    booking b;
    assert_int_equal(store_booking_get(t->ctx.c, t->ctx.a, id, &b), WY_OK);
    return b.status;
}

static void test_no_shows_and_ban(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t t0 = t->ctx.now, start = t0 + HOUR;
    activity_session s[4];
    new_activity(t, start, 4, s);
    booking_res r[3];
    for (int i = 0; i < 3; i++) {
        r[i] = book(t, CITIZEN, s[i].id);
        someone_came(t, s[i].id, start);
    }
    tdb_as(t, CITIZEN);
    /* before the end: nothing to sweep, no ban */
    int64_t until;
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 0);
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, 0);
    /* after the end, before any sweep: the ban already holds */
    t->ctx.now = s[2].ends_at + MIN;
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, s[2].ends_at + 30 * DAY);
    booking_req req;
    assert_int_equal(booking_prepare(&t->ctx, s[3].id, NULL, 0, NULL, &req), -1);
    assert_string_equal(t->ctx.err.code, "banned");
    assert_int_equal(t->ctx.err.cls, E_RULE);
    assert_int_equal(t->ctx.err.until, until);
    assert_non_null(strstr(t->ctx.err.message, "%s"));
    /* the sweep marks the three, once */
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 3);
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 0);
    for (int i = 0; i < 3; i++)
        assert_string_equal(status_of(t, r[i].id), "no_show");
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, s[2].ends_at + 30 * DAY);
    /* only the activity's staff excuse, once, on the record */
    booking b;
    tdb_as(t, CITIZEN);
    assert_int_equal(booking_excuse(&t->ctx, r[0].id, NULL, &b), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, VM);
    assert_int_equal(booking_excuse(&t->ctx, r[0].id, "生病", &b), 0);
    assert_int_equal(b.excused_at, t->ctx.now);
    assert_int_equal(booking_excuse(&t->ctx, r[0].id, NULL, &b), -1);
    assert_string_equal(t->ctx.err.code, "already_excused");
    audit_entry *ae;
    size_t nae;
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)r[0].id);
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, "booking", oid, "", 0, 10, &ae, &nae),
                     WY_OK);
    assert_int_equal(nae, 1);
    assert_string_equal(ae[0].action, "booking.excuse");
    assert_string_equal(ae[0].reason, "生病");
    /* two no-shows left: the citizen books again */
    tdb_as(t, CITIZEN);
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, 0);
    book(t, CITIZEN, s[3].id);
    tdb_close(t);
}

static void test_ban_settings(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t start = t->ctx.now + HOUR;
    activity_session s[3];
    new_activity(t, start, 3, s);
    for (int i = 0; i < 2; i++) {
        book(t, CITIZEN, s[i].id);
        someone_came(t, s[i].id, start);
    }
    tdb_as(t, CITIZEN);
    t->ctx.now = s[1].ends_at + MIN;
    int64_t until;
    /* two no-shows ban when the limit is 2; never when it is 0 */
    t->cfg.booking_no_show_limit = 2;
    t->cfg.booking_ban_days = 7;
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, s[1].ends_at + 7 * DAY);
    t->ctx.now = s[1].ends_at + 7 * DAY;
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, 0);
    t->ctx.now = s[1].ends_at + MIN;
    t->cfg.booking_no_show_limit = 0;
    assert_int_equal(booking_ban_until(&t->ctx, t->who.user_id, &until), 0);
    assert_int_equal(until, 0);
    tdb_close(t);
}

static void test_ratings(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t start = t->ctx.now + HOUR;
    activity_session s[2];
    int64_t aid = new_activity(t, start, 2, s);
    booking_res r = book(t, CITIZEN, s[0].id);
    rating out;
    int replaced;
    /* booked but not checked in: not an attendee */
    t->ctx.now = s[0].ends_at + MIN;
    assert_int_equal(rating_submit(&t->ctx, ACTIVITY_RATING_KIND, aid, 5, "好", &out, &replaced),
                     -1);
    assert_string_equal(t->ctx.err.code, "not_attended");
    /* checked in, session not over yet: later */
    t->ctx.now = start;
    tdb_as(t, VM);
    booking b;
    assert_int_equal(booking_checkin(&t->ctx, r.code, 0, &b), 0);
    assert_int_equal(store_booking_get(t->ctx.c, t->ctx.a, r.id, &b), WY_OK);
    assert_int_equal(b.checked_in_at, start);
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, ACTIVITY_RATING_KIND, aid, 5, "好", &out, &replaced),
                     -1);
    assert_string_equal(t->ctx.err.code, "not_ended");
    t->ctx.now = s[0].ends_at - 1;
    assert_false(rating_may_rate(&t->ctx, ACTIVITY_RATING_KIND, aid));
    t->ctx.now = s[0].ends_at; /* ended */
    assert_true(rating_may_rate(&t->ctx, ACTIVITY_RATING_KIND, aid));
    assert_int_equal(rating_submit(&t->ctx, ACTIVITY_RATING_KIND, aid, 0, NULL, &out, &replaced),
                     -1);
    assert_string_equal(t->ctx.err.code, "bad_score");
    assert_int_equal(rating_submit(&t->ctx, ACTIVITY_RATING_KIND, aid, 4, "不错", &out, &replaced),
                     0);
    assert_false(replaced);
    assert_string_equal(out.status, "pending");
    /* the sweep leaves a checked-in booking alone */
    assert_int_equal(booking_sweep_no_shows(&t->ctx), 0);
    assert_string_equal(status_of(t, r.id), "checked_in");
    rating_summary sum;
    assert_int_equal(rating_summary_of(&t->ctx, ACTIVITY_RATING_KIND, aid, &sum), 0);
    assert_int_equal(sum.count, 0);
    /* the citizen may not moderate; the venue manager may */
    assert_int_equal(rating_decide(&t->ctx, out.id, "approve", NULL, &out), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, VM);
    rating *q;
    size_t nq;
    assert_int_equal(rating_queue(&t->ctx, NULL, 0, 50, &q, &nq), 0);
    assert_int_equal(nq, 1);
    /* staff of two subtrees (西区, and the activity's town) see the rating too */
    int64_t uid, gid;
    tdb_as(t, "13900000001");
    assert_int_equal(account_create(&t->ctx, "13900000094", "Both2026vm", "两地站长",
                                    "venue_manager", "510403", &uid),
                     0);
    assert_int_equal(account_grant(&t->ctx, uid, "venue_manager", "510402001", &gid), 0);
    tdb_as(t, "13900000094");
    assert_int_equal(rating_queue(&t->ctx, NULL, 0, 50, &q, &nq), 0);
    assert_int_equal(nq, 1);
    assert_int_equal(q[0].id, out.id);
    tdb_as(t, VM);
    assert_int_equal(rating_decide(&t->ctx, out.id, "approve", NULL, &out), 0);
    assert_string_equal(out.status, "approved");
    assert_int_equal(rating_summary_of(&t->ctx, ACTIVITY_RATING_KIND, aid, &sum), 0);
    assert_int_equal(sum.count, 1);
    assert_true(sum.average == 4.0);
    /* rating again replaces and waits again */
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, ACTIVITY_RATING_KIND, aid, 2, NULL, &out, &replaced),
                     0);
    assert_true(replaced);
    assert_string_equal(out.status, "pending");
    assert_int_equal(rating_summary_of(&t->ctx, ACTIVITY_RATING_KIND, aid, &sum), 0);
    assert_int_equal(sum.count, 0);
    tdb_close(t);
}

/* A member of staff who attended and rated leaves the moderation of its rating to another. */
static void test_own_rating_not_moderated(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t start = t->ctx.now + HOUR;
    activity_session s[2];
    int64_t aid = new_activity(t, start, 2, s);
    booking_res r = book(t, VM, s[0].id);
    assert_int_equal(store_booking_checkin(t->ctx.c, r.id, start), WY_OK);
    t->ctx.now = s[0].ends_at;
    rating out;
    int replaced;
    tdb_as(t, VM);
    assert_int_equal(rating_submit(&t->ctx, ACTIVITY_RATING_KIND, aid, 5, "很好", &out, &replaced),
                     0);
    assert_int_equal(rating_decide(&t->ctx, out.id, "approve", NULL, &out), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_string_equal(t->ctx.err.code, "own_rating");
    assert_int_equal(rating_decide(&t->ctx, out.id, "reject", "自评", &out), -1);
    assert_string_equal(t->ctx.err.code, "own_rating");
    tdb_as(t, "13900000002"); /* the district admin publishes over 510402 */
    assert_int_equal(rating_decide(&t->ctx, out.id, "approve", NULL, &out), 0);
    assert_string_equal(out.status, "approved");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ban_rule),         cmocka_unit_test(test_mask_name),
        cmocka_unit_test(test_no_shows_and_ban), cmocka_unit_test(test_ban_settings),
        cmocka_unit_test(test_ratings),          cmocka_unit_test(test_own_rating_not_moderated),
    };
    rating_subject_register(&activity_rating_subject); /* the module's init */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
