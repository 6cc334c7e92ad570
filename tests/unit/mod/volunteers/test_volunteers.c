/* Tests of the volunteers module's rules on a database (both backends): the coordinator's
 * permission over its subtree, organisations and their teams, a volunteer's registration (a
 * minor without a guardian's consent refused, the profile's checks, one per account), the
 * staff's list of a subtree with its pages, the demo that a second run leaves as it was, and a
 * project published through the review chain, never approved by its author. */
#include <time.h>

#include "testlib.h"

#include "core/authz.h"
#include "core/demo_kit.h"
#include "core/review.h"
#include "db/store_util.h"
#include "mod/volunteers/volunteer.h"

#define COORDINATOR "13900000021" /* volunteer_coordinator of 东区 (demo_volunteers.c) */
#define CITY_ADMIN  "13900000001"
#define CITIZEN     "13800000006"

/* "YYYY-MM-DD" of today (China time) years back, plus days. */
static void years_ago(int64_t now, int years, int days, char out[16])
{
    time_t t = (time_t)(now / 1000) + 8 * 3600 + (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    /* the 29th of February of a year that has none is the 1st of March */
    int y = tm.tm_year + 1900 - years, m = tm.tm_mon + 1, d = tm.tm_mday;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        m = 3;
        d = 1;
    }
    snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

/* A new citizen of 大渡口街道; ctx acts as them. */
static void new_citizen(tdb *t, const char *phone)
{
    int64_t id;
    assert_int_equal(
        store_user_create(t->ctx.c, phone, "志愿者", "x", "510402001", t->ctx.now, &id), WY_OK);
    tdb_as(t, phone);
}

static const char *const guide[] = {"guide"};
static const char *const east[] = {"510402001"};

static volunteer_input adult(const char *birth)
{
    return (volunteer_input){.real_name = "李志愿",
                             .birth_date = birth,
                             .skills = guide,
                             .nskills = 1,
                             .availability = "周末",
                             .areas = east,
                             .nareas = 1};
}

static void test_coordinator_and_teams(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    assert_true(authz_role_carries(ROLE_VOLUNTEER_COORDINATOR, PERM_VOLUNTEERS_MANAGE));
    assert_true(authz_role_carries(ROLE_DISTRICT_ADMIN, PERM_VOLUNTEERS_MANAGE));
    assert_true(authz_role_carries(ROLE_CITY_ADMIN, PERM_VOLUNTEERS_MANAGE));
    assert_false(authz_role_carries(ROLE_VENUE_MANAGER, PERM_VOLUNTEERS_MANAGE));
    assert_false(authz_role_carries(ROLE_CITIZEN, PERM_VOLUNTEERS_MANAGE));

    int64_t org, team, id;
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_create(ctx, "510402", 0, "东区青年文化志愿者", "", &org), 0);
    assert_int_equal(
        volunteer_org_create(ctx, "510402001", org, "大渡口青年志愿服务队", "驻站", &team), 0);
    volunteer_org o;
    assert_int_equal(volunteer_org_get(ctx, team, &o), 0);
    assert_int_equal(o.parent_id, org);
    assert_string_equal(o.division, "510402001");
    /* a team of a team; a parent that is not there */
    assert_int_equal(volunteer_org_create(ctx, "510402001", team, "小分队", "", &id), -1);
    assert_string_equal(ctx->err.code, "bad_parent");
    assert_int_equal(volunteer_org_create(ctx, "510402001", 999999, "小分队", "", &id), -1);
    assert_string_equal(ctx->err.code, "unknown_parent");
    /* outside the coordinator's subtree (西区), and a citizen anywhere */
    assert_int_equal(volunteer_org_create(ctx, "510403", 0, "西区志愿者", "", &id), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_org_create(ctx, "510402001", 0, "我的志愿队", "", &id), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    /* a team is inside its organisation's division: the city admin may write both, not so */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_org_create(ctx, "510403", org, "西区服务队", "", &id), -1);
    assert_string_equal(ctx->err.code, "bad_parent");
    assert_int_equal(volunteer_org_create(ctx, "510402", 0, "", "", &id), -1);
    assert_string_equal(ctx->err.code, "bad_name");
    /* anyone lists them by subtree */
    tdb_as(t, NULL);
    volunteer_org *os;
    size_t n;
    assert_int_equal(volunteer_org_list(ctx, "510402001", 0, 100, &os, &n), 0);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found += os[i].id == team;
    assert_int_equal(found, 1);
    tdb_close(t);
}

