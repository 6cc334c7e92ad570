/*
 * rewards: the volunteers' points and the points supermarket (积分超市), docs/rewards.md.
 *
 * Points live in the ledger (core/ledger.h), book "points", whole points. A person's account
 * is "u:<user id>"; system accounts: "issuer" (may go negative: points are created from it),
 * "redemptions" (what the supermarket took) and "expired". The kinds this module posts:
 *
 *   award    issuer -> u:N       a coordinator's award for a designated lecture or activity
 *   gift     u:A -> u:B          转赠 between volunteers, within the [rewards] gift settings
 *   redeem   u:N -> redemptions  a reward redeemed (ref: the redemption)
 *   refund   redemptions -> u:N  the reversal of a redemption cancelled before collection
 *   expire   u:N -> expired      points older than [rewards] expire_months, first in first out
 *   reverse  the reversal of an award, a gift or points for hours, by staff with a reason
 *
 * (earn_hours, issuer -> u:N, is posted by the hours of volunteering, not here.)
 *
 * A reward item is a pool of the seat inventory (core/seats.h): its stock is the capacity; a
 * redemption is a claim booked by the seats writer in batches, the stock's guarded update and
 * the ledger's guarded debit in the same transaction, so an item is never oversold and no
 * balance goes below zero, whatever the crowd.
 */
#ifndef WY_REWARDS_H
#define WY_REWARDS_H

#include "core/cli.h"
#include "core/domain.h"
#include "core/ledger.h"
#include "core/seats.h"
#include "mod/rewards/rewards_store.h"

#define POINTS_BOOK        "points"
#define POINTS_ISSUER      "issuer"
#define POINTS_REDEMPTIONS "redemptions"
#define POINTS_EXPIRED     "expired"
#define REWARD_CODE_LEN    10 /* a collection code: 10 of 32 unambiguous characters */

/* "u:<id>" into buf. */
void points_account(int64_t user_id, char buf[32]);
/* The user id of a person's account, 0 for a system account. */
int64_t points_account_user(const char *account);

/* Open the system accounts (issuer negative_ok) in the caller's write transaction. */
int points_open_system(db *c);

/* ---- a person's points ---- */
/* The caller's balance and their entries newest first (seq below before; 0: the newest). */
int points_mine(wy_ctx *ctx, int64_t before, int limit, int64_t *balance, ledger_entry **out,
                size_t *n);

/* A coordinator (volunteers_manage over the organisation's division) awards amount points to
 * each of users (registered volunteers) for reason: one award row, one entry each, audited.
 * Refusals: bad_amount, bad_reason, bad_users, unknown_org, not_a_volunteer. */
#define POINTS_AWARD_MAX_PEOPLE 500
#define POINTS_AWARD_MAX        10000
int points_award(wy_ctx *ctx, int64_t org_id, int64_t amount, const char *reason,
                 const int64_t *users, size_t nusers, int64_t *award_id);
/* The same for the attendance of an activity session: every registered volunteer checked in
 * at session_id (at most POINTS_AWARD_MAX_SESSION) gets amount; the award row names the
 * session; *people says how many. Refusals as points_award, and unknown_session,
 * already_awarded (409: this organisation has awarded this session), nobody_attended (422),
 * too_many_attendees (422). */
#define POINTS_AWARD_MAX_SESSION 5000
int points_award_session(wy_ctx *ctx, int64_t org_id, int64_t amount, const char *reason,
                         int64_t session_id, int64_t *award_id, int64_t *people);

/* Staff (volunteers_manage over the person's division) reverse an entry with a reason: a new
 * entry, audited. Refusals: not_found, bad_reason, not_reversible (a redemption: cancel it;
 * a reversal; reversed already), insufficient_points (the person spent them). */
int points_reverse(wy_ctx *ctx, int64_t entry_id, const char *reason, ledger_entry *out);

/* The caller gives amount points to the volunteer with phone to_phone (转赠). Refusals:
 * gifts_disabled, bad_amount (outside [gift_min, gift_max]), daily_limit, unknown_recipient,
 * self_gift, insufficient_points. */
int points_gift(wy_ctx *ctx, const char *to_phone, int64_t amount, ledger_entry *out);

/* The points of account that expire at now with months (FIFO, docs/rewards.md): what was
 * credited before the cutoff less everything ever debited, never below 0. */
int points_expiring(db *c, const char *account, int64_t cutoff, int64_t *amount);
/* The cutoff of expiry at now: the same China-time instant months calendar months back. */
int64_t points_expiry_cutoff(int64_t now, int months);
/* Post the expiry entries due at ctx->now ([rewards] expire_months; 0: none), one transaction
 * per account: *accounts touched, *points expired. */
int points_expire_run(wy_ctx *ctx, int months, int64_t *accounts, int64_t *points);
/* The periodic job "points-expiry". */
int points_expiry_job(wy_ctx *ctx);

/* ledger_verify of the book "points", for auditors (audit_read anywhere; NULL ctx->who: the
 * command line). 0 all holds, 1 broken (r says where), -1 refused. */
int points_reconcile(wy_ctx *ctx, ledger_report *r);

/* ---- the catalogue ---- */
typedef struct reward_input {
    int64_t org_id;
    const char *title, *description, *kind, *place;
    int64_t cost, stock;
    int64_t activity_id;    /* priority_booking: the activity it opens early; else 0 */
    int64_t priority_hours; /* priority_booking: 1 to REWARD_PRIORITY_HOURS_MAX; else 0 */
    int64_t course_id;      /* course_place: the first-come course it enrols in (0: none) */
} reward_input;
#define REWARD_PRIORITY_HOURS_MAX 720
/* Staff with volunteers_manage over the organisation's division publish an item. Refusals:
 * unknown_org, bad_title, bad_description, bad_kind, bad_cost, bad_stock, bad_place;
 * bad_activity (a priority_booking item without an activity, another kind with one),
 * bad_hours, unknown_activity, activity_out_of_area (an activity outside the organisation's
 * division); bad_course (a course named by another kind than course_place), unknown_course,
 * course_not_first_come, course_out_of_area (core/enrol_hook.h). */
