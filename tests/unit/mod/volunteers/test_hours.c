/* Tests of volunteers' hours on a database (both backends): check-in and check-out by the
 * shift's code in its time window and on the roster, the service time clamped to the shift
 * and rounded down, the record verified at once and posted to the hours and points ledgers;
 * reports pending until someone else verifies or rejects them; disputes and corrections as new
 * records, a negative one taking back points only as far as the balance goes; `verify` on a
 * sound ledger and on one changed behind its back (an entry, a record); and the demo's hours,
 * which a second run leaves as they were. */
#include <time.h>

#include "testlib.h"

#include "core/ledger.h"
#include "db/store_util.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/volunteer.h"

#define COORDINATOR  "13900000021" /* volunteer_coordinator of 东区 (demo_volunteers.c) */
#define CITY_ADMIN   "13900000001"
#define DEMO_PROJECT "大渡口街道文化站周末图书整理与阅读推广"
#define MIN_MS       ((int64_t)60000)

static const char *const guide[] = {"guide"};
static const char *const east[] = {"510402001"};

/* A new registered volunteer of 大渡口街道; ctx acts as them. Their user id. */
static int64_t new_volunteer(tdb *t, const char *phone)
{
    int64_t uid, vid;
    assert_int_equal(
        store_user_create(t->ctx.c, phone, "志愿者", "x", "510402001", t->ctx.now, &uid), WY_OK);
    tdb_as(t, phone);
    volunteer_input in = {.real_name = "王志愿",
                          .birth_date = "1990-01-01",
                          .skills = guide,
                          .nskills = 1,
                          .availability = "周末",
                          .areas = east,
                          .nareas = 1};
    assert_int_equal(volunteer_register(&t->ctx, &in, &vid), 0);
    return uid;
}

static volunteer_project demo_project(tdb *t)
{
    volunteer_project *ps;
    size_t n;
    assert_int_equal(
        store_volunteer_project_list(t->ctx.c, t->ctx.a, "510402001", "published", 0, 100, &ps, &n),
        WY_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ps[i].title, DEMO_PROJECT))
            return ps[i];
    fail_msg("no demo project");
    return ps[0];
}

/* A shift of the demo project from start for minutes, and a confirmed sign-up of user. */
static int64_t shift_with_signup(tdb *t, const char *code, int64_t start, int64_t minutes,
                                 int64_t user, int64_t *signup)
{
    volunteer_project p = demo_project(t);
    volunteer v;
    assert_int_equal(store_volunteer_by_user(t->ctx.c, t->ctx.a, user, &v), WY_OK);
    hours_shift s = {.project_id = p.id,
                     .division = p.division,
                     .title = "测试班次",
                     .starts_at = start,
                     .ends_at = start + minutes * MIN_MS,
                     .place = "文化站",
                     .check_code = code};
    int64_t id;
    assert_int_equal(store_begin(t->ctx.c, 1), WY_OK);
    assert_int_equal(store_hours_shift_insert(t->ctx.c, &s, 5, 0, t->ctx.now, &id), WY_OK);
    assert_int_equal(store_hours_signup_insert(t->ctx.c, id, v.id, user, t->ctx.now, signup),
                     WY_OK);
    assert_int_equal(store_commit(t->ctx.c), WY_OK);
    return id;
}

static int64_t balance(tdb *t, const char *book, int64_t user)
{
    char acct[40];
    snprintf(acct, sizeof acct, "u:%lld", (long long)user);
    int64_t b = -1;
    assert_int_equal(ledger_balance(t->ctx.c, book, acct, &b), WY_OK);
    return b;
}