static void test_minor_needs_consent(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    char birth[16], tomorrow[16], today[16];
    int64_t id;
    /* 18 tomorrow: still a minor today */
    years_ago(ctx->now, 18, 1, birth);
    years_ago(ctx->now, 0, 1, tomorrow);
    years_ago(ctx->now, 0, 0, today);
    assert_int_equal(volunteer_age(birth, ctx->now), 17);
    new_citizen(t, "13700000001");
    volunteer_input in = adult(birth);
    assert_int_equal(volunteer_register(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "guardian_consent_required");
    in.guardian_name = "张家长";
    in.guardian_phone = "12345";
    in.guardian_consent = today;
    assert_int_equal(volunteer_register(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "bad_guardian");
    assert_string_equal(ctx->err.field, "guardian_phone");
    in.guardian_phone = "13700000101";
    in.guardian_consent = tomorrow; /* a consent not given yet */
    assert_int_equal(volunteer_register(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.field, "guardian_consent");
    in.guardian_consent = today;
    assert_int_equal(volunteer_register(ctx, &in, &id), 0);
    volunteer v;
    assert_int_equal(volunteer_me(ctx, &v), 0);
    assert_int_equal(v.id, id);
    assert_string_equal(v.guardian_name, "张家长");
    assert_string_equal(v.guardian_consent, today);
    /* one profile an account */
    assert_int_equal(volunteer_register(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "already_registered");

    /* 18 today: an adult, whose guardian is not kept */
    years_ago(ctx->now, 18, 0, birth);
    assert_int_equal(volunteer_age(birth, ctx->now), 18);
    new_citizen(t, "13700000002");
    in = adult(birth);
    in.guardian_name = "不需要";
    assert_int_equal(volunteer_register(ctx, &in, &id), 0);
    assert_int_equal(volunteer_me(ctx, &v), 0);
    assert_null(v.guardian_name);
    tdb_close(t);
}

static void test_profile_checks(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t id;
    volunteer v;
    new_citizen(t, "13700000003");
    assert_int_equal(volunteer_me(ctx, &v), -1);
    assert_string_equal(ctx->err.code, "not_registered");
    const char *const unknown[] = {"juggling"};
    const char *const twice[] = {"guide", "guide"};
    const char *const nowhere[] = {"510402999"};
    const char *const badcode[] = {"5104021"};
    struct {
        volunteer_input in;
        const char *code;
    } cases[] = {
        {adult("2001-02-29"), "bad_birth_date"},   {adult("2999-01-01"), "bad_birth_date"},
        {adult("1990-1-1"), "bad_birth_date"},     {adult("1990-01-01"), "bad_name"},
        {adult("1990-01-01"), "bad_skill"},        {adult("1990-01-01"), "bad_skill"},
        {adult("1990-01-01"), "bad_areas"},        {adult("1990-01-01"), "bad_areas"},
        {adult("1990-01-01"), "unknown_division"},
    };
    cases[3].in.real_name = "李";
    cases[4].in.skills = unknown;
    cases[5].in.skills = twice;
    cases[5].in.nskills = 2;
    cases[6].in.nareas = 0;
    cases[7].in.areas = badcode;
    cases[8].in.areas = nowhere;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(volunteer_register(ctx, &cases[i].in, &id), -1);
        assert_string_equal(ctx->err.code, cases[i].code);
    }
    /* nothing was kept by the refusals */
    assert_int_equal(volunteer_me(ctx, &v), -1);
    tdb_as(t, NULL);
    volunteer_input ok = adult("1990-01-01");
    assert_int_equal(volunteer_register(ctx, &ok, &id), -1);
    assert_int_equal(ctx->err.cls, E_UNAUTH);
    tdb_close(t);
}

static void test_staff_list(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    volunteer *vs;
    size_t n;
    /* the demo's three volunteers of 大渡口街道, by id; a page of two, then the rest */
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_list(ctx, NULL, NULL, 0, 100, &vs, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(volunteer_list(ctx, "510402001", NULL, 0, 2, &vs, &n), 0);
    assert_int_equal(n, 2);
    int64_t last = vs[1].id;
    assert_int_equal(volunteer_list(ctx, "510402001", NULL, last, 2, &vs, &n), 0);
    assert_int_equal(n, 1);
    assert_true(vs[0].id > last);
    assert_non_null(vs[0].guardian_name); /* 赵子涵, a minor */
    /* by skill */
    assert_int_equal(volunteer_list(ctx, NULL, "photography", 0, 100, &vs, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(vs[0].real_name, "刘思远");
    assert_int_equal(volunteer_list(ctx, NULL, "juggling", 0, 100, &vs, &n), -1);
    assert_string_equal(ctx->err.code, "bad_skill");
    /* outside the subtree, and people without the permission */
    assert_int_equal(volunteer_list(ctx, "510403", NULL, 0, 100, &vs, &n), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_list(ctx, NULL, NULL, 0, 100, &vs, &n), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, "13900000005"); /* a venue manager */
    assert_int_equal(volunteer_list(ctx, "510402001", NULL, 0, 100, &vs, &n), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    /* the demo again changes nothing */
    assert_int_equal(volunteers_demo(ctx, test_data_dir(), 0), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(volunteer_list(ctx, NULL, NULL, 0, 100, &vs, &n), 0);
    assert_int_equal(n, 3);
    volunteer_org *os;
    assert_int_equal(volunteer_org_list(ctx, "5104", 0, 100, &os, &n), 0);
    assert_int_equal(n, 6); /* an organisation and a team in 东区, 西区 and 仁和区 */
    volunteer_project *ps;
    assert_int_equal(volunteer_project_list(ctx, "5104", 0, 100, &ps, &n), 0);
    assert_int_equal(n, 3);
    /* the projects of 西区 and 仁和区 published, with their coming shifts */
    assert_int_equal(volunteer_project_list(ctx, "510403", 0, 100, &ps, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ps[0].division, "510403001");
    assert_int_equal(store_one_int(db_query(ctx->c,
                                            "SELECT count(*) FROM volunteer_shifts WHERE"
                                            " project_id = ? AND starts_at > ?",
                                            "ii", ps[0].id, ctx->now),
                                   &last),
                     WY_OK);
    assert_int_equal(last, 2);
    assert_int_equal(volunteer_project_list(ctx, "510411", 0, 100, &ps, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ps[0].division, "510411100");
    assert_int_equal(store_one_int(db_query(ctx->c,
                                            "SELECT count(*) FROM volunteer_shifts WHERE"
                                            " project_id = ?",
                                            "i", ps[0].id),
                                   &last),
                     WY_OK);
    assert_int_equal(last, 3);
    tdb_close(t);
}

/* The reviewer of 东区 who is also a coordinator there: they write and submit a project, and
 * may not decide it; the chain's other reviewers publish it. */
static void test_project_review_chain(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    account u;
    int64_t gid, org, id;
    assert_int_equal(store_user_by_phone(ctx->c, ctx->a, "13900000003", &u), WY_OK);
    assert_int_equal(
        store_role_grant(ctx->c, u.id, "volunteer_coordinator", "510402", 0, ctx->now, &gid),
        WY_OK);
    tdb_as(t, COORDINATOR);
    volunteer_org *os;
    size_t n;
    assert_int_equal(volunteer_org_list(ctx, "510402001", 0, 10, &os, &n), 0);
    assert_int_equal(n, 1); /* the demo's team */
    org = os[0].id;
    /* a citizen writes none; a coordinator of 西区 none of 东区's */
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_project_create(ctx, org, "周末图书整理", "", &id), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    assert_int_equal(volunteer_project_create(ctx, 999999, "周末图书整理", "", &id), -1);
    assert_string_equal(ctx->err.code, "unknown_org");

    /* a coordinator of 东区 who does not coordinate the team's organisation writes nothing of
     * it; once an admin makes them one of its coordinators, they do */
    tdb_as(t, "13900000003");
    assert_int_equal(volunteer_project_create(ctx, org, "周末图书整理", "协助借阅", &id), -1);
    assert_string_equal(ctx->err.code, "not_coordinator");
    assert_int_equal(store_org_coordinator_add(ctx->c, os[0].parent_id, u.id, 0, ctx->now), WY_OK);
    assert_int_equal(volunteer_project_create(ctx, org, "周末图书整理", "协助借阅", &id), 0);
    volunteer_project p;
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.status, "draft");
    assert_string_equal(p.division, "510402001");
    const char *status;
    assert_int_equal(volunteer_project_submit(ctx, id, &status), 0);
    assert_string_equal(status, "pending");
    assert_int_equal(volunteer_project_submit(ctx, id, &status), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    /* not public while pending */
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_project_get(ctx, id, &p), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    volunteer_project *ps;
    assert_int_equal(volunteer_project_list(ctx, "510402", 0, 100, &ps, &n), 0);
    assert_int_equal(n, 1); /* the demo's */
    assert_int_not_equal(ps[0].id, id);
    /* its author, a reviewer of its division, may not decide it */
    tdb_as(t, "13900000003");
    review_item *items;
    assert_int_equal(review_list(ctx, "pending", NULL, 0, 100, &items, &n), 0);
    int64_t item = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(items[i].content_type, "volunteer_project") && items[i].content_id == id)
            item = items[i].id;
    assert_true(item > 0);
    review_item after;
    assert_int_equal(review_decide(ctx, item, "approve", NULL, &after), -1);
    assert_string_equal(ctx->err.code, "own_submission");
    /* the city reviewer decides the city level only */
    tdb_as(t, "13900000004");
    assert_int_equal(review_decide(ctx, item, "approve", NULL, &after), -1);
    assert_string_equal(ctx->err.code, "not_your_level");
    /* another reviewer of 东区 approves the county level, the city reviewer the city one */
    int64_t rid;
    assert_int_equal(
        store_user_create(ctx->c, "13700000009", "审核员", "x", "510402", ctx->now, &rid), WY_OK);
    assert_int_equal(store_role_grant(ctx->c, rid, "reviewer", "510402", 0, ctx->now, &gid), WY_OK);
    tdb_as(t, "13700000009");
    assert_int_equal(review_decide(ctx, item, "approve", NULL, &after), 0);
    tdb_as(t, "13900000004");
    assert_int_equal(review_decide(ctx, item, "approve", NULL, &after), 0);
    assert_string_equal(after.status, "published");
    tdb_as(t, NULL);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.status, "published");
    assert_true(p.published_at > 0);
    assert_int_equal(volunteer_project_list(ctx, "510402", 0, 100, &ps, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(ps[0].id, id); /* newest first */
    tdb_close(t);
}

/* A volunteer changes their own profile: checked as at registration, nothing kept of a
 * refusal, the change audited with the fields that changed; without a profile, nothing. */
static void test_profile_update(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t id;
    volunteer v;
    new_citizen(t, "13700000004");
    volunteer_input in = adult("1988-05-01");
    assert_int_equal(volunteer_update(ctx, &in), -1);
    assert_string_equal(ctx->err.code, "not_registered");
    assert_int_equal(volunteer_register(ctx, &in, &id), 0);
    const char *const skills[] = {"library", "children"};
    const char *const areas[] = {"510402002", "510402"};
    in.skills = skills;
    in.nskills = 2;
    in.areas = areas;
    in.nareas = 2;
    in.availability = "工作日晚上";
    assert_int_equal(volunteer_update(ctx, &in), 0);
    assert_int_equal(volunteer_me(ctx, &v), 0);
    assert_int_equal(v.id, id);
    assert_string_equal(v.skills, ",library,children,");
    assert_string_equal(v.areas, ",510402002,510402,");
    assert_string_equal(v.division, "510402002");
    assert_string_equal(v.availability, "工作日晚上");
    assert_string_equal(v.real_name, "李志愿");
    db_stmt *st = db_query(ctx->c,
                           "SELECT reason FROM audit_log WHERE action = 'volunteer.update'"
                           " AND object_id = ?",
                           "i", id);
    assert_int_equal(db_step(st), 1);
    assert_string_equal(db_col_text(st, 0), "skills,availability,areas");
    db_done(st);
    /* a refusal changes nothing */
    const char *const unknown[] = {"juggling"};
    in.skills = unknown;
    in.nskills = 1;
    assert_int_equal(volunteer_update(ctx, &in), -1);
    assert_string_equal(ctx->err.code, "bad_skill");
    in = adult("2015-03-01"); /* a birth date that makes a minor needs the consent */
    assert_int_equal(volunteer_update(ctx, &in), -1);
    assert_string_equal(ctx->err.code, "guardian_consent_required");
    assert_int_equal(volunteer_me(ctx, &v), 0);
    assert_string_equal(v.skills, ",library,children,");
    assert_string_equal(v.birth_date, "1988-05-01");
    assert_null(v.guardian_name);
    tdb_close(t);
}

static int64_t audits(tdb *t, const char *action, int64_t id, const char *reason)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c,
                                            "SELECT count(*) FROM audit_log WHERE action = ?"
                                            " AND object_id = ? AND reason = ?",
                                            "tit", action, id, reason),
                                   &v),
                     WY_OK);
    return v;
}

/* An organisation or team changed by the coordinators of its division only, checked as at
 * creation, what is left out kept, audited with the fields that changed. */
static void test_org_update(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    volunteer_org *os;
    size_t n;
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_list(ctx, "510402001", 0, 10, &os, &n), 0);
    assert_int_equal(n, 1); /* the demo's team */
    int64_t team = os[0].id;
    const char *desc = os[0].description;
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_org_update(ctx, team, "新名字", NULL), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    /* nor a coordinator of another district */
    int64_t uid, gid;
    assert_int_equal(
        store_user_create(ctx->c, "13700000081", "西区协调员", "x", "510403", ctx->now, &uid),
        WY_OK);
    assert_int_equal(
        store_role_grant(ctx->c, uid, "volunteer_coordinator", "510403", 0, ctx->now, &gid), WY_OK);
    tdb_as(t, "13700000081");
    assert_int_equal(volunteer_org_update(ctx, team, "新名字", NULL), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_update(ctx, team, "", NULL), -1);
    assert_string_equal(ctx->err.code, "bad_name");
    assert_int_equal(volunteer_org_update(ctx, 999999, "新名字", NULL), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    volunteer_org o;
    assert_int_equal(volunteer_org_get(ctx, team, &o), 0);
    assert_string_equal(o.name, "大渡口街道文化志愿服务队");
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_update(ctx, team, "大渡口街道青年文化志愿服务队", NULL), 0);
    assert_int_equal(volunteer_org_get(ctx, team, &o), 0);
    assert_string_equal(o.name, "大渡口街道青年文化志愿服务队");
    assert_string_equal(o.description, desc);
    assert_true(o.parent_id > 0);
    assert_int_equal(audits(t, "volunteer_org.update", team, "name"), 1);
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_update(ctx, team, NULL, "驻站服务"), 0);
    assert_int_equal(volunteer_org_get(ctx, team, &o), 0);
    assert_string_equal(o.name, "大渡口街道青年文化志愿服务队");
    assert_string_equal(o.description, "驻站服务");
    assert_int_equal(audits(t, "volunteer_org.update", team, "description"), 1);
    /* what the coordinator manages: the organisations of 东区 only */
    assert_int_equal(volunteer_org_managed(ctx, 100, &os, &n), 0);
    assert_int_equal(n, 2);
    tdb_close(t);
}

/* A draft or rejected project changed in place; a pending or published one refused (409
 * bad_state); whoever changed it never decides it. */
static void test_project_update(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    volunteer_org *os;
    size_t n;
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_list(ctx, "510402001", 0, 10, &os, &n), 0);
    int64_t org = os[0].id, id;
    assert_int_equal(volunteer_project_create(ctx, org, "周末讲解", "原来的介绍", &id), 0);
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_project_update(ctx, id, "改了", NULL), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND); /* a draft does not exist for them */
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_project_update(ctx, id, "", NULL), -1);
    assert_string_equal(ctx->err.code, "bad_title");
    volunteer_project p;
    assert_int_equal(volunteer_project_update(ctx, id, NULL, "新的介绍"), 0);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.title, "周末讲解");
    assert_string_equal(p.description, "新的介绍");
    assert_string_equal(p.status, "draft");
    assert_int_equal(audits(t, "volunteer_project.update", id, "description"), 1);
    /* the reviewer of 东区, also a coordinator there, changes it: they may not decide it */
    account u;
    int64_t gid;
    assert_int_equal(store_user_by_phone(ctx->c, ctx->a, "13900000003", &u), WY_OK);
    assert_int_equal(
        store_role_grant(ctx->c, u.id, "volunteer_coordinator", "510402", 0, ctx->now, &gid),
        WY_OK);
    assert_int_equal(store_org_coordinator_add(ctx->c, os[0].parent_id, u.id, 0, ctx->now), WY_OK);
    tdb_as(t, "13900000003");
    assert_int_equal(volunteer_project_update(ctx, id, "周末文物讲解", NULL), 0);
    tdb_as(t, COORDINATOR);
    const char *status;
    assert_int_equal(volunteer_project_submit(ctx, id, &status), 0);
    assert_string_equal(status, "pending");
    /* pending: not changed under the reviewers */
    assert_int_equal(volunteer_project_update(ctx, id, "再改", NULL), -1);
    assert_string_equal(ctx->err.code, "under_review");
    assert_int_equal(ctx->err.cls, E_CONFLICT);
    review_item *items;
    tdb_as(t, "13900000003");
    assert_int_equal(review_list(ctx, "pending", NULL, 0, 100, &items, &n), 0);
    int64_t item = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(items[i].content_type, "volunteer_project") && items[i].content_id == id)
            item = items[i].id;
    assert_true(item > 0);
    review_item after;
    assert_int_equal(review_decide(ctx, item, "approve", NULL, &after), -1);
    assert_string_equal(ctx->err.code, "own_submission");
    /* rejected by another reviewer of 东区: changed again, in place */
    int64_t rid;
    assert_int_equal(
        store_user_create(ctx->c, "13700000082", "审核员", "x", "510402", ctx->now, &rid), WY_OK);
    assert_int_equal(store_role_grant(ctx->c, rid, "reviewer", "510402", 0, ctx->now, &gid), WY_OK);
    tdb_as(t, "13700000082");
    assert_int_equal(review_decide(ctx, item, "reject", "请写明服务时间", &after), 0);
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_project_update(ctx, id, NULL, "每周六上午九点到十二点"), 0);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.status, "rejected");
    assert_string_equal(p.title, "周末文物讲解");
    /* published: refused */
    assert_int_equal(volunteer_project_submit(ctx, id, &status), 0);
    tdb_as(t, "13700000082");
    assert_int_equal(review_list(ctx, "pending", NULL, 0, 100, &items, &n), 0);
    item = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(items[i].content_type, "volunteer_project") && items[i].content_id == id)
            item = items[i].id;
    assert_true(item > 0);
    assert_int_equal(review_decide(ctx, item, "approve", NULL, &after), 0);
    tdb_as(t, "13900000004");
    assert_int_equal(review_decide(ctx, item, "approve", NULL, &after), 0);
    assert_string_equal(after.status, "published");
    /* published: a change is a revision, and the project stays as approved */
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_project_update(ctx, id, "周末文物讲解", NULL), -1);
    assert_string_equal(ctx->err.code, "nothing_to_change");
    assert_int_equal(volunteer_project_update(ctx, id, "再改", NULL), 0);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.title, "周末文物讲解");
    assert_string_equal(p.status, "published");
    /* the coordinator's projects of every state */
    volunteer_project *ps;
    assert_int_equal(volunteer_project_create(ctx, org, "草稿项目", "", &id), 0);
    assert_int_equal(volunteer_project_managed(ctx, 100, &ps, &n), 0);
    int drafts = 0, published = 0;
    for (size_t i = 0; i < n; i++) {
        drafts += !strcmp(ps[i].status, "draft");
        published += !strcmp(ps[i].status, "published");
        assert_int_equal(strncmp(ps[i].division, "510402", 6), 0);
    }
    assert_int_equal(drafts, 1);
    assert_int_equal(published, 2);
    tdb_close(t);
}

