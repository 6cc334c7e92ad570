/* Tests of star levels and service certificates on a database (both backends): thresholds of
 * two jurisdictions and the national default, the notice counted in working days across a
 * weekend, objections during the notice only, no decision by the applicant, an upheld
 * objection that refuses, a grant refused when the hours no longer reach the level,
 * revocation (audited and told, the level's certificate revoked with it), the service certificate
 * checked through the core's certificate_verify, and the module's indicators. */
#include <math.h>
#include <time.h>

#include "testlib.h"

#include "core/certificate.h"
#include "core/ledger.h"
#include "mod/volunteers/star.h"
#include "mod/volunteers/volunteer.h"

#define COORDINATOR "13900000021" /* volunteer_coordinator of 东区 (demo_volunteers.c) */
#define CITY_ADMIN  "13900000001"
#define CITIZEN     "13800000006"
#define DAY         (86400 * (int64_t)1000)

static const char *const guide[] = {"guide"};
static const char *const east[] = {"510402001"};

/* A new citizen of 大渡口街道 registered as a volunteer; ctx acts as them. */
static void new_volunteer(tdb *t, const char *phone, int64_t *user_id, int64_t *vid)
{
    assert_int_equal(
        store_user_create(t->ctx.c, phone, "志愿者", "x", "510402001", t->ctx.now, user_id), WY_OK);
    tdb_as(t, phone);
    volunteer_input in = {.real_name = "王小梅",
                          .birth_date = "1985-04-01",
                          .skills = guide,
                          .nskills = 1,
                          .areas = east,
                          .nareas = 1};
    assert_int_equal(volunteer_register(&t->ctx, &in, vid), 0);
}

/* A verified hours record as the hours' verification makes one: the pending row, its posting
 * to the hours ledger (from "org:<org>" to "u:<user>", or back for a negative correction) and
 * the row verified with its entry. */
static int64_t add_hours(tdb *t, int64_t vid, int64_t uid, int64_t org, int64_t minutes,
                         int64_t corrects)
{
    db *c = t->ctx.c;
    int64_t id = 0, now = t->ctx.now;
    char o[32], u[32];
    snprintf(o, sizeof o, "org:%lld", (long long)org);
    snprintf(u, sizeof u, "u:%lld", (long long)uid);
    assert_int_equal(db_begin_write(c), WY_OK);
    db_stmt *st = db_query(c,
                           "INSERT INTO volunteer_hours(volunteer_id, user_id, org_id, source,"
                           " corrects, started_at, ended_at, minutes, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           "iiitIiiii", vid, uid, org, corrects ? "correction" : "reported",
                           corrects, now - 10 * DAY, now - 10 * DAY + 3600000, minutes, now);
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    id = db_col_int(st, 0);
    db_done(st);
    assert_int_equal(ledger_open_account(c, "hours", o, 1), WY_OK);
    ledger_posting p = {.book = "hours",
                        .debit = minutes > 0 ? o : u,
                        .credit = minutes > 0 ? u : o,
                        .amount = minutes > 0 ? minutes : -minutes,
                        .kind = "service",
                        .ref_type = "volunteer_hours",
                        .ref_id = id};
    ledger_entry e;
    assert_int_equal(ledger_post(c, &p, now, &e), WY_OK);
    assert_int_equal(db_run(c,
                            "UPDATE volunteer_hours SET status = 'verified', decided_at = ?,"
                            " ledger_entry_id = ? WHERE id = ?",
                            "iii", now, e.id, id),
                     WY_OK);
    assert_int_equal(db_commit(c), WY_OK);
    return id;
}

static int64_t new_org(tdb *t)
{
    int64_t org;
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_create(&t->ctx, "510402", 0, "东区星级测试志愿者协会", "", &org),
                     0);
    return org;
}

