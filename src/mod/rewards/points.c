/*
 * points: a volunteer's points in the ledger's book "points" (rewards.h): the statement,
 * coordinators' awards, staff's reversals, gifts between volunteers (转赠) and expiry, and the
 * auditors' reconciliation. Every change is one ledger posting (or reversal) inside a write
 * transaction; the ledger's guarded debit is what keeps a balance from going below zero.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/authz.h"
#include "mod/activities/activity_store.h"
#include "mod/rewards/rewards.h"
#include "mod/volunteers/volunteer.h"
#include "util/csvread.h"
#include "util/log.h"

void points_account(int64_t user_id, char buf[32])
{
    snprintf(buf, 32, "u:%lld", (long long)user_id);
}

int64_t points_account_user(const char *account)
{
    if (!account || strncmp(account, "u:", 2))
        return 0;
    char *end;
    long long v = strtoll(account + 2, &end, 10);
    return *end || v <= 0 ? 0 : (int64_t)v;
}

int points_open_system(db *c)
{
    int rc = ledger_open_account(c, POINTS_BOOK, POINTS_ISSUER, 1);
    if (rc == WY_OK)
        rc = ledger_open_account(c, POINTS_BOOK, POINTS_REDEMPTIONS, 0);
    if (rc == WY_OK)
        rc = ledger_open_account(c, POINTS_BOOK, POINTS_EXPIRED, 0);
    return rc;
}

static int64_t by_whom(const wy_ctx *ctx)
{
    return ctx->who ? ctx->who->user_id : 0;
}

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    if (!utf8_valid(s, strlen(s)))
        return 0;
    size_t len = utf8_length(s);
    return len >= min && len <= max;
}

int points_mine(wy_ctx *ctx, int64_t before, int limit, int64_t *balance, ledger_entry **out,
                size_t *n)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    char acct[32];
    points_account(ctx->who->user_id, acct);
    int rc = ledger_balance(ctx->c, POINTS_BOOK, acct, balance);
    if (rc == WY_OK)
        rc = store_points_statement(ctx->c, ctx->a, POINTS_BOOK, acct, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "points");
}

/* The checks of an award that need no database. */
static int award_valid(wy_ctx *ctx, int64_t amount, const char *reason)
{
    if (amount <= 0 || amount > POINTS_AWARD_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_amount",
                             "An award is 1 to 10000 points a person.", "amount");
    if (!text_ok(reason, 1, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_reason", "A reason has 1 to 200 characters.",
                             "reason");
    return 0;
}

/* In the caller's transaction: the organisation, the caller's right over its division, and
 * the award row (session_id 0: to named people). */
static int award_open(wy_ctx *ctx, int64_t org_id, int64_t amount, const char *reason,
                      int64_t session_id, volunteer_org *o, int64_t *award_id)
{
    int rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, o);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_org", "No such volunteer organisation.",
                             "org_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "organisation");
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, o->division) < 0)
        return -1;
    rc = points_open_system(ctx->c);
    if (rc == WY_OK)
        rc = store_reward_award_create(ctx->c, org_id, o->division, amount, reason, session_id,
                                       by_whom(ctx), ctx->now, award_id);
    if (rc == WY_CONSTRAINT && session_id)
        return wy_fail_field(ctx, E_CONFLICT, "already_awarded",
                             "This organisation has made its award for this session already.",
                             "session_id");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "award");
}

/* In the caller's transaction: amount to each of users (registered volunteers), the people
 * counted on the award, the audit line. */
static int award_post(wy_ctx *ctx, const volunteer_org *o, int64_t amount, const char *reason,
                      const int64_t *users, size_t nusers, int64_t award_id, const char *detail)
{
    int rc = WY_OK;
    for (size_t i = 0; i < nusers; i++) {
        volunteer v;
        rc = store_volunteer_by_user(ctx->c, ctx->a, users[i], &v);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_RULE, "not_a_volunteer",
                                 "Points go to registered volunteers only.", "user_ids");
        char acct[32];
        points_account(users[i], acct);
        ledger_posting p = {.book = POINTS_BOOK,
                            .debit = POINTS_ISSUER,
                            .credit = acct,
                            .amount = amount,
                            .kind = "award",
                            .ref_type = "reward_award",
                            .ref_id = award_id,
                            .unit = o->name,
                            .recorded_by = by_whom(ctx)};
        ledger_entry e;
        if (rc == WY_OK)
            rc = ledger_post(ctx->c, &p, ctx->now, &e);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "award");
    }
    rc = store_reward_award_people(ctx->c, award_id, (int64_t)nusers);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "award");
    return audit_add(ctx, "points.award", "reward_award", award_id, o->division, NULL,
                     arena_sprintf(ctx->a, "%lld x %zu%s", (long long)amount, nusers, detail),
                     reason);
}

