/*
 * redemption: a reward redeemed through the seat inventory (core/seats.h), rewards.h. An item
 * is a pool whose capacity is its stock; a redemption is a claim that the seats writer books
 * in batches, one durable commit per batch. In each request's savepoint: the stock's guarded
 * update, the redemption row (one live per person and item), and the ledger's guarded debit
 * of the cost from the person to "redemptions" — all three or none, so the stock is never
 * passed and no balance goes below zero.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/enrol_hook.h"
#include "mod/rewards/rewards.h"

/* a collection code read aloud or typed by staff: no 0/O, 1/I */
static const char code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

static const char *new_code(arena *a)
{
    char *s = arena_alloc(a, REWARD_CODE_LEN + 1);
    if (!s)
        return NULL;
    for (int i = 0; i < REWARD_CODE_LEN; i++)
        s[i] = code_alphabet[randombytes_uniform(sizeof(code_alphabet) - 1)];
    s[REWARD_CODE_LEN] = '\0';
    return s;
}

/* The same request again (r->idem_key): the first one's answer; found 1 when there was one. */
static int replay(db *c, const redeem_req *r, redeem_res *o, int *found)
{
    arena a;
    arena_init(&a, 0);
    reward_redemption first;
    int rc = store_redemption_by_key(c, &a, r->user_id, r->idem_key, &first);
    *found = rc == WY_OK;
    if (rc == WY_OK && first.item_id != r->item_id)
        o->outcome = REDEEM_KEY_REUSED;
    else if (rc == WY_OK) {
        o->outcome = REDEEM_OK;
        o->replay = 1;
        o->id = first.id;
        o->cost = first.cost;
        o->entry_id = first.entry_id;
        o->enrolment_id = first.enrolment_id;
        snprintf(o->code, sizeof(o->code), "%s", first.code);
    }
    arena_free(&a);
    return rc == WY_NOTFOUND ? WY_OK : rc;
}

static int one_redemption(db *c, const redeem_req *r, redeem_res *o)
{
    if (r->idem_key) {
        int found = 0, rc = replay(c, r, o, &found);
        if (rc != WY_OK || found)
            return rc;
    }
    int taken = 0;
    int rc = store_reward_item_take(c, r->item_id, &taken, &o->cost);
    if (rc != WY_OK)
        return rc;
    if (!taken) {
        o->outcome = REDEEM_SOLD_OUT;
        return WY_OK;
    }
    rc = store_redemption_insert(c, r->item_id, r->user_id, o->cost, r->code, r->idem_key, r->now,
                                 &o->id);
    if (rc == WY_CONSTRAINT) { /* rewards_redemptions_one: a live one already */
        o->outcome = REDEEM_DUPLICATE;
        return WY_OK;
    }
    if (rc != WY_OK)
        return rc;
    char acct[32];
    points_account(r->user_id, acct);
    ledger_posting p = {.book = POINTS_BOOK,
                        .debit = acct,
                        .credit = POINTS_REDEMPTIONS,
                        .amount = o->cost,
                        .kind = "redeem",
                        .ref_type = "reward_redemption",
                        .ref_id = o->id,
                        .recorded_by = r->user_id};
    ledger_entry e;
    rc = ledger_post(c, &p, r->now, &e);
    if (rc == WY_CONSTRAINT) { /* the guarded debit: the balance does not cover the cost */
        o->outcome = REDEEM_INSUFFICIENT;
        return WY_OK;
    }
    if (rc != WY_OK)
        return rc;
    o->entry_id = e.id;
    rc = store_redemption_set_entry(c, o->id, e.id);
    /* a course place: the place in the same savepoint, so a refused one spends nothing */
    const enrol_hook *h = r->place_req ? enrol_hook_get() : NULL;
    if (rc == WY_OK && h) {
        rc = h->take(c, r->place_req, &o->place_outcome, &o->enrolment_id);
        if (rc == WY_OK && o->place_outcome) {
            o->outcome = REDEEM_PLACE_REFUSED;
            return WY_OK;
        }
        if (rc == WY_OK)
            rc = store_redemption_set_enrolment(c, o->id, o->enrolment_id);
    }
    if (rc == WY_OK) {
        o->outcome = REDEEM_OK;
        snprintf(o->code, sizeof(o->code), "%s", r->code);
    }
    return rc;
}

