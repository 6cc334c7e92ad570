/* Tests of the points supermarket's rules on a database (both backends): an item published by
 * the coordinator of its organisation's division only; a redemption that takes the stock and
 * the points together or neither (insufficient_points, sold_out, duplicate); cancelling gives
 * both back by a refund entry; staff collect by the code; gifts within their settings; awards
 * and reversals; expiry first in, first out; the demo run twice; and concurrent redemptions of
 * the last pieces of stock — through the seats writer and from two connections at once, as two
 * app servers would — never oversell nor overdraw; a balance tampered with is named by the
 * reconciliation. */
#include <pthread.h>

#include "testlib.h"

#include <math.h>

#include "core/priority.h"
#include "db/store_util.h"
#include "core/seats.h"
#include "mod/activities/activity_store.h"
#include "mod/activities/booking.h"
#include "mod/activities/booking_rules.h"
#include "mod/rewards/rewards.h"
#include "mod/volunteers/volunteer.h"

#define COORDINATOR "13900000021" /* volunteer_coordinator of 东区 (demo_volunteers.c) */
#define VOL1        "13800002001" /* demo volunteers: 200, 150 and 60 points awarded */
#define VOL2        "13800002002"
#define VOL3        "13800002003"
#define CITIZEN     "13800000006"

static int64_t user_id(tdb *t, const char *phone)
{
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, phone, &u), WY_OK);
    return u.id;
}

static int64_t balance_of(tdb *t, const char *phone)
{
    char acct[32];
    int64_t b;
    points_account(user_id(t, phone), acct);
    assert_int_equal(ledger_balance(t->ctx.c, POINTS_BOOK, acct, &b), WY_OK);
    return b;
}

static int64_t demo_org(tdb *t)
{
    volunteer_org *os;
    size_t n;
    assert_int_equal(store_volunteer_org_list(t->ctx.c, t->ctx.a, "510402", 0, 100, &os, &n),
                     WY_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(os[i].name, "东区文化志愿者协会"))
            return os[i].id;
    fail_msg("no demo organisation");
    return 0;
}

static int64_t new_item(tdb *t, int64_t cost, int64_t stock)
{
    int64_t id;
    tdb_as(t, COORDINATOR);
    reward_input in = {demo_org(t), "测试奖品", "", "book", "文化站", cost, stock, 0, 0, 0};
    assert_int_equal(reward_item_create(&t->ctx, &in, &id), 0);
    return id;
}

static void verify_ok(tdb *t)
{
    ledger_report r;
    assert_int_equal(ledger_verify(t->ctx.c, POINTS_BOOK, &r), 0);
}

/* redeem as phone: 0, or -1 with the refusal's code in t->ctx.err */
static int redeem(tdb *t, const char *phone, int64_t item, redeem_res *res)
{
    redeem_req r;
    tdb_as(t, phone);
    if (redeem_prepare(&t->ctx, item, NULL, &r) < 0)
        return -1;
    return redeem_now(&t->ctx, &r, res);
}

