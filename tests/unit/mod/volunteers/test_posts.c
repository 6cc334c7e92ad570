/* Tests of posts at venues, pairings and insurance on a database (both backends): a post's
 * checks and who writes it; offers pending, accepted or declined by a coordinator and never by
 * their own volunteer, one live offer per volunteer and post, withdrawal of a pending one, a
 * closed post taking no offers and declining those pending; the volunteer told of a decision;
 * pairings created and ended; a project's insurance with its policy number for coordinators
 * only; and the demo, which a second run leaves as it is. */
#include "testlib.h"

#include "db/store_util.h"
#include "mod/volunteers/posts.h"

#define COORDINATOR "13900000021" /* volunteer_coordinator of 东区 (demo_volunteers.c) */
#define CITY_ADMIN  "13900000001"
#define CITIZEN     "13800000006"

static int64_t count(tdb *t, const char *sql, int64_t arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "i", arg), &v), WY_OK);
    return v;
}

/* A venue of 东区 (the demo's). */
static int64_t east_venue(tdb *t)
{
    post_venue *vs;
    size_t n;
    assert_int_equal(store_post_venues(t->ctx.c, t->ctx.a, "510402", 1, &vs, &n), WY_OK);
    assert_int_equal(n, 1);
    return vs[0].id;
}

/* A registered adult volunteer (made directly); ctx acts as them. */
static int64_t new_volunteer(tdb *t, const char *phone)
{
    int64_t uid, vid;
    account u;
    if (store_user_by_phone(t->ctx.c, t->ctx.a, phone, &u) == WY_OK)
        uid = u.id;
    else
        assert_int_equal(
            store_user_create(t->ctx.c, phone, "志愿者", "x", "510402001", t->ctx.now, &uid),
            WY_OK);
    volunteer v = {.user_id = uid,
                   .real_name = "王小明",
                   .birth_date = "1990-01-01",
                   .skills = ",guide,",
                   .availability = "周末",
                   .areas = ",510402001,",
                   .division = "510402001"};
    assert_int_equal(store_volunteer_create(t->ctx.c, &v, t->ctx.now, &vid), WY_OK);
    tdb_as(t, phone);
    return vid;
}

static int64_t new_post(tdb *t, int64_t venue, const char *title)
{
    static const char *const skills[] = {"guide", "usher"};
    tdb_as(t, COORDINATOR);
    post_input in = {.venue_id = venue,
                     .title = title,
                     .description = "测试",
                     .schedule = "每周六上午",
                     .wanted = 2,
                     .skills = skills,
                     .nskills = 2};
    int64_t id;
    assert_int_equal(post_create(&t->ctx, &in, &id), 0);
    return id;
}

