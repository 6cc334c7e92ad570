/*
 * lottery_record: the lottery's draws kept in the store (docs/lottery.md, "The store of
 * draws"). lottery.h is the pure mechanism; this is its life in wenyun:
 *
 *   open      an owner (a course term...) has a lottery: lottery_record_open
 *   committed lottery_record_commit: the owner's kind builds the inputs, the core fixes the
 *             beacon's source and a round that is not out yet (lottery_beacon_round_at), and
 *             keeps the canonical inputs and their commitment, never to change again
 *   drawn     lottery_record_draw: staff enter the round's value once it is out; the core
 *             draws, keeps the draw file, and calls the kind's apply in the same transaction,
 *             so that a failure leaves the lottery committed and nothing applied, and a rerun
 *             with the same value gives the same draw
 *
 * Owners plug in with a lottery_kind (like review types): a name, the permission that runs
 * their lotteries over the lottery's division, a function that builds the inputs and one that
 * applies the results. A module lists its kinds in its descriptor (mod/module.h,
 * .lottery_kinds), and the application registers them at start-up.
 */
#ifndef WY_LOTTERY_RECORD_H
#define WY_LOTTERY_RECORD_H

#include "core/authz.h"
#include "core/domain.h"
#include "core/lottery.h"
#include "core/lottery_store.h"

/* The beacon a lottery uses unless the caller names another, and how long after the
 * commitment its round comes out at the soonest (ms): the commitment is published first. */
#define LOTTERY_DEFAULT_SOURCE "drand/quicknet"
#define LOTTERY_MIN_DELAY_MS   1000

typedef struct lottery_kind {
    const char *name; /* "course_term": the lotteries' owner_type */
    perm manage;      /* who commits and draws, over the lottery's division */
    /* The division and title of an owner (strings in ctx->a); -1 with ctx->err (404). */
    int (*describe)(wy_ctx *ctx, int64_t owner_id, const char **division, const char **title);
    /* The inputs of an owner, everything but the algorithm and the beacon (the core sets
     * them); strings and arrays in ctx->a. -1 with ctx->err when the owner cannot be drawn
     * yet (its window is open). Called inside the committing transaction. */
    int (*build)(wy_ctx *ctx, int64_t owner_id, lottery_inputs *in);
    /* Apply a drawn lottery to the owner's rows, inside the drawing transaction: -1 with
     * ctx->err undoes the draw. */
    int (*apply)(wy_ctx *ctx, int64_t owner_id, const lottery *l);
    /* Annul what the draw gave one applicant (their pseudonym), inside the transaction that
     * applies the correction cr (cr->applicant, cr->reason): their places of the draw withdrawn,
     * their waiting places given up, the places freed served to the waiting lists in order, and the
     * person told. -1 with ctx->err undoes the correction. NULL: the kind's results cannot be
     * annulled (only errata are published). */
    int (*annul)(wy_ctx *ctx, int64_t owner_id, const lottery_correction_row *cr);
} lottery_kind;

/* 0 (also for k registered already), or -1 when another kind of that name is registered or
 * the registry is full. */
int lottery_register_kind(const lottery_kind *k);
const lottery_kind *lottery_kind_find(const char *name);

/* The lottery of an owner of kind, opened when it has none (staff with the kind's
 * permission over its division). */
int lottery_record_open(wy_ctx *ctx, const char *kind, int64_t owner_id, lottery_row *out);
/* Commit: the kind builds the inputs; the beacon is source (NULL: LOTTERY_DEFAULT_SOURCE) at
 * the first round out at or after at (ms; 0 or earlier than now + LOTTERY_MIN_DELAY_MS: that
 * much after now). A source whose rounds do not follow the clock is refused (422
 * beacon_not_timed). 409 bad_state unless the lottery is open. */
int lottery_record_commit(wy_ctx *ctx, int64_t id, const char *source, int64_t at,
                          lottery_row *out);
/* Draw with the value of the committed round (hex), entered by staff: 409 too_early before
 * the round's time (err.opens_at says when), 422 for a malformed value; the draw file is kept
 * and the kind applies the results in the same transaction. Drawing a drawn lottery again with
 * the same value answers the same draw; with another value 409 bad_state. */
