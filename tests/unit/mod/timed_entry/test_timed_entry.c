/* Tests of src/domain/timed_entry.c: the generator makes the right days and slots in China
 * time (closed days and dated exceptions skipped, a slot only within the hours, the booking
 * window from days_ahead and the opening minute, the local day boundary), is idempotent, and
 * a reconfiguration leaves booked sessions alone; who may configure, what is refused. */
#include <math.h>

#include "testlib.h"

#include "mod/activities/activity.h"
#include "mod/activities/booking.h"
#include "mod/timed_entry/timed_entry.h"
#include "mod/venues/venue.h"

static int64_t at(const char *rfc3339)
{
    int64_t ms;
    assert_int_equal(time_parse_rfc3339(rfc3339, &ms), 0);
    return ms;
}

/* A museum in 东区 open Tuesday to Sunday 09:00-17:00, made by the city admin. The demo's
 * museum has its timed entry turned off, so that generating for all venues means this one. */
static int64_t museum(tdb *t)
{
    tdb_as(t, "13900000001");
    venue demo;
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-mus-3line", &demo), WY_OK);
    assert_int_equal(timed_entry_disable(&t->ctx, demo.id), 0);
    venue v = {.name = "测试博物馆",
               .category = "museum",
               .division = "510402",
               .lon = NAN,
               .lat = NAN,
               .area_m2 = NAN,
               .status = "open"};
    int64_t id;
    assert_int_equal(venue_create(&t->ctx, &v, &id), 0);
    venue_hours h[6];
    for (int d = 2; d <= 7; d++)
        h[d - 2] = (venue_hours){d, 9 * 60, 17 * 60, 0};
    assert_int_equal(venue_set_hours(&t->ctx, id, h, 6, NULL, 0), 0);
    return id;
}

static timed_entry_config three_slots(void)
{
    /* the last slot runs past closing time (17:00): never offered */
    return (timed_entry_config){
        .slots = {{9 * 60, 10 * 60 + 30}, {10 * 60 + 30, 12 * 60}, {16 * 60, 17 * 60 + 30}},
        .nslots = 3,
        .capacity = 10,
        .days_ahead = 7,
        .opens_at_minute = 20 * 60,
        .max_companions = 1};
}

/* The scheduled sessions of the venue's timed entry, in time order. */
static size_t scheduled(tdb *t, int64_t venue_id, activity_session **out)
{
    timed_entry te;
    assert_int_equal(store_timed_entry_get(t->ctx.c, t->ctx.a, venue_id, &te), WY_OK);
    activity_session *s;
    size_t n, k = 0;
    assert_int_equal(store_activity_sessions(t->ctx.c, t->ctx.a, te.activity_id, &s, &n), WY_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s[i].status, "scheduled"))
            s[k++] = s[i];
    *out = s;
    return k;
}