int redeem_batch(db *c, const redeem_req *r, size_t n, redeem_res *out)
{
    int rc = db_begin_write(c);
    if (rc != WY_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        /* a savepoint each: a refusal or a failure of one leaves the others standing */
        memset(&out[i], 0, sizeof(out[i]));
        rc = db_savepoint(c);
        if (rc != WY_OK)
            break;
        out[i].rc = one_redemption(c, &r[i], &out[i]);
        if (out[i].rc == WY_OK && out[i].outcome == REDEEM_OK && !out[i].replay)
            rc = db_savepoint_release(c);
        else
            rc = db_savepoint_rollback(c);
        if (rc != WY_OK)
            break;
    }
    if (rc == WY_OK)
        rc = db_commit(c);
    if (rc != WY_OK)
        db_rollback(c);
    return rc;
}

/* The seats writer's kind: only its one thread calls it, so the arrays are static. */
static int reward_batch(db *c, seats_job *const *jobs, size_t n)
{
    static redeem_req reqs[SEATS_BATCH_MAX];
    static redeem_res res[SEATS_BATCH_MAX];
    if (n > SEATS_BATCH_MAX)
        return WY_ERR;
    for (size_t i = 0; i < n; i++)
        reqs[i] = ((redeem_job *)jobs[i])->req;
    int rc = redeem_batch(c, reqs, n, res);
    for (size_t i = 0; i < n; i++)
        ((redeem_job *)jobs[i])->res = res[i];
    return rc;
}

static const seats_kind reward_kind = {"reward", reward_batch};

static void redeem_job_done(seats_job *sj)
{
    redeem_job *j = (redeem_job *)sj;
    j->store_rc = sj->store_rc;
    j->done(j);
}

int redeem_submit(redeem_job *j)
{
    j->base.kind = &reward_kind;
    j->base.done = redeem_job_done;
    return seats_submit(&j->base);
}

int redeem_busy(wy_ctx *ctx)
{
    wy_fail(ctx, E_UNAVAILABLE, "busy", "Too many people are redeeming right now; try again soon.");
    ctx->err.retry_after_s = 2;
    return -1;
}

int redeem_refuse(wy_ctx *ctx, redeem_outcome o)
{
    switch (o) {
    case REDEEM_SOLD_OUT:
        return wy_fail(ctx, E_CONFLICT, "sold_out", "This reward is sold out.");
    case REDEEM_INSUFFICIENT:
        return wy_fail(ctx, E_RULE, "insufficient_points",
                       "Your points do not cover the cost of this reward.");
    case REDEEM_DUPLICATE:
        return wy_fail(ctx, E_CONFLICT, "duplicate",
                       "You hold a redemption of this reward not yet collected.");
    case REDEEM_PLACE_REFUSED:
        return wy_fail(ctx, E_CONFLICT, "place_refused",
                       "The course of this reward took nobody; nothing was spent.");
    case REDEEM_KEY_REUSED:
        return wy_fail(ctx, E_RULE, "idempotency_key_reused",
                       "This Idempotency-Key was used for another reward.");
    case REDEEM_OK:
        break;
    }
    return 0;
}

int redeem_refuse_res(wy_ctx *ctx, const redeem_res *r)
{
    const enrol_hook *h = enrol_hook_get();
    if (r->outcome == REDEEM_PLACE_REFUSED && h)
        return h->refuse(ctx, r->place_outcome); /* full, duplicate, over_limit */
    return redeem_refuse(ctx, r->outcome);
}