int points_award(wy_ctx *ctx, int64_t org_id, int64_t amount, const char *reason,
                 const int64_t *users, size_t nusers, int64_t *award_id)
{
    if (award_valid(ctx, amount, reason) < 0)
        return -1;
    if (nusers == 0 || nusers > POINTS_AWARD_MAX_PEOPLE)
        return wy_fail_field(ctx, E_INVALID, "bad_users", "An award names 1 to 500 volunteers.",
                             "user_ids");
    for (size_t i = 0; i < nusers; i++)
        for (size_t k = 0; k < i; k++)
            if (users[i] == users[k])
                return wy_fail_field(ctx, E_INVALID, "bad_users",
                                     "An award names each volunteer once.", "user_ids");
    if (tx_begin(ctx) < 0)
        return -1;
    volunteer_org o;
    int res = award_open(ctx, org_id, amount, reason, 0, &o, award_id);
    if (res == 0)
        res = award_post(ctx, &o, amount, reason, users, nusers, *award_id, "");
    return tx_end(ctx, res);
}

int points_award_session(wy_ctx *ctx, int64_t org_id, int64_t amount, const char *reason,
                         int64_t session_id, int64_t *award_id, int64_t *people)
{
    *people = 0;
    if (award_valid(ctx, amount, reason) < 0)
        return -1;
    if (session_id <= 0)
        return wy_fail_field(ctx, E_INVALID, "unknown_session", "No such activity session.",
                             "session_id");
    if (tx_begin(ctx) < 0)
        return -1;
    volunteer_org o;
    activity_session s;
    int64_t *users = NULL;
    size_t n = 0;
    int res = 0, rc = store_activity_session_get(ctx->c, ctx->a, session_id, &s);
    if (rc == WY_NOTFOUND)
        res = wy_fail_field(ctx, E_INVALID, "unknown_session", "No such activity session.",
                            "session_id");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "session");
    /* the organisation and the caller's right first: nobody learns who came to a session
     * without the right to award its organisation */
    if (res == 0)
        res = award_open(ctx, org_id, amount, reason, session_id, &o, award_id);
    if (res == 0) {
        rc = store_reward_session_attendees(ctx->c, ctx->a, session_id,
                                            POINTS_AWARD_MAX_SESSION + 1, &users, &n);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "attendance");
        else if (n == 0)
            res = wy_fail_field(ctx, E_RULE, "nobody_attended",
                                "No registered volunteer was checked in at this session.",
                                "session_id");
        else if (n > POINTS_AWARD_MAX_SESSION)
            res = wy_fail_field(ctx, E_RULE, "too_many_attendees",
                                "An award by attendance reaches at most 5000 volunteers.",
                                "session_id");
    }
    if (res == 0)
        res = award_post(ctx, &o, amount, reason, users, n, *award_id,
                         arena_sprintf(ctx->a, ", session %lld", (long long)session_id));
    if (res == 0)
        *people = (int64_t)n;
    return tx_end(ctx, res);
}

/* The division of the volunteer behind a person's account ("" when none): staff over it may
 * reverse their entries. */
static int person_division(wy_ctx *ctx, const char *account, const char **div)
{
    *div = NULL;
    int64_t uid = points_account_user(account);
    if (!uid)
        return WY_OK;
    volunteer v;
    int rc = store_volunteer_by_user(ctx->c, ctx->a, uid, &v);
    if (rc == WY_OK)
        *div = v.division;
    return rc == WY_NOTFOUND ? WY_OK : rc;
}

