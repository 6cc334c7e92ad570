/*
 * Tests of src/core/rating.c (and store_ratings.c), on both backends, with a subject kind of
 * the test's own: the registry of kinds; who may rate (what the kind's attended() says: 403
 * not_attended with the kind's message, 409 not_ended); one rating a person and subject, a second
 * replacing it and pending again; moderation by the staff who publish over the subject's
 * division, never by its author, once, audited; only approved ratings are listed and averaged,
 * one subject's apart from another's and one kind's apart from another's; and sql/0028 keeping
 * the activities' ratings there were.
 */
#include "testlib.h"

#include "core/audit.h"
#include "core/rating.h"
#include "db/migrate.h"

#define CITIZEN  "13800000006" /* citizen 510402001 */
#define DISTRICT "13900000002" /* district_admin 510402: publishes there */
#define REVIEWER "13900000003" /* reviewer 510402: publishes nowhere */
#define VENUE    "13900000005" /* venue_manager 510402001 */

/* The test's subjects: 1 and 4 in 510402001, 3 in another district, 2 not shown, 5 wherever
 * moved_to says, 9 none. */
static int att_ended, att_upcoming;
static const char *moved_to = "510402001";

static int t_find(wy_ctx *ctx, int64_t id, const char **title, const char **division, int *shown)
{
    (void)ctx;
    if (id < 1 || id > 5)
        return WY_NOTFOUND;
    *title = id == 1 ? "书法入门" : id == 4 ? "国画入门" : "别处的课";
    *division = id == 3 ? "510411001" : id == 5 ? moved_to : "510402001";
    *shown = id != 2;
    return WY_OK;
}

static int t_attended(wy_ctx *ctx, int64_t id, int64_t user_id, int *ended, int *upcoming)
{
    (void)ctx, (void)id, (void)user_id;
    *ended = att_ended;
    *upcoming = att_upcoming;
    return WY_OK;
}

static const rating_subject kind_t = {
    "test", "/tests/%lld", t_find, t_attended, "Only those who came may rate it.", "Not over yet."};
static const rating_subject kind_u = {"test2", NULL, t_find, t_attended, "no", "not yet"};

static void test_registry(void **state)
{
    (void)state;
    static const rating_subject same_name = {"test", NULL, t_find, t_attended, "x", "y"};
    static const rating_subject no_find = {"nofind", NULL, NULL, t_attended, "x", "y"};
    assert_int_equal(rating_subject_register(&kind_t), 0); /* again: nothing happens */
    assert_int_equal(rating_subject_register(&same_name), -1);
    assert_int_equal(rating_subject_register(&no_find), -1);
    assert_int_equal(rating_subject_register(NULL), -1);
    assert_ptr_equal(rating_subject_of("test"), &kind_t);
    assert_ptr_equal(rating_subject_of("test2"), &kind_u);
    assert_null(rating_subject_of("nope"));
    assert_null(rating_subject_of(NULL));
}

static void test_who_may_rate(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    rating r;
    int replaced = 0;
    tdb_as(t, NULL);
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 5, NULL, &r, &replaced), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    tdb_as(t, CITIZEN);
    att_ended = att_upcoming = 0;
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 5, NULL, &r, &replaced), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_string_equal(t->ctx.err.code, "not_attended");
    assert_string_equal(t->ctx.err.message, "Only those who came may rate it.");
    assert_false(rating_may_rate(&t->ctx, "test", 1));
    att_upcoming = 1;
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 5, NULL, &r, &replaced), -1);
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    assert_string_equal(t->ctx.err.code, "not_ended");
    assert_false(rating_may_rate(&t->ctx, "test", 1));
    att_ended = 1;
    assert_true(rating_may_rate(&t->ctx, "test", 1));
    assert_false(rating_may_rate(&t->ctx, "nope", 1));
    /* what is not there, or not shown, or of no kind: 404 */
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "test", 2, 5, NULL, &r, &replaced), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "test", 9, 5, NULL, &r, &replaced), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "nope", 1, 5, NULL, &r, &replaced), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    /* bad input */
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 0, NULL, &r, &replaced), -1);
    assert_string_equal(t->ctx.err.code, "bad_score");
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 6, NULL, &r, &replaced), -1);
    assert_string_equal(t->ctx.err.code, "bad_score");
    char long_comment[3 * 501 + 1] = "";
    for (int i = 0; i < 501; i++)
        strcat(long_comment, "长");
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 3, long_comment, &r, &replaced), -1);
    assert_string_equal(t->ctx.err.code, "bad_comment");
    tdb_close(t);
}

