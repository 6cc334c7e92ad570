/* Tests of the settlement of past shifts (hours_settle, the job "shift-settle") on a database,
 * both backends: once a shift has ended and the grace has passed, the volunteer who checked in
 * is checked out at the shift's end with their hours recorded and posted, the one who never
 * came is a no-show, the waiting list expires; a second run changes nothing; a shift still
 * within the grace is left alone until it has passed; the outcomes on the volunteer's list,
 * the coordinator's roster and the staff's list of volunteers; a backlog in bounded runs. */
#include "testlib.h"

#include "core/ledger.h"
#include "db/store_util.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/shift.h"
#include "mod/volunteers/volunteer.h"

#define COORDINATOR  "13900000021" /* volunteer_coordinator of 东区 (demo_volunteers.c) */
#define DEMO_PROJECT "大渡口街道文化站周末图书整理与阅读推广"
#define MIN_MS       ((int64_t)60000)
#define HOUR_MS      (60 * MIN_MS)

static const char *const guide[] = {"guide"};
static const char *const east[] = {"510402001"};

/* A new registered volunteer of 大渡口街道: their user id, *vid their profile. */
static int64_t new_volunteer(tdb *t, const char *phone, int64_t *vid)
{
    int64_t uid;
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
    assert_int_equal(volunteer_register(&t->ctx, &in, vid), 0);
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

/* A shift of the demo project of 2 places, from start for minutes. */
static int64_t new_shift(tdb *t, const char *code, int64_t start, int64_t minutes)
{
    volunteer_project p = demo_project(t);
    hours_shift s = {.project_id = p.id,
                     .division = p.division,
                     .title = "结算测试班次",
                     .starts_at = start,
                     .ends_at = start + minutes * MIN_MS,
                     .place = "文化站",
                     .check_code = code};
    int64_t id;
    assert_int_equal(store_hours_shift_insert(t->ctx.c, &s, 2, 0, t->ctx.now, &id), WY_OK);
    return id;
}

static int64_t signup(tdb *t, int64_t shift, int64_t vid, int64_t uid)
{
    int64_t id;
    assert_int_equal(store_hours_signup_insert(t->ctx.c, shift, vid, uid, t->ctx.now, &id), WY_OK);
    return id;
}

static const char *status_of(tdb *t, int64_t signup_id)
{
    hours_signup g;
    assert_int_equal(store_hours_signup_get(t->ctx.c, t->ctx.a, signup_id, &g), WY_OK);
    return g.status;
}

static int64_t one_int(tdb *t, const char *sql, int64_t id)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "i", id), &v), WY_OK);
    return v;
}

static int64_t hours_balance(tdb *t, int64_t user)
{
    char acct[40];
    snprintf(acct, sizeof acct, "u:%lld", (long long)user);
    int64_t b = -1;
    assert_int_equal(ledger_balance(t->ctx.c, HOURS_BOOK, acct, &b), WY_OK);
    return b;
}