int points_reverse(wy_ctx *ctx, int64_t entry_id, const char *reason, ledger_entry *out)
{
    if (!text_ok(reason, 1, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_reason", "A reason has 1 to 200 characters.",
                             "reason");
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    ledger_entry e;
    int res = 0, rc = store_ledger_get(ctx->c, ctx->a, entry_id, &e);
    if (rc == WY_OK && strcmp(e.book, POINTS_BOOK))
        rc = WY_NOTFOUND;
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_NOTFOUND, "not_found", "No such entry.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "entry");
    /* the person whose points move: the credit of an award, the debit of an expiry... */
    const char *dc = NULL, *dd = NULL;
    if (res == 0 && ((rc = person_division(ctx, e.credit, &dc)) != WY_OK ||
                     (rc = person_division(ctx, e.debit, &dd)) != WY_OK))
        res = wy_fail_store(ctx, rc, "volunteer");
    if (res == 0 && !dc && !dd)
        res = wy_fail(ctx, E_RULE, "not_reversible", "Only a volunteer's points are reversed.");
    if (res == 0 && !((dc && authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, dc)) ||
                      (dd && authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, dd))))
        res = authz_require(ctx, PERM_VOLUNTEERS_MANAGE, dc ? dc : dd);
    if (res == 0 && (!strcmp(e.kind, "redeem") || !strcmp(e.kind, "refund") || e.reverses))
        res = wy_fail(ctx, E_RULE, "not_reversible",
                      "A redemption is cancelled, not reversed; a reversal is not reversed.");
    if (res == 0) {
        rc = ledger_reverse(ctx->c, ctx->a, POINTS_BOOK, entry_id, "reverse", NULL, by_whom(ctx),
                            ctx->now, out);
        if (rc == WY_CONSTRAINT) {
            int64_t by = 0;
            if (store_ledger_reversed_by(ctx->c, entry_id, &by) == WY_OK && by)
                res = wy_fail(ctx, E_CONFLICT, "not_reversible", "The entry is reversed already.");
            else
                res = wy_fail(ctx, E_RULE, "insufficient_points",
                              "The balance does not cover the points to take back.");
        } else if (rc != WY_OK) {
            res = wy_fail_store(ctx, rc, "reverse");
        }
    }
    if (res == 0)
        res = audit_add(ctx, "points.reverse", "ledger_entry", entry_id, dc ? dc : dd, e.kind,
                        "reverse", reason);
    return tx_end(ctx, res);
}

/* 00:00 China time of the day of now, in ms. */
static int64_t china_day_start(int64_t now)
{
    const int64_t day = 86400000, off = 8 * 3600000;
    return (now + off) / day * day - off;
}

int points_gift(wy_ctx *ctx, const char *to_phone, int64_t amount, ledger_entry *out)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    if (!config_module_bool(ctx->cfg, "rewards", "gift_enabled"))
        return wy_fail(ctx, E_RULE, "gifts_disabled", "Gifts of points are not allowed here.");
    int64_t min = config_module_int(ctx->cfg, "rewards", "gift_min"),
            max = config_module_int(ctx->cfg, "rewards", "gift_max"),
            daily = config_module_int(ctx->cfg, "rewards", "gift_daily_max");
    if (amount < min || amount > max || amount <= 0)
        return wy_fail_field(ctx, E_INVALID, "bad_amount",
                             "A gift is between the smallest and the largest allowed.", "amount");
    if (!to_phone || !*to_phone)
        return wy_fail_field(ctx, E_INVALID, "unknown_recipient",
                             "Give the phone number of a registered volunteer.", "to_phone");
    if (tx_begin(ctx) < 0)
        return -1;
    account u;
    volunteer v;
    int res = 0, rc = store_user_by_phone(ctx->c, ctx->a, to_phone, &u);
    if (rc == WY_OK)
        rc = store_volunteer_by_user(ctx->c, ctx->a, u.id, &v);
    if (rc == WY_NOTFOUND)
        res = wy_fail_field(ctx, E_RULE, "unknown_recipient",
                            "Give the phone number of a registered volunteer.", "to_phone");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "recipient");
    if (res == 0 && u.id == ctx->who->user_id)
        res = wy_fail_field(ctx, E_RULE, "self_gift", "A gift goes to someone else.", "to_phone");
    char from[32], to[32];
    points_account(ctx->who->user_id, from);
    points_account(u.id, to);
    if (res == 0 && daily > 0) {
        int64_t given = 0;
        rc = store_points_debited_since(ctx->c, POINTS_BOOK, from, "gift",
                                        china_day_start(ctx->now), &given);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "gifts");
        else if (given + amount > daily)
            res = wy_fail_field(ctx, E_RULE, "daily_limit",
                                "This gift would pass today's limit of gifts.", "amount");
    }
    if (res == 0) {
        ledger_posting p = {.book = POINTS_BOOK,
                            .debit = from,
                            .credit = to,
                            .amount = amount,
                            .kind = "gift",
                            .recorded_by = ctx->who->user_id};
        rc = ledger_post(ctx->c, &p, ctx->now, out);
        if (rc == WY_CONSTRAINT)
            res = wy_fail_field(ctx, E_RULE, "insufficient_points",
                                "Your balance does not cover this gift.", "amount");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "gift");
    }
    if (res == 0)
        res = audit_add(ctx, "points.gift", "ledger_entry", out->id, v.division, from, to,
                        arena_sprintf(ctx->a, "%lld", (long long)amount));
    if (res == 0) { /* out's strings are the posting's: keep them past this frame */
        out->debit = arena_strdup(ctx->a, from);
        out->credit = arena_strdup(ctx->a, to);
    }
    return tx_end(ctx, res);
}

