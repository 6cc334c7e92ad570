/*
 * sql/0058_content_revisions.sql on a database that has revisions in the tables before it
 * (activity_revisions, volunteer_project_revisions): every revision moves into
 * content_revisions with what it changes, an activity revision with its id, a project
 * revision with a new one that its review item and its authors follow, so that what waited
 * for review before the upgrade is seen, decided and applied after it as before, its proposer
 * still kept from deciding it; new revisions take ids after the moved ones. On both backends.
 */
#include "testlib.h"

#include "core/revision.h"
#include "mod/activities/activity.h"
#include "mod/volunteers/volunteer.h"

#define NOW ((int64_t)1796630400000) /* 2026-12-07T16:00:00+08:00 */

static void run(db *d, const char *sql)
{
    if (db_exec(d, sql) != WY_OK)
        fail_msg("%s: %s", sql, db_errmsg(d));
}

static void decide(tdb *t, int64_t item, const char *phone, const char *want)
{
    review_item it;
    tdb_as(t, phone);
    assert_int_equal(review_decide(&t->ctx, item, "approve", NULL, &it), 0);
    assert_string_equal(it.status, want);
}

static void test_move(void **state)
{
    (void)state;
    tdb *t = tdb_open_before("0058");
    t->ctx.now = NOW;
    db *d = t->ctx.c;
    run(d, "INSERT INTO divisions(code, name, level, parent) VALUES ('51', '四川省', 1, NULL),"
           " ('5104', '攀枝花市', 2, '51'), ('510402', '东区', 3, '5104'),"
           " ('510402001', '东华街道', 4, '510402')");
    /* a proposer, a district and a city reviewer */
    run(d, "INSERT INTO users(id, phone, name, password_hash, division, created_at, updated_at)"
           " VALUES (1002, '13800001002', '主办', 'x', '510402', 0, 0),"
           " (2001, '13800002001', '区审核', 'x', '510402', 0, 0),"
           " (2002, '13800002002', '市审核', 'x', '5104', 0, 0)");
    run(d, "INSERT INTO role_grants(user_id, role, division, created_at) VALUES"
           " (1002, 'reviewer', '510402', 0), (2001, 'reviewer', '510402', 0),"
           " (2002, 'reviewer', '5104', 0)");
    run(d, "INSERT INTO activities(id, title, category, division, description, live_url, status,"
           " created_by, created_at, updated_at) VALUES (501, '社区读书会', 'reading', '510402001',"
           " '旧介绍', 'https://live.example.org/1', 'published', 1002, 0, 0)");
    run(d, "INSERT INTO volunteer_orgs(id, division, name, created_at, updated_at)"
           " VALUES (601, '510402', '东区志愿者协会', 0, 0)");
    run(d, "INSERT INTO volunteer_projects(id, org_id, division, title, description, status,"
           " created_by, created_at, updated_at, published_at) VALUES (701, 601, '510402001',"
           " '馆内引导', '周末上午', 'published', 1002, 0, 0, 1)");
    /* activity revisions 1 (approved long ago) and 2 (pending: a new text, the live link
     * cleared); project revisions 1 (pending: the title, with a quote and a newline) and 2
     * (rejected) */
    run(d, "INSERT INTO activity_revisions(id, activity_id, fields, description, audience,"
           " live_url, replay_url, status, created_by, created_at, decided_at) VALUES"
           " (1, 501, 128, NULL, '亲子家庭', NULL, NULL, 'approved', 1002, 10, 11),"
           " (2, 501, 320, '新介绍 \"好\"', NULL, NULL, NULL, 'pending', 1002, 20, NULL)");
    run(d, "INSERT INTO volunteer_project_revisions(id, project_id, fields, title, description,"
           " status, created_by, created_at, decided_at) VALUES"
           " (1, 701, 1, '馆内引导\n（改）', NULL, 'pending', 1002, 30, NULL),"
           " (2, 701, 3, '被拒', '被拒的', 'rejected', 1002, 5, 6)");
    run(d, "INSERT INTO review_items(id, content_type, content_id, division, title, status, level,"
           " levels, submitted_by, created_at, updated_at) VALUES"
           " (801, 'activity_revision', 1, '510402001', '社区读书会', 'published', 2,"
           " 'county,city', 1002, 10, 11),"
           " (802, 'activity_revision', 2, '510402001', '社区读书会', 'pending', 1,"
           " 'county,city', 1002, 20, 20),"
           " (803, 'volunteer_project_revision', 1, '510402001', '馆内引导（改）', 'pending', 1,"
           " 'county,city', 1002, 30, 30),"
           " (804, 'volunteer_project_revision', 2, '510402001', '被拒', 'rejected', 1,"
           " 'county,city', 1002, 5, 6)");
    run(d, "INSERT INTO review_authors(content_type, content_id, user_id) VALUES"
           " ('activity_revision', 1, 1002), ('activity_revision', 2, 1002),"
           " ('volunteer_project_revision', 1, 1002), ('volunteer_project_revision', 2, 1002)");
    char err[256];
    assert_int_equal(store_migrate(t->st, err, sizeof(err)), WY_OK);

    /* every row moved: the activity's with their ids, the projects' after the largest (2) */
    revision_row row;
    static const struct {
        int64_t id;
        const char *type;
        int64_t target;
        const char *status;
        int64_t created_at, decided_at;
    } want[] = {{1, "activity_revision", 501, "approved", 10, 11},
                {2, "activity_revision", 501, "pending", 20, 0},
                {3, "volunteer_project_revision", 701, "pending", 30, 0},
                {4, "volunteer_project_revision", 701, "rejected", 5, 6}};
    for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
        assert_int_equal(store_revision_get(d, t->ctx.a, want[i].id, &row), WY_OK);
        assert_string_equal(row.content_type, want[i].type);
        assert_int_equal(row.target_id, want[i].target);
        assert_string_equal(row.status, want[i].status);
        assert_int_equal(row.created_by, 1002);
        assert_int_equal(row.created_at, want[i].created_at);
        assert_int_equal(row.decided_at, want[i].decided_at);
    }
    assert_int_equal(store_revision_get(d, t->ctx.a, 5, &row), WY_NOTFOUND);
    /* what they change, as the modules read it */
    revision r;
    tdb_as(t, "13800002001");
    assert_int_equal(revision_get(&t->ctx, &activity_revision_type, 1, &r), 0);
    assert_int_equal(r.fields, AF_AUDIENCE);
    assert_string_equal(r.values[AF_AUDIENCE_BIT], "亲子家庭");
    assert_int_equal(revision_get(&t->ctx, &volunteer_project_revision_type, 4, &r), 0);
    assert_int_equal(r.fields, PROJECT_REV_TITLE | PROJECT_REV_DESCRIPTION);
    assert_string_equal(r.values[0], "被拒");
    assert_string_equal(r.values[1], "被拒的");
    assert_int_equal(revision_get(&t->ctx, &volunteer_project_revision_type, 1, &r), -1);

    /* the pending ones are seen by the reviewers with their review items */
    activity a;
    assert_int_equal(store_activity_get(d, t->ctx.a, 501, &a), WY_OK);
    activity_revision ar;
    int64_t review_id;
    assert_int_equal(activity_revision_pending(&t->ctx, &a, &ar, &review_id), 1);
    assert_int_equal(ar.id, 2);
    assert_int_equal(review_id, 802);
    assert_int_equal(ar.fields, AF_DESCRIPTION | AF_LIVE_URL);
    assert_string_equal(ar.description, "新介绍 \"好\"");
    assert_null(ar.live_url);
    volunteer_project p;
    assert_int_equal(store_volunteer_project_get(d, t->ctx.a, 701, &p), WY_OK);
    volunteer_project_revision pr;
    assert_int_equal(project_revision_pending(&t->ctx, &p, &pr, &review_id), 1);
    assert_int_equal(pr.id, 3);
    assert_int_equal(review_id, 803);
    assert_int_equal(pr.fields, PROJECT_REV_TITLE);
    assert_string_equal(pr.title, "馆内引导\n（改）");
    review_item it;
    assert_int_equal(
        store_review_item_by_content(d, t->ctx.a, "volunteer_project_revision", 4, &it), WY_OK);
    assert_int_equal(it.id, 804);
    assert_int_equal(
        store_review_item_by_content(d, t->ctx.a, "volunteer_project_revision", 1, &it),
        WY_NOTFOUND);

    /* their proposer still never decides them: the authors followed */
    tdb_as(t, "13800001002");
    assert_int_equal(review_decide(&t->ctx, 803, "approve", NULL, NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    assert_int_equal(review_decide(&t->ctx, 802, "approve", NULL, NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");

    /* decided as before: applied */
    decide(t, 803, "13800002001", "pending");
    decide(t, 803, "13800002002", "published");
    assert_int_equal(store_volunteer_project_get(d, t->ctx.a, 701, &p), WY_OK);
    assert_string_equal(p.title, "馆内引导\n（改）");
    assert_string_equal(p.description, "周末上午");
    assert_int_equal(store_revision_get(d, t->ctx.a, 3, &row), WY_OK);
    assert_string_equal(row.status, "approved");
    decide(t, 802, "13800002001", "pending");
    decide(t, 802, "13800002002", "published");
    assert_int_equal(store_activity_get(d, t->ctx.a, 501, &a), WY_OK);
    assert_string_equal(a.description, "新介绍 \"好\"");
    assert_null(a.live_url);

    /* a new revision takes the next id */
    int64_t id;
    row = (revision_row){.content_type = "activity_revision",
                         .target_id = 501,
                         .changes = "{\"audience\":null}",
                         .created_by = 1002};
    assert_int_equal(store_revision_create(d, &row, NOW, &id), WY_OK);
    assert_int_equal(id, 5);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_move),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