static void test_settle(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    const int64_t now = ctx->now;
    hours_settled r;
    /* whatever of the demo's shifts is due is settled first */
    assert_int_equal(hours_settle(ctx, &r), 0);

    int64_t va, vb, vc, vd;
    int64_t ua = new_volunteer(t, "13700004001", &va);
    int64_t ub = new_volunteer(t, "13700004002", &vb);
    int64_t uc = new_volunteer(t, "13700004003", &vc);
    int64_t ud = new_volunteer(t, "13700004004", &vd);
    /* the day before yesterday's shift, 2 hours: a checked in, b never came, c waited */
    const int64_t start = now - 30 * HOUR_MS;
    assert_int_equal(store_begin(ctx->c, 1), WY_OK);
    int64_t past = new_shift(t, "settle-past", start, 120);
    int64_t sa = signup(t, past, va, ua), sb = signup(t, past, vb, ub);
    int64_t sc = 0;
    assert_int_equal(insert_returning_id(db_query(ctx->c,
                                                  "INSERT INTO volunteer_signups(shift_id,"
                                                  " volunteer_id, user_id, status, position,"
                                                  " created_at, updated_at) VALUES (?, ?, ?,"
                                                  " 'waitlisted', 1, ?, ?) RETURNING id",
                                                  "iiiii", past, vc, uc, now, now),
                                         &sc),
                     WY_OK);
    assert_int_equal(store_hours_signup_checkin(ctx->c, sa, 0, start + 10 * MIN_MS), WY_OK);
    /* a shift that ended two hours ago: within the grace of 24 hours */
    int64_t recent = new_shift(t, "settle-recent", now - 3 * HOUR_MS, 60);
    int64_t sd = signup(t, recent, vd, ud), se = signup(t, recent, va, ua);
    assert_int_equal(store_hours_signup_checkin(ctx->c, se, 0, now - 3 * HOUR_MS), WY_OK);
    assert_int_equal(store_commit(ctx->c), WY_OK);

    assert_int_equal(hours_settle(ctx, &r), 0);
    assert_int_equal(r.completed, 1);
    assert_int_equal(r.no_shows, 1);
    assert_int_equal(r.expired, 1);
    assert_false(r.more);
    assert_string_equal(status_of(t, sa), "completed");
    assert_string_equal(status_of(t, sb), "no_show");
    assert_string_equal(status_of(t, sc), "cancelled");
    assert_string_equal(status_of(t, sd), "confirmed");
    assert_int_equal(
        one_int(t, "SELECT count(*) FROM volunteer_signups WHERE id = ? AND ended = 'expired'", sc),
        1);
    assert_int_equal(one_int(t, "SELECT settled_at FROM volunteer_signups WHERE id = ?", sb), now);
    /* no place is held any more; the recent shift keeps its one */
    assert_int_equal(one_int(t, "SELECT taken FROM volunteer_shifts WHERE id = ?", past), 0);
    assert_int_equal(one_int(t, "SELECT taken FROM volunteer_shifts WHERE id = ?", recent), 2);
    /* a's service: from the check-in to the shift's end, 110 minutes rounded down to 105,
     * verified by the system and posted */
    int64_t rid = one_int(t, "SELECT id FROM volunteer_hours WHERE signup_id = ?", sa);
    hours_record rec;
    assert_int_equal(store_hours_get(ctx->c, ctx->a, rid, &rec), WY_OK);
    assert_string_equal(rec.status, "verified");
    assert_string_equal(rec.source, "checkin");
    assert_int_equal(rec.minutes, 105);
    assert_int_equal(rec.started_at, start + 10 * MIN_MS);
    assert_int_equal(rec.ended_at, start + 120 * MIN_MS);
    assert_int_equal(rec.verified_by, 0);
    assert_int_equal(hours_balance(t, ua), 105);
    assert_int_equal(one_int(t, "SELECT count(*) FROM volunteer_hours WHERE shift_id = ?", past),
                     1);
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM audit_log WHERE action ="
                             " 'volunteer_signup.settle' AND object_id = CAST(? AS TEXT)",
                             sb),
                     1);
    /* each volunteer is told in their inbox what the settlement made of their sign-up */
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM notifications WHERE user_id = ? AND kind ="
                             " 'volunteer.shift_completed' AND params LIKE '%\"minutes\":105%'",
                             ua),
                     1);
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM notifications WHERE user_id = ? AND kind ="
                             " 'volunteer.shift_no_show'",
                             ub),
                     1);
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM notifications WHERE user_id = ? AND kind ="
                             " 'volunteer.shift_expired'",
                             uc),
                     1);
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM notifications WHERE user_id = ? AND kind LIKE"
                             " 'volunteer.shift_%' AND kind <> 'volunteer.shift_signed_up'",
                             ud),
                     0);
    int64_t notes = one_int(t, "SELECT count(*) + 0 * ? FROM notifications", 0);

    /* the volunteer sees the outcome */
    tdb_as(t, "13700004002");
    shift_signup *mine;
    size_t n;
    assert_int_equal(shift_mine(ctx, 0, 10, &mine, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(mine[0].status, "no_show");
    assert_int_equal(mine[0].settled_at, now);
    tdb_as(t, "13700004003");
    assert_int_equal(shift_mine(ctx, 0, 10, &mine, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(mine[0].ended, "expired");
    /* the coordinator's roster keeps the outcomes: completed, no-show, expired */
    tdb_as(t, COORDINATOR);
    volunteer_shift s;
    shift_signup *gs;
    assert_int_equal(shift_roster(ctx, past, &s, &gs, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(gs[0].id, sa);
    assert_string_equal(gs[0].status, "completed");
    assert_int_equal(gs[1].id, sb);
    assert_string_equal(gs[1].status, "no_show");
    assert_int_equal(gs[2].id, sc);
    assert_string_equal(gs[2].ended, "expired");
    /* and the staff's list counts the no-show */
    volunteer *vs;
    assert_int_equal(volunteer_list(ctx, "510402001", NULL, 0, 100, &vs, &n), 0);
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (vs[i].id == vb) {
            assert_int_equal(vs[i].no_shows, 1);
            seen++;
        } else if (vs[i].id == va) {
            assert_int_equal(vs[i].no_shows, 0);
            seen++;
        }
    }
    assert_int_equal(seen, 2);

    /* a second run changes nothing */
    int64_t audits = one_int(t, "SELECT count(*) + 0 * ? FROM audit_log", 0);
    assert_int_equal(hours_settle(ctx, &r), 0);
    assert_int_equal(r.completed + r.no_shows + r.expired, 0);
    assert_int_equal(hours_job_settle(ctx), 0);
    assert_int_equal(one_int(t, "SELECT count(*) + 0 * ? FROM audit_log", 0), audits);
    assert_int_equal(one_int(t, "SELECT count(*) + 0 * ? FROM notifications", 0), notes);
    assert_int_equal(one_int(t, "SELECT count(*) FROM volunteer_hours WHERE shift_id = ?", past),
                     1);
    assert_int_equal(hours_balance(t, ua), 105);
    assert_string_equal(status_of(t, sd), "confirmed");

    /* once its grace has passed, the job (no one logged in) settles the recent shift too */
    ctx->now = now + 22 * HOUR_MS;
    ctx->who = NULL;
    assert_int_equal(hours_job_settle(ctx), 2);
    assert_string_equal(status_of(t, sd), "no_show");
    assert_string_equal(status_of(t, se), "completed");
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM notifications WHERE user_id = ? AND kind ="
                             " 'volunteer.shift_no_show'",
                             ud),
                     1);
    assert_int_equal(hours_balance(t, ua), 105 + 60);
    assert_int_equal(one_int(t, "SELECT taken FROM volunteer_shifts WHERE id = ?", recent), 0);
    tdb_close(t);
}

/* A backlog larger than a run: HOURS_SETTLE_BATCH a run, the rest the next time. */
static void test_settle_batches(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    hours_settled r;
    assert_int_equal(hours_settle(ctx, &r), 0);
    int64_t vid, uid = new_volunteer(t, "13700004011", &vid);
    assert_int_equal(store_begin(ctx->c, 1), WY_OK);
    for (int i = 0; i < HOURS_SETTLE_BATCH + 1; i++) {
        char code[32];
        snprintf(code, sizeof code, "settle-batch-%d", i);
        signup(t, new_shift(t, code, ctx->now - 100 * HOUR_MS + i * 2 * MIN_MS, 1), vid, uid);
    }
    assert_int_equal(store_commit(ctx->c), WY_OK);
    assert_int_equal(hours_settle(ctx, &r), 0);
    assert_int_equal(r.no_shows, HOURS_SETTLE_BATCH);
    assert_true(r.more);
    assert_int_equal(hours_settle(ctx, &r), 0);
    assert_int_equal(r.no_shows, 1);
    assert_false(r.more);
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM volunteer_signups WHERE user_id = ?"
                             " AND status = 'no_show'",
                             uid),
                     HOURS_SETTLE_BATCH + 1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settle),
        cmocka_unit_test(test_settle_batches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
