/* Tests of src/domain/space.c (and src/store/store_spaces.c): the overlap rule (touching
 * intervals allowed), validation of spaces and of booking times, approval refused on an
 * overlap, weekly series approved where free, cancellation, scope, and the audit trail. */
#include <math.h>

#include "testlib.h"

#include "core/audit.h"
#include "core/notify.h"
#include "mod/spaces/space.h"
#include "mod/venues/venue_store.h"

#define HOUR ((int64_t)3600000)
#define DAY  (24 * HOUR)

static int64_t at(const char *rfc3339)
{
    int64_t ms;
    assert_int_equal(time_parse_rfc3339(rfc3339, &ms), 0);
    return ms;
}

/* A fixed clock: Sunday 2026-11-22 12:00 in the city; Saturday 2026-11-28 is ahead. */
static void fix_clock(tdb *t)
{
    t->ctx.now = at("2026-11-22T12:00:00+08:00");
}

static int64_t station(tdb *t, const char *name, const char *division)
{
    space s = {.kind = "street_station",
               .name = name,
               .division = division,
               .lon = NAN,
               .lat = NAN,
               .opens = 8 * 60,
               .closes = 22 * 60,
               .max_minutes = 240};
    int64_t id;
    tdb_as(t, "13900000002"); /* district admin of 东区 510402 */
    assert_int_equal(space_create(&t->ctx, &s, &id), 0);
    return id;
}

static int64_t request(tdb *t, int64_t space_id, const char *from, const char *to, int weeks)
{
    space_booking b = {.group_name = "阳光街舞社",
                       .title = "街舞展演",
                       .content = "街舞团队展演",
                       .performers = 12,
                       .audience = 80,
                       .starts_at = at(from),
                       .ends_at = at(to)};
    space_booking *out;
    size_t n;
    tdb_as(t, "13800000006"); /* a citizen */
    assert_int_equal(space_booking_request(&t->ctx, space_id, &b, weeks, &out, &n), 0);
    assert_int_equal(n, (size_t)weeks);
    return out[0].id;
}

static const char *status_of(tdb *t, int64_t id)
{
    space_booking b;
    assert_int_equal(store_space_booking_get(t->ctx.c, t->ctx.a, id, &b), WY_OK);
    return b.status;
}

/* The applicant's notifications of kind, newest first (at most 20). */
static size_t notes_of(tdb *t, const char *kind, notification **out)
{
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13800000006", &u), WY_OK);
    notification *all;
    size_t n, k = 0;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, u.id, 0, 50, &all, &n), WY_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(all[i].kind, kind))
            all[k++] = all[i];
    *out = all;
    return k;
}

static void test_intervals(void **state)
{
    (void)state;
    assert_true(space_intervals_overlap(10, 20, 15, 25));
    assert_true(space_intervals_overlap(15, 25, 10, 20));
    assert_true(space_intervals_overlap(10, 20, 12, 18)); /* inside */
    assert_true(space_intervals_overlap(12, 18, 10, 20));
    assert_true(space_intervals_overlap(10, 20, 10, 20));  /* the same */
    assert_false(space_intervals_overlap(10, 20, 20, 30)); /* touching: one ends, one starts */
    assert_false(space_intervals_overlap(20, 30, 10, 20));
    assert_false(space_intervals_overlap(10, 20, 25, 30));
}