static void test_days_and_slots(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id = museum(t);
    t->ctx.now = at("2027-03-01T19:30:00+08:00"); /* a Monday evening */
    timed_entry_config cfg = three_slots();
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), 0);
    activity_session *s;
    /* 03-01 (Mon) and 03-08 (Mon) closed; 03-02 .. 03-07 two slots each */
    size_t n = scheduled(t, id, &s);
    assert_int_equal(n, 12);
    assert_int_equal(s[0].starts_at, at("2027-03-02T09:00:00+08:00"));
    assert_int_equal(s[0].ends_at, at("2027-03-02T10:30:00+08:00"));
    assert_int_equal(s[0].capacity, 10);
    /* booking for 03-02 opened 7 days before, at 20:00 China time (12:00 UTC) */
    assert_int_equal(s[0].booking_opens_at, at("2027-02-23T12:00:00Z"));
    assert_int_equal(s[0].booking_closes_at, at("2027-03-02T10:30:00+08:00"));
    assert_int_equal(s[0].cancel_deadline, at("2027-03-02T09:00:00+08:00"));
    assert_int_equal(s[1].starts_at, at("2027-03-02T10:30:00+08:00"));
    assert_int_equal(s[n - 1].starts_at, at("2027-03-07T10:30:00+08:00"));
    assert_int_equal(s[n - 1].booking_opens_at, at("2027-02-28T20:00:00+08:00"));
    /* the activity carrying the slots is published, a timed entry of the venue */
    timed_entry_view v;
    assert_int_equal(timed_entry_get(&t->ctx, id, &v), 0);
    activity a;
    assert_int_equal(store_activity_get(t->ctx.c, t->ctx.a, v.te.activity_id, &a), WY_OK);
    assert_string_equal(a.status, "published");
    assert_string_equal(a.category, "timed_entry");
    assert_int_equal(a.venue_id, id);
    assert_int_equal(a.max_companions, 1);
    assert_int_equal(v.nslots, 3);
    assert_int_equal(v.nsessions, 12);
    assert_string_equal(v.te.generated_for, "2027-03-01");

    /* exceptions: 03-04 closed all day, 03-06 open only 10:30-12:00 */
    venue_view vv;
    assert_int_equal(venue_get(&t->ctx, id, &vv), 0);
    venue_closure cl[] = {{"2027-03-04", -1, -1, "闭馆"}, {"2027-03-06", 630, 720, NULL}};
    assert_int_equal(venue_set_hours(&t->ctx, id, vv.hours, vv.nhours, cl, 2), 0);
    /* the change of hours regenerated at once (three removed): the job finds nothing to do */
    assert_int_equal(scheduled(t, id, &s), 9);
    timed_entry te;
    assert_int_equal(store_timed_entry_get(t->ctx.c, t->ctx.a, id, &te), WY_OK);
    assert_string_equal(te.generated_for, "2027-03-01");
    assert_int_equal(timed_entry_generate(&t->ctx), 0);
    n = scheduled(t, id, &s);
    assert_int_equal(n, 9);
    for (size_t i = 0; i < n; i++) {
        char day[11];
        int wd, minute;
        venue_local_time(s[i].starts_at, day, &wd, &minute);
        assert_string_not_equal(day, "2027-03-04");
        if (!strcmp(day, "2027-03-06"))
            assert_int_equal(minute, 630);
    }
    tdb_close(t);
}

static void test_day_boundary(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id = museum(t);
    /* 00:30 on Tuesday in China is still Monday 16:30 in UTC: today is Tuesday here */
    t->ctx.now = at("2027-03-02T00:30:00+08:00");
    timed_entry_config cfg = three_slots();
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), 0);
    activity_session *s;
    size_t n = scheduled(t, id, &s);
    /* 03-02 .. 03-07 and 03-09 (Tue) two slots each; 03-08 is a Monday */
    assert_int_equal(n, 14);
    assert_int_equal(s[0].starts_at, at("2027-03-02T09:00:00+08:00"));
    assert_int_equal(s[n - 1].starts_at, at("2027-03-09T10:30:00+08:00"));
    assert_int_equal(s[n - 1].booking_opens_at, at("2027-03-02T20:00:00+08:00"));
    timed_entry te;
    assert_int_equal(store_timed_entry_get(t->ctx.c, t->ctx.a, id, &te), WY_OK);
    assert_string_equal(te.generated_for, "2027-03-02");
    /* booking opens at midnight: opens_at 00:00 is the start of the local day */
    cfg.opens_at_minute = 0;
    cfg.days_ahead = 1;
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), 0);
    n = scheduled(t, id, &s);
    assert_int_equal(n, 4); /* 03-02 and 03-03 */
    assert_int_equal(s[0].booking_opens_at, at("2027-03-01T00:00:00+08:00"));
    assert_int_equal(s[3].booking_opens_at, at("2027-03-02T00:00:00+08:00"));
    /* slots of today that have begun are not made any more: 11:00 leaves one of today's */
    t->ctx.now = at("2027-03-02T11:00:00+08:00");
    assert_int_equal(timed_entry_generate_venue(&t->ctx, id, 1, NULL, NULL), 0);
    n = scheduled(t, id, &s);
    assert_int_equal(n, 4); /* the sessions already made stay */
    tdb_close(t);
}