int lottery_record_draw(wy_ctx *ctx, int64_t id, const char *beacon_hex, lottery_row *out);

/* Read: anyone (a lottery is public from its opening). */
int lottery_record_get(wy_ctx *ctx, int64_t id, lottery_row *out);
int lottery_record_of(wy_ctx *ctx, const char *kind, int64_t owner_id, lottery_row *out);
int lottery_record_list(wy_ctx *ctx, const char *division, int64_t before, int limit,
                        lottery_row **out, size_t *n);
/* The published bytes: 404 not_committed / not_drawn before. */
int lottery_record_inputs(wy_ctx *ctx, int64_t id, const char **text, size_t *len);
int lottery_record_file(wy_ctx *ctx, int64_t id, const char **text, size_t *len);
/* The drawn lottery, recomputed from its whole file (lottery_free it): for tests and tools;
 * pages use lottery_record_check, which keeps it. */
int lottery_record_load(wy_ctx *ctx, int64_t id, lottery **out);

/* ---- corrections: a drawn lottery's results are never edited; a correction is a new record,
 * proposed by one of the kind's staff and applied by another (docs/lottery.md) ---- */

#define LOTTERY_REASON_MIN 5   /* characters of a correction's reason */
#define LOTTERY_REASON_MAX 500 /* characters */

/* Propose a correction of drawn lottery lottery_id: action "annul" (applicant: a pseudonym of
 * the draw file, annulled at most once) or "erratum" (applicant NULL or ""), with a reason.
 * 409 not_drawn before the draw, 422 unknown_applicant, not_supported (the kind annuls
 * nothing), 409 already_annulled; audited. */
int lottery_correction_propose(wy_ctx *ctx, int64_t lottery_id, const char *action,
                               const char *applicant, const char *reason,
                               lottery_correction_row *out);
/* Apply (apply 1) or cancel (0) a proposed correction. Applying is for someone other than
 * who proposed it (403 own_correction) and runs the kind's annul in the same transaction;
 * 409 bad_state once decided; audited. */
int lottery_correction_decide(wy_ctx *ctx, int64_t id, int apply, lottery_correction_row *out);
/* A lottery's corrections, oldest first: the applied ones for everyone; every one, proposed
 * and cancelled too, for the kind's staff over the lottery's division (*all says which). */
int lottery_correction_list(wy_ctx *ctx, int64_t lottery_id, lottery_correction_row **out,
                            size_t *n, int *all);

/* A drawn lottery's verification, kept: its file verified once per process (the row of a
 * drawn lottery never changes: the store refuses it), by the lottery and its seed. outcome is
 * LOTTERY_VERIFIED, LOTTERY_DIFFERS or LOTTERY_UNREADABLE, message what differs; l the
 * recomputed draw when verified, else NULL. At most LOTTERY_CHECKS_KEPT are kept with
 * LOTTERY_CHECKS_APPLICANTS applicants in all (a draw holds every applicant's id, ticket and
 * places in memory), the least recently viewed given up first. Shared between threads:
 * read only, and handed back with lottery_check_release. */
#define LOTTERY_CHECKS_KEPT       4
#define LOTTERY_CHECKS_APPLICANTS 1000000
typedef struct lottery_check {
    int outcome;
    char message[256];
    const lottery *l;
    /* the cache's own */
    int64_t id;
    char seed[LOTTERY_HEX];
    size_t napplicants;
    int refs;
    uint64_t used;
} lottery_check;
/* r drawn: 0 with *out (an outcome that is not LOTTERY_VERIFIED is not a failure), or -1 with
 * ctx->err (the store failed). A file larger than LOTTERY_CHECK_INLINE_BYTES is verified on a
 * thread of its own, one at a time in the process, so no request waits seconds for a
 * Shanghai-size draw: 0 with *out NULL says the check is pending, and a later call finds it
 * kept. */
#define LOTTERY_CHECK_INLINE_BYTES ((size_t)1 << 20)
int lottery_record_check(wy_ctx *ctx, const lottery_row *r, lottery_check **out);
void lottery_check_release(lottery_check *c);

#endif