static void test_catalogue_and_redemption(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t id, org = demo_org(t);
    /* only staff over the organisation's division publish */
    reward_input in = {org, "图书", "", "book", "", 10, 2, 0, 0, 0};
    tdb_as(t, CITIZEN);
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    in.kind = "car";
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "bad_kind");
    in.kind = "book";
    in.cost = 0;
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "bad_cost");

    /* 150 points: an item of 140 once, then not a second (duplicate while live), then too poor */
    int64_t item = new_item(t, 140, 2), cheap = new_item(t, 5, 5);
    int64_t b1 = balance_of(t, VOL1);
    redeem_res res;
    assert_int_equal(redeem(t, VOL1, item, &res), 0);
    assert_int_equal(res.cost, 140);
    assert_int_equal(strlen(res.code), REWARD_CODE_LEN);
    assert_int_equal(balance_of(t, VOL1), b1 - 140);
    assert_int_equal(redeem(t, VOL1, item, &res), -1);
    assert_string_equal(ctx->err.code, "insufficient_points"); /* the early answer */
    assert_int_equal(redeem(t, VOL3, item, &res), -1);         /* 60 points */
    assert_string_equal(ctx->err.code, "insufficient_points");
    assert_int_equal(ctx->err.cls, E_RULE);
    /* the batch decides by itself: a request past the early answer is refused whole */
    redeem_req rq = {
        .item_id = item, .user_id = user_id(t, VOL3), .code = "TESTCODE01", .now = ctx->now};
    assert_int_equal(redeem_batch(ctx->c, &rq, 1, &res), WY_OK);
    assert_int_equal(res.outcome, REDEEM_INSUFFICIENT);
    reward_item it;
    assert_int_equal(reward_item_get(ctx, item, &it), 0);
    assert_int_equal(it.taken, 1); /* the stock was not taken */
    assert_int_equal(redeem(t, VOL2, item, &res), 0);
    assert_int_equal(redeem(t, VOL2, cheap, &res), 0);
    assert_int_equal(redeem(t, VOL2, cheap, &res), -1);
    assert_string_equal(ctx->err.code, "duplicate");
    /* sold out: early and in the batch */
    assert_int_equal(reward_item_get(ctx, item, &it), 0);
    assert_int_equal(it.taken, 2);
    tdb_as(t, COORDINATOR);
    int64_t aw, vol1 = user_id(t, VOL1);
    assert_int_equal(points_award(ctx, org, 500, "讲座志愿服务", &vol1, 1, &aw), 0);
    assert_int_equal(redeem(t, VOL1, item, &res), -1);
    assert_string_equal(ctx->err.code, "sold_out");
    rq = (redeem_req){.item_id = item, .user_id = vol1, .code = "TESTCODE02", .now = ctx->now};
    assert_int_equal(redeem_batch(ctx->c, &rq, 1, &res), WY_OK);
    assert_int_equal(res.outcome, REDEEM_SOLD_OUT);

    /* VOL1 cancels: stock and points back, by a refund entry */
    reward_redemption *rs;
    size_t n;
    tdb_as(t, VOL1);
    assert_int_equal(redemption_mine(ctx, 0, 10, &rs, &n), 0);
    int64_t mine = 0;
    for (size_t i = 0; i < n; i++)
        if (rs[i].item_id == item)
            mine = rs[i].id;
    assert_true(mine > 0);
    int64_t before = balance_of(t, VOL1);
    tdb_as(t, VOL2); /* not theirs */
    reward_redemption r;
    assert_int_equal(redemption_cancel(ctx, mine, &r), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    tdb_as(t, VOL1);
    assert_int_equal(redemption_cancel(ctx, mine, &r), 0);
    assert_string_equal(r.status, "cancelled");
    assert_true(r.refund_id > 0);
    assert_int_equal(balance_of(t, VOL1), before + 140);
    assert_int_equal(reward_item_get(ctx, item, &it), 0);
    assert_int_equal(it.taken, 1);
    assert_int_equal(redemption_cancel(ctx, mine, &r), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    /* a redemption's entry is cancelled, never reversed by staff */
    tdb_as(t, COORDINATOR);
    ledger_entry e;
    assert_int_equal(points_reverse(ctx, r.entry_id, "错误", &e), -1);
    assert_string_equal(ctx->err.code, "not_reversible");

    /* VOL2 collects by the code, once; a citizen may not mark it */
    tdb_as(t, VOL2);
    assert_int_equal(redemption_mine(ctx, 0, 10, &rs, &n), 0);
    const char *code = NULL;
    for (size_t i = 0; i < n; i++)
        if (rs[i].item_id == item)
            code = rs[i].code;
    assert_non_null(code);
    tdb_as(t, CITIZEN);
    assert_int_equal(redemption_collect(ctx, code, &r), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(redemption_collect(ctx, code, &r), 0);
    assert_string_equal(r.status, "collected");
    assert_int_equal(redemption_collect(ctx, code, &r), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    assert_int_equal(redemption_collect(ctx, "NOSUCHCODE", &r), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    tdb_as(t, VOL2);
    assert_int_equal(redemption_cancel(ctx, r.id, &r), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    verify_ok(t);
    tdb_close(t);
}

/* A retry with the Idempotency-Key of a redemption that went through gets the first answer and
 * spends nothing more; the key on another item is refused; a bad key changes nothing. */
static void test_redeem_replay(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t item = new_item(t, 40, 3), other = new_item(t, 5, 3);
    int64_t b1 = balance_of(t, VOL1);
    redeem_req rq;
    redeem_res first, again;
    tdb_as(t, VOL1);
    assert_int_equal(redeem_prepare(ctx, item, "", &rq), -1);
    assert_string_equal(ctx->err.code, "bad_idempotency_key");
    char longkey[66];
    memset(longkey, 'k', 65);
    longkey[65] = '\0';
    assert_int_equal(redeem_prepare(ctx, item, longkey, &rq), -1);
    assert_string_equal(ctx->err.code, "bad_idempotency_key");
    assert_int_equal(redeem_prepare(ctx, item, "retry-1", &rq), 0);
    assert_int_equal(redeem_now(ctx, &rq, &first), 0);
    assert_int_equal(first.replay, 0);
    assert_int_equal(balance_of(t, VOL1), b1 - 40);
    /* the same request again: the same redemption, nothing more spent or taken */
    tdb_as(t, VOL1);
    assert_int_equal(redeem_prepare(ctx, item, "retry-1", &rq), 0);
    assert_int_equal(redeem_now(ctx, &rq, &again), 0);
    assert_int_equal(again.replay, 1);
    assert_int_equal(again.id, first.id);
    assert_string_equal(again.code, first.code);
    assert_int_equal(again.cost, 40);
    assert_int_equal(balance_of(t, VOL1), b1 - 40);
    reward_item it;
    assert_int_equal(reward_item_get(ctx, item, &it), 0);
    assert_int_equal(it.taken, 1);
    /* without the key it is a second request: refused as a duplicate */
    tdb_as(t, VOL1);
    assert_int_equal(redeem_prepare(ctx, item, NULL, &rq), 0);
    assert_int_equal(redeem_now(ctx, &rq, &again), -1);
    assert_string_equal(ctx->err.code, "duplicate");
    /* the key on another item */
    tdb_as(t, VOL1);
    assert_int_equal(redeem_prepare(ctx, other, "retry-1", &rq), 0);
    assert_int_equal(redeem_now(ctx, &rq, &again), -1);
    assert_string_equal(ctx->err.code, "idempotency_key_reused");
    assert_int_equal(reward_item_get(ctx, other, &it), 0);
    assert_int_equal(it.taken, 0);
    assert_int_equal(balance_of(t, VOL1), b1 - 40);
    /* another person may use the same key */
    assert_int_equal(balance_of(t, VOL2) >= 5, 1);
    tdb_as(t, VOL2);
    assert_int_equal(redeem_prepare(ctx, other, "retry-1", &rq), 0);
    assert_int_equal(redeem_now(ctx, &rq, &again), 0);
    assert_int_equal(again.replay, 0);
    verify_ok(t);
    tdb_close(t);
}

static void test_awards_gifts_reversals(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org = demo_org(t), aw;
    int64_t v2 = user_id(t, VOL2), citizen = user_id(t, CITIZEN);
    /* awards: staff only, to volunteers only, each named once */
    tdb_as(t, CITIZEN);
    assert_int_equal(points_award(ctx, org, 10, "讲座", &v2, 1, &aw), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(points_award(ctx, org, 10, "讲座", &citizen, 1, &aw), -1);
    assert_string_equal(ctx->err.code, "not_a_volunteer");
    int64_t twice[] = {v2, v2};
    assert_int_equal(points_award(ctx, org, 10, "讲座", twice, 2, &aw), -1);
    assert_string_equal(ctx->err.code, "bad_users");
    assert_int_equal(points_award(ctx, org, 0, "讲座", &v2, 1, &aw), -1);
    assert_string_equal(ctx->err.code, "bad_amount");
    int64_t b2 = balance_of(t, VOL2);
    assert_int_equal(points_award(ctx, org, 40, "讲座", &v2, 1, &aw), 0);
    assert_int_equal(balance_of(t, VOL2), b2 + 40);

    /* the statement: newest first, the award on top */
    ledger_entry *es;
    size_t n;
    int64_t bal;
    tdb_as(t, VOL2);
    assert_int_equal(points_mine(ctx, 0, 10, &bal, &es, &n), 0);
    assert_int_equal(bal, b2 + 40);
    assert_true(n >= 2);
    assert_string_equal(es[0].kind, "award");
    assert_int_equal(es[0].ref_id, aw);
    assert_string_equal(es[0].unit, "东区文化志愿者协会");
    int64_t award_entry = es[0].id;
    assert_int_equal(points_mine(ctx, es[0].seq, 10, &bal, &es, &n), 0);
    assert_int_equal(n, 1);

    /* gifts: within [gift_min, gift_max], to a volunteer, not oneself, within the day's limit */
    ledger_entry e;
    assert_int_equal(points_gift(ctx, VOL3, 501, &e), -1);
    assert_string_equal(ctx->err.code, "bad_amount");
    assert_int_equal(points_gift(ctx, CITIZEN, 5, &e), -1);
    assert_string_equal(ctx->err.code, "unknown_recipient");
    assert_int_equal(points_gift(ctx, VOL2, 5, &e), -1);
    assert_string_equal(ctx->err.code, "self_gift");
    assert_int_equal(points_gift(ctx, VOL3, 30, &e), 0);
    assert_string_equal(e.kind, "gift");
    assert_int_equal(balance_of(t, VOL2), b2 + 10);
    assert_int_equal(points_gift(ctx, VOL3, b2 + 11, &e), -1);
    assert_string_equal(ctx->err.code, "insufficient_points");
    assert_int_equal(balance_of(t, VOL2), b2 + 10);
    assert_int_equal(config_set(&t->cfg, "rewards", "gift_daily_max", "35", NULL, 0), 0);
    assert_int_equal(points_gift(ctx, VOL3, 6, &e), -1);
    assert_string_equal(ctx->err.code, "daily_limit");
    assert_int_equal(points_gift(ctx, VOL3, 5, &e), 0);
    ctx->now += 86400000; /* a new day */
    assert_int_equal(points_gift(ctx, VOL3, 6, &e), 0);
    assert_int_equal(config_set(&t->cfg, "rewards", "gift_enabled", "false", NULL, 0), 0);
    assert_int_equal(points_gift(ctx, VOL3, 1, &e), -1);
    assert_string_equal(ctx->err.code, "gifts_disabled");

    /* reversals: staff, with a reason, once; not past what is left */
    tdb_as(t, VOL2);
    assert_int_equal(points_reverse(ctx, award_entry, "错误", &e), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(points_reverse(ctx, award_entry, "", &e), -1);
    assert_string_equal(ctx->err.code, "bad_reason");
    int64_t before = balance_of(t, VOL2);
    assert_int_equal(points_reverse(ctx, award_entry, "重复登记", &e), 0);
    assert_int_equal(e.reverses, award_entry);
    assert_int_equal(balance_of(t, VOL2), before - 40);
    assert_int_equal(points_reverse(ctx, award_entry, "重复登记", &e), -1);
    assert_string_equal(ctx->err.code, "not_reversible");
    /* an award to VOL3 spent by a gift away: the reversal would overdraw */
    int64_t v3 = user_id(t, VOL3);
    assert_int_equal(points_award(ctx, org, 1000, "讲座", &v3, 1, &aw), 0);
    tdb_as(t, VOL3);
    assert_int_equal(points_mine(ctx, 0, 1, &bal, &es, &n), 0);
    int64_t big = es[0].id;
    assert_int_equal(config_set(&t->cfg, "rewards", "gift_enabled", "true", NULL, 0), 0);
    assert_int_equal(config_set(&t->cfg, "rewards", "gift_daily_max", "0", NULL, 0), 0);
    assert_int_equal(points_gift(ctx, VOL1, 500, &e), 0);
    assert_int_equal(points_gift(ctx, VOL1, 500, &e), 0);
    tdb_as(t, COORDINATOR);
    assert_int_equal(points_reverse(ctx, big, "错误", &e), -1);
    assert_string_equal(ctx->err.code, "insufficient_points");
    verify_ok(t);
    tdb_close(t);
}

static void test_expiry_fifo(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    wy_ctx *ctx = &t->ctx;
    db *c = ctx->c;
    const int64_t day = 86400000;
    /* the cutoff: calendar months back in China time, the end of a short month kept */
    int64_t t0 = 1774886400000;                                     /* 2026-03-31 00:00 +08:00 */
    assert_int_equal(points_expiry_cutoff(t0, 1), t0 - 31 * day);   /* 2026-02-28 */
    assert_int_equal(points_expiry_cutoff(t0, 12), t0 - 365 * day); /* 2025-03-31 */
    /* u:1 receives 100 on day 0 and 50 on day 40 and spends 70 on day 45. On day 50, with one
     * month, the cutoff is day 19: the 100 are older, and the 70 spent came out of them first,
     * so 30 expire; the 50 do not. On day 80 the cutoff is day 49: the 50 go too. */
    ledger_posting p = {.book = POINTS_BOOK, .debit = POINTS_ISSUER, .kind = "award"};
    assert_int_equal(db_begin_write(c), WY_OK);
    assert_int_equal(points_open_system(c), WY_OK);
    p.credit = "u:1";
    p.amount = 100;
    assert_int_equal(ledger_post(c, &p, t0, NULL), WY_OK);
    p.amount = 50;
    assert_int_equal(ledger_post(c, &p, t0 + 40 * day, NULL), WY_OK);
    ledger_posting spend = {.book = POINTS_BOOK,
                            .debit = "u:1",
                            .credit = POINTS_REDEMPTIONS,
                            .amount = 70,
                            .kind = "redeem"};
    assert_int_equal(ledger_post(c, &spend, t0 + 45 * day, NULL), WY_OK);
    assert_int_equal(db_commit(c), WY_OK);
    int64_t amount, accounts, points;
    assert_int_equal(points_expiring(c, "u:1", points_expiry_cutoff(t0 + 20 * day, 1), &amount),
                     WY_OK);
    assert_int_equal(amount, 0); /* nothing old enough yet */
    ctx->now = t0 + 50 * day;
    assert_int_equal(points_expire_run(ctx, 0, &accounts, &points), 0); /* off */
    assert_int_equal(accounts, 0);
    assert_int_equal(points_expire_run(ctx, 1, &accounts, &points), 0);
    assert_int_equal(accounts, 1);
    assert_int_equal(points, 30);
    int64_t b;
    assert_int_equal(ledger_balance(c, POINTS_BOOK, "u:1", &b), WY_OK);
    assert_int_equal(b, 50);
    assert_int_equal(ledger_balance(c, POINTS_BOOK, POINTS_EXPIRED, &b), WY_OK);
    assert_int_equal(b, 30);
    /* again: nothing more (the expiry is itself an outflow) */
    assert_int_equal(points_expire_run(ctx, 1, &accounts, &points), 0);
    assert_int_equal(points, 0);
    /* a month later the 50 go too */
    ctx->now = t0 + 80 * day;
    assert_int_equal(points_expire_run(ctx, 1, &accounts, &points), 0);
    assert_int_equal(points, 50);
    assert_int_equal(ledger_balance(c, POINTS_BOOK, "u:1", &b), WY_OK);
    assert_int_equal(b, 0);
    verify_ok(t);
    tdb_close(t);
}

static void test_demo_twice(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t b1 = balance_of(t, VOL1);
    assert_int_equal(b1, 150); /* 200 awarded, 50 redeemed */
    reward_item *its;
    size_t n;
    assert_int_equal(reward_item_list(&t->ctx, "510402", 0, 100, &its, &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(balance_of(t, VOL1), b1);
    assert_int_equal(reward_item_list(&t->ctx, "510402", 0, 100, &its, &n), 0);
    assert_int_equal(n, 4);
    ledger_report r;
    tdb_as(t, NULL);
    t->ctx.who = NULL;
    assert_int_equal(points_reconcile(&t->ctx, &r), 0);
    assert_true(r.entries >= 4);
    tdb_as(t, VOL1);
    assert_int_equal(points_reconcile(&t->ctx, &r), -1); /* auditors only */
    /* a balance changed behind the ledger's back is named */
    char acct[32];
    points_account(user_id(t, VOL1), acct);
    assert_int_equal(db_run(t->ctx.c,
                            "UPDATE ledger_balances SET balance = balance + 7 WHERE book = 'points'"
                            " AND account = ?",
                            "t", acct),
                     WY_OK);
    t->ctx.who = NULL;
    assert_int_equal(points_reconcile(&t->ctx, &r), 1);
    assert_string_equal(r.problem, "balance");
    assert_string_equal(r.account, acct);
    assert_int_equal(r.expected, b1);
    assert_int_equal(r.found, b1 + 7);
    tdb_close(t);
}

/* ---- concurrency: the last pieces of stock ---- */

#define CROWD 24
#define STOCK 5

/* Volunteers crowd01..crowdNN with 100 points each. */
static void make_crowd(tdb *t, int64_t *ids, int n)
{
    int64_t org = demo_org(t), aw;
    for (int i = 0; i < n; i++) {
        char phone[24];
        snprintf(phone, sizeof phone, "138990%05d", i);
        assert_int_equal(
            store_user_create(t->ctx.c, phone, "人群", "x", "510402001", t->ctx.now, &ids[i]),
            WY_OK);
        volunteer v = {.user_id = ids[i],
                       .real_name = "人群",
                       .birth_date = "1990-01-01",
                       .skills = ",guide,",
                       .availability = "",
                       .areas = ",510402001,",
                       .division = "510402001"};
        int64_t vid;
        assert_int_equal(store_volunteer_create(t->ctx.c, &v, t->ctx.now, &vid), WY_OK);
    }
    tdb_as(t, COORDINATOR);
    assert_int_equal(points_award(&t->ctx, org, 100, "讲座", ids, (size_t)n, &aw), 0);
}

static void check_not_oversold(tdb *t, int64_t item, const int64_t *ids, int n, int taken)
{
    reward_item it;
    tdb_as(t, NULL);
    assert_int_equal(reward_item_get(&t->ctx, item, &it), 0);
    assert_int_equal(it.taken, STOCK);
    assert_int_equal(taken, STOCK);
    int64_t sum = 0;
    for (int i = 0; i < n; i++) {
        char acct[32];
        int64_t b;
        points_account(ids[i], acct);
        assert_int_equal(ledger_balance(t->ctx.c, POINTS_BOOK, acct, &b), WY_OK);
        assert_true(b == 100 || b == 40);
        sum += 100 - b;
    }
    assert_int_equal(sum, STOCK * 60);
    verify_ok(t);
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int answered;

static void job_done(redeem_job *j)
{
    (void)j;
    pthread_mutex_lock(&mu);
    answered++;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
}

static void test_crowd_through_the_writer(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t ids[CROWD];
    make_crowd(t, ids, CROWD);
    int64_t item = new_item(t, 60, STOCK);
    static redeem_job jobs[CROWD];
    memset(jobs, 0, sizeof(jobs));
    answered = 0;
    assert_int_equal(seats_writer_start(t->st, CROWD), 0);
    for (int i = 0; i < CROWD; i++) {
        jobs[i].req = (redeem_req){.item_id = item,
                                   .user_id = ids[i],
                                   .code = arena_sprintf(&t->a, "CROWDW%04d", i),
                                   .now = t->ctx.now};
        jobs[i].done = job_done;
        assert_int_equal(redeem_submit(&jobs[i]), 0);
    }
    pthread_mutex_lock(&mu);
    while (answered < CROWD)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    seats_writer_stop();
    int ok = 0, sold_out = 0;
    for (int i = 0; i < CROWD; i++) {
        assert_int_equal(jobs[i].store_rc, WY_OK);
        assert_int_equal(jobs[i].res.rc, WY_OK);
        ok += jobs[i].res.outcome == REDEEM_OK;
        sold_out += jobs[i].res.outcome == REDEEM_SOLD_OUT;
    }
    assert_int_equal(sold_out, CROWD - STOCK);
    check_not_oversold(t, item, ids, CROWD, ok);
    tdb_close(t);
}

typedef struct racer {
    store *st;
    int64_t item;
    const int64_t *ids;
    int from, n, ok, failed;
} racer;

/* One app server's writer: its people one batch at a time of 3, retried when busy. */
static void *race(void *ud)
{
    racer *r = ud;
    db *c = store_acquire(r->st);
    for (int i = 0; i < r->n; i += 3) {
        redeem_req q[3];
        redeem_res s[3];
        int k = 0;
        for (; k < 3 && i + k < r->n; k++) {
            static char codes[CROWD][16];
            int who = r->from + i + k;
            snprintf(codes[who], sizeof codes[who], "RACE%06d", who);
            q[k] = (redeem_req){
                .item_id = r->item, .user_id = r->ids[who], .code = codes[who], .now = 1};
        }
        int rc;
        do
            rc = redeem_batch(c, q, (size_t)k, s);
        while (rc == WY_RETRY);
        if (rc != WY_OK) {
            r->failed++;
            continue;
        }
        for (int j = 0; j < k; j++)
            r->ok += s[j].rc == WY_OK && s[j].outcome == REDEEM_OK;
    }
    store_release(r->st, c);
    return NULL;
}

static void test_crowd_from_two_servers(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t ids[CROWD];
    make_crowd(t, ids, CROWD);
    int64_t item = new_item(t, 60, STOCK);
    store_release(t->st, t->ctx.c); /* the pool of 2: one connection for each racer */
    racer a = {t->st, item, ids, 0, CROWD / 2, 0, 0},
          b = {t->st, item, ids, CROWD / 2, CROWD / 2, 0, 0};
    pthread_t ta, tb;
    assert_int_equal(pthread_create(&ta, NULL, race, &a), 0);
    assert_int_equal(pthread_create(&tb, NULL, race, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    t->ctx.c = store_acquire(t->st);
    assert_int_equal(a.failed + b.failed, 0);
    check_not_oversold(t, item, ids, CROWD, a.ok + b.ok);
    tdb_close(t);
}

#define HOUR ((int64_t)3600000)

/* A published activity of division with one session a week on, whose booking opens at
 * opens_at (0: none); the session's id in *sid. */
static int64_t new_activity(tdb *t, const char *division, int64_t opens_at, int64_t *sid)
{
    activity a = {.title = "优先预约测试讲座",
                  .category = "lecture",
                  .division = division,
                  .description = "",
                  .lon = NAN,
                  .lat = NAN,
                  .created_by = 1};
    int64_t id;
    assert_int_equal(store_activity_create(t->ctx.c, &a, t->ctx.now, &id), WY_OK);
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "published", t->ctx.now), WY_OK);
    int64_t start = t->ctx.now + 7 * 24 * HOUR;
    activity_session s = {.activity_id = id,
                          .starts_at = start,
                          .ends_at = start + 2 * HOUR,
                          .capacity = 50,
                          .booking_opens_at = opens_at};
    assert_int_equal(store_activity_session_create(t->ctx.c, &s, sid), WY_OK);
    return id;
}

/* booking_prepare of session sid as phone: 0, or -1 with the refusal in t->ctx.err */
static int try_book(tdb *t, const char *phone, int64_t sid, booking_req *r)
{
    tdb_as(t, phone);
    return booking_prepare(&t->ctx, sid, NULL, 0, NULL, r);
}

static int64_t priority_item(tdb *t, int64_t activity, int64_t hours)
{
    int64_t id;
    tdb_as(t, COORDINATOR);
    reward_input in = {demo_org(t), "优先预约", "", "priority_booking", "", 30, 10,
                       activity,    hours,      0};
    assert_int_equal(reward_item_create(&t->ctx, &in, &id), 0);
    return id;
}

static void test_priority_window(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org = demo_org(t), id, sid, other_sid;
    int64_t opens = ctx->now + 48 * HOUR;
    int64_t act = new_activity(t, "510402001", opens, &sid);
    new_activity(t, "510402001", opens, &other_sid); /* no item names it */
    assert_int_equal(priority_sources(), 1);

    /* the pure rule: the opening less the hours; no opening stays none */
    activity_session rs = {.booking_opens_at = opens};
    assert_int_equal(booking_opens_for(&rs, 12), opens - 12 * HOUR);
    assert_int_equal(booking_opens_for(&rs, 0), opens);
    rs.booking_opens_at = 0;
    assert_int_equal(booking_opens_for(&rs, 12), 0);

    /* publishing: a window names its activity, of the organisation's area, 1 to 720 hours */
    tdb_as(t, COORDINATOR);
    reward_input in = {org, "优先预约", "", "priority_booking", "", 30, 10, 0, 12, 0};
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "bad_activity");
    in.activity_id = act;
    in.priority_hours = 721;
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "bad_hours");
    in.priority_hours = 0;
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "bad_hours");
    in.kind = "book"; /* another kind names no activity */
    in.priority_hours = 12;
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "bad_activity");
    in.kind = "priority_booking";
    in.activity_id = 999999;
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "unknown_activity");
    int64_t far_sid;
    in.activity_id = new_activity(t, "510403", opens, &far_sid); /* 西区 */
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "activity_out_of_area");

    int64_t item = priority_item(t, act, 12);
    reward_item it;
    assert_int_equal(reward_item_get(ctx, item, &it), 0);
    assert_int_equal(it.activity_id, act);
    assert_int_equal(it.priority_hours, 12);
    assert_string_equal(it.activity_title, "优先预约测试讲座");

    /* before the holder's window (13 h before the opening): not open, and the answer says
     * when their own booking opens */
    redeem_res res;
    booking_req br;
    assert_int_equal(redeem(t, VOL1, item, &res), 0);
    ctx->now = opens - 13 * HOUR;
    assert_int_equal(try_book(t, VOL1, sid, &br), -1);
    assert_string_equal(ctx->err.code, "not_open");
    assert_int_equal(ctx->err.opens_at, opens - 12 * HOUR);
    /* inside it: the holder books through the ordinary path, others wait for the opening */
    ctx->now = opens - 11 * HOUR;
    assert_int_equal(try_book(t, VOL2, sid, &br), -1);
    assert_string_equal(ctx->err.code, "not_open");
    assert_int_equal(ctx->err.opens_at, opens);
    assert_int_equal(try_book(t, VOL1, other_sid, &br), -1); /* only the activity named */
    assert_string_equal(ctx->err.code, "not_open");
    int hours;
    activity_session s;
    assert_int_equal(store_activity_session_get(ctx->c, ctx->a, sid, &s), WY_OK);
    tdb_as(t, VOL1);
    assert_int_equal(booking_priority(ctx, &s, &hours), 0);
    assert_int_equal(hours, 12);
    assert_int_equal(try_book(t, VOL1, sid, &br), 0);
    booking_res bres;
    assert_int_equal(booking_book_now(ctx, &br, &bres), 0);
    assert_int_equal(bres.outcome, BOOK_CONFIRMED);

    /* collected: still held; cancelled (refunded): lost */
    reward_redemption *mine;
    size_t n;
    assert_int_equal(redeem(t, VOL2, item, &res), 0);
    tdb_as(t, COORDINATOR);
    reward_redemption r;
    assert_int_equal(redemption_collect(ctx, res.code, &r), 0);
    assert_int_equal(try_book(t, VOL2, sid, &br), 0);
    tdb_as(t, VOL1);
    assert_int_equal(redemption_mine(ctx, 0, 10, &mine, &n), 0);
    int64_t red = 0;
    for (size_t i = 0; i < n; i++)
        if (mine[i].item_id == item)
            red = mine[i].id;
    assert_int_equal(redemption_cancel(ctx, red, &r), 0);
    assert_int_equal(booking_priority(ctx, &s, &hours), 0);
    assert_int_equal(hours, 0);
    assert_int_equal(try_book(t, VOL1, other_sid, &br), -1);
    assert_int_equal(try_book(t, VOL1, sid, &br), -1);
    assert_string_equal(ctx->err.code, "not_open");
    /* once booking opens for everyone, everyone books */
    ctx->now = opens;
    assert_int_equal(try_book(t, VOL3, sid, &br), 0);
    /* a session with no opening time is open from the start: priority changes nothing */
    int64_t open_sid;
    int64_t act2 = new_activity(t, "510402", 0, &open_sid);
    priority_item(t, act2, 5);
    assert_int_equal(try_book(t, VOL3, open_sid, &br), 0);
    verify_ok(t);
    tdb_close(t);
}

static void test_award_by_session(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t org = demo_org(t), sid, empty_sid, aw, people;
    new_activity(t, "510402001", 0, &sid);
    new_activity(t, "510402001", 0, &empty_sid);
    /* VOL1 and a citizen come and are checked in; VOL2 booked and did not come; VOL3 came to
     * the other session without being checked in */
    const char *who[] = {VOL1, CITIZEN, VOL2};
    int64_t bid[3];
    for (int i = 0; i < 3; i++) {
        booking_req br;
        booking_res bres;
        assert_int_equal(try_book(t, who[i], sid, &br), 0);
        assert_int_equal(booking_book_now(ctx, &br, &bres), 0);
        bid[i] = bres.id;
    }
    booking_req br;
    booking_res bres;
    assert_int_equal(try_book(t, VOL3, empty_sid, &br), 0);
    assert_int_equal(booking_book_now(ctx, &br, &bres), 0);
    assert_int_equal(store_booking_checkin(ctx->c, bid[0], ctx->now), WY_OK);
    assert_int_equal(store_booking_checkin(ctx->c, bid[1], ctx->now), WY_OK);

    int64_t b1 = balance_of(t, VOL1), b2 = balance_of(t, VOL2);
    tdb_as(t, CITIZEN); /* the same permission as any award */
    assert_int_equal(points_award_session(ctx, org, 20, "讲座签到", sid, &aw, &people), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(points_award_session(ctx, org, 20, "讲座签到", 999999, &aw, &people), -1);
    assert_string_equal(ctx->err.code, "unknown_session");
    assert_int_equal(points_award_session(ctx, org, 0, "讲座签到", sid, &aw, &people), -1);
    assert_string_equal(ctx->err.code, "bad_amount");
    /* nobody eligible checked in: 422, and no award row stays behind */
    assert_int_equal(points_award_session(ctx, org, 20, "讲座签到", empty_sid, &aw, &people), -1);
    assert_string_equal(ctx->err.code, "nobody_attended");
    assert_int_equal(ctx->err.cls, E_RULE);
    int64_t rows;
    assert_int_equal(store_one_int(db_query(ctx->c,
                                            "SELECT count(*) FROM rewards_awards"
                                            " WHERE session_id IS NOT NULL",
                                            NULL),
                                   &rows),
                     WY_OK);
    assert_int_equal(rows, 0);
    /* the checked-in volunteer only: not the citizen, not the one who stayed away */
    assert_int_equal(points_award_session(ctx, org, 20, "讲座签到", sid, &aw, &people), 0);
    assert_int_equal(people, 1);
    assert_int_equal(balance_of(t, VOL1), b1 + 20);
    assert_int_equal(balance_of(t, VOL2), b2);
    int64_t recorded;
    assert_int_equal(
        store_one_int(
            db_query(ctx->c, "SELECT session_id FROM rewards_awards WHERE id = ?", "i", aw),
            &recorded),
        WY_OK);
    assert_int_equal(recorded, sid);
    /* once per session and organisation */
    assert_int_equal(points_award_session(ctx, org, 20, "讲座签到", sid, &aw, &people), -1);
    assert_string_equal(ctx->err.code, "already_awarded");
    assert_int_equal(ctx->err.cls, E_CONFLICT);
    assert_int_equal(balance_of(t, VOL1), b1 + 20);
    /* the statement shows it as an award of the organisation */
    ledger_entry *es;
    size_t n;
    int64_t bal;
    tdb_as(t, VOL1);
    assert_int_equal(points_mine(ctx, 0, 1, &bal, &es, &n), 0);
    assert_string_equal(es[0].kind, "award");
    assert_string_equal(es[0].unit, "东区文化志愿者协会");
    verify_ok(t);
    tdb_close(t);
}

/* The booking path reads nothing for an activity no item names: the flag comes from the
 * cache. An item written behind the cache's back (as by another app server) is not seen until
 * the cache is read again; publishing through the rules forgets it at once. */
static void test_priority_flag_cached(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t sid, opens = ctx->now + 48 * HOUR;
    int64_t act = new_activity(t, "510402001", opens, &sid);
    int64_t vol1 = user_id(t, VOL1);
    int hours;
    reward_priority_invalidate();
    assert_int_equal(priority_hours(ctx->c, vol1, act, 0, ctx->now, &hours), WY_OK);
    assert_int_equal(hours, 0); /* the cache is loaded: no item names the activity */
    /* another server publishes a window and VOL1 redeems it */
    reward_item it = {.org_id = demo_org(t),
                      .division = "510402",
                      .title = "别处发布的优先预约",
                      .description = "",
                      .kind = "priority_booking",
                      .cost = 5,
                      .stock = 5,
                      .place = "",
                      .activity_id = act,
                      .priority_hours = 6};
    int64_t item;
    assert_int_equal(store_reward_item_create(ctx->c, &it, ctx->now, &item), WY_OK);
    redeem_req rq = {.item_id = item, .user_id = vol1, .code = "CACHETEST2", .now = ctx->now};
    redeem_res res;
    assert_int_equal(redeem_batch(ctx->c, &rq, 1, &res), WY_OK);
    assert_int_equal(res.outcome, REDEEM_OK);
    /* the flag still says no: the holder's redemptions are not read */
    assert_int_equal(priority_hours(ctx->c, vol1, act, 0, ctx->now, &hours), WY_OK);
    assert_int_equal(hours, 0);
    /* read again (the cache's age, or a publication here): seen */
    reward_priority_invalidate();
    assert_int_equal(priority_hours(ctx->c, vol1, act, 0, ctx->now, &hours), WY_OK);
    assert_int_equal(hours, 6);
    /* others hold nothing, whatever the flag */
    assert_int_equal(priority_hours(ctx->c, user_id(t, VOL2), act, 0, ctx->now, &hours), WY_OK);
    assert_int_equal(hours, 0);
    /* a window whose hours cannot reach the moment asked is not read */
    assert_int_equal(priority_hours(ctx->c, vol1, act, 7 * HOUR, ctx->now, &hours), WY_OK);
    assert_int_equal(hours, 0);
    tdb_close(t);
}

/* A published first-come course of 东区 whose term takes enrolments now, with one place left
 * and no age or residence limits. */
static int64_t open_course(tdb *t)
{
    int64_t id = 0;
    assert_int_equal(
        store_one_int(db_query(t->ctx.c,
                               "SELECT c.id FROM courses c JOIN course_terms t ON t.id = c.term_id"
                               " WHERE c.enrolment = 'first_come' AND c.status = 'published'"
                               " AND c.division LIKE '510402%' AND t.enrol_opens_at <= ?"
                               " AND t.enrol_closes_at > ? ORDER BY c.id LIMIT 1",
                               "ii", t->ctx.now, t->ctx.now),
                      &id),
        WY_OK);
    assert_true(id > 0);
    assert_int_equal(db_run(t->ctx.c,
                            "UPDATE courses SET places = taken + 1, age_min = NULL,"
                            " age_max = NULL, residence = NULL WHERE id = ?",
                            "i", id),
                     WY_OK);
    return id;
}

static int64_t live_places(tdb *t, int64_t course)
{
    int64_t n = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c,
                                            "SELECT count(*) FROM course_enrolments"
                                            " WHERE course_id = ? AND status = 'confirmed'",
                                            "i", course),
                                   &n),
                     WY_OK);
    return n;
}

/* A course_place naming a course enrols its holder through the courses' rules and the seat
 * inventory; a full course or an ineligible holder is refused and spends nothing. */
static void test_course_place_enrols(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t course = open_course(t), id, other;
    tdb_as(t, COORDINATOR);
    /* only a course place names a course, and only a known first-come one */
    reward_input in = {demo_org(t), "书法课名额", "", "book", "", 20, 5, 0, 0, course};
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "bad_course");
    in.kind = "course_place";
    in.course_id = 99999999;
    assert_int_equal(reward_item_create(ctx, &in, &id), -1);
    assert_string_equal(ctx->err.code, "unknown_course");
    in.course_id = course;
    assert_int_equal(reward_item_create(ctx, &in, &id), 0);
    reward_item it;
    assert_int_equal(reward_item_get(ctx, id, &it), 0);
    assert_int_equal(it.course_id, course);

    /* the first volunteer takes the last place and pays */
    int64_t before = balance_of(t, VOL1), places = live_places(t, course);
    redeem_res res;
    assert_int_equal(redeem(t, VOL1, id, &res), 0);
    assert_true(res.enrolment_id > 0);
    assert_int_equal(balance_of(t, VOL1), before - 20);
    assert_int_equal(live_places(t, course), places + 1);
    reward_redemption *rs;
    size_t n;
    assert_int_equal(redemption_mine(ctx, 0, 10, &rs, &n), 0);
    assert_int_equal(rs[0].enrolment_id, res.enrolment_id);
    /* the place is theirs to withdraw from the course, not to cancel here */
    reward_redemption out;
    assert_int_equal(redemption_cancel(ctx, rs[0].id, &out), -1);
    assert_string_equal(ctx->err.code, "enrolled");

    /* the course is full: refused at once, nothing spent */
    before = balance_of(t, VOL2);
    assert_int_equal(redeem(t, VOL2, id, &res), -1);
    assert_string_equal(ctx->err.code, "full");
    assert_int_equal(balance_of(t, VOL2), before);
    /* and when the batch finds it full (a place taken since the check): the same */
    assert_int_equal(
        db_run(ctx->c, "UPDATE courses SET places = places + 1 WHERE id = ?", "i", course), WY_OK);
    redeem_req r;
    tdb_as(t, VOL2);
    assert_int_equal(redeem_prepare(ctx, id, NULL, &r), 0);
    assert_int_equal(db_run(ctx->c, "UPDATE courses SET taken = places WHERE id = ?", "i", course),
                     WY_OK);
    assert_int_equal(redeem_now(ctx, &r, &res), -1);
    assert_string_equal(ctx->err.code, "full");
    assert_int_equal(balance_of(t, VOL2), before);
    assert_int_equal(live_places(t, course), places + 1);
    reward_item after;
    assert_int_equal(reward_item_get(ctx, id, &after), 0);
    assert_int_equal(after.taken, 1); /* the stock was given back with the savepoint */

    /* ineligible: an age range the holder's declared birth date does not meet */
    assert_int_equal(db_run(ctx->c,
                            "UPDATE courses SET taken = 0, places = 10, age_min = 100,"
                            " age_max = 120 WHERE id = ?",
                            "i", course),
                     WY_OK);
    before = balance_of(t, VOL2);
    assert_int_equal(redeem(t, VOL2, id, &res), -1);
    assert_int_equal(ctx->err.cls, E_RULE);
    assert_int_equal(balance_of(t, VOL2), before);
    /* the holder of a place already: duplicate */
    assert_int_equal(db_run(ctx->c,
                            "UPDATE courses SET age_min = NULL, age_max = NULL WHERE id = ?", "i",
                            course),
                     WY_OK);
    tdb_as(t, COORDINATOR);
    in.title = "书法课名额（二）";
    assert_int_equal(reward_item_create(ctx, &in, &other), 0);
    before = balance_of(t, VOL1);
    assert_int_equal(redeem(t, VOL1, other, &res), -1);
    assert_string_equal(ctx->err.code, "duplicate");
    assert_int_equal(balance_of(t, VOL1), before);
    verify_ok(t);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_course_place_enrols),
        cmocka_unit_test(test_catalogue_and_redemption),
        cmocka_unit_test(test_redeem_replay),
        cmocka_unit_test(test_awards_gifts_reversals),
        cmocka_unit_test(test_expiry_fifo),
        cmocka_unit_test(test_demo_twice),
        cmocka_unit_test(test_crowd_through_the_writer),
        cmocka_unit_test(test_crowd_from_two_servers),
        cmocka_unit_test(test_priority_window),
        cmocka_unit_test(test_award_by_session),
        cmocka_unit_test(test_priority_flag_cached),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