static void test_idempotent(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id = museum(t);
    t->ctx.now = at("2027-03-01T19:30:00+08:00");
    timed_entry_config cfg = three_slots();
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), 0);
    activity_session *s;
    assert_int_equal(scheduled(t, id, &s), 12);
    int64_t first = s[0].id;
    assert_int_equal(timed_entry_generate(&t->ctx), 0);
    int created = -1, removed = -1;
    created = removed = 0;
    assert_int_equal(timed_entry_generate_venue(&t->ctx, id, 1, &created, &removed), 0);
    assert_int_equal(created, 0);
    assert_int_equal(removed, 0);
    assert_int_equal(timed_entry_ensure(&t->ctx, id), 0);
    assert_int_equal(scheduled(t, id, &s), 12);
    assert_int_equal(s[0].id, first);
    /* the next day adds the new last day only (03-09, a Tuesday: two slots) */
    t->ctx.now = at("2027-03-02T08:00:00+08:00");
    assert_int_equal(timed_entry_generate(&t->ctx), 2);
    assert_int_equal(timed_entry_generate(&t->ctx), 0);
    assert_int_equal(scheduled(t, id, &s), 14);
    tdb_close(t);
}

static void test_reconfigure_keeps_booked(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id = museum(t);
    t->ctx.now = at("2027-03-01T19:30:00+08:00");
    timed_entry_config cfg = three_slots();
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), 0);
    activity_session *s;
    assert_int_equal(scheduled(t, id, &s), 12);
    int64_t booked = s[0].id, later = s[2].id; /* 03-02 09:00 and 03-03 09:00 */
    /* a citizen books 03-02 09:00 (booking opened 02-23 20:00) with one companion */
    tdb_as(t, "13800000006");
    booking_req rq;
    booking_res rs;
    const char *comp[] = {"李四"};
    assert_int_equal(booking_prepare(&t->ctx, booked, comp, 1, NULL, &rq), 0);
    assert_int_equal(booking_book_now(&t->ctx, &rq, &rs), 0);
    assert_int_equal(rs.outcome, BOOK_CONFIRMED);
    /* two companions is more than the entry allows */
    const char *two[] = {"李四", "王五"};
    assert_int_equal(booking_prepare(&t->ctx, s[1].id, two, 2, NULL, &rq), -1);
    assert_string_equal(t->ctx.err.code, "too_many_companions");

    /* one long slot of 5 people instead */
    tdb_as(t, "13900000001");
    timed_entry_config c2 = {.slots = {{9 * 60, 12 * 60}},
                             .nslots = 1,
                             .capacity = 5,
                             .days_ahead = 7,
                             .opens_at_minute = 20 * 60};
    assert_int_equal(timed_entry_configure(&t->ctx, id, &c2), 0);
    size_t n = scheduled(t, id, &s);
    assert_int_equal(n, 6); /* the booked one as it was, and 03-03 .. 03-07 */
    assert_int_equal(s[0].id, booked);
    assert_int_equal(s[0].capacity, 10);
    assert_int_equal(s[0].ends_at, at("2027-03-02T10:30:00+08:00"));
    assert_int_equal(s[0].confirmed_seats, 2);
    assert_int_equal(s[1].id, later); /* an unbooked session is changed in place */
    assert_int_equal(s[1].capacity, 5);
    assert_int_equal(s[1].ends_at, at("2027-03-03T12:00:00+08:00"));
    activity a;
    timed_entry_view v;
    assert_int_equal(timed_entry_get(&t->ctx, id, &v), 0);
    assert_int_equal(store_activity_get(t->ctx.c, t->ctx.a, v.te.activity_id, &a), WY_OK);
    assert_int_equal(a.max_companions, 0);

    /* disabling removes what nobody booked; the booking stands */
    assert_int_equal(timed_entry_disable(&t->ctx, id), 0);
    n = scheduled(t, id, &s);
    assert_int_equal(n, 1);
    assert_int_equal(s[0].id, booked);
    assert_int_equal(timed_entry_get(&t->ctx, id, &v), 0);
    assert_false(v.te.enabled);
    assert_int_equal(v.nsessions, 0);
    /* and enabling again reuses the same activity */
    int64_t act = v.te.activity_id;
    assert_int_equal(timed_entry_configure(&t->ctx, id, &c2), 0);
    assert_int_equal(timed_entry_get(&t->ctx, id, &v), 0);
    assert_int_equal(v.te.activity_id, act);
    assert_int_equal(scheduled(t, id, &s), 6);
    tdb_close(t);
}

