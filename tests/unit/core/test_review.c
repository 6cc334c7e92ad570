/* Tests of src/domain/review.c (and the notices that go through it). */
#include "testlib.h"

#include "mod/notices/notice.h"
#include "core/review.h"

static int64_t new_notice(tdb *t, const char *author, const char *division, const char **status)
{
    int64_t id;
    tdb_as(t, author);
    assert_int_equal(notice_create(&t->ctx, division, "测试公告", "正文", &id), 0);
    assert_int_equal(notice_submit(&t->ctx, id, status), 0);
    return id;
}

static review_item item_of(tdb *t, int64_t notice_id)
{
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "notice", notice_id, &it),
                     WY_OK);
    return it;
}

static void test_two_levels(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *status;
    int64_t nid = new_notice(t, "13900000005", "510402001", &status);
    assert_string_equal(status, "pending");
    review_item it = item_of(t, nid);
    assert_string_equal(it.levels, "county,city");
    assert_int_equal(it.level, 1);
    /* the city reviewer waits for the district */
    tdb_as(t, "13900000004");
    assert_false(review_may_decide(t->ctx.who, &it));
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    assert_string_equal(t->ctx.err.code, "not_your_level");
    /* a citizen may not decide at all */
    tdb_as(t, "13800000006");
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* the district reviewer, then the city reviewer */
    tdb_as(t, "13900000003");
    assert_int_equal(review_decide(&t->ctx, it.id, "maybe", NULL, NULL), -1);
    assert_int_equal(t->ctx.err.cls, E_INVALID);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, &it), 0);
    assert_string_equal(it.status, "pending");
    assert_int_equal(it.level, 2);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    tdb_as(t, "13900000004");
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, &it), 0);
    assert_string_equal(it.status, "published");
    notice n;
    assert_int_equal(store_notice_get(t->ctx.c, t->ctx.a, nid, &n), WY_OK);
    assert_string_equal(n.status, "published");
    assert_true(n.published_at > 0);
    /* no second decision, no resubmission of a published notice */
    assert_int_equal(review_decide(&t->ctx, it.id, "reject", "late", NULL), -1);
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    tdb_as(t, "13900000005");
    assert_int_equal(notice_submit(&t->ctx, nid, &status), -1);
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    /* the trail: submit, approve, approve */
    tdb_as(t, "13900000001");
    audit_entry *h;
    size_t nh;
    assert_int_equal(review_history(&t->ctx, it.id, &h, &nh), 0);
    assert_int_equal(nh, 3);
    assert_string_equal(h[2].action, "review.submit");
    assert_string_equal(h[2].from_state, "draft");
    assert_string_equal(h[2].to_state, "pending:1");
    assert_string_equal(h[1].to_state, "pending:2");
    assert_string_equal(h[0].from_state, "pending:2");
    assert_string_equal(h[0].to_state, "published");
    tdb_close(t);
}

static void test_reject_and_resubmit(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *status;
    int64_t nid = new_notice(t, "13900000005", "510402001", &status);
    review_item it = item_of(t, nid);
    tdb_as(t, "13900000003");
    assert_int_equal(review_decide(&t->ctx, it.id, "reject", "", NULL), -1);
    assert_string_equal(t->ctx.err.code, "reason_required");
    assert_int_equal(review_decide(&t->ctx, it.id, "reject", "日期有误，请核实", &it), 0);
    assert_string_equal(it.status, "rejected");
    notice n;
    assert_int_equal(store_notice_get(t->ctx.c, t->ctx.a, nid, &n), WY_OK);
    assert_string_equal(n.status, "rejected");
    /* the author fixes and submits again: back to level 1 */
    tdb_as(t, "13900000005");
    assert_int_equal(notice_update(&t->ctx, nid, "测试公告（更正）", NULL), 0);
    assert_int_equal(notice_submit(&t->ctx, nid, &status), 0);
    it = item_of(t, nid);
    assert_string_equal(it.status, "pending");
    assert_int_equal(it.level, 1);
    audit_entry *h;
    size_t nh;
    assert_int_equal(review_history(&t->ctx, it.id, &h, &nh), 0);
    assert_int_equal(nh, 3);
    assert_string_equal(h[1].reason, "日期有误，请核实");
    assert_string_equal(h[0].from_state, "rejected");
    tdb_close(t);
}

