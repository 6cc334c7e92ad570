/* The property of the points book (both backends): random sequences of awards (earn), redemptions
 * and their cancellations, staff reversals, expiry and gifts, driven through the module's rules
 * as people would, never break "every balance = the sum of its entries" (ledger_verify, after
 * every step), never take a person's balance below zero, keep the books balanced (all balances
 * sum to zero), and keep the supermarket's side in step with the ledger: each item's taken
 * count is its live redemptions and never passes its stock, and the "redemptions" account holds
 * exactly the cost of the redemptions not cancelled. The sequence is seeded (WY_SEED to replay
 * one) and time moves forward between steps, so expiry meets points of every age. */
#include "testlib.h"

#include "db/store_util.h"
#include "mod/rewards/rewards.h"
#include "mod/volunteers/volunteer.h"

#define COORDINATOR "13900000021"
#define NPEOPLE     6
#define STEPS       400

static uint64_t rng;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}
static int64_t pick(int64_t n)
{
    return (int64_t)(next() % (uint32_t)n);
}

static const char *phones[NPEOPLE];
static int64_t uids[NPEOPLE];

static void make_people(tdb *t)
{
    for (int i = 0; i < NPEOPLE; i++) {
        char *phone = arena_sprintf(&t->a, "137770000%02d", i);
        phones[i] = phone;
        assert_int_equal(
            store_user_create(t->ctx.c, phone, "志愿者", "x", "510402001", t->ctx.now, &uids[i]),
            WY_OK);
        volunteer v = {.user_id = uids[i],
                       .real_name = "志愿者",
                       .birth_date = "1990-01-01",
                       .skills = ",guide,",
                       .availability = "",
                       .areas = ",510402001,",
                       .division = "510402001"};
        int64_t vid;
        assert_int_equal(store_volunteer_create(t->ctx.c, &v, t->ctx.now, &vid), WY_OK);
    }
}

static int64_t org_id(tdb *t)
{
    volunteer_org *os;
    size_t n;
    assert_int_equal(store_volunteer_org_list(t->ctx.c, t->ctx.a, "510402", 0, 100, &os, &n),
                     WY_OK);
    assert_true(n > 0);
    return os[0].id;
}

static int64_t one_int(tdb *t, const char *sql)
{
    int64_t v;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, ""), &v), WY_OK);
    return v;
}

static void check(tdb *t, int step)
{
    ledger_report r;
    int rc = ledger_verify(t->ctx.c, POINTS_BOOK, &r);
    if (rc != 0)
        fail_msg("step %d: ledger_verify %d: %s %s", step, rc, r.problem, r.detail);
    for (int i = 0; i < NPEOPLE; i++) {
        char acct[32];
        int64_t b;
        points_account(uids[i], acct);
        assert_int_equal(ledger_balance(t->ctx.c, POINTS_BOOK, acct, &b), WY_OK);
        if (b < 0)
            fail_msg("step %d: %s below zero: %lld", step, acct, (long long)b);
    }
    assert_int_equal(one_int(t, "SELECT coalesce(sum(balance), 0) FROM ledger_balances"
                                " WHERE book = 'points'"),
                     0);
    assert_int_equal(one_int(t, "SELECT count(*) FROM rewards_items i WHERE taken > stock OR"
                                " taken <> (SELECT count(*) FROM rewards_redemptions r"
                                " WHERE r.item_id = i.id AND r.status <> 'cancelled')"),
                     0);
    int64_t held;
    assert_int_equal(ledger_balance(t->ctx.c, POINTS_BOOK, POINTS_REDEMPTIONS, &held), WY_OK);
    assert_int_equal(held, one_int(t, "SELECT coalesce(sum(cost), 0) FROM rewards_redemptions"
                                      " WHERE status <> 'cancelled'"));
}

/* a refusal the rules may give for this operation, or a failure of the test */
static void refused_as(tdb *t, const char *const *codes, int step, const char *op)
{
    for (size_t i = 0; codes[i]; i++)
        if (t->ctx.err.code && !strcmp(t->ctx.err.code, codes[i]))
            return;
    fail_msg("step %d: %s refused with %s (%s)", step, op, t->ctx.err.code ? t->ctx.err.code : "?",
             t->ctx.err.message ? t->ctx.err.message : "");
}