static int64_t count(tdb *t, const char *sql, int64_t id)
{
    db_stmt *st = db_query(t->ctx.c, sql, "i", id);
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static void test_thresholds_two_jurisdictions(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    star_thresholds th;
    int64_t uid, vid;
    int64_t org = new_org(t);
    new_volunteer(t, "13700000101", &uid, &vid);
    add_hours(t, vid, uid, org, 210 * 60, 0);
    /* no jurisdiction has set any: the national default */
    assert_int_equal(star_thresholds_for(ctx, "510402001", &th), 0);
    assert_string_equal(th.from, "");
    assert_int_equal(th.hours[1], 300);
    star_standing s;
    tdb_as(t, "13700000101");
    assert_int_equal(star_mine(ctx, &s), 0);
    assert_int_equal(s.minutes, 210 * 60);
    assert_int_equal(s.qualified, 1);
    assert_int_equal(s.next_hours, 300);

    /* who may set them: a coordinator of 东区 not for the city, a county never */
    int64_t beijing[5] = {100, 200, 500, 800, 1000}, province[5] = {50, 150, 400, 700, 1200};
    tdb_as(t, COORDINATOR);
    assert_int_equal(star_thresholds_set(ctx, "5104", beijing), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(star_thresholds_set(ctx, "510402", beijing), -1);
    assert_string_equal(ctx->err.code, "bad_division");
    int64_t falling[5] = {100, 90, 500, 800, 1000};
    assert_int_equal(star_thresholds_set(ctx, "5104", falling), -1);
    assert_string_equal(ctx->err.code, "bad_hours");

    /* the province's: the nearest ancestor with thresholds */
    assert_int_equal(db_run(ctx->c,
                            "INSERT INTO volunteer_star_thresholds(division, h1, h2, h3, h4, h5,"
                            " set_at) VALUES ('51', ?, ?, ?, ?, ?, 0)",
                            "iiiii", province[0], province[1], province[2], province[3],
                            province[4]),
                     WY_OK);
    assert_int_equal(star_thresholds_for(ctx, "510402001", &th), 0);
    assert_string_equal(th.from, "51");
    tdb_as(t, "13700000101");
    assert_int_equal(star_mine(ctx, &s), 0);
    assert_int_equal(s.qualified, 2);

    /* the city's own (Beijing's figures) win over the province's */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(star_thresholds_set(ctx, "5104", beijing), 0);
    assert_int_equal(star_thresholds_for(ctx, "510402001", &th), 0);
    assert_string_equal(th.from, "5104");
    assert_int_equal(th.hours[4], 1000);
    tdb_as(t, "13700000101");
    assert_int_equal(star_mine(ctx, &s), 0);
    assert_int_equal(s.qualified, 2);
    assert_int_equal(s.next_hours, 500);
    assert_int_equal(star_level_for(&th, 999 * 60), 4);
    assert_int_equal(star_level_for(&th, 1000 * 60), 5);
    /* the change is audited, and a second change says from what */
    tdb_as(t, CITY_ADMIN);
    beijing[4] = 1100;
    assert_int_equal(star_thresholds_set(ctx, "5104", beijing), 0);
    db_stmt *st = db_query(ctx->c,
                           "SELECT from_state, to_state FROM audit_log"
                           " WHERE action = 'volunteer_stars.thresholds' ORDER BY id DESC",
                           "");
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    assert_string_equal(db_col_text(st, 0), "100/200/500/800/1000");
    assert_string_equal(db_col_text(st, 1), "100/200/500/800/1100");
    db_done(st);
    tdb_close(t);
}

/* The levels of everyone by their verified hours, in one pass, each under their jurisdiction's
 * thresholds: the national default (100/300/600/1000/1500 hours), then the city's own
 * (Beijing's 100/200/500/800/1000). Counted as what the five volunteers below add to the
 * demo's under each. */
static void set_city_thresholds(tdb *t, int on)
{
    assert_int_equal(
        on ? db_run(t->ctx.c,
                    "INSERT INTO volunteer_star_thresholds(division, h1, h2, h3,"
                    " h4, h5, set_at) VALUES ('5104', 100, 200, 500, 800, 1000, 0)",
                    "")
           : db_run(t->ctx.c, "DELETE FROM volunteer_star_thresholds WHERE division = '5104'", ""),
        WY_OK);
}

static void test_levels_of_everyone(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org = new_org(t), nat0[STAR_LEVELS + 1], city0[STAR_LEVELS + 1];
    int64_t nat[STAR_LEVELS + 1], city[STAR_LEVELS + 1];
    t->ctx.who = NULL; /* the command line */
    set_city_thresholds(t, 1);
    assert_int_equal(star_levels_count(ctx, "5104", city0), 0);
    set_city_thresholds(t, 0);
    assert_int_equal(star_levels_count(ctx, "5104", nat0), 0);
    static const int64_t hours[] = {0, 99, 100, 250, 900};
    int64_t uid, vid;
    char phone[16];
    for (int i = 0; i < 5; i++) {
        snprintf(phone, sizeof phone, "1370000920%d", i);
        new_volunteer(t, phone, &uid, &vid);
        if (hours[i])
            add_hours(t, vid, uid, org, hours[i] * 60, 0);
    }
    t->ctx.who = NULL;
    assert_int_equal(star_levels_count(ctx, "5104", nat), 0);
    set_city_thresholds(t, 1);
    assert_int_equal(star_levels_count(ctx, "5104", city), 0);
    /* nationally 0, 0 | 1, 1 (250 < 300) | 3 (900); in the city 0, 0 | 1 | 2 (250) | 4 (900) */
    static const int64_t want_nat[] = {2, 2, 0, 1, 0, 0}, want_city[] = {2, 1, 1, 0, 1, 0};
    for (int k = 0; k <= STAR_LEVELS; k++) {
        assert_int_equal(nat[k] - nat0[k], want_nat[k]);
        assert_int_equal(city[k] - city0[k], want_city[k]);
    }
    /* another subtree has none of them; a volunteer may not count; staff of 东区 may */
    int64_t west[STAR_LEVELS + 1];
    assert_int_equal(star_levels_count(ctx, "510403", west), 0);
    tdb_as(t, "13700009200");
    assert_int_equal(star_levels_count(ctx, "510402", west), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(star_levels_count(ctx, NULL, west), 0); /* the coordinator's subtree */
    tdb_close(t);
}

static void test_notice_working_days(void **state)
{
    (void)state;
    /* without a calendar: Monday to Friday */
    tdb *t = tdb_open(0);
    wy_ctx *ctx = &t->ctx;
    int64_t end;
    /* Thursday 2026-12-03 10:00 China time: Fri 4, Mon 7, Tue 8, Wed 9, Thu 10; the notice
     * ends at 00:00 on Friday the 11th (China time) */
    int64_t thu = 1796263200000; /* 2026-12-03T02:00:00Z */
    assert_int_equal(star_notice_end(ctx, thu, 5, &end), 0);
    assert_int_equal(end, 1796918400000); /* 2026-12-10T16:00:00Z */
    /* Saturday: Monday to Friday of the week after */
    int64_t sat = thu + 2 * DAY;
    assert_int_equal(star_notice_end(ctx, sat, 5, &end), 0);
    assert_int_equal(end, 1796918400000 + DAY);
    /* Friday late in the evening China time (Friday 15:30 UTC) is Friday still */
    int64_t fri = 1796369400000; /* 2026-12-04T07:30:00Z, 15:30 China time */
    assert_int_equal(star_notice_end(ctx, fri, 1, &end), 0);
    assert_int_equal(end, 1796659200000); /* Tue 2026-12-08 00:00 +08 */
    /* the Mid-Autumn festival and National Day of 2026 are ordinary days without it */
    int64_t wed = 1790128800000; /* Wed 2026-09-23 10:00 +08 */
    assert_int_equal(star_notice_end(ctx, wed, 5, &end), 0);
    assert_int_equal(end, 1790784000000); /* Thu 2026-10-01 00:00 +08 */
    int64_t fri9 = 1791511200000;         /* Fri 2026-10-09 10:00 +08 */
    assert_int_equal(star_notice_end(ctx, fri9, 1, &end), 0);
    assert_int_equal(end, 1791820800000); /* Tue 2026-10-13 00:00 +08 */
    tdb_close(t);

    /* with the State Council's schedule (the demo loads data/workdays-cn.csv) */
    t = tdb_open(1);
    ctx = &t->ctx;
    /* over a holiday: Thu 24, (Fri 25 中秋节), Mon 28, Tue 29, Wed 30, (1 to 7 October
     * 国庆节), Thu 8 October: the notice ends on Friday the 9th */
    assert_int_equal(star_notice_end(ctx, wed, 5, &end), 0);
    assert_int_equal(end, 1791475200000); /* Fri 2026-10-09 00:00 +08 */
    /* over a make-up Saturday: Saturday 10 October is a working day (调休上班) */
    assert_int_equal(star_notice_end(ctx, fri9, 1, &end), 0);
    assert_int_equal(end, 1791648000000); /* Sun 2026-10-11 00:00 +08 */
    /* and Saturday 14 February before the Spring Festival */
    assert_int_equal(star_notice_end(ctx, 1770948000000, 1, &end), 0); /* Fri 02-13 10:00 */
    assert_int_equal(end, 1771084800000);                              /* Sun 02-15 00:00 */
    /* an ordinary December is as before */
    assert_int_equal(star_notice_end(ctx, thu, 5, &end), 0);
    assert_int_equal(end, 1796918400000);
    /* a long notice crosses the whole Spring Festival: 2026-02-13 (Fri) + 10 working days:
     * Sat 14, (15 to 23), Tue 24, Wed 25, Thu 26, Fri 27, Sat 28, Mon 2 March, Tue 3, Wed 4,
     * Thu 5 -> ends Friday 6 March 00:00 +08 */
    assert_int_equal(star_notice_end(ctx, 1770948000000, 10, &end), 0);
    assert_int_equal(end, 1770948000000 - 10 * 3600000 + 21 * DAY);
    tdb_close(t);
}

static void test_application_notice_decision(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org = new_org(t);
    int64_t uid, vid, uid2, vid2, app, app2, obj;
    new_volunteer(t, "13700000201", &uid, &vid);
    new_volunteer(t, "13700000202", &uid2, &vid2);
    add_hours(t, vid, uid, org, 320 * 60, 0);
    add_hours(t, vid2, uid2, org, 120 * 60, 0);

    /* the volunteer applies for what the hours reach, no more */
    tdb_as(t, "13700000201");
    assert_int_equal(star_apply(ctx, 0, 3, &app), -1);
    assert_string_equal(ctx->err.code, "not_qualified");
    assert_int_equal(star_apply(ctx, 0, 2, &app), 0);
    assert_int_equal(star_apply(ctx, 0, 1, &app2), -1);
    assert_string_equal(ctx->err.code, "open_application");
    /* a citizen may not apply for someone else; the coordinator may */
    tdb_as(t, CITIZEN);
    assert_int_equal(star_apply(ctx, vid2, 1, &app2), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(star_apply(ctx, vid2, 1, &app2), 0);

    /* the public notice lists both, names masked by the pages */
    star_application *as;
    size_t n;
    tdb_as(t, NULL);
    assert_int_equal(star_application_list(ctx, NULL, "510402", 0, 100, &as, &n), 0);
    int seen = 0;
    for (size_t i = 0; i < n; i++)
        seen += as[i].id == app || as[i].id == app2;
    assert_int_equal(seen, 2);
    /* others' statuses are for staff */
    assert_int_equal(star_application_list(ctx, "granted", "510402", 0, 100, &as, &n), -1);

    /* objections during the notice: anyone logged in, with a reason */
    assert_int_equal(star_object(ctx, app2, "时长有误", &obj), -1);
    assert_int_equal(ctx->err.cls, E_UNAUTH);
    tdb_as(t, CITIZEN);
    assert_int_equal(star_object(ctx, app2, "", &obj), -1);
    assert_string_equal(ctx->err.code, "bad_reason");
    assert_int_equal(star_object(ctx, app2, "该志愿者部分服务时长系重复登记", &obj), 0);
    assert_int_equal(star_object(ctx, app, "只是一个疑问", &obj), 0);

    /* not before the notice ends */
    star_application a;
    assert_int_equal(star_application_get(ctx, app, &a), 0);
    assert_true(a.notice_until >= ctx->now + 5 * DAY);
    tdb_as(t, COORDINATOR);
    assert_int_equal(star_decide(ctx, app, "grant", "dismissed", NULL, NULL), -1);
    assert_string_equal(ctx->err.code, "notice_open");

    /* after it: no more objections */
    ctx->now = a.notice_until + 1000;
    tdb_as(t, CITIZEN);
    assert_int_equal(star_object(ctx, app, "晚了", &obj), -1);
    assert_string_equal(ctx->err.code, "notice_closed");

    /* nobody decides their own: the volunteer is no coordinator, the coordinator applied for
     * the second */
    tdb_as(t, "13700000201");
    assert_int_equal(star_decide(ctx, app, "grant", "dismissed", NULL, NULL), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(star_decide(ctx, app2, "grant", "dismissed", NULL, NULL), -1);
    assert_string_equal(ctx->err.code, "own_application");

    /* open objections need a verdict; dismissed, the grant stands */
    const char *status;
    assert_int_equal(star_decide(ctx, app, "grant", NULL, NULL, &status), -1);
    assert_string_equal(ctx->err.code, "objections_undecided");
    assert_int_equal(star_decide(ctx, app, "grant", "dismissed", NULL, &status), 0);
    assert_string_equal(status, "granted");
    assert_int_equal(star_decide(ctx, app, "grant", "dismissed", NULL, &status), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    int level;
    assert_int_equal(store_star_level_get(ctx->c, vid, &level), WY_OK);
    assert_int_equal(level, 2);
    star_standing s;
    tdb_as(t, "13700000201");
    assert_int_equal(star_mine(ctx, &s), 0);
    assert_int_equal(s.level, 2);
    assert_int_equal(s.open.id, 0);
    assert_int_equal(star_apply(ctx, 0, 2, &obj), -1);
    assert_string_equal(ctx->err.code, "already_level");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications WHERE user_id = ?"
                           " AND kind = 'volunteer_star.granted'",
                           uid),
                     1);
    /* the grant's certificate: the level, the hours at the grant */
    certificate *cs;
    size_t nc;
    assert_int_equal(certificate_of_subject(ctx, VOLUNTEER_STAR_CERTIFICATE_KIND, app, &cs, &nc),
                     0);
    assert_int_equal(nc, 1);
    assert_true(!strncmp(cs[0].number, "XJ-", 3));
    assert_string_equal(cs[0].status, "valid");
    assert_non_null(strstr(cs[0].facts, "二星级"));
    assert_non_null(strstr(cs[0].facts, "320小时"));

    /* an upheld objection refuses, whatever the decision says (another coordinator: the
     * city admin) */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(star_decide(ctx, app2, "grant", "upheld", NULL, &status), 0);
    assert_string_equal(status, "refused");
    assert_int_equal(store_star_level_get(ctx->c, vid2, &level), WY_OK);
    assert_int_equal(level, 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM volunteer_star_objections"
                           " WHERE application_id = ? AND status = 'upheld'",
                           app2),
                     1);

    /* revocation when the hours prove false: audited, told, the level back to 0 */
    tdb_as(t, COORDINATOR);
    assert_int_equal(star_revoke(ctx, app, ""), -1);
    assert_string_equal(ctx->err.code, "bad_reason");
    assert_int_equal(star_revoke(ctx, app, "经核查，部分服务时长记录不实"), 0);
    assert_int_equal(star_revoke(ctx, app, "again"), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    assert_int_equal(store_star_level_get(ctx->c, vid, &level), WY_OK);
    assert_int_equal(level, 0);
    assert_int_equal(certificate_of_subject(ctx, VOLUNTEER_STAR_CERTIFICATE_KIND, app, &cs, &nc),
                     0);
    assert_int_equal(nc, 1);
    assert_string_equal(cs[0].status, "revoked");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'volunteer_star.revoke'"
                           " AND object_id = CAST(? AS TEXT)",
                           app),
                     1);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications WHERE user_id = ?"
                           " AND kind = 'volunteer_star.revoked'",
                           uid),
                     1);
    tdb_close(t);
}