/* The review item of content, pending, or 0. */
static int64_t pending_item(wy_ctx *ctx, const char *type, int64_t content_id)
{
    review_item it;
    int rc = store_review_item_by_content(ctx->c, ctx->a, type, content_id, &it);
    assert_true(rc == WY_OK || rc == WY_NOTFOUND);
    return rc == WY_OK && !strcmp(it.status, "pending") ? it.id : 0;
}

/* Through both levels of the chain (东区's reviewer, then the city's). */
static void approve_both(tdb *t, int64_t item, const char *county_reviewer)
{
    review_item after;
    tdb_as(t, county_reviewer);
    assert_int_equal(review_decide(&t->ctx, item, "approve", NULL, &after), 0);
    tdb_as(t, "13900000004");
    assert_int_equal(review_decide(&t->ctx, item, "approve", NULL, &after), 0);
    assert_string_equal(after.status, "published");
}

static void test_project_withdraw_and_revision(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    volunteer_org *os;
    size_t n;
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_org_list(ctx, "510402001", 0, 10, &os, &n), 0);
    int64_t org = os[0].id, id, rid, gid;
    assert_int_equal(
        store_user_create(ctx->c, "13700000083", "审核员", "x", "510402", ctx->now, &rid), WY_OK);
    assert_int_equal(store_role_grant(ctx->c, rid, "reviewer", "510402", 0, ctx->now, &gid), WY_OK);
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_project_create(ctx, org, "馆内引导", "周末上午", &id), 0);
    /* a draft is not withdrawn; a pending one goes back to draft and is changed */
    assert_int_equal(volunteer_project_withdraw(ctx, id), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    const char *status;
    assert_int_equal(volunteer_project_submit(ctx, id, &status), 0);
    assert_string_equal(status, "pending");
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_project_withdraw(ctx, id), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_project_withdraw(ctx, id), 0);
    volunteer_project p;
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.status, "draft");
    assert_int_equal(pending_item(ctx, "volunteer_project", id), 0);
    assert_int_equal(volunteer_project_update(ctx, id, "馆内引导服务", NULL), 0);
    assert_int_equal(volunteer_project_submit(ctx, id, &status), 0);
    tdb_as(t, "13700000083");
    int64_t item = pending_item(ctx, "volunteer_project", id);
    assert_true(item > 0);
    approve_both(t, item, "13700000083");

    /* a change of the published project waits for review; the public sees what was approved */
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_project_update(ctx, id, "馆内引导（改）", "周末全天"), 0);
    assert_int_equal(volunteer_project_update(ctx, id, NULL, "又改"), -1);
    assert_string_equal(ctx->err.code, "revision_pending");
    volunteer_project_revision r;
    int64_t review_id;
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_int_equal(project_revision_pending(ctx, &p, &r, &review_id), 1);
    assert_true(review_id > 0);
    assert_int_equal(r.fields, PROJECT_REV_TITLE | PROJECT_REV_DESCRIPTION);
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.title, "馆内引导服务");
    assert_string_equal(p.description, "周末上午");
    int64_t none;
    assert_int_equal(project_revision_pending(ctx, &p, &r, &none), 0);
    /* its author never decides it, even as a reviewer */
    account u;
    assert_int_equal(store_user_by_phone(ctx->c, ctx->a, COORDINATOR, &u), WY_OK);
    assert_int_equal(store_role_grant(ctx->c, u.id, "reviewer", "510402", 0, ctx->now, &gid),
                     WY_OK);
    tdb_as(t, COORDINATOR);
    review_item after;
    assert_int_equal(review_decide(ctx, review_id, "approve", NULL, &after), -1);
    assert_string_equal(ctx->err.code, "own_submission");
    /* rejected: the project is as it was, and a new change may be proposed */
    tdb_as(t, "13700000083");
    assert_int_equal(review_decide(ctx, review_id, "reject", "标题不清楚", &after), 0);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.title, "馆内引导服务");
    assert_string_equal(p.description, "周末上午");
    assert_string_equal(p.status, "published");
    assert_int_equal(project_revision_pending(ctx, &p, &r, &none), 0);
    tdb_as(t, COORDINATOR);
    assert_int_equal(volunteer_project_update(ctx, id, NULL, "周六周日全天"), 0);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_int_equal(project_revision_pending(ctx, &p, &r, &review_id), 1);
    assert_int_equal(r.fields, PROJECT_REV_DESCRIPTION);
    /* approved at both levels: visible to everyone */
    tdb_as(t, "13700000083");
    review_item at1;
    assert_int_equal(review_decide(ctx, review_id, "approve", NULL, &at1), 0);
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.description, "周末上午"); /* one level is not the last */
    tdb_as(t, "13900000004");
    assert_int_equal(review_decide(ctx, review_id, "approve", NULL, &after), 0);
    assert_string_equal(after.status, "published");
    tdb_as(t, CITIZEN);
    assert_int_equal(volunteer_project_get(ctx, id, &p), 0);
    assert_string_equal(p.description, "周六周日全天");
    assert_string_equal(p.title, "馆内引导服务");
    assert_int_equal(audits(t, "volunteer_project.revision_apply", id, "description"), 1);
    assert_int_equal(audits(t, "volunteer_project.revision_discard", id, "rejected"), 1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coordinator_and_teams),
        cmocka_unit_test(test_minor_needs_consent),
        cmocka_unit_test(test_profile_checks),
        cmocka_unit_test(test_staff_list),
        cmocka_unit_test(test_project_review_chain),
        cmocka_unit_test(test_profile_update),
        cmocka_unit_test(test_org_update),
        cmocka_unit_test(test_project_update),
        cmocka_unit_test(test_project_withdraw_and_revision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
