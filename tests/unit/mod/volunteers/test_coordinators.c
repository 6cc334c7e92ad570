/* Tests of coordinators tied to organisations, excused no-shows and removed (archived)
 * organisations (org_coordinators.c, hours_signup_excuse) on a database, both backends: a
 * coordinator of one organisation writes nothing of another of the same division until an admin
 * adds them, and nothing again once removed; a no-show excused by the organisation's coordinator
 * with a reason stays a no-show and is no longer counted; an organisation with work still open
 * cannot be removed, a removed one leaves the lists and takes no new project while its records
 * stay: its service certificate still checks as valid and its hours ledger still verifies. */
#include "testlib.h"

#include "core/account.h"
#include "core/certificate.h"
#include "db/store_util.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/shift.h"
#include "mod/volunteers/star.h"
#include "mod/volunteers/volunteer.h"

#define COORDINATOR  "13900000021" /* volunteer_coordinator of 东区 (demo_volunteers.c) */
#define CITY_ADMIN   "13900000001"
#define CITIZEN      "13800002001" /* a demo volunteer, no staff role */
#define DEMO_PROJECT "大渡口街道文化站周末图书整理与阅读推广"
#define MIN_MS       ((int64_t)60000)
#define HOUR_MS      (60 * MIN_MS)

static const char *const guide[] = {"guide"};
static const char *const east[] = {"510402001"};

static int64_t one_int(tdb *t, const char *sql, int64_t id)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "i", id), &v), WY_OK);
    return v;
}

static int64_t audits(tdb *t, const char *action, int64_t id)
{
    return one_int(t,
                   arena_sprintf(t->ctx.a,
                                 "SELECT count(*) FROM audit_log WHERE action = '%s'"
                                 " AND object_id = CAST(? AS TEXT)",
                                 action),
                   id);
}

/* A new account holding volunteer_coordinator over 东区: its id. */
static int64_t new_coordinator(tdb *t, const char *phone)
{
    int64_t uid, gid;
    assert_int_equal(store_user_create(t->ctx.c, phone, "协调员", "x", "510402", t->ctx.now, &uid),
                     WY_OK);
    assert_int_equal(
        store_role_grant(t->ctx.c, uid, "volunteer_coordinator", "510402", 0, t->ctx.now, &gid),
        WY_OK);
    return uid;
}