int redeem_prepare(wy_ctx *ctx, int64_t item_id, const char *idem_key, redeem_req *req)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    if (idem_key && (!*idem_key || strlen(idem_key) > 64))
        return wy_fail(ctx, E_INVALID, "bad_idempotency_key",
                       "An Idempotency-Key has 1 to 64 characters.");
    reward_item it;
    int rc = store_reward_item_get(ctx->c, ctx->a, item_id, &it);
    if (rc == WY_NOTFOUND || (rc == WY_OK && strcmp(it.status, "published")))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such item.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "item");
    *req = (redeem_req){.item_id = item_id,
                        .user_id = ctx->who->user_id,
                        .code = new_code(ctx->a),
                        .idem_key = idem_key ? arena_strdup(ctx->a, idem_key) : NULL,
                        .now = ctx->now};
    /* a retry of a request that redeemed already gets its first answer (from the batch) */
    reward_redemption first;
    rc = idem_key ? store_redemption_by_key(ctx->c, ctx->a, ctx->who->user_id, idem_key, &first)
                  : WY_NOTFOUND;
    if (rc == WY_OK)
        return check_mem(ctx);
    if (rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "redemption");
    /* early answers, without the writer: the batch decides again on what it finds */
    if (it.taken >= it.stock)
        return redeem_refuse(ctx, REDEEM_SOLD_OUT);
    char acct[32];
    int64_t balance = 0;
    points_account(ctx->who->user_id, acct);
    rc = ledger_balance(ctx->c, POINTS_BOOK, acct, &balance);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "points");
    if (balance < it.cost)
        return redeem_refuse(ctx, REDEEM_INSUFFICIENT);
    /* a course place: the courses' rules say whether this person may take it now */
    const void *place_req = NULL;
    if (!strcmp(it.kind, "course_place") && it.course_id) {
        const enrol_hook *h = enrol_hook_get();
        if (!h)
            return wy_fail(ctx, E_UNAVAILABLE, "unavailable", "Courses are not offered here.");
        if (h->prepare(ctx, it.course_id, &place_req) < 0)
            return -1;
    }
    req->place_req = place_req;
    return check_mem(ctx);
}

int redeem_now(wy_ctx *ctx, const redeem_req *req, redeem_res *res)
{
    int rc = redeem_batch(ctx->c, req, 1, res);
    if (rc == WY_OK)
        rc = res->rc;
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "redemption");
    return redeem_refuse_res(ctx, res);
}

int redemption_mine(wy_ctx *ctx, int64_t before, int limit, reward_redemption **out, size_t *n)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    int rc = store_redemption_list(ctx->c, ctx->a, ctx->who->user_id, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "redemptions");
}

int redemption_cancel(wy_ctx *ctx, int64_t id, reward_redemption *out)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0, rc = store_redemption_get(ctx->c, ctx->a, id, out);
    if (rc == WY_NOTFOUND || (rc == WY_OK && out->user_id != ctx->who->user_id))
        res = wy_fail(ctx, E_NOTFOUND, "not_found", "No such redemption.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "redemption");
    if (res == 0 && strcmp(out->status, "confirmed"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a redemption not yet collected can be cancelled.");
    if (res == 0 && out->enrolment_id)
        res = wy_fail(ctx, E_CONFLICT, "enrolled",
                      "This reward gave you a place in a course; it cannot be cancelled.");
    ledger_entry e;
    if (res == 0) {
        rc = ledger_reverse(ctx->c, ctx->a, POINTS_BOOK, out->entry_id, "refund", NULL,
                            ctx->who->user_id, ctx->now, &e);
        if (rc == WY_OK)
            rc = store_redemption_cancel(ctx->c, id, e.id, ctx->now);
        if (rc == WY_OK)
            rc = store_reward_item_give_back(ctx->c, out->item_id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "cancel");
    }
    if (res == 0) {
        out->status = "cancelled";
        out->refund_id = e.id;
    }
    return tx_end(ctx, res);
}

int redemption_collect(wy_ctx *ctx, const char *code, reward_redemption *out)
{
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL) < 0)
        return -1;
    if (!code || !*code || strlen(code) > 64)
        return wy_fail_field(ctx, E_INVALID, "bad_code", "Give the redemption's code.", "code");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0, rc = store_redemption_by_code(ctx->c, ctx->a, code, out);
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_NOTFOUND, "not_found", "No redemption has this code.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "redemption");
    if (res == 0)
        res = authz_require(ctx, PERM_VOLUNTEERS_MANAGE, out->division);
    if (res == 0 && !strcmp(out->status, "collected"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "This reward was collected already.");
    else if (res == 0 && strcmp(out->status, "confirmed"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "This redemption was cancelled.");
    if (res == 0) {
        rc = store_redemption_collect(ctx->c, out->id, ctx->who->user_id, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "collect");
    }
    if (res == 0) {
        out->status = "collected";
        out->collected_at = ctx->now;
        res = audit_add(ctx, "reward_redemption.collect", "reward_redemption", out->id,
                        out->division, "confirmed", "collected", NULL);
    }
    return tx_end(ctx, res);
}