int points_expiring(db *c, const char *account, int64_t cutoff, int64_t *amount)
{
    int64_t in = 0, out = 0;
    int rc = store_points_fifo_sums(c, POINTS_BOOK, account, cutoff, &in, &out);
    *amount = rc == WY_OK && in > out ? in - out : 0;
    return rc;
}

int64_t points_expiry_cutoff(int64_t now, int months)
{
    const int64_t off = 8 * 3600000;
    time_t t = (time_t)((now + off) / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    int m = tm.tm_mon - months % 12, y = tm.tm_year - months / 12;
    if (m < 0) {
        m += 12;
        y--;
    }
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int yy = y + 1900, last = mdays[m] + (m == 1 && ((yy % 4 == 0 && yy % 100) || yy % 400 == 0));
    tm.tm_year = y;
    tm.tm_mon = m;
    if (tm.tm_mday > last) /* 31 March, one month back: 28 or 29 February */
        tm.tm_mday = last;
    return (int64_t)timegm(&tm) * 1000 + (now + off) % 1000 - off;
}

typedef struct expiry_scan {
    char accounts[256][LEDGER_NAME_MAX + 1];
    size_t n;
    char last[LEDGER_NAME_MAX + 1];
} expiry_scan;

static int collect_account(const char *account, int64_t balance, int negative_ok, void *ud)
{
    expiry_scan *s = ud;
    snprintf(s->last, sizeof(s->last), "%s", account);
    if (balance > 0 && !negative_ok && points_account_user(account))
        snprintf(s->accounts[s->n++], sizeof(s->accounts[0]), "%s", account);
    return 0;
}

int points_expire_run(wy_ctx *ctx, int months, int64_t *accounts, int64_t *points)
{
    *accounts = *points = 0;
    if (months <= 0)
        return 0;
    int64_t cutoff = points_expiry_cutoff(ctx->now, months);
    expiry_scan *s = calloc(1, sizeof(*s));
    if (!s)
        return wy_fail(ctx, E_INTERNAL, "nomem", "Out of memory.");
    int res = 0;
    for (;;) {
        size_t seen = 0;
        s->n = 0;
        int rc = store_ledger_balances_scan(ctx->c, POINTS_BOOK, s->last, 256, collect_account, s,
                                            &seen);
        if (rc != WY_OK) {
            res = wy_fail_store(ctx, rc, "balances");
            break;
        }
        for (size_t i = 0; res == 0 && i < s->n; i++) {
            if (tx_begin(ctx) < 0) {
                res = -1;
                break;
            }
            int64_t amount = 0;
            ledger_entry e;
            rc = points_expiring(ctx->c, s->accounts[i], cutoff, &amount);
            if (rc == WY_OK && amount > 0)
                rc = points_open_system(ctx->c);
            if (rc == WY_OK && amount > 0) {
                ledger_posting p = {.book = POINTS_BOOK,
                                    .debit = s->accounts[i],
                                    .credit = POINTS_EXPIRED,
                                    .amount = amount,
                                    .kind = "expire"};
                rc = ledger_post(ctx->c, &p, ctx->now, &e);
            }
            if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "expiry")) < 0) {
                res = -1;
                break;
            }
            if (amount > 0) {
                ++*accounts;
                *points += amount;
            }
        }
        if (res < 0 || seen < 256)
            break;
    }
    free(s);
    return res;
}

int points_expiry_job(wy_ctx *ctx)
{
    int64_t accounts, points;
    int months = (int)config_module_int(ctx->cfg, "rewards", "expire_months");
    if (points_expire_run(ctx, months, &accounts, &points) < 0)
        return -1;
    if (accounts)
        log_info("points-expiry: %lld points of %lld accounts expired", (long long)points,
                 (long long)accounts);
    return 0;
}

int points_reconcile(wy_ctx *ctx, ledger_report *r)
{
    if (ctx->who && authz_require(ctx, PERM_AUDIT_READ, NULL) < 0)
        return -1;
    int rc = ledger_verify(ctx->c, POINTS_BOOK, r);
    if (rc == 0 || rc == 1)
        return rc;
    return wy_fail_store(ctx, rc, "reconcile");
}