static void test_times_and_space_validation(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    fix_clock(t);
    space s = {.opens = 9 * 60, .closes = 21 * 60, .max_minutes = 180};
    t->ctx.err = (wy_error){0};
    assert_int_equal(space_check_times(&t->ctx, &s, at("2026-11-28T10:00:00+08:00"),
                                       at("2026-11-28T12:00:00+08:00")),
                     0);
    /* ends before it starts */
    assert_int_equal(space_check_times(&t->ctx, &s, at("2026-11-28T12:00:00+08:00"),
                                       at("2026-11-28T10:00:00+08:00")),
                     -1);
    assert_string_equal(t->ctx.err.code, "bad_time");
    assert_int_equal(t->ctx.err.cls, E_INVALID);
    /* in the past */
    assert_int_equal(space_check_times(&t->ctx, &s, at("2026-11-22T10:00:00+08:00"),
                                       at("2026-11-22T11:00:00+08:00")),
                     -1);
    assert_string_equal(t->ctx.err.code, "in_past");
    /* longer than 180 minutes */
    assert_int_equal(space_check_times(&t->ctx, &s, at("2026-11-28T10:00:00+08:00"),
                                       at("2026-11-28T13:30:00+08:00")),
                     -1);
    assert_string_equal(t->ctx.err.code, "too_long");
    /* before opening, after closing, across midnight */
    assert_int_equal(space_check_times(&t->ctx, &s, at("2026-11-28T08:30:00+08:00"),
                                       at("2026-11-28T10:00:00+08:00")),
                     -1);
    assert_string_equal(t->ctx.err.code, "outside_hours");
    assert_int_equal(space_check_times(&t->ctx, &s, at("2026-11-28T20:00:00+08:00"),
                                       at("2026-11-28T21:30:00+08:00")),
                     -1);
    assert_string_equal(t->ctx.err.code, "outside_hours");
    /* exactly the bookable hours' edges are fine (the offset of the input does not matter) */
    s.max_minutes = 720;
    assert_int_equal(
        space_check_times(&t->ctx, &s, at("2026-11-28T01:00:00Z"), at("2026-11-28T13:00:00Z")), 0);
    /* more than 180 days ahead */
    assert_int_equal(space_check_times(&t->ctx, &s, at("2027-06-28T10:00:00+08:00"),
                                       at("2027-06-28T11:00:00+08:00")),
                     -1);
    assert_string_equal(t->ctx.err.code, "too_far_ahead");

    /* spaces: a room needs its venue; a station its division; scope is the division's */
    int64_t id;
    tdb_as(t, "13900000002");
    space room = {.kind = "room",
                  .name = "排练厅",
                  .lon = NAN,
                  .lat = NAN,
                  .closes = 1320,
                  .max_minutes = 240};
    assert_int_equal(space_create(&t->ctx, &room, &id), -1);
    assert_string_equal(t->ctx.err.code, "venue_required");
    venue v;
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-cc-city", &v), WY_OK);
    room.venue_id = v.id;
    assert_int_equal(space_create(&t->ctx, &room, &id), 0);
    space_view sv;
    assert_int_equal(space_get(&t->ctx, id, &sv), 0);
    assert_string_equal(sv.s.division, v.division); /* from its venue */
    assert_false(isnan(sv.s.lon));
    space bad = {.kind = "stage",
                 .name = "x",
                 .division = "510402",
                 .lon = NAN,
                 .lat = NAN,
                 .closes = 1320,
                 .max_minutes = 240};
    assert_int_equal(space_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    bad.kind = "street_station";
    bad.opens = 600;
    bad.closes = 600;
    assert_int_equal(space_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_hours");
    /* the venue manager of 大渡口街道 may not add a station in 西区 */
    tdb_as(t, "13900000005");
    space west = {.kind = "street_station",
                  .name = "西区街头文化站",
                  .division = "510403",
                  .lon = NAN,
                  .lat = NAN,
                  .opens = 480,
                  .closes = 1320,
                  .max_minutes = 240};
    assert_int_equal(space_create(&t->ctx, &west, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_close(t);
}

static void test_request_validation(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    fix_clock(t);
    int64_t sp = station(t, "测试街头文化站", "510402001");
    space_booking b = {.group_name = "",
                       .title = "节目",
                       .performers = 5,
                       .starts_at = at("2026-11-28T10:00:00+08:00"),
                       .ends_at = at("2026-11-28T11:00:00+08:00")};
    space_booking *out;
    size_t n;
    tdb_as(t, "13800000006");
    assert_int_equal(space_booking_request(&t->ctx, sp, &b, 1, &out, &n), -1);
    assert_string_equal(t->ctx.err.code, "bad_group_name");
    b.group_name = "合唱团";
    b.performers = 0;
    assert_int_equal(space_booking_request(&t->ctx, sp, &b, 1, &out, &n), -1);
    assert_string_equal(t->ctx.err.code, "bad_performers");
    b.performers = 5;
    assert_int_equal(space_booking_request(&t->ctx, sp, &b, 27, &out, &n), -1);
    assert_string_equal(t->ctx.err.code, "bad_repeat");
    b.contact = "call me";
    assert_int_equal(space_booking_request(&t->ctx, sp, &b, 1, &out, &n), -1);
    assert_string_equal(t->ctx.err.code, "bad_contact");
    b.contact = NULL;
    /* nobody */
    tdb_as(t, NULL);
    assert_int_equal(space_booking_request(&t->ctx, sp, &b, 1, &out, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    /* a good one: the contact defaults to the applicant's phone */
    tdb_as(t, "13800000006");
    assert_int_equal(space_booking_request(&t->ctx, sp, &b, 1, &out, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].contact, "13800000006");
    assert_string_equal(status_of(t, out[0].id), "pending");
    /* a closed space takes no requests */
    space_view sv;
    tdb_as(t, "13900000002");
    assert_int_equal(space_get(&t->ctx, sp, &sv), 0);
    sv.s.status = "closed";
    assert_int_equal(space_update(&t->ctx, &sv.s), 0);
    tdb_as(t, "13800000006");
    assert_int_equal(space_booking_request(&t->ctx, sp, &b, 1, &out, &n), -1);
    assert_string_equal(t->ctx.err.code, "space_closed");
    tdb_close(t);
}

static void test_overlap_on_approval(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    fix_clock(t);
    tdb_webhook(t); /* the approval's event goes out */
    int64_t sp = station(t, "大渡口测试站", "510402001");
    /* pending requests may overlap each other */
    int64_t a = request(t, sp, "2026-11-28T10:00:00+08:00", "2026-11-28T12:00:00+08:00", 1);
    int64_t b = request(t, sp, "2026-11-28T11:00:00+08:00", "2026-11-28T13:00:00+08:00", 1);
    int64_t c = request(t, sp, "2026-11-28T12:00:00+08:00", "2026-11-28T14:00:00+08:00", 1);
    space_decision d;
    /* a citizen cannot decide; nor the admin of another district */
    tdb_as(t, "13800000006");
    assert_int_equal(space_booking_decide(&t->ctx, a, 1, NULL, 0, &d), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    int64_t uid;
    t->ctx.who = NULL;
    assert_int_equal(account_create(&t->ctx, "13900000091", "Other2026dq", "西区管理员",
                                    "district_admin", "510403", &uid),
                     0);
    tdb_as(t, "13900000091");
    assert_int_equal(space_booking_decide(&t->ctx, a, 1, NULL, 0, &d), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* the venue manager of the station's town approves a */
    tdb_as(t, "13900000005");
    notification *nt;
    size_t before = notes_of(t, "space_booking.approved", &nt); /* the demo's */
    assert_int_equal(space_booking_decide(&t->ctx, a, 1, NULL, 0, &d), 0);
    assert_int_equal(d.ndone, 1);
    assert_string_equal(status_of(t, a), "approved");
    /* the applicant is told, in the deciding transaction: the inbox and the outbox */
    assert_int_equal(notes_of(t, "space_booking.approved", &nt), before + 1);
    assert_non_null(strstr(nt[0].params, "\"title\":\"街舞展演\""));
    assert_non_null(strstr(nt[0].params, "\"space\":\"大渡口测试站\""));
    assert_non_null(strstr(nt[0].params, "\"starts_at\":\"2026-11-28T10:00:00+08:00\""));
    assert_non_null(
        strstr(nt[0].params, arena_sprintf(t->ctx.a, "\"space_booking_id\":%lld", (long long)a)));
    /* about the booking, with its title, the applicant's page of bookings and its start */
    assert_string_equal(nt[0].subject_type, "space_booking");
    assert_int_equal(nt[0].subject_id, a);
    assert_string_equal(nt[0].title, "街舞展演");
    assert_string_equal(nt[0].href, "/me/space-bookings");
    assert_string_equal(nt[0].division, "510402001");
    int64_t starts;
    assert_int_equal(time_parse_rfc3339("2026-11-28T10:00:00+08:00", &starts), 0);
    assert_int_equal(nt[0].at, starts);
    outbox_row *ob;
    size_t nob;
    assert_int_equal(
        store_outbox_claim(t->ctx.c, t->ctx.a, INT64_MAX / 2, INT64_MAX / 2, 1000, &ob, &nob),
        WY_OK);
    int seen = 0;
    for (size_t i = 0; i < nob; i++)
        if (!strcmp(ob[i].kind, "space_booking.approved") &&
            strstr(ob[i].payload,
                   arena_sprintf(t->ctx.a, "\"space_booking_id\":%lld,", (long long)a))) {
            seen++;
            assert_string_equal(ob[i].division, "510402001");
            /* the body docs/notifications.md gives a space booking's decision, byte for byte */
            char at[40];
            time_format_rfc3339(t->ctx.now, at, sizeof(at), 0);
            assert_string_equal(
                ob[i].payload,
                arena_sprintf(t->ctx.a,
                              "{\"created_at\":\"%s\",\"division\":\"510402001\","
                              "\"event\":\"space_booking.approved\",\"notification_id\":%lld,"
                              "\"params\":%s,\"user_id\":%lld}",
                              at, (long long)nt[0].id, nt[0].params, (long long)nt[0].user_id));
        }
    assert_int_equal(seen, 1);
    /* b overlaps a: refused, with the conflict, and b stays pending */
    assert_int_equal(space_booking_decide(&t->ctx, b, 1, NULL, 0, &d), -1);
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    assert_string_equal(t->ctx.err.code, "overlap");
    assert_int_equal(d.nconflicts, 1);
    assert_int_equal(d.conflicts[0].with.id, a);
    assert_string_equal(status_of(t, b), "pending");
    /* c touches a (12:00): fine */
    assert_int_equal(space_booking_decide(&t->ctx, c, 1, NULL, 0, &d), 0);
    assert_string_equal(status_of(t, c), "approved");
    /* approving twice is a state conflict */
    assert_int_equal(space_booking_decide(&t->ctx, c, 1, NULL, 0, &d), -1);
    assert_string_equal(t->ctx.err.code, "bad_state");
    /* a rejection needs a reason */
    assert_int_equal(space_booking_decide(&t->ctx, b, 0, "", 0, &d), -1);
    assert_string_equal(t->ctx.err.code, "reason_required");
    /* a refused approval tells nobody (its transaction is undone) */
    assert_int_equal(notes_of(t, "space_booking.approved", &nt), before + 2); /* a and c */
    assert_int_equal(space_booking_decide(&t->ctx, b, 0, "与已通过的演出时间冲突", 0, &d), 0);
    assert_string_equal(status_of(t, b), "rejected");
    assert_int_equal(notes_of(t, "space_booking.rejected", &nt), 1);
    assert_non_null(strstr(nt[0].params, "\"reason\":\"与已通过的演出时间冲突\""));
    /* a new request for a taken time is refused at once, with the approved booking */
    space_booking r = {.group_name = "合唱团",
                       .title = "合唱",
                       .performers = 20,
                       .starts_at = at("2026-11-28T13:30:00+08:00"),
                       .ends_at = at("2026-11-28T15:00:00+08:00")};
    space_booking *out;
    size_t n;
    tdb_as(t, "13800000006");
    assert_int_equal(space_booking_request(&t->ctx, sp, &r, 1, &out, &n), -1);
    assert_string_equal(t->ctx.err.code, "overlap");
    assert_int_equal(n, 2);
    assert_int_equal(out[1].id, c);
    /* the schedule shows the approved ones in time order */
    space_booking *sch;
    assert_int_equal(space_schedule(&t->ctx, sp, at("2026-11-28T00:00:00+08:00"),
                                    at("2026-11-29T00:00:00+08:00"), &sch, &n),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(sch[0].id, a);
    assert_int_equal(sch[1].id, c);
    /* every decision is in the audit log */
    audit_entry *e;
    assert_int_equal(
        store_audit_list(t->ctx.c, t->ctx.a, "space_booking", NULL, NULL, 0, 100, &e, &n), WY_OK);
    int approvals = 0, rejections = 0;
    for (size_t i = 0; i < n; i++) {
        approvals += !strcmp(e[i].action, "space_booking.approve");
        rejections += !strcmp(e[i].action, "space_booking.reject");
    }
    assert_int_equal(approvals, 2 + 1); /* a, c, and the demo's approved booking */
    assert_int_equal(rejections, 1);
    tdb_close(t);
}

static void test_series(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    fix_clock(t);
    int64_t sp = station(t, "炳草岗测试站", "510402002");
    /* four Saturdays, 10:00-12:00, from 2026-11-28 */
    int64_t first = request(t, sp, "2026-11-28T10:00:00+08:00", "2026-11-28T12:00:00+08:00", 4);
    space_booking *occ;
    size_t n;
    assert_int_equal(store_space_booking_series(t->ctx.c, t->ctx.a, first, &occ, &n), WY_OK);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(occ[i].series_id, first);
        assert_int_equal(occ[i].starts_at, at("2026-11-28T10:00:00+08:00") + (int64_t)i * 7 * DAY);
    }
    /* someone else's booking of the third Saturday is approved first */
    int64_t other = request(t, sp, "2026-12-12T11:00:00+08:00", "2026-12-12T13:00:00+08:00", 1);
    space_decision d;
    tdb_as(t, "13900000002");
    assert_int_equal(space_booking_decide(&t->ctx, other, 1, NULL, 0, &d), 0);
    /* the series: approved where free, the third week reported and left pending */
    assert_int_equal(space_booking_decide(&t->ctx, occ[1].id, 1, NULL, 1, &d), 0);
    assert_int_equal(d.ndone, 3);
    assert_int_equal(d.nconflicts, 1);
    assert_int_equal(d.conflicts[0].b.id, occ[2].id);
    assert_int_equal(d.conflicts[0].with.id, other);
    assert_string_equal(status_of(t, occ[0].id), "approved");
    /* one notification for the weeks approved together */
    notification *nt;
    size_t demo = notes_of(t, "space_booking.rejected", &nt); /* none: rejections come later */
    assert_int_equal(demo, 0);
    assert_true(notes_of(t, "space_booking.approved", &nt) >= 2); /* other, and the series */
    assert_non_null(strstr(nt[0].params, "\"occurrences\":3"));
    assert_string_equal(status_of(t, occ[2].id), "pending");
    assert_string_equal(status_of(t, occ[3].id), "approved");
    /* once more: nothing is free any more, so 409 and nothing changes */
    assert_int_equal(space_booking_decide(&t->ctx, first, 1, NULL, 1, &d), -1);
    assert_string_equal(t->ctx.err.code, "overlap");
    assert_string_equal(status_of(t, occ[2].id), "pending");
    /* rejecting the series takes the pending week only; the approved weeks stay */
    assert_int_equal(space_booking_decide(&t->ctx, first, 0, "第三周已有其他演出", 1, &d), 0);
    assert_int_equal(d.ndone, 1);
    assert_int_equal(d.done[0].id, occ[2].id);
    assert_int_equal(d.nskipped, 3);
    assert_string_equal(status_of(t, occ[2].id), "rejected");
    assert_string_equal(status_of(t, occ[0].id), "approved");
    /* the applicant cancels the whole series; only the live, future ones change */
    size_t nc;
    tdb_as(t, "13900000005"); /* not the applicant: the booking does not exist for them */
    assert_int_equal(space_booking_cancel(&t->ctx, first, 1, &nc), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_as(t, "13800000006");
    assert_int_equal(space_booking_cancel(&t->ctx, first, 1, &nc), 0);
    assert_int_equal(nc, 3); /* the rejected week stays rejected */
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(status_of(t, occ[i].id), i == 2 ? "rejected" : "cancelled");
    assert_int_equal(space_booking_cancel(&t->ctx, first, 0, &nc), -1);
    assert_string_equal(t->ctx.err.code, "not_active");
    /* what has started cannot be cancelled */
    t->ctx.now = at("2026-12-12T11:30:00+08:00");
    assert_int_equal(space_booking_cancel(&t->ctx, other, 0, &nc), -1);
    assert_string_equal(t->ctx.err.code, "too_late");
    tdb_close(t);
}

static void test_queue_scope(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    fix_clock(t);
    int64_t sp = station(t, "队列测试站", "510402002");
    int64_t id = request(t, sp, "2026-11-28T10:00:00+08:00", "2026-11-28T12:00:00+08:00", 1);
    space_booking_row *bs;
    size_t n;
    /* the district admin sees it; the venue manager of another town does not */
    tdb_as(t, "13900000002");
    assert_int_equal(space_booking_queue(&t->ctx, "pending", NULL, sp, 0, 50, &bs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(bs[0].b.id, id);
    tdb_as(t, "13900000005"); /* 510402001 */
    assert_int_equal(space_booking_queue(&t->ctx, "pending", NULL, sp, 0, 50, &bs, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(space_booking_queue(&t->ctx, "pending", "510402", 0, 0, 50, &bs, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13800000006");
    assert_int_equal(space_booking_queue(&t->ctx, "pending", NULL, 0, 0, 50, &bs, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_close(t);
}

/* Staff with grants in two subtrees see the requests of both in one queue. */
static void test_queue_every_subtree(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    fix_clock(t);
    int64_t east = station(t, "东区测试站", "510402001");
    int64_t west_id;
    tdb_as(t, "13900000001"); /* the city admin adds a station in 西区 */
    space west = {.kind = "street_station",
                  .name = "西区测试站",
                  .division = "510403",
                  .lon = NAN,
                  .lat = NAN,
                  .opens = 480,
                  .closes = 1320,
                  .max_minutes = 240};
    assert_int_equal(space_create(&t->ctx, &west, &west_id), 0);
    int64_t a = request(t, east, "2026-11-28T10:00:00+08:00", "2026-11-28T12:00:00+08:00", 1);
    int64_t b = request(t, west_id, "2026-11-28T10:00:00+08:00", "2026-11-28T12:00:00+08:00", 1);
    /* a venue manager of 大渡口街道 who also manages 西区 */
    int64_t uid, gid;
    tdb_as(t, "13900000001");
    assert_int_equal(account_create(&t->ctx, "13900000093", "Both2026vm", "两地站长",
                                    "venue_manager", "510402001", &uid),
                     0);
    assert_int_equal(account_grant(&t->ctx, uid, "venue_manager", "510403", &gid), 0);
    tdb_as(t, "13900000093");
    space_booking_row *rs;
    size_t n;
    assert_int_equal(space_booking_queue(&t->ctx, "pending", NULL, 0, 0, 50, &rs, &n), 0);
    int seen_a = 0, seen_b = 0;
    for (size_t i = 0; i < n; i++) {
        seen_a += rs[i].b.id == a;
        seen_b += rs[i].b.id == b;
        if (i)
            assert_true(rs[i].b.id > rs[i - 1].b.id); /* one list, in id order */
    }
    assert_int_equal(seen_a, 1);
    assert_int_equal(seen_b, 1);
    /* paged across both: one at a time */
    assert_int_equal(space_booking_queue(&t->ctx, "pending", NULL, 0, 0, 1, &rs, &n), 0);
    assert_int_equal(n, 1);
    int64_t first = rs[0].b.id;
    assert_int_equal(space_booking_queue(&t->ctx, "pending", NULL, 0, first, 1, &rs, &n), 0);
    assert_int_equal(n, 1);
    assert_true(rs[0].b.id > first);
    tdb_close(t);
}

static uint64_t statements(tdb *t)
{
    db_stats st;
    db_stats_get(t->ctx.c, &st);
    return st.statements;
}

/* Lists carry what their rows need from one statement, whatever the number of rows: the
 * space and the applicant of each booking, the approved booking a pending one overlaps; the
 * division and venue names of each space. */
static void test_lists_without_row_queries(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    fix_clock(t);
    int64_t sp = station(t, "列表测试站", "510402001");
    int64_t ok = request(t, sp, "2026-11-28T10:00:00+08:00", "2026-11-28T12:00:00+08:00", 1);
    int64_t clash[6];
    for (int i = 0; i < 6; i++) /* overlapping ok, or (the last two) not */
        clash[i] = request(t, sp, i < 4 ? "2026-11-28T11:00:00+08:00" : "2026-11-28T14:00:00+08:00",
                           i < 4 ? "2026-11-28T13:00:00+08:00" : "2026-11-28T15:00:00+08:00", 1);
    space_decision d;
    tdb_as(t, "13900000002");
    assert_int_equal(space_booking_decide(&t->ctx, ok, 1, NULL, 0, &d), 0);
    tdb_as(t, "13900000002");
    space_booking_row *rs;
    size_t n;
    /* the read is written to the audit log (names and numbers are shown): what that costs,
     * whatever the number of rows, on top of the one statement */
    uint64_t before = statements(t);
    assert_int_equal(audit_personal(&t->ctx, "personal.read", "test", "1", "5104", NULL), 0);
    uint64_t audit_cost = statements(t) - before;
    before = statements(t);
    assert_int_equal(space_booking_queue(&t->ctx, "pending", NULL, sp, 0, 50, &rs, &n), 0);
    assert_true(statements(t) - before <= 1 + audit_cost);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rs[i].b.id, clash[i]);
        assert_string_equal(rs[i].s.name, "列表测试站");
        assert_string_equal(rs[i].s.division, "510402001");
        assert_string_equal(rs[i].applicant.name, "王小梅");
        assert_string_equal(rs[i].applicant.phone, "13800000006");
        if (i < 4) {
            assert_int_equal(rs[i].conflict.id, ok);
            assert_int_equal(rs[i].conflict.starts_at, at("2026-11-28T10:00:00+08:00"));
            assert_int_equal(rs[i].conflict.ends_at, at("2026-11-28T12:00:00+08:00"));
            assert_string_equal(rs[i].conflict.group_name, "阳光街舞社");
        } else {
            assert_int_equal(rs[i].conflict.id, 0);
        }
    }
    /* the approved list shows no conflicts */
    assert_int_equal(space_booking_queue(&t->ctx, "approved", NULL, sp, 0, 50, &rs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(rs[0].conflict.id, 0);
    /* the applicant's own list pages, newest first, no cap but the page */
    tdb_as(t, "13800000006");
    before = statements(t);
    assert_int_equal(space_my_bookings(&t->ctx, 0, 4, &rs, &n), 0);
    assert_true(statements(t) - before <= 1);
    assert_int_equal(n, 4);
    assert_int_equal(rs[0].b.id, clash[5]);
    assert_string_equal(rs[0].s.name, "列表测试站");
    assert_int_equal(space_my_bookings(&t->ctx, rs[3].b.id, 4, &rs, &n), 0);
    assert_true(n >= 3); /* clash[1], clash[0], ok, and the demo's */
    assert_int_equal(rs[0].b.id, clash[1]);
    tdb_as(t, NULL);
    assert_int_equal(space_my_bookings(&t->ctx, 0, 4, &rs, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    /* spaces with their division's and venue's names */
    space_filter f = {.prefix = "5104", .limit = 50};
    space_view *vs;
    before = statements(t);
    assert_int_equal(space_list(&t->ctx, &f, &vs, &n), 0);
    assert_true(statements(t) - before <= 1);
    assert_true(n >= 3);
    int room = 0, station_seen = 0;
    for (size_t i = 0; i < n; i++) {
        assert_non_null(vs[i].division_name);
        if (vs[i].s.venue_id) {
            assert_non_null(vs[i].venue_name);
            room++;
        }
        if (vs[i].s.id == sp) {
            assert_string_equal(vs[i].division_name, "大渡口街道");
            assert_null(vs[i].venue_name);
            station_seen = 1;
        }
    }
    assert_true(room > 0);
    assert_true(station_seen);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intervals),
        cmocka_unit_test(test_times_and_space_validation),
        cmocka_unit_test(test_request_validation),
        cmocka_unit_test(test_overlap_on_approval),
        cmocka_unit_test(test_series),
        cmocka_unit_test(test_queue_scope),
        cmocka_unit_test(test_lists_without_row_queries),
        cmocka_unit_test(test_queue_every_subtree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