static void test_coordinator_per_org(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t a, b, team, pa, pb, id, added;
    int64_t k = new_coordinator(t, "13700005001");
    /* two organisations of 东区, written by the city admin (who does not become a coordinator) */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_org_create(ctx, "510402", 0, "东区甲协会", "", &a), 0);
    assert_int_equal(volunteer_org_create(ctx, "510402", 0, "东区乙协会", "", &b), 0);
    assert_int_equal(volunteer_project_create(ctx, b, "乙的项目", "", &pb), 0);
    org_coordinator *ks;
    size_t n;
    assert_int_equal(volunteer_org_coordinators(ctx, a, &ks, &n), 0);
    assert_int_equal(n, 0);

    /* k's grant covers 东区, but k coordinates neither */
    tdb_as(t, "13700005001");
    assert_int_equal(volunteer_project_create(ctx, a, "甲的项目", "", &pa), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    assert_string_equal(ctx->err.code, "not_coordinator");
    /* and cannot make themselves one: admins choose */
    assert_int_equal(volunteer_org_coordinator_add(ctx, a, k, NULL, &added), -1);
    assert_string_equal(ctx->err.code, "admins_only");

    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_org_coordinator_add(ctx, a, 0, "13700005001", &added), 0);
    assert_int_equal(added, k);
    assert_int_equal(audits(t, "volunteer_org.coordinator_add", a), 1);
    assert_int_equal(volunteer_org_coordinator_add(ctx, a, k, NULL, &added), -1);
    assert_string_equal(ctx->err.code, "already_coordinator");
    /* an account without the role, an unknown one, nobody named */
    account cz;
    assert_int_equal(store_user_by_phone(ctx->c, ctx->a, CITIZEN, &cz), WY_OK);
    assert_int_equal(volunteer_org_coordinator_add(ctx, a, cz.id, NULL, &added), -1);
    assert_string_equal(ctx->err.code, "not_a_coordinator");
    assert_int_equal(volunteer_org_coordinator_add(ctx, a, 0, "13799999999", &added), -1);
    assert_string_equal(ctx->err.code, "unknown_user");
    assert_int_equal(volunteer_org_coordinator_add(ctx, a, 0, NULL, &added), -1);
    assert_string_equal(ctx->err.code, "bad_user");
    assert_int_equal(volunteer_org_coordinators(ctx, a, &ks, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ks[0].user_id, k);
    assert_non_null(strchr(ks[0].phone, '*')); /* masked */

    /* k now writes A's records, a team of A and its projects; nothing of B */
    tdb_as(t, "13700005001");
    assert_int_equal(volunteer_project_create(ctx, a, "甲的项目", "", &pa), 0);
    assert_int_equal(volunteer_org_create(ctx, "510402001", a, "甲的服务队", "", &team), 0);
    assert_int_equal(volunteer_project_create(ctx, team, "服务队的项目", "", &id), 0);
    assert_int_equal(volunteer_org_update(ctx, a, NULL, "新的介绍"), 0);
    assert_int_equal(volunteer_project_create(ctx, b, "写到乙", "", &id), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    assert_int_equal(volunteer_org_update(ctx, b, NULL, "改乙"), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    assert_int_equal(volunteer_project_update(ctx, pb, "改乙的项目", NULL), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    const char *status;
    assert_int_equal(volunteer_project_submit(ctx, pb, &status), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    assert_int_equal(volunteer_org_create(ctx, "510402001", b, "乙的服务队", "", &id), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    shift_input in = {.title = "周六",
                      .starts_at = ctx->now + 48 * HOUR_MS,
                      .ends_at = ctx->now + 50 * HOUR_MS,
                      .place = "文化站",
                      .capacity = 2};
    assert_int_equal(shift_create(ctx, pb, &in, &id), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    int64_t sid;
    assert_int_equal(shift_create(ctx, pa, &in, &sid), 0);
    hours_shift sh;
    hours_signup *roster;
    assert_int_equal(hours_shift_roster(ctx, sid, &sh, &roster, &n), 0);
    /* their projects' page lists A's projects, not B's */
    volunteer_project *mine;
    assert_int_equal(volunteer_project_managed(ctx, 100, &mine, &n), 0);
    int seen_a = 0, seen_b = 0;
    for (size_t i = 0; i < n; i++) {
        seen_a |= mine[i].id == pa;
        seen_b |= mine[i].id == pb;
    }
    assert_true(seen_a);
    assert_false(seen_b);
    /* a team is coordinated through its organisation */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_org_coordinator_add(ctx, team, k, NULL, &added), -1);
    assert_string_equal(ctx->err.code, "team");

    /* removed: k writes nothing of A any more */
    assert_int_equal(volunteer_org_coordinator_remove(ctx, a, k), 0);
    assert_int_equal(audits(t, "volunteer_org.coordinator_remove", a), 1);
    assert_int_equal(volunteer_org_coordinator_remove(ctx, a, k), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    tdb_as(t, "13700005001");
    assert_int_equal(volunteer_project_create(ctx, a, "又一个", "", &id), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    assert_int_equal(shift_create(ctx, pa, &in, &id), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    /* nor reads the roster of A's shift: it names the volunteers */
    assert_int_equal(hours_shift_roster(ctx, sid, &sh, &roster, &n), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    /* the city admin sees every project of the city */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_project_managed(ctx, 100, &mine, &n), 0);
    seen_a = seen_b = 0;
    for (size_t i = 0; i < n; i++) {
        seen_a |= mine[i].id == pa;
        seen_b |= mine[i].id == pb;
    }
    assert_true(seen_a && seen_b);
    tdb_as(t, "13700005001");

    /* a coordinator who creates an organisation coordinates it */
    int64_t c;
    assert_int_equal(volunteer_org_create(ctx, "510402", 0, "东区丙协会", "", &c), 0);
    assert_int_equal(volunteer_project_create(ctx, c, "丙的项目", "", &id), 0);
    assert_int_equal(volunteer_org_coordinators(ctx, c, &ks, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ks[0].user_id, k);

    /* the demo coordinator keeps writing the demo's organisation and team */
    tdb_as(t, COORDINATOR);
    volunteer_org *os;
    assert_int_equal(volunteer_org_list(ctx, "510402001", 0, 10, &os, &n), 0);
    int64_t demo_team = 0;
    for (size_t i = 0; i < n; i++)
        if (os[i].parent_id && strcmp(os[i].name, "甲的服务队"))
            demo_team = os[i].id;
    assert_true(demo_team > 0);
    assert_int_equal(volunteer_project_create(ctx, demo_team, "演示队的新项目", "", &id), 0);
    assert_int_equal(volunteer_project_create(ctx, a, "写到甲", "", &id), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    tdb_close(t);
}

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

static int64_t no_shows_of(tdb *t, int64_t vid)
{
    volunteer *vs;
    size_t n;
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_list(&t->ctx, "510402001", NULL, 0, 100, &vs, &n), 0);
    for (size_t i = 0; i < n; i++)
        if (vs[i].id == vid)
            return vs[i].no_shows;
    fail_msg("volunteer not listed");
    return -1;
}

/* The hours queue narrowed to the organisations a coordinator coordinates: the demo's pending
 * report (刘思远's, of the team 大渡口街道文化志愿服务队 of 东区文化志愿者协会) is in the queue of
 * the city admin and of the demo coordinator, not in that of another coordinator of 东区 until they
 * coordinate it. */
static int pending_has(tdb *t, const char *phone, int64_t org)
{
    hours_record *rs;
    size_t n;
    tdb_as(t, phone);
    assert_int_equal(hours_queue(&t->ctx, "510402", 0, 100, &rs, &n), 0);
    int has = 0;
    for (size_t i = 0; i < n; i++)
        if (rs[i].org_id == org)
            has = 1;
    return has;
}

static void test_queue_per_org(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t k = new_coordinator(t, "13700005009"), added;
    volunteer_org *os;
    size_t n;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_org_list(ctx, "510402", 0, 100, &os, &n), 0);
    int64_t org = 0, team = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(os[i].name, "东区文化志愿者协会"))
            org = os[i].id;
    assert_int_equal(volunteer_org_list(ctx, "510402001", 0, 100, &os, &n), 0);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(os[i].name, "大渡口街道文化志愿服务队"))
            team = os[i].id;
    assert_true(org > 0 && team > 0);
    assert_true(pending_has(t, CITY_ADMIN, team));
    assert_true(pending_has(t, COORDINATOR, team));
    assert_false(pending_has(t, "13700005009", team));
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_org_coordinator_add(ctx, org, k, NULL, &added), 0);
    assert_true(pending_has(t, "13700005009", team)); /* a team through its organisation */
    tdb_close(t);
}

static void test_excuse_no_show(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    hours_settled r;
    assert_int_equal(hours_settle(ctx, &r), 0);
    int64_t va, vb;
    int64_t ua = new_volunteer(t, "13700006001", &va);
    int64_t ub = new_volunteer(t, "13700006002", &vb);
    /* b is a coordinator too, of the demo's organisation: b cannot excuse b's own no-show */
    int64_t gid;
    volunteer_project p = demo_project(t);
    volunteer_org team;
    assert_int_equal(store_volunteer_org_get(ctx->c, ctx->a, p.org_id, &team), WY_OK);
    assert_int_equal(
        store_role_grant(ctx->c, ub, "volunteer_coordinator", "510402", 0, ctx->now, &gid), WY_OK);
    assert_int_equal(store_org_coordinator_add(ctx->c, team.parent_id, ub, 0, ctx->now), WY_OK);
    /* yesterday's shift: neither came */
    hours_shift s = {.project_id = p.id,
                     .division = p.division,
                     .title = "免责测试班次",
                     .starts_at = ctx->now - 30 * HOUR_MS,
                     .ends_at = ctx->now - 28 * HOUR_MS,
                     .place = "文化站",
                     .check_code = "excuse-past"};
    int64_t shift, sa, sb, sc;
    assert_int_equal(store_hours_shift_insert(ctx->c, &s, 3, 0, ctx->now, &shift), WY_OK);
    assert_int_equal(store_hours_signup_insert(ctx->c, shift, va, ua, ctx->now, &sa), WY_OK);
    assert_int_equal(store_hours_signup_insert(ctx->c, shift, vb, ub, ctx->now, &sb), WY_OK);
    /* a coming shift's confirmed sign-up is no no-show */
    s.starts_at = ctx->now + 30 * HOUR_MS;
    s.ends_at = ctx->now + 32 * HOUR_MS;
    s.check_code = "excuse-future";
    int64_t coming;
    assert_int_equal(store_hours_shift_insert(ctx->c, &s, 3, 0, ctx->now, &coming), WY_OK);
    assert_int_equal(store_hours_signup_insert(ctx->c, coming, va, ua, ctx->now, &sc), WY_OK);
    assert_int_equal(hours_settle(ctx, &r), 0);
    assert_int_equal(r.no_shows, 2);
    assert_int_equal(no_shows_of(t, va), 1);

    hours_signup g;
    /* the volunteer has no say; a coordinator of 东区 who does not coordinate the organisation
     * neither */
    tdb_as(t, "13700006001");
    assert_int_equal(hours_signup_excuse(ctx, sa, "生病了", &g), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    new_coordinator(t, "13700006009");
    tdb_as(t, "13700006009");
    assert_int_equal(hours_signup_excuse(ctx, sa, "生病了", &g), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    /* nobody excuses their own */
    tdb_as(t, "13700006002");
    assert_int_equal(hours_signup_excuse(ctx, sb, "我自己有事", &g), -1);
    assert_string_equal(ctx->err.code, "own_signup");

    tdb_as(t, COORDINATOR);
    assert_int_equal(hours_signup_excuse(ctx, sa, "", &g), -1);
    assert_string_equal(ctx->err.code, "bad_reason");
    assert_int_equal(hours_signup_excuse(ctx, sc, "还没到", &g), -1);
    assert_string_equal(ctx->err.code, "not_no_show");
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM volunteer_signups WHERE id = ?"
                             " AND excused_at IS NOT NULL",
                             sa),
                     0); /* refusals changed nothing */
    assert_int_equal(hours_signup_excuse(ctx, sa, "突发急病，有医院证明", &g), 0);
    assert_string_equal(g.status, "no_show");
    assert_int_equal(g.excused_at, ctx->now);
    assert_int_equal(hours_signup_excuse(ctx, sa, "再一次", &g), -1);
    assert_string_equal(ctx->err.code, "already_excused");
    assert_int_equal(audits(t, "volunteer_signup.excuse", sa), 1);
    assert_int_equal(store_hours_signup_get(ctx->c, ctx->a, sa, &g), WY_OK);
    assert_string_equal(g.status, "no_show");
    assert_string_equal(g.excuse, "突发急病，有医院证明");
    /* no longer counted; b's still is */
    assert_int_equal(no_shows_of(t, va), 0);
    assert_int_equal(no_shows_of(t, vb), 1);
    /* the coordinator's roster and the volunteer's own list say so */
    hours_shift sh;
    hours_signup *roster;
    size_t n;
    assert_int_equal(hours_shift_roster(ctx, shift, &sh, &roster, &n), 0);
    int seen = 0;
    for (size_t i = 0; i < n; i++)
        if (roster[i].id == sa) {
            seen = 1;
            assert_true(roster[i].excused_at > 0);
        } else {
            assert_int_equal(roster[i].excused_at, 0);
        }
    assert_true(seen);
    tdb_as(t, "13700006001");
    shift_signup *mine;
    assert_int_equal(shift_mine(ctx, 0, 10, &mine, &n), 0);
    seen = 0;
    for (size_t i = 0; i < n; i++)
        if (mine[i].id == sa) {
            seen = 1;
            assert_int_equal(mine[i].excused_at, ctx->now);
            assert_string_equal(mine[i].excuse, "突发急病，有医院证明");
        }
    assert_true(seen);
    tdb_close(t);
}

static void test_archive(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org, team, proj, id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_org_create(ctx, "510402", 0, "东区待撤销协会", "", &org), 0);
    assert_int_equal(volunteer_org_create(ctx, "510402001", org, "待撤销服务队", "", &team), 0);
    assert_int_equal(volunteer_project_create(ctx, team, "最后的项目", "", &proj), 0);
    shift_input in = {.title = "下周六",
                      .starts_at = ctx->now + 48 * HOUR_MS,
                      .ends_at = ctx->now + 50 * HOUR_MS,
                      .place = "文化站",
                      .capacity = 2};
    int64_t shift;
    assert_int_equal(shift_create(ctx, proj, &in, &shift), 0);
    /* a coming open shift keeps it; so does a project pending review */
    assert_int_equal(volunteer_org_archive(ctx, org), -1);
    assert_string_equal(ctx->err.code, "open_work");
    assert_int_equal(ctx->err.cls, E_CONFLICT);
    assert_int_equal(shift_cancel(ctx, shift), 0);
    const char *status;
    assert_int_equal(volunteer_project_submit(ctx, proj, &status), 0);
    assert_string_equal(status, "pending");
    assert_int_equal(volunteer_org_archive(ctx, org), -1);
    assert_string_equal(ctx->err.code, "open_work");
    assert_int_equal(one_int(t,
                             "SELECT count(*) FROM volunteer_orgs WHERE id = ?"
                             " AND archived_at IS NOT NULL",
                             org),
                     0);
    assert_int_equal(store_volunteer_project_set_status(ctx->c, proj, "rejected", ctx->now), WY_OK);
    /* a team is removed with its organisation; another district's coordinator removes nothing */
    assert_int_equal(volunteer_org_archive(ctx, team), -1);
    assert_string_equal(ctx->err.code, "team");
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_archive(ctx, org), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");

    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_org_archive(ctx, org), 0);
    assert_int_equal(audits(t, "volunteer_org.archive", org), 1);
    assert_int_equal(volunteer_org_archive(ctx, org), -1);
    assert_string_equal(ctx->err.code, "archived");
    /* out of the lists, the team with it; still read by id */
    volunteer_org *os, o;
    size_t n;
    assert_int_equal(volunteer_org_list(ctx, "510402", 0, 1000, &os, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(os[i].id != org && os[i].id != team);
    assert_int_equal(volunteer_org_managed(ctx, 1000, &os, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(os[i].id != org && os[i].id != team);
    assert_int_equal(volunteer_org_get(ctx, team, &o), 0);
    assert_true(o.archived_at > 0);
    /* no new project, team or change */
    assert_int_equal(volunteer_project_create(ctx, org, "新项目", "", &id), -1);
    assert_string_equal(ctx->err.code, "archived");
    assert_int_equal(volunteer_project_create(ctx, team, "新项目", "", &id), -1);
    assert_string_equal(ctx->err.code, "archived");
    assert_int_equal(volunteer_org_create(ctx, "510402001", org, "新队", "", &id), -1);
    assert_string_equal(ctx->err.code, "archived");
    assert_int_equal(volunteer_org_update(ctx, org, "新名字", NULL), -1);
    assert_string_equal(ctx->err.code, "archived");
    /* nor does a project of it go for review again, nor take a shift */
    assert_int_equal(volunteer_project_submit(ctx, proj, &status), -1);
    assert_string_equal(ctx->err.code, "archived");
    assert_int_equal(shift_create(ctx, proj, &in, &id), -1);
    assert_string_equal(ctx->err.code, "archived");

    /* the demo's organisation has coming shifts: refused, and left as it was */
    volunteer_project p = demo_project(t);
    volunteer_org demo_team;
    assert_int_equal(store_volunteer_org_get(ctx->c, ctx->a, p.org_id, &demo_team), WY_OK);
    int64_t entries = one_int(t, "SELECT count(*) + 0 * ? FROM ledger_entries", 0);
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_archive(ctx, demo_team.parent_id), -1);
    assert_string_equal(ctx->err.code, "open_work");
    assert_int_equal(one_int(t, "SELECT count(*) + 0 * ? FROM ledger_entries", 0), entries);

    /* its coordinator cancels the coming shifts and removes it: its service certificate (the
     * demo's, of 刘思远) still checks as valid, and its hours ledger still verifies */
    volunteer_shift *ss;
    assert_int_equal(store_shift_list(ctx->c, ctx->a, p.id, ctx->now, &ss, &n), WY_OK);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ss[i].status, "open"))
            assert_int_equal(shift_cancel(ctx, ss[i].id), 0);
    assert_int_equal(volunteer_org_archive(ctx, demo_team.parent_id), 0);
    assert_int_equal(volunteer_project_create(ctx, demo_team.id, "新项目", "", &id), -1);
    assert_string_equal(ctx->err.code, "archived");
    assert_int_equal(one_int(t, "SELECT count(*) + 0 * ? FROM ledger_entries", 0), entries);
    hours_check check;
    assert_int_equal(hours_verify(ctx, &check), 0);
    char code[CERTIFICATE_CODE_LEN + 1] = "";
    db_stmt *st = db_query(ctx->c,
                           "SELECT code FROM certificates WHERE kind = ? AND issuer = ?"
                           " AND status = 'valid'",
                           "tt", VOLUNTEER_CERTIFICATE_KIND, "东区文化志愿者协会");
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    snprintf(code, sizeof code, "%s", db_col_text(st, 0));
    db_done(st);
    certificate_limits none = {0, 0};
    certificate_public cp;
    tdb_as(t, NULL);
    ctx->ip = "127.0.0.1";
    assert_int_equal(certificate_verify(ctx, code, &none, &cp), 0);
    assert_int_equal(cp.verdict, CERTIFICATE_VALID);
    assert_string_equal(cp.issuer, "东区文化志愿者协会");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coordinator_per_org),
        cmocka_unit_test(test_queue_per_org),
        cmocka_unit_test(test_excuse_no_show),
        cmocka_unit_test(test_archive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