static void test_grant_never_above_hours(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org = new_org(t);
    int64_t uid, vid, app;
    new_volunteer(t, "13700000301", &uid, &vid);
    int64_t first = add_hours(t, vid, uid, org, 110 * 60, 0);
    tdb_as(t, "13700000301");
    assert_int_equal(star_apply(ctx, 0, 1, &app), 0);
    /* a correction takes 20 hours away during the notice */
    add_hours(t, vid, uid, org, -20 * 60, first);
    star_application a;
    assert_int_equal(star_application_get(ctx, app, &a), 0);
    ctx->now = a.notice_until;
    tdb_as(t, COORDINATOR);
    assert_int_equal(star_decide(ctx, app, "grant", NULL, NULL, NULL), -1);
    assert_string_equal(ctx->err.code, "not_qualified");
    assert_int_equal(star_decide(ctx, app, "refuse", NULL, "", NULL), -1);
    assert_string_equal(ctx->err.code, "bad_note");
    assert_int_equal(star_decide(ctx, app, "refuse", NULL, "时长不足", NULL), 0);
    tdb_close(t);
}

static void test_service_certificate(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org = new_org(t), other = 0;
    int64_t uid, vid, uid2, vid2;
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_create(ctx, "510402", 0, "另一个志愿者协会", "", &other), 0);
    new_volunteer(t, "13700000401", &uid, &vid);
    new_volunteer(t, "13700000402", &uid2, &vid2);
    int64_t first = add_hours(t, vid, uid, org, 150, 0);
    add_hours(t, vid, uid, org, 90, 0);
    add_hours(t, vid, uid, org, -30, first); /* a correction counts */
    add_hours(t, vid, uid, other, 600, 0);   /* another organisation's does not */

    certificate c;
    int existing;
    /* only a coordinator over the organisation issues it */
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_certificate_issue(ctx, org, vid, &c, &existing), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_certificate_issue(ctx, org, vid2, &c, &existing), -1);
    assert_string_equal(ctx->err.code, "no_hours");
    assert_int_equal(volunteer_certificate_issue(ctx, org, vid, &c, &existing), 0);
    assert_int_equal(existing, 0);
    assert_string_equal(c.kind, VOLUNTEER_CERTIFICATE_KIND);
    assert_true(!strncmp(c.number, "ZY-", 3));
    assert_string_equal(c.issuer, "东区星级测试志愿者协会");
    assert_non_null(strstr(c.facts, "3小时30分钟"));
    /* the same records: the same certificate */
    certificate again;
    assert_int_equal(volunteer_certificate_issue(ctx, org, vid, &again, &existing), 0);
    assert_int_equal(existing, 1);
    assert_int_equal(again.id, c.id);

    /* anyone checks it by its code: valid, the holder masked */
    certificate_limits none = {0, 0};
    certificate_public p;
    char shown[CERTIFICATE_CODE_SHOWN];
    certificate_code_shown(c.code, shown);
    tdb_as(t, NULL);
    ctx->ip = "127.0.0.1";
    assert_int_equal(certificate_verify(ctx, shown, &none, &p), 0);
    assert_int_equal(p.verdict, CERTIFICATE_VALID);
    assert_string_equal(p.holder, "王*梅");
    assert_string_equal(p.title, "志愿服务记录证明");
    assert_non_null(strstr(p.facts, "东区星级测试志愿者协会"));
    assert_int_equal(certificate_verify(ctx, "0000-0000-0000-0000", &none, &p), 0);
    assert_int_equal(p.verdict, CERTIFICATE_UNKNOWN);
    tdb_close(t);
}