static void test_chain_config(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    /* only the city admin configures chains */
    tdb_as(t, "13900000002");
    assert_int_equal(review_chain_set(&t->ctx, "notice", "510402", "city"), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13900000001");
    assert_int_equal(review_chain_set(&t->ctx, "notice", "510402", "city,county"), -1);
    assert_string_equal(t->ctx.err.code, "bad_chain");
    assert_int_equal(review_chain_set(&t->ctx, "venue", "510402", "city"), -1);
    assert_int_equal(review_chain_set(&t->ctx, "notice", "510402", "city"), 0);
    assert_int_equal(review_chain_set(&t->ctx, "notice", "510403", ""), 0);
    /* 东区 now goes to the city reviewer directly */
    const char *status;
    int64_t nid = new_notice(t, "13900000005", "510402001", &status);
    review_item it = item_of(t, nid);
    assert_string_equal(it.levels, "city");
    tdb_as(t, "13900000003");
    assert_false(review_may_decide(t->ctx.who, &it));
    tdb_as(t, "13900000004");
    assert_true(review_may_decide(t->ctx.who, &it));
    /* 西区 publishes without review */
    tdb_as(t, "13900000001");
    int64_t id;
    assert_int_equal(notice_create(&t->ctx, "510403", "西区通知", "正文", &id), 0);
    assert_int_equal(notice_submit(&t->ctx, id, &status), 0);
    assert_string_equal(status, "published");
    /* a city-level notice skips the county level of the default chain */
    nid = new_notice(t, "13900000001", "5104", &status);
    it = item_of(t, nid);
    assert_string_equal(it.levels, "city");
    tdb_close(t);
}

static void test_notice_visibility(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *status;
    int64_t nid = new_notice(t, "13900000005", "510402001", &status);
    notice n;
    tdb_as(t, "13800000006");
    assert_int_equal(notice_get(&t->ctx, nid, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_as(t, NULL);
    assert_int_equal(notice_create(&t->ctx, "510402", "x", "y", &nid), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    tdb_as(t, "13900000005");
    assert_int_equal(notice_create(&t->ctx, "510403", "x", "y", &nid), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(notice_create(&t->ctx, "510402001", "", "y", &nid), -1);
    assert_string_equal(t->ctx.err.field, "title");
    tdb_close(t);
}

/* Give the account with phone a role, as another administrator would have. */
static void grant_by_other(tdb *t, const char *phone, const char *role, const char *division)
{
    account u;
    int64_t gid;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, phone, &u), WY_OK);
    assert_int_equal(store_role_grant(t->ctx.c, u.id, role, division, 0, t->ctx.now, &gid), WY_OK);
}

/* The case: the city admin writes a notice of 510402001, holds reviewer on 510402 and
 * on 5104, and tries both levels: refused at each, whatever its roles; others decide it. */
static void test_own_submission_never_decided(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *status;
    int64_t nid = new_notice(t, "13900000001", "510402001", &status);
    assert_string_equal(status, "pending");
    /* it cannot give itself the roles ... */
    tdb_as(t, "13900000001");
    int64_t gid;
    assert_int_equal(account_grant(&t->ctx, t->who.user_id, "reviewer", "510402", &gid), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_string_equal(t->ctx.err.code, "own_account");
    /* ... and holding them changes nothing */
    grant_by_other(t, "13900000001", "reviewer", "510402");
    grant_by_other(t, "13900000001", "reviewer", "5104");
    tdb_as(t, "13900000001");
    review_item *items;
    size_t n;
    assert_int_equal(review_list(&t->ctx, "pending", NULL, 0, 50, &items, &n), 0);
    review_item it = {0};
    for (size_t i = 0; i < n; i++)
        if (!strcmp(items[i].content_type, "notice") && items[i].content_id == nid)
            it = items[i];
    assert_int_equal(it.content_id, nid);
    assert_true(review_own(t->ctx.who, &it));
    assert_false(review_may_decide(t->ctx.who, &it));
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_string_equal(t->ctx.err.code, "own_submission");
    assert_int_equal(review_decide(&t->ctx, it.id, "reject", "自己驳回", NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    tdb_as(t, "13900000003");
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, &it), 0);
    assert_int_equal(it.level, 2);
    tdb_as(t, "13900000001");
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    tdb_as(t, "13900000004");
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, &it), 0);
    assert_string_equal(it.status, "published");
    tdb_close(t);
}

/* Changing someone else's draft, or submitting it, makes one of its authors too. */
static void test_editor_and_submitter_are_authors(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t nid;
    const char *status;
    tdb_as(t, "13900000005");
    assert_int_equal(notice_create(&t->ctx, "510402001", "草稿", "正文", &nid), 0);
    /* the district admin edits the draft, then becomes the district's reviewer */
    tdb_as(t, "13900000002");
    assert_int_equal(notice_update(&t->ctx, nid, "草稿（改）", NULL), 0);
    grant_by_other(t, "13900000002", "reviewer", "510402");
    tdb_as(t, "13900000005");
    assert_int_equal(notice_submit(&t->ctx, nid, &status), 0);
    review_item it = item_of(t, nid);
    tdb_as(t, "13900000002");
    assert_int_equal(review_get(&t->ctx, it.id, &it), 0);
    assert_true(it.own);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    /* the real district reviewer rejects; the venue manager's colleague resubmits: the
     * first submitter stays an author, the second becomes one */
    tdb_as(t, "13900000003");
    assert_int_equal(review_decide(&t->ctx, it.id, "reject", "请补充时间", NULL), 0);
    grant_by_other(t, "13900000005", "reviewer", "510402");
    tdb_as(t, "13900000001");
    assert_int_equal(notice_submit(&t->ctx, nid, &status), 0);
    tdb_as(t, "13900000005");
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    /* the trail names who wrote and changed it */
    audit_entry *h;
    size_t nh;
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)nid);
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, "notice", oid, NULL, 0, 10, &h, &nh),
                     WY_OK);
    assert_int_equal(nh, 2);
    assert_string_equal(h[1].action, "notice.create");
    assert_string_equal(h[0].action, "notice.update");
    assert_string_equal(h[0].reason, "title");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_levels),
        cmocka_unit_test(test_reject_and_resubmit),
        cmocka_unit_test(test_chain_config),
        cmocka_unit_test(test_notice_visibility),
        cmocka_unit_test(test_own_submission_never_decided),
        cmocka_unit_test(test_editor_and_submitter_are_authors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