static void test_post_rules(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t venue = east_venue(t), id;
    static const char *const bad_skill[] = {"juggling"};
    post_input in = {.venue_id = venue, .title = "图书管理员", .wanted = 3};
    /* nobody without volunteers_manage over the venue's division */
    tdb_as(t, CITIZEN);
    assert_int_equal(post_create(&t->ctx, &in, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    post_input bad = in;
    bad.title = "";
    assert_int_equal(post_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_title");
    tdb_as(t, COORDINATOR);
    bad = in;
    bad.wanted = 101;
    assert_int_equal(post_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.field, "wanted");
    tdb_as(t, COORDINATOR);
    bad = in;
    bad.skills = bad_skill;
    bad.nskills = 1;
    assert_int_equal(post_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_skill");
    tdb_as(t, COORDINATOR);
    bad = in;
    bad.venue_id = 999999;
    assert_int_equal(post_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "unknown_venue");
    tdb_as(t, COORDINATOR);
    char *long_desc = test_malloc(2002 * 3 + 1);
    long_desc[0] = 0;
    for (int i = 0; i < 2001; i++)
        strcat(long_desc, "讲");
    bad = in;
    bad.description = long_desc;
    assert_int_equal(post_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_description");
    test_free(long_desc);
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_create(&t->ctx, &in, &id), 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'volunteer_post.create'"
                           " AND object_id = ?",
                           id),
                     1);
    /* anyone lists it, by the subtree and by the venue */
    tdb_as(t, NULL);
    volunteer_post *ps;
    size_t n;
    assert_int_equal(post_list(&t->ctx, "510402", 0, 0, 0, 100, &ps, &n), 0);
    size_t found = 0;
    for (size_t i = 0; i < n; i++)
        found += ps[i].id == id;
    assert_int_equal(found, 1);
    assert_int_equal(post_list(&t->ctx, NULL, venue, 0, 0, 100, &ps, &n), 0);
    assert_true(n >= 1);
    assert_int_equal(post_list(&t->ctx, "510403", 0, 0, 0, 100, &ps, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(ps[i].id != id);
    /* closed: out of the public list, audited, closed twice refused */
    tdb_as(t, CITIZEN);
    assert_int_equal(post_close(&t->ctx, id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_close(&t->ctx, id), 0);
    assert_int_equal(post_close(&t->ctx, id), -1);
    assert_string_equal(t->ctx.err.code, "closed");
    tdb_as(t, NULL);
    assert_int_equal(post_list(&t->ctx, NULL, venue, 0, 0, 100, &ps, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(ps[i].id != id);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'volunteer_post.close'"
                           " AND object_id = ?",
                           id),
                     1);
    tdb_close(t);
}

static void test_offers(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t venue = east_venue(t);
    int64_t post = new_post(t, venue, "讲解员（测试）");
    int64_t app, app2;
    /* not registered */
    tdb_as(t, CITIZEN);
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    new_volunteer(t, "13800009001");
    assert_int_equal(post_apply(&t->ctx, post, "周六有空", &app), 0);
    /* one live offer per volunteer and post */
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app2), -1);
    assert_string_equal(t->ctx.err.code, "duplicate");
    /* the volunteer decides nothing; a citizen reads nobody's offer */
    assert_int_equal(post_decide(&t->ctx, app, 1), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITIZEN);
    post_application g;
    assert_int_equal(post_application_get(&t->ctx, app, &g), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_int_equal(post_withdraw(&t->ctx, app), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    /* accepted by the coordinator, told */
    tdb_as(t, COORDINATOR);
    post_application *gs;
    size_t n;
    assert_int_equal(post_applications(&t->ctx, post, 1, &gs, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(gs[0].real_name, "王小明");
    assert_int_equal(post_decide(&t->ctx, app, 1), 0);
    assert_int_equal(post_decide(&t->ctx, app, 0), -1);
    assert_string_equal(t->ctx.err.code, "not_pending");
    assert_int_equal(
        count(t,
              "SELECT count(*) FROM notifications WHERE kind = 'volunteer.post_accepted'"
              " AND subject_id = ?",
              app),
        1);
    assert_int_equal(post_accepted(&t->ctx, post, &gs, &n), 0);
    assert_int_equal(n, 1);
    volunteer_post p;
    assert_int_equal(post_get(&t->ctx, post, &p), 0);
    assert_int_equal(p.accepted, 1);
    /* still live when accepted: no second offer; an accepted one is not withdrawn */
    tdb_as(t, "13800009001");
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app2), -1);
    assert_string_equal(t->ctx.err.code, "duplicate");
    tdb_as(t, "13800009001");
    assert_int_equal(post_withdraw(&t->ctx, app), -1);
    assert_string_equal(t->ctx.err.code, "not_pending");
    /* another volunteer withdraws a pending offer, then offers again */
    new_volunteer(t, "13800009002");
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app2), 0);
    assert_int_equal(post_withdraw(&t->ctx, app2), 0);
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app2), 0);
    /* declined, told */
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_decide(&t->ctx, app2, 0), 0);
    assert_int_equal(
        count(t,
              "SELECT count(*) FROM notifications WHERE kind = 'volunteer.post_declined'"
              " AND subject_id = ?",
              app2),
        1);
    tdb_close(t);
}

static void test_own_offer_and_closed_post(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t venue = east_venue(t);
    int64_t post = new_post(t, venue, "引导员（测试）");
    int64_t app, pending;
    /* the coordinator, registered as a volunteer, offers: they never decide it themselves */
    new_volunteer(t, COORDINATOR);
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app), 0);
    assert_int_equal(post_decide(&t->ctx, app, 1), -1);
    assert_string_equal(t->ctx.err.code, "own_application");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(post_decide(&t->ctx, app, 1), 0);
    /* closing declines what is pending and tells them; a closed post takes no offers */
    new_volunteer(t, "13800009003");
    assert_int_equal(post_apply(&t->ctx, post, NULL, &pending), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(post_close(&t->ctx, post), 0);
    post_application g;
    assert_int_equal(post_application_get(&t->ctx, pending, &g), 0);
    assert_string_equal(g.status, "declined");
    assert_int_equal(post_application_get(&t->ctx, app, &g), 0);
    assert_string_equal(g.status, "accepted");
    assert_int_equal(
        count(t,
              "SELECT count(*) FROM notifications WHERE kind = 'volunteer.post_declined'"
              " AND subject_id = ?",
              pending),
        1);
    new_volunteer(t, "13800009004");
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app), -1);
    assert_string_equal(t->ctx.err.code, "closed");
    tdb_close(t);
}