int reward_item_create(wy_ctx *ctx, const reward_input *in, int64_t *id);
int reward_item_get(wy_ctx *ctx, int64_t id, reward_item *out);
int reward_item_list(wy_ctx *ctx, const char *division, int64_t after, int limit, reward_item **out,
                     size_t *n);
/* Is kind one of the item kinds? */
int reward_kind_known(const char *kind);

/* ---- priority booking (priority_booking.c): the source of core/priority.h ---- */
/* Register the source (the module's init). */
void reward_priority_init(void);
/* Forget the cached flags of activities (an item was published). */
void reward_priority_invalidate(void);
/* The hours of priority ctx->who holds for activity_id (0: none, or nobody logged in). */
int reward_priority_of(wy_ctx *ctx, int64_t activity_id, int *hours);

/* ---- redemption: the seat writer's kind "reward" ---- */
typedef enum redeem_outcome {
    REDEEM_OK = 0,
    REDEEM_SOLD_OUT,
    REDEEM_INSUFFICIENT,
    REDEEM_DUPLICATE,
    REDEEM_PLACE_REFUSED, /* a course_place's course took nobody: place_outcome says why */
    REDEEM_KEY_REUSED,    /* the Idempotency-Key was used for another item */
} redeem_outcome;

typedef struct redeem_req {
    int64_t item_id, user_id;
    const char *code;
    const char *idem_key; /* the request's Idempotency-Key, or NULL */
    int64_t now;
    /* a course_place item naming a course: the enrolling module's prepared request
     * (core/enrol_hook.h), taken in the same savepoint; else NULL */
    const void *place_req;
} redeem_req;

typedef struct redeem_res {
    int rc; /* WY_OK, or the store's failure of this request */
    redeem_outcome outcome;
    int64_t id, cost, entry_id;
    char code[REWARD_CODE_LEN + 1];
    int place_outcome;    /* REDEEM_PLACE_REFUSED: the enrolling module's outcome */
    int64_t enrolment_id; /* the course place taken, else 0 */
    int replay;           /* the same request (idem_key) again: its first answer */
} redeem_res;

/* Book n redemptions in one transaction (committed, or rolled back when the whole batch
 * failed: the result says why). Each: take one piece of the item (guarded), insert the
 * redemption, post cost from the person to "redemptions" (guarded), and for a course place
 * take the place in its course (the enrolling module's guarded updates): all or none. */
int redeem_batch(db *c, const redeem_req *r, size_t n, redeem_res *out);

typedef struct redeem_job redeem_job;
struct redeem_job {
    seats_job base;
    redeem_req req;
    redeem_res res;
    int store_rc;
    void (*done)(redeem_job *j); /* on the writer thread, once the batch is durable */
};

/* Check the request (logged in, a published item) and fill req; an early answer for an item
 * with nothing left (sold_out) or a balance under its cost (insufficient_points): the batch
 * decides again. A course_place item naming a course also asks the courses' rules
 * (core/enrol_hook.h): a person they refuse (not_eligible, closed, full, duplicate,
 * over_limit, ...) is refused here, and the batch takes the place or refuses again.
 * idem_key (1 to 64 characters, or NULL): a request made again with the key of one that
 * redeemed already skips the early answers; the batch answers it as the first time (replay),
 * spending nothing more, or refuses it (idempotency_key_reused) when the key was used for
 * another item. */
int redeem_prepare(wy_ctx *ctx, int64_t item_id, const char *idem_key, redeem_req *req);
/* Queue a prepared job on the seats writer; -1 when the queue is full. */
int redeem_submit(redeem_job *j);
/* Book one prepared request now on ctx's connection (pages, tests): 0 or -1 with the
 * refusal. */
int redeem_now(wy_ctx *ctx, const redeem_req *req, redeem_res *res);
/* The refusal of an outcome on ctx: sold_out (409), insufficient_points (422), duplicate
 * (409). */
int redeem_refuse(wy_ctx *ctx, redeem_outcome o);
/* The refusal of a booked request's result (its outcome; a course place's own refusal). */
int redeem_refuse_res(wy_ctx *ctx, const redeem_res *r);
int redeem_busy(wy_ctx *ctx);

/* The caller's redemptions, newest first. */
int redemption_mine(wy_ctx *ctx, int64_t before, int limit, reward_redemption **out, size_t *n);
/* The caller cancels their redemption before collection: the stock back, the points back by
 * a "refund" entry. Refusals: not_found, bad_state; enrolled (409: a course place taken is
 * withdrawn from the course, not cancelled here). */
int redemption_cancel(wy_ctx *ctx, int64_t id, reward_redemption *out);
/* Staff (volunteers_manage over the item's division) mark the redemption of code collected.
 * Refusals: not_found, bad_state (cancelled or collected already). */
int redemption_collect(wy_ctx *ctx, const char *code, reward_redemption *out);

/* `wenyun rewards reconcile --db D` (cli_rewards.c): exit 0 when the book holds, 1 not. */
int rewards_cli(const wy_cli *cli, int argc, char **argv);

/* `wenyun demo`: the points supermarket of 东区 (demo_rewards.c). */
int rewards_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