static void test_checkin_by_code(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t now = ctx->now, su, su2;
    int64_t uid = new_volunteer(t, "13700000101");
    int64_t shift = shift_with_signup(t, "code-now", now - 10 * MIN_MS, 120, uid, &su);
    shift_with_signup(t, "code-later", now + 120 * MIN_MS, 60, uid, &su2);
    hours_scan s;
    /* an unknown code; a shift two hours off (check-in opens 30 minutes before) */
    assert_int_equal(hours_scan_code(ctx, "no-such-code", &s), -1);
    assert_string_equal(ctx->err.code, "unknown_code");
    assert_int_equal(hours_scan_code(ctx, "code-later", &s), -1);
    assert_string_equal(ctx->err.code, "too_early");
    /* someone without a sign-up */
    new_volunteer(t, "13700000102");
    assert_int_equal(hours_scan_code(ctx, "code-now", &s), -1);
    assert_string_equal(ctx->err.code, "not_signed_up");
    /* in, then out 65 minutes later: 60 minutes (rounded down to 15) */
    tdb_as(t, "13700000101");
    assert_int_equal(hours_scan_code(ctx, "code-now", &s), 0);
    assert_string_equal(s.action, "checked_in");
    assert_int_equal(s.signup_id, su);
    ctx->now = now + 65 * MIN_MS;
    assert_int_equal(hours_scan_code(ctx, "code-now", &s), 0);
    assert_string_equal(s.action, "checked_out");
    assert_int_equal(s.minutes, 60);
    hours_record r;
    assert_int_equal(hours_get(ctx, s.record_id, &r), 0);
    assert_string_equal(r.source, "checkin");
    assert_string_equal(r.status, "verified");
    assert_int_equal(r.verified_by, 0); /* the system */
    assert_int_equal(r.signup_id, su);
    assert_int_equal(r.started_at, now);
    assert_int_equal(r.ended_at, now + 65 * MIN_MS);
    assert_true(r.ledger_entry_id > 0);
    assert_int_equal(balance(t, HOURS_BOOK, uid), 60);
    assert_int_equal(balance(t, POINTS_BOOK, uid), 1);
    ledger_entry e;
    assert_int_equal(store_ledger_get(ctx->c, ctx->a, r.ledger_entry_id, &e), WY_OK);
    assert_string_equal(e.kind, "service");
    assert_string_equal(e.unit, "大渡口街道文化志愿服务队");
    assert_string_equal(e.ref_type, "volunteer_hours");
    assert_int_equal(e.ref_id, r.id);
    hours_signup sg;
    assert_int_equal(store_hours_signup_get(ctx->c, ctx->a, su, &sg), WY_OK);
    assert_string_equal(sg.status, "completed");
    int64_t taken = -1; /* a completed sign-up holds no place */
    assert_int_equal(store_one_int(db_query(ctx->c,
                                            "SELECT taken FROM volunteer_shifts WHERE"
                                            " id = ?",
                                            "i", shift),
                                   &taken),
                     WY_OK);
    assert_int_equal(taken, 0);
    /* a third scan: the sign-up is over */
    assert_int_equal(hours_scan_code(ctx, "code-now", &s), -1);
    assert_string_equal(ctx->err.code, "not_signed_up");
    /* my hours: the record and the totals from the balances */
    hours_record *rs;
    size_t n;
    hours_totals tot;
    assert_int_equal(hours_mine(ctx, 0, 10, &rs, &n, &tot), 0);
    assert_int_equal(n, 1);
    assert_int_equal(tot.verified_minutes, 60);
    assert_int_equal(tot.points, 1);
    tdb_close(t);
}