static void test_indicators(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org = new_org(t);
    int64_t uid, vid;
    double before, after, v;
    int64_t from = ctx->now - 365 * DAY, to = ctx->now + DAY;
    assert_int_equal(star_ind_hours(ctx, "510402", from, to, &before), 0);
    assert_int_equal(star_ind_active(ctx, "510402", from, to, &v), 0);
    new_volunteer(t, "13700000501", &uid, &vid);
    add_hours(t, vid, uid, org, 90, 0);
    assert_int_equal(star_ind_hours(ctx, "510402", from, to, &after), 0);
    assert_true(after - before > 1.49 && after - before < 1.51);
    assert_int_equal(star_ind_active(ctx, "510402", from, to, &after), 0);
    assert_true(after == v + 1);
    /* the demo's one-star volunteer of 东区 */
    assert_int_equal(star_ind_stars_1(ctx, "510402", from, to, &v), 0);
    assert_true(v >= 1);
    assert_int_equal(star_ind_stars_5(ctx, "510402", from, to, &v), 0);
    assert_true(v == 0);
    /* registered volunteers per million residents of 东区 (412,800 in 2022): one more
     * volunteer adds 1e6 / 412800 */
    assert_int_equal(star_ind_per_million(ctx, "510402", from, to, &before), 0);
    int64_t uid2, vid2;
    new_volunteer(t, "13700000502", &uid2, &vid2);
    assert_int_equal(star_ind_per_million(ctx, "510402", from, to, &after), 0);
    assert_true(fabs(after - before - 1e6 / 412800.0) < 1e-6);
    /* a division without a population figure has no data */
    assert_int_equal(star_ind_per_million(ctx, "510402001", from, to, &v), 0);
    assert_true(isnan(v));
    /* participations per resident: the records, not the volunteers */
    add_hours(t, vid, uid, org, 60, 0);
    assert_int_equal(star_ind_per_resident(ctx, "510402", from, to, &v), 0);
    assert_true(v > 0 && !isnan(v));
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thresholds_two_jurisdictions),
        cmocka_unit_test(test_notice_working_days),
        cmocka_unit_test(test_application_notice_decision),
        cmocka_unit_test(test_grant_never_above_hours),
        cmocka_unit_test(test_service_certificate),
        cmocka_unit_test(test_indicators),
        cmocka_unit_test(test_levels_of_everyone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