static void test_pairings(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t venue = east_venue(t), id;
    volunteer_org *os;
    size_t no;
    assert_int_equal(store_volunteer_org_list(t->ctx.c, t->ctx.a, "510402", 0, 10, &os, &no),
                     WY_OK);
    assert_true(no >= 1);
    int64_t org = os[0].id;
    tdb_as(t, CITIZEN);
    assert_int_equal(pairing_create(&t->ctx, org, venue, "2026-03-01", NULL, NULL, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(pairing_create(&t->ctx, org, venue, "2026-02-30", NULL, NULL, &id), -1);
    assert_string_equal(t->ctx.err.field, "starts_on");
    tdb_as(t, COORDINATOR);
    assert_int_equal(pairing_create(&t->ctx, org, venue, "2026-03-01", "2026-02-01", NULL, &id),
                     -1);
    assert_string_equal(t->ctx.err.field, "ends_on");
    tdb_as(t, COORDINATOR);
    assert_int_equal(pairing_create(&t->ctx, 999999, venue, "2026-03-01", NULL, NULL, &id), -1);
    assert_string_equal(t->ctx.err.code, "unknown_org");
    tdb_as(t, COORDINATOR);
    assert_int_equal(pairing_create(&t->ctx, org, venue, "2026-03-01", NULL, "驻馆", &id), 0);
    volunteer_pairing *ps;
    size_t n;
    assert_int_equal(pairing_list(&t->ctx, 0, org, &ps, &n), 0);
    size_t found = 0;
    for (size_t i = 0; i < n; i++)
        found += ps[i].id == id && !ps[i].ends_on;
    assert_int_equal(found, 1);
    assert_int_equal(pairing_end(&t->ctx, id, "2026-02-01"), -1);
    assert_string_equal(t->ctx.err.code, "bad_date");
    tdb_as(t, COORDINATOR);
    assert_int_equal(pairing_end(&t->ctx, id, "2026-06-30"), 0);
    assert_int_equal(pairing_end(&t->ctx, id, "2026-07-30"), -1);
    assert_string_equal(t->ctx.err.code, "ended");
    volunteer_pairing p;
    assert_int_equal(pairing_get(&t->ctx, id, &p), 0);
    assert_string_equal(p.ends_on, "2026-06-30");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE object_type = 'volunteer_pairing'"
                           " AND object_id = ?",
                           id),
                     2);
    tdb_close(t);
}