static void test_who_and_what(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id = museum(t);
    timed_entry_config cfg = three_slots();
    tdb_as(t, "13900000005"); /* venue manager of 510402001 only */
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13800000006");
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, NULL);
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    tdb_as(t, "13900000002"); /* district admin of 东区 */
    timed_entry_view v;
    assert_int_equal(timed_entry_get(&t->ctx, id, &v), -1);
    assert_string_equal(t->ctx.err.code, "no_timed_entry");
    assert_int_equal(timed_entry_disable(&t->ctx, id), -1);
    assert_string_equal(t->ctx.err.code, "no_timed_entry");
    timed_entry_config bad = cfg;
    bad.slots[1].starts = 10 * 60; /* overlaps the first */
    assert_int_equal(timed_entry_configure(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_slots");
    bad = cfg;
    bad.slots[0].starts = -1; /* malformed */
    assert_int_equal(timed_entry_configure(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_slots");
    bad = cfg;
    bad.nslots = 0;
    assert_int_equal(timed_entry_configure(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_slots");
    bad = cfg;
    bad.capacity = 0;
    assert_int_equal(timed_entry_configure(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_capacity");
    bad = cfg;
    bad.days_ahead = 61;
    assert_int_equal(timed_entry_configure(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_days_ahead");
    bad = cfg;
    bad.opens_at_minute = 1440;
    assert_int_equal(timed_entry_configure(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_opens_at");
    bad = cfg;
    bad.max_companions = 11;
    assert_int_equal(timed_entry_configure(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_companions");
    /* unsorted slots are fine: they are kept in order */
    cfg.slots[0] = (timed_slot){14 * 60, 15 * 60};
    assert_int_equal(timed_entry_configure(&t->ctx, id, &cfg), 0);
    assert_int_equal(timed_entry_get(&t->ctx, id, &v), 0);
    assert_string_equal(v.te.slots,
                        "[[\"10:30\",\"12:00\"],[\"14:00\",\"15:00\"],[\"16:00\",\"17:30\"]]");
    /* nobody creates a timed_entry activity by hand */
    activity a = {
        .title = "参观", .category = "timed_entry", .division = "510402", .lon = NAN, .lat = NAN};
    activity_session ss = {.starts_at = at("2027-03-02T09:00:00+08:00"),
                           .ends_at = at("2027-03-02T10:00:00+08:00"),
                           .capacity = 5};
    int64_t aid;
    assert_int_equal(activity_create(&t->ctx, &a, &ss, 1, &aid), -1);
    assert_string_equal(t->ctx.err.code, "bad_category");
    /* the audit trail has the configuration */
    audit_entry *e;
    size_t ne;
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)id);
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, "venue", oid, NULL, 0, 10, &e, &ne),
                     WY_OK);
    assert_true(ne >= 1);
    assert_string_equal(e[0].action, "venue.timed_entry");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days_and_slots), cmocka_unit_test(test_day_boundary),
        cmocka_unit_test(test_idempotent),     cmocka_unit_test(test_reconfigure_keeps_booked),
        cmocka_unit_test(test_who_and_what),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