static void test_rate_moderate_average(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    att_ended = 1, att_upcoming = 0;
    rating r, r2;
    int replaced = -1;
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 3, "还行", &r, &replaced), 0);
    assert_false(replaced);
    assert_string_equal(r.kind, "test");
    assert_int_equal(r.subject_id, 1);
    assert_string_equal(r.division, "510402001");
    assert_string_equal(r.subject_title, "书法入门");
    assert_string_equal(r.status, "pending");
    assert_true(rating_own(t->ctx.who, &r));
    assert_string_equal(rating_subject_href(&t->ctx, &r), "/tests/1");
    /* again: the same rating, replaced */
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 5, "很好", &r2, &replaced), 0);
    assert_true(replaced);
    assert_int_equal(r2.id, r.id);
    assert_int_equal(r2.score, 5);
    /* the same id of another kind is another subject */
    rating other;
    assert_int_equal(rating_submit(&t->ctx, "test2", 1, 1, NULL, &other, &replaced), 0);
    assert_false(replaced);
    assert_int_not_equal(other.id, r.id);

    rating_summary s;
    assert_int_equal(rating_summary_of(&t->ctx, "test", 1, &s), 0);
    assert_int_equal(s.count, 0); /* not approved yet */
    rating *list;
    size_t n;
    assert_int_equal(rating_list_public(&t->ctx, "test", 1, 0, 20, &list, &n), 0);
    assert_int_equal(n, 0);

    /* the author never decides; someone who publishes nowhere neither */
    tdb_as(t, REVIEWER);
    assert_int_equal(rating_decide(&t->ctx, r.id, "approve", NULL, &r2), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, REVIEWER);
    assert_int_equal(rating_queue(&t->ctx, NULL, 0, 50, &list, &n), -1);
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_queue(&t->ctx, NULL, 0, 50, &list, &n), 0);
    assert_int_equal(n, 2); /* both kinds */
    assert_string_equal(list[0].kind, "test2");
    assert_string_equal(list[1].subject_title, "书法入门");
    assert_int_equal(rating_decide(&t->ctx, r.id, "maybe", NULL, &r2), -1);
    assert_string_equal(t->ctx.err.code, "bad_decision");
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_decide(&t->ctx, r.id, "reject", NULL, &r2), -1);
    assert_string_equal(t->ctx.err.code, "reason_required");
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_decide(&t->ctx, r.id, "approve", NULL, &r2), 0);
    assert_string_equal(r2.status, "approved");
    assert_string_equal(r2.subject_title, "书法入门");
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_decide(&t->ctx, r.id, "approve", NULL, &r2), -1);
    assert_string_equal(t->ctx.err.code, "already_decided");
    audit_entry *trail;
    size_t ntrail;
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)r.id);
    assert_int_equal(
        store_audit_list(t->ctx.c, t->ctx.a, "rating", oid, NULL, 0, 10, &trail, &ntrail), WY_OK);
    assert_int_equal(ntrail, 1);
    assert_string_equal(trail[0].action, "rating.approve");

    /* the venue manager rates subject 4 and may not decide it; the district rejects it */
    tdb_as(t, VENUE);
    rating v;
    assert_int_equal(rating_submit(&t->ctx, "test", 4, 1, "差", &v, &replaced), 0);
    assert_int_equal(rating_decide(&t->ctx, v.id, "approve", NULL, &r2), -1);
    assert_string_equal(t->ctx.err.code, "own_rating");
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_decide(&t->ctx, v.id, "reject", "无关内容", &r2), 0);
    assert_string_equal(r2.reason, "无关内容");
    /* the citizen's approved 5 and the district's own 4 on subject 1 */
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 4, NULL, &r2, &replaced), 0);
    tdb_as(t, VENUE); /* publishes over 510402001: moderates there */
    assert_int_equal(rating_decide(&t->ctx, r2.id, "approve", NULL, &r2), 0);
    assert_int_equal(rating_summary_of(&t->ctx, "test", 1, &s), 0);
    assert_int_equal(s.count, 2);
    assert_true(s.average > 4.49 && s.average < 4.51);
    assert_int_equal(rating_list_public(&t->ctx, "test", 1, 0, 20, &list, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].subject_title, "书法入门");
    int64_t ids[] = {4, 1, 3};
    rating_summary many[3];
    assert_int_equal(rating_summaries(&t->ctx, "test", ids, 3, many), 0);
    assert_int_equal(many[0].count, 0); /* rejected */
    assert_int_equal(many[1].count, 2);
    assert_int_equal(many[2].count, 0);
    assert_int_equal(rating_summaries(&t->ctx, "test2", ids, 3, many), 0);
    assert_int_equal(many[1].count, 0); /* pending */

    /* rated again after approval: pending again, out of the average until decided */
    tdb_as(t, CITIZEN);
    assert_int_equal(rating_submit(&t->ctx, "test", 1, 1, NULL, &r2, &replaced), 0);
    assert_true(replaced);
    assert_string_equal(r2.status, "pending");
    assert_int_equal(rating_summary_of(&t->ctx, "test", 1, &s), 0);
    assert_int_equal(s.count, 1);

    /* another district's subject: not in this district's queue, nor decided by it */
    rating far;
    assert_int_equal(rating_submit(&t->ctx, "test", 3, 2, NULL, &far, &replaced), 0);
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_queue(&t->ctx, "pending", 0, 50, &list, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_not_equal(list[i].id, far.id);
    assert_int_equal(rating_decide(&t->ctx, far.id, "approve", NULL, &r2), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);

    /* a subject that moved to another district since it was rated: decided there, not here */
    tdb_as(t, CITIZEN);
    rating moved;
    assert_int_equal(rating_submit(&t->ctx, "test", 5, 3, NULL, &moved, &replaced), 0);
    assert_string_equal(moved.division, "510402001");
    moved_to = "510411001";
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_decide(&t->ctx, moved.id, "approve", NULL, &r2), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    moved_to = "510402001";
    tdb_as(t, DISTRICT);
    assert_int_equal(rating_decide(&t->ctx, moved.id, "approve", NULL, &r2), 0);
    tdb_close(t);
}