static void test_roster_and_window(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t now = ctx->now, su, su2;
    int64_t uid = new_volunteer(t, "13700000111");
    shift_with_signup(t, "code-roster", now - 200 * MIN_MS, 180, uid, &su);
    int64_t uid2 = new_volunteer(t, "13700000112");
    shift_with_signup(t, "code-late", now - 200 * MIN_MS, 60, uid2, &su2);
    hours_scan s;
    /* the QR no longer checks in once the shift is over, nor out beyond two hours */
    assert_int_equal(hours_scan_code(ctx, "code-late", &s), -1);
    assert_string_equal(ctx->err.code, "too_late");
    /* a citizen may not use the roster */
    assert_int_equal(hours_signup_checkin(ctx, su, &s), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    /* the coordinator checks in 10 minutes after the start and out long after the end: the
     * service runs from the check-in to the shift's end */
    tdb_as(t, COORDINATOR);
    ctx->now = now - 190 * MIN_MS; /* 10 minutes after the start */
    assert_int_equal(hours_signup_checkin(ctx, su, &s), 0);
    assert_int_equal(hours_signup_checkin(ctx, su, &s), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    ctx->now = now + 60 * MIN_MS; /* long after the end (now - 20 min) */
    assert_int_equal(hours_signup_checkout(ctx, su, &s), 0);
    assert_int_equal(s.minutes, 165); /* 170 minutes of shift after the check-in, rounded */
    hours_record r;
    assert_int_equal(hours_get(ctx, s.record_id, &r), 0);
    assert_int_equal(r.verified_by, t->who.user_id);
    assert_int_equal(r.ended_at, now - 20 * MIN_MS);
    assert_int_equal(balance(t, HOURS_BOOK, uid), 165);
    assert_int_equal(balance(t, POINTS_BOOK, uid), 2);
    /* a check-out of less than one rounding step completes without a record */
    ctx->now = now - 190 * MIN_MS;
    assert_int_equal(hours_signup_checkin(ctx, su2, &s), 0);
    ctx->now = now - 181 * MIN_MS;
    assert_int_equal(hours_signup_checkout(ctx, su2, &s), 0);
    assert_int_equal(s.minutes, 0);
    assert_int_equal(s.record_id, 0);
    assert_int_equal(balance(t, HOURS_BOOK, uid2), 0);
    tdb_close(t);
}

static int64_t report(tdb *t, const char *start, const char *end, int expect)
{
    /* yesterday in China time */
    time_t y = (time_t)(t->ctx.now / 1000) + 8 * 3600 - 86400;
    struct tm tm;
    gmtime_r(&y, &tm);
    char date[16];
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    volunteer_project p = demo_project(t);
    int64_t id = 0;
    assert_int_equal(hours_report(&t->ctx, p.id, date, start, end, "整理图书", &id), expect);
    return id;
}

static void test_reports_and_decisions(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t uid = new_volunteer(t, "13700000121");
    /* the checks of a report */
    report(t, "10:00", "09:00", -1);
    assert_string_equal(ctx->err.code, "bad_time");
    report(t, "09:00", "09:10", -1); /* shorter than a rounding step */
    assert_string_equal(ctx->err.code, "bad_time");
    volunteer_project p = demo_project(t);
    int64_t id;
    assert_int_equal(hours_report(ctx, p.id, "2999-01-01", "09:00", "10:00", "整理", &id), -1);
    assert_string_equal(ctx->err.code, "bad_date");
    assert_int_equal(hours_report(ctx, p.id, "2000-01-01", "09:00", "10:00", "整理", &id), -1);
    assert_string_equal(ctx->err.code, "bad_date");
    assert_int_equal(hours_report(ctx, 999999, "2000-01-01", "09:00", "10:00", "整理", &id), -1);
    int64_t a = report(t, "09:00", "11:40", 0), b = report(t, "14:00", "15:00", 0);
    hours_record r;
    assert_int_equal(hours_get(ctx, a, &r), 0);
    assert_int_equal(r.minutes, 150);
    assert_string_equal(r.status, "pending");
    /* the volunteer cannot decide; another volunteer cannot even see it */
    assert_int_equal(hours_decide(ctx, a, 1, ""), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    new_volunteer(t, "13700000122");
    assert_int_equal(hours_get(ctx, a, &r), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    /* the coordinator's queue has them; a rejection needs a note */
    tdb_as(t, COORDINATOR);
    hours_record *rs;
    size_t n;
    assert_int_equal(hours_queue(ctx, NULL, 0, 100, &rs, &n), 0);
    assert_true(n >= 2);
    assert_int_equal(hours_decide(ctx, b, 0, ""), -1);
    assert_string_equal(ctx->err.code, "bad_note");
    assert_int_equal(hours_decide(ctx, b, 0, "那天站点闭馆"), 0);
    assert_int_equal(hours_decide(ctx, a, 1, ""), 0);
    assert_int_equal(hours_decide(ctx, a, 1, ""), -1);
    assert_string_equal(ctx->err.code, "already_decided");
    assert_int_equal(hours_get(ctx, a, &r), 0);
    assert_string_equal(r.status, "verified");
    assert_int_equal(r.verified_by, t->who.user_id);
    assert_int_equal(balance(t, HOURS_BOOK, uid), 150);
    assert_int_equal(balance(t, POINTS_BOOK, uid), 2);
    assert_int_equal(hours_get(ctx, b, &r), 0);
    assert_string_equal(r.status, "rejected");
    assert_int_equal(r.ledger_entry_id, 0);
    /* the volunteer is told of both decisions, newest first */
    notification *ns;
    size_t nn;
    assert_int_equal(store_notifications_of(ctx->c, ctx->a, uid, 0, 10, &ns, &nn), WY_OK);
    assert_int_equal(nn, 2);
    assert_string_equal(ns[0].kind, "volunteer_hours.verified");
    assert_int_equal(ns[0].subject_id, a);
    assert_string_equal(ns[1].kind, "volunteer_hours.rejected");
    assert_int_equal(ns[1].subject_id, b);
    assert_non_null(strstr(ns[1].params, "那天站点闭馆"));
    /* another district's admin may not decide */
    int64_t c = 0;
    tdb_as(t, "13700000121");
    c = report(t, "16:00", "17:00", 0);
    int64_t xid;
    assert_int_equal(
        store_user_create(ctx->c, "13700000123", "西区管理员", "x", "510403", ctx->now, &xid),
        WY_OK);
    assert_int_equal(db_run(ctx->c,
                            "INSERT INTO role_grants(user_id, role, division, created_at)"
                            " VALUES (?, 'district_admin', '510403', ?)",
                            "ii", xid, ctx->now),
                     WY_OK);
    tdb_as(t, "13700000123");
    assert_int_equal(hours_decide(ctx, c, 1, ""), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_close(t);
}

static void test_corrections(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    char err[256];
    /* a point a minute, so that a correction's points are plain to count */
    assert_int_equal(config_set(&t->cfg, "volunteers", "points_per_hour", "60", err, sizeof err),
                     0);
    int64_t uid = new_volunteer(t, "13700000131");
    int64_t a = report(t, "09:00", "11:00", 0), id;
    /* a pending record is not corrected */
    assert_int_equal(hours_correct(ctx, a, -30, "少算", &id), -1);
    assert_string_equal(ctx->err.code, "not_decided");
    tdb_as(t, COORDINATOR);
    assert_int_equal(hours_decide(ctx, a, 1, "属实"), 0);
    assert_int_equal(balance(t, POINTS_BOOK, uid), 120);
    /* the coordinator corrects: pending, and they may not decide their own correction */
    assert_int_equal(hours_correct(ctx, a, -200, "多算了", &id), -1);
    assert_string_equal(ctx->err.code, "too_many_minutes");
    int64_t c1;
    assert_int_equal(hours_correct(ctx, a, -30, "提前半小时离开", &c1), 0);
    assert_int_equal(hours_decide(ctx, c1, 1, ""), -1);
    assert_string_equal(ctx->err.code, "own_record");
    /* the volunteer spends points meanwhile: 100 of 120 */
    char acct[40];
    snprintf(acct, sizeof acct, "u:%lld", (long long)uid);
    ledger_posting spend = {
        .book = POINTS_BOOK, .debit = acct, .credit = "issuer", .amount = 100, .kind = "redeem"};
    ledger_entry e;
    assert_int_equal(store_begin(ctx->c, 1), WY_OK);
    assert_int_equal(ledger_post(ctx->c, &spend, ctx->now, &e), WY_OK);
    assert_int_equal(store_commit(ctx->c), WY_OK);
    /* the city admin verifies it: 30 minutes back, 20 points of the 30 due, and the note says so */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(hours_decide(ctx, c1, 1, "核实"), 0);
    assert_int_equal(balance(t, HOURS_BOOK, uid), 90);
    assert_int_equal(balance(t, POINTS_BOOK, uid), 0);
    hours_record r;
    assert_int_equal(hours_get(ctx, c1, &r), 0);
    assert_int_equal(r.minutes, -30);
    assert_int_equal(r.corrects, a);
    assert_non_null(strstr(r.decision_note, "积分仅扣回 20 分"));
    assert_int_equal(store_ledger_get(ctx->c, ctx->a, r.ledger_entry_id, &e), WY_OK);
    assert_int_equal(e.amount, 30);
    assert_string_equal(e.credit, "org:2");
    /* the volunteer disputes: 15 more minutes; the coordinator agrees */
    tdb_as(t, "13700000131");
    int64_t d;
    assert_int_equal(hours_correct(ctx, c1, 15, "不是更正本身", &d), -1);
    assert_string_equal(ctx->err.code, "bad_target");
    assert_int_equal(hours_correct(ctx, a, 15, "实际离开时间是10:45", &d), 0);
    assert_int_equal(hours_decide(ctx, d, 1, ""), -1);
    tdb_as(t, COORDINATOR);
    assert_int_equal(hours_decide(ctx, d, 1, ""), 0);
    assert_int_equal(balance(t, HOURS_BOOK, uid), 105);
    assert_int_equal(balance(t, POINTS_BOOK, uid), 15);
    /* a decided record never changes (the triggers of 0031) */
    assert_int_equal(
        db_run(ctx->c, "UPDATE volunteer_hours SET minutes = 999 WHERE id = ?", "i", a),
        WY_CONSTRAINT);
    hours_check chk;
    assert_int_equal(hours_verify(ctx, &chk), 0);
    tdb_close(t);
}

static int pg(tdb *t)
{
    return db_get_dialect(t->ctx.c) == DB_POSTGRES;
}

static void test_verify_tamper(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    hours_check c;
    assert_int_equal(hours_verify(ctx, &c), 0);
    assert_true(c.entries >= 10);
    int64_t verified;
    assert_int_equal(store_one_int(db_query(ctx->c,
                                            "SELECT count(*) FROM volunteer_hours WHERE status ="
                                            " 'verified'",
                                            ""),
                                   &verified),
                     WY_OK);
    assert_true(verified >= 1); /* the demo's: one of a check-in, and the star volunteers' */
    assert_int_equal(c.records, verified);
    /* an attacker drops the trigger and changes an entry's amount */
    assert_int_equal(db_exec(ctx->c, pg(t) ? "DROP TRIGGER ledger_entries_append_only ON"
                                             " ledger_entries"
                                           : "DROP TRIGGER ledger_entries_no_update"),
                     WY_OK);
    assert_int_equal(db_exec(ctx->c,
                             "UPDATE ledger_entries SET amount = amount + 60 WHERE book = 'hours'"
                             " AND seq = 2"),
                     WY_OK);
    int64_t id;
    assert_int_equal(store_one_int(db_query(ctx->c,
                                            "SELECT id FROM ledger_entries WHERE book = 'hours'"
                                            " AND seq = 2",
                                            ""),
                                   &id),
                     WY_OK);
    assert_int_equal(hours_verify(ctx, &c), 1);
    assert_string_equal(c.book, "hours");
    assert_int_equal(c.bad_entry, id);
    char want[40];
    snprintf(want, sizeof want, "entry %lld", (long long)id);
    assert_non_null(strstr(c.detail, want));
    /* put it back: sound again */
    assert_int_equal(db_exec(ctx->c,
                             "UPDATE ledger_entries SET amount = amount - 60 WHERE book = 'hours'"
                             " AND seq = 2"),
                     WY_OK);
    assert_int_equal(hours_verify(ctx, &c), 0);
    /* an entry posted for hours no record holds: the chain holds, the count does not */
    ledger_posting extra = {.book = HOURS_BOOK,
                            .debit = "org:2",
                            .credit = "u:1",
                            .amount = 600,
                            .kind = "service",
                            .ref_type = "volunteer_hours",
                            .ref_id = 999999};
    ledger_entry e;
    assert_int_equal(store_begin(ctx->c, 1), WY_OK);
    assert_int_equal(ledger_post(ctx->c, &extra, ctx->now, &e), WY_OK);
    assert_int_equal(store_commit(ctx->c), WY_OK);
    assert_int_equal(hours_verify(ctx, &c), 1);
    assert_string_equal(c.book, "records");
    char want2[80];
    snprintf(want2, sizeof want2, "%lld entries of hours records for %lld verified records",
             (long long)verified + 1, (long long)verified);
    assert_non_null(strstr(c.detail, want2));
    /* a record changed behind its trigger's back no longer matches its entry */
    assert_int_equal(db_exec(ctx->c, pg(t) ? "DROP TRIGGER volunteer_hours_kept ON volunteer_hours"
                                           : "DROP TRIGGER volunteer_hours_decided"),
                     WY_OK);
    assert_int_equal(store_one_int(db_query(ctx->c,
                                            "SELECT min(id) FROM volunteer_hours WHERE status ="
                                            " 'verified'",
                                            ""),
                                   &id),
                     WY_OK);
    assert_int_equal(
        db_run(ctx->c, "UPDATE volunteer_hours SET minutes = 600 WHERE id = ?", "i", id), WY_OK);
    assert_int_equal(hours_verify(ctx, &c), 1);
    assert_string_equal(c.book, "records");
    assert_int_equal(c.bad_record, id);
    tdb_close(t);
}

static void test_demo_twice(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t n1, n2, e1, e2;
    const char *count = "SELECT count(*) FROM volunteer_hours";
    const char *entries = "SELECT count(*) FROM ledger_entries";
    assert_int_equal(store_one_int(db_query(t->ctx.c, count, ""), &n1), WY_OK);
    assert_int_equal(store_one_int(db_query(t->ctx.c, entries, ""), &e1), WY_OK);
    int64_t mine; /* demo_hours.c: one of a check-in, one pending report */
    assert_int_equal(store_one_int(db_query(t->ctx.c,
                                            "SELECT count(*) FROM volunteer_hours WHERE source ="
                                            " 'checkin' OR status = 'pending'",
                                            ""),
                                   &mine),
                     WY_OK);
    assert_int_equal(mine, 2);
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(store_one_int(db_query(t->ctx.c, count, ""), &n2), WY_OK);
    assert_int_equal(store_one_int(db_query(t->ctx.c, entries, ""), &e2), WY_OK);
    assert_int_equal(n1, n2);
    assert_int_equal(e1, e2);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkin_by_code),       cmocka_unit_test(test_roster_and_window),
        cmocka_unit_test(test_reports_and_decisions), cmocka_unit_test(test_corrections),
        cmocka_unit_test(test_verify_tamper),         cmocka_unit_test(test_demo_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