static void test_insurance(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    volunteer_project *ps;
    size_t n;
    assert_int_equal(
        store_volunteer_project_list(t->ctx.c, t->ctx.a, "510402001", NULL, 0, 10, &ps, &n), WY_OK);
    assert_true(n >= 1);
    int64_t project = ps[0].id;
    project_insurance in = {.insurer = "测试保险公司",
                            .policy_no = "T-001",
                            .cover_from = "2026-01-01",
                            .cover_to = "2026-12-31",
                            .summary = "意外伤害"};
    tdb_as(t, CITIZEN);
    assert_int_equal(insurance_put(&t->ctx, project, &in), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    project_insurance bad = in;
    bad.cover_to = "2025-12-31";
    assert_int_equal(insurance_put(&t->ctx, project, &bad), -1);
    assert_string_equal(t->ctx.err.field, "cover_to");
    tdb_as(t, COORDINATOR);
    bad = in;
    bad.policy_no = NULL;
    assert_int_equal(insurance_put(&t->ctx, project, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_policy_no");
    tdb_as(t, COORDINATOR);
    assert_int_equal(insurance_put(&t->ctx, project, &in), 0);
    in.insurer = "另一家保险公司";
    assert_int_equal(insurance_put(&t->ctx, project, &in), 0);
    project_insurance r;
    assert_int_equal(insurance_get(&t->ctx, project, &r), 1);
    assert_string_equal(r.insurer, "另一家保险公司");
    volunteer_project p;
    assert_int_equal(volunteer_project_get(&t->ctx, project, &p), 0);
    assert_true(insurance_may_see_policy(&t->ctx, &p));
    tdb_as(t, NULL);
    assert_false(insurance_may_see_policy(&t->ctx, &p));
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action ="
                           " 'volunteer_project.insurance' AND object_id = ?",
                           project),
                     3); /* the demo's, and these two */
    tdb_close(t);
}

static void test_demo_posts(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t posts = count(t, "SELECT count(*) FROM volunteer_posts WHERE ? > 0", 1);
    int64_t pairings = count(t, "SELECT count(*) FROM volunteer_pairings WHERE ? > 0", 1);
    int64_t insured = count(t, "SELECT count(*) FROM volunteer_project_insurance WHERE ? > 0", 1);
    assert_int_equal(posts, 1);
    assert_int_equal(pairings, 1);
    assert_int_equal(insured, 1);
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM volunteer_posts WHERE ? > 0", 1), posts);
    assert_int_equal(count(t, "SELECT count(*) FROM volunteer_pairings WHERE ? > 0", 1), pairings);
    assert_int_equal(count(t, "SELECT count(*) FROM volunteer_project_insurance WHERE ? > 0", 1),
                     insured);
    tdb_close(t);
}

/* A post changed (what stays, what changes, the same checks, never under the accepted offers),
 * by its coordinators only and audited with the fields that changed; a closed post reopened,
 * its declined offers left declined. */
static void test_post_update_and_reopen(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t venue = east_venue(t);
    int64_t post = new_post(t, venue, "引导员（测试）"), app;
    static const char *const usher[] = {"usher"};
    post_input in = {.venue_id = venue,
                     .title = "引导员",
                     .description = "测试",
                     .schedule = "每周日上午",
                     .wanted = 2,
                     .skills = usher,
                     .nskills = 1};
    tdb_as(t, CITIZEN);
    assert_int_equal(post_update(&t->ctx, post, &in), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    post_input bad = in;
    bad.title = "";
    assert_int_equal(post_update(&t->ctx, post, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_title");
    tdb_as(t, COORDINATOR);
    bad = in;
    bad.wanted = 0;
    assert_int_equal(post_update(&t->ctx, post, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_wanted");
    volunteer_post p;
    assert_int_equal(post_get(&t->ctx, post, &p), 0);
    assert_string_equal(p.title, "引导员（测试）"); /* a refusal changes nothing */
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_update(&t->ctx, post, &in), 0);
    assert_int_equal(post_get(&t->ctx, post, &p), 0);
    assert_string_equal(p.title, "引导员");
    assert_string_equal(p.schedule, "每周日上午");
    assert_string_equal(p.skills, ",usher,");
    assert_string_equal(p.description, "测试");
    assert_int_equal(p.venue_id, venue);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'volunteer_post.update'"
                           " AND object_id = ? AND reason = 'title,schedule,skills'",
                           post),
                     1);
    /* two accepted offers: it cannot want fewer */
    new_volunteer(t, "13700000071");
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app), 0);
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_decide(&t->ctx, app, 1), 0);
    new_volunteer(t, "13700000072");
    assert_int_equal(post_apply(&t->ctx, post, NULL, &app), 0);
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_decide(&t->ctx, app, 1), 0);
    new_volunteer(t, "13700000073");
    int64_t pending;
    assert_int_equal(post_apply(&t->ctx, post, NULL, &pending), 0);
    tdb_as(t, COORDINATOR);
    bad = in;
    bad.wanted = 1;
    assert_int_equal(post_update(&t->ctx, post, &bad), -1);
    assert_string_equal(t->ctx.err.code, "wanted_below_accepted");
    assert_int_equal(t->ctx.err.cls, E_RULE);
    /* reopened: only a closed post, by its coordinators; the declined offer stays declined */
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_reopen(&t->ctx, post), -1);
    assert_string_equal(t->ctx.err.code, "open");
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_close(&t->ctx, post), 0);
    tdb_as(t, CITIZEN);
    assert_int_equal(post_reopen(&t->ctx, post), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_reopen(&t->ctx, post), 0);
    assert_int_equal(post_get(&t->ctx, post, &p), 0);
    assert_string_equal(p.status, "open");
    assert_int_equal(p.accepted, 2);
    post_application g;
    assert_int_equal(post_application_get(&t->ctx, pending, &g), 0);
    assert_string_equal(g.status, "declined");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'volunteer_post.reopen'"
                           " AND object_id = ?",
                           post),
                     1);
    /* a closed post can be changed too */
    tdb_as(t, COORDINATOR);
    assert_int_equal(post_close(&t->ctx, post), 0);
    in.wanted = 4;
    assert_int_equal(post_update(&t->ctx, post, &in), 0);
    assert_int_equal(post_get(&t->ctx, post, &p), 0);
    assert_int_equal(p.wanted, 4);
    assert_string_equal(p.status, "closed");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_post_rules), cmocka_unit_test(test_post_update_and_reopen),
        cmocka_unit_test(test_offers),     cmocka_unit_test(test_own_offer_and_closed_post),
        cmocka_unit_test(test_pairings),   cmocka_unit_test(test_insurance),
        cmocka_unit_test(test_demo_posts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