static void test_random_sequences(void **state)
{
    (void)state;
    const char *seed = getenv("WY_SEED");
    rng = seed ? strtoull(seed, NULL, 10) : 0x5eed2026u;
    if (!rng)
        rng = 1;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    make_people(t);
    int64_t org = org_id(t), items[4];
    tdb_as(t, COORDINATOR);
    for (int i = 0; i < 4; i++) {
        reward_input in = {org, "奖品", "", "ticket", "", 10 + 25 * i, 1 + i, 0, 0, 0};
        assert_int_equal(reward_item_create(ctx, &in, &items[i]), 0);
    }
    assert_int_equal(config_set(&t->cfg, "rewards", "gift_daily_max", "200", NULL, 0), 0);
    int done[7] = {0};
    for (int step = 0; step < STEPS; step++) {
        ctx->now += pick(3 * 86400000LL); /* up to three days pass */
        int who = (int)pick(NPEOPLE), op = (int)pick(7);
        ctx->err = (wy_error){0};
        switch (op) {
        case 0: { /* earn: a coordinator's award */
            tdb_as(t, COORDINATOR);
            int64_t aw;
            assert_int_equal(points_award(ctx, org, 1 + pick(120), "讲座", &uids[who], 1, &aw), 0);
            done[op]++;
            break;
        }
        case 1: { /* redeem */
            redeem_req r;
            redeem_res res;
            tdb_as(t, phones[who]);
            if (redeem_prepare(ctx, items[pick(4)], NULL, &r) < 0 ||
                redeem_now(ctx, &r, &res) < 0) {
                static const char *const ok[] = {"sold_out", "insufficient_points", "duplicate",
                                                 NULL};
                refused_as(t, ok, step, "redeem");
            } else {
                done[op]++;
            }
            break;
        }
        case 2: { /* cancel one's latest redemption */
            reward_redemption *rs, r;
            size_t n;
            tdb_as(t, phones[who]);
            assert_int_equal(redemption_mine(ctx, 0, 1, &rs, &n), 0);
            if (!n)
                break;
            if (redemption_cancel(ctx, rs[0].id, &r) < 0) {
                static const char *const ok[] = {"bad_state", NULL};
                refused_as(t, ok, step, "cancel");
            } else {
                done[op]++;
            }
            break;
        }
        case 3: { /* a staff reversal of some entry */
            int64_t last = one_int(t, "SELECT coalesce(max(id), 0) FROM ledger_entries");
            ledger_entry e;
            tdb_as(t, COORDINATOR);
            if (last && points_reverse(ctx, 1 + pick(last), "更正", &e) < 0) {
                static const char *const ok[] = {"not_reversible", "insufficient_points",
                                                 "not_found", NULL};
                refused_as(t, ok, step, "reverse");
            } else if (last) {
                done[op]++;
            }
            break;
        }
        case 4: { /* expiry, one or two months */
            int64_t accounts, points;
            t->ctx.who = NULL;
            assert_int_equal(points_expire_run(ctx, 1 + (int)pick(2), &accounts, &points), 0);
            done[op] += points > 0;
            break;
        }
        case 5: { /* gift */
            ledger_entry e;
            tdb_as(t, phones[who]);
            if (points_gift(ctx, phones[pick(NPEOPLE)], 1 + pick(150), &e) < 0) {
                static const char *const ok[] = {"insufficient_points", "daily_limit", "self_gift",
                                                 NULL};
                refused_as(t, ok, step, "gift");
            } else {
                done[op]++;
            }
            break;
        }
        case 6: { /* collect someone's redemption */
            reward_redemption *rs, r;
            size_t n;
            tdb_as(t, phones[who]);
            assert_int_equal(redemption_mine(ctx, 0, 1, &rs, &n), 0);
            if (!n)
                break;
            tdb_as(t, COORDINATOR);
            if (redemption_collect(ctx, rs[0].code, &r) < 0) {
                static const char *const ok[] = {"bad_state", NULL};
                refused_as(t, ok, step, "collect");
            } else {
                done[op]++;
            }
            break;
        }
        }
        check(t, step);
    }
    /* the sequence went everywhere: each operation succeeded at least once */
    for (int op = 0; op < 7; op++)
        if (!done[op])
            fail_msg("operation %d never succeeded in %d steps", op, STEPS);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