/* ---- sql/0028 on the activities' ratings there were ---- */

static void run(db *d, const char *sql)
{
    if (db_exec(d, sql) != WY_OK)
        fail_msg("%s: %s", sql, db_errmsg(d));
}

static void test_migration_keeps_ratings(void **state)
{
    (void)state;
    tdb *t = tdb_open_before("0028");
    t->ctx.now = 1;
    db *d = t->ctx.c;
    char err[256];
    run(d, "INSERT INTO divisions(code, name, level, parent) VALUES ('51', '四川省', 1, NULL),"
           " ('5104', '攀枝花市', 2, '51'), ('510402', '东区', 3, '5104'),"
           " ('510402001', '东华街道', 4, '510402')");
    run(d, "INSERT INTO users(id, phone, name, password_hash, division, created_at, updated_at)"
           " VALUES (1001, '13800001001', '读者', 'x', '510402001', 0, 0),"
           " (1002, '13800001002', '主办', 'x', '510402', 0, 0)");
    run(d, "INSERT INTO activities(id, title, category, division, status, created_by, created_at,"
           " updated_at) VALUES (1001, '社区读书会', 'reading', '510402001', 'published', 1002,"
           " 0, 0)");
    run(d, "INSERT INTO ratings(id, activity_id, user_id, score, comment, status, reason,"
           " created_at, updated_at, decided_by, decided_at) VALUES"
           " (71, 1001, 1001, 4, '很好', 'approved', NULL, 10, 11, 1002, 11),"
           " (72, 1001, 1002, 1, '', 'rejected', '自评', 12, 13, 1001, 13)");
    assert_int_equal(store_migrate(t->st, err, sizeof(err)), WY_OK);

    rating r;
    assert_int_equal(store_rating_get(d, t->ctx.a, 71, &r), WY_OK);
    assert_string_equal(r.kind, "activity");
    assert_int_equal(r.subject_id, 1001);
    assert_string_equal(r.division, "510402001");
    assert_int_equal(r.user_id, 1001);
    assert_int_equal(r.score, 4);
    assert_string_equal(r.comment, "很好");
    assert_string_equal(r.status, "approved");
    assert_int_equal(r.created_at, 10);
    assert_int_equal(r.decided_by, 1002);
    assert_int_equal(store_rating_get(d, t->ctx.a, 72, &r), WY_OK);
    assert_string_equal(r.reason, "自评");
    int64_t sum, count;
    assert_int_equal(store_rating_sum(d, "activity", 1001, &sum, &count), WY_OK);
    assert_int_equal(sum, 4);
    assert_int_equal(count, 1);
    /* one rating a person and subject still; another subject, another rating */
    int64_t id;
    int replaced;
    assert_int_equal(store_begin(d, 1), WY_OK);
    assert_int_equal(
        store_rating_put(d, "activity", 1001, "510402001", 1001, 5, "", 20, &id, &replaced), WY_OK);
    assert_true(replaced);
    assert_int_equal(id, 71);
    assert_int_equal(
        store_rating_put(d, "course", 1001, "510402001", 1001, 5, "", 20, &id, &replaced), WY_OK);
    assert_false(replaced);
    assert_true(id != 71 && id != 72);
    assert_int_equal(db_run(d,
                            "INSERT INTO ratings(subject_kind, subject_id, division, user_id,"
                            " score, created_at, updated_at) VALUES ('course', 1001, '510402001',"
                            " 1001, 3, 0, 0)",
                            ""),
                     WY_CONSTRAINT);
    store_rollback(d);
    tdb_close(t);
}

int main(void)
{
    rating_subject_register(&kind_t);
    rating_subject_register(&kind_u);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_who_may_rate),
        cmocka_unit_test(test_rate_moderate_average),
        cmocka_unit_test(test_migration_keeps_ratings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
