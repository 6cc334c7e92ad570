/*
 * review: the one approval mechanism for everything published (层层把关、层层审核).
 *
 *   draft --submit--> pending(level 1) --approve--> ... pending(level n) --approve--> published
 *                         \--reject (with a reason)--> rejected --submit--> pending(level 1)
 *
 * A chain is a list of division levels ("county,city"), configured per content type and
 * division subtree (the longest configured prefix wins; with none, "county,city"). At level k
 * the decision belongs to a reviewer whose grant is the item's ancestor at that level, so a
 * district reviewer decides first and a city reviewer second. Levels above the item's own
 * division are kept; levels below it are dropped at submission. Every transition is written
 * to the audit log in the same transaction.
 *
 * Nobody approves their own work: whoever wrote, changed or submitted a piece of content
 * (review_author_add, called by the content module in the writing transaction, and by
 * review_submit_tx) may never decide it, at any level, whatever roles they hold.
 *
 * Content modules plug in with review_register_type(): the review module tells them when
 * their record's status changes.
 */
#ifndef WY_REVIEW_H
#define WY_REVIEW_H

#include "core/domain.h"

#define REVIEW_DEFAULT_CHAIN "county,city"

typedef struct review_type {
    const char *name; /* "notice" */
    /* Called inside the transaction when an item changes status; -1 (with ctx->err) undoes
     * the transition. */
    int (*on_status)(wy_ctx *ctx, int64_t content_id, const char *status);
} review_type;

void review_register_type(const review_type *t);
const review_type *review_type_find(const char *name);

/* Record, inside the caller's transaction, that the caller wrote or changed this content:
 * it may never decide it. */
int review_author_add(wy_ctx *ctx, const char *content_type, int64_t content_id);
/* Submit content for review (from draft or rejected), inside the caller's transaction; the
 * submitter becomes one of its authors. An empty chain publishes at once. *status says where
 * it went. */
int review_submit_tx(wy_ctx *ctx, const char *content_type, int64_t content_id,
                     const char *division, const char *title, const char **status);
/* Take content back from review (pending, at any level, back to draft), inside the caller's
 * transaction: its module has decided who may; the content type is told "draft" and the
 * step is audited (review.withdraw). E_CONFLICT bad_state when it is not pending. It may be
 * submitted again afterwards, from the first level. */
int review_withdraw_tx(wy_ctx *ctx, const char *content_type, int64_t content_id);
/* Approve or reject (decision "approve" | "reject"; a rejection needs a reason). */
int review_decide(wy_ctx *ctx, int64_t item_id, const char *decision, const char *reason,
                  review_item *after);
/* Did who write, change or submit it? (it read for who: review_get, review_list) */
int review_own(const principal *who, const review_item *it);
/* May who decide on it now? Never on its own (review_own); else a reviewer of the item's
 * ancestor at the pending level. review_decide refuses what this refuses: 403
 * "own_submission" for one's own item, "not_your_level" for another level's. */
int review_may_decide(const principal *who, const review_item *it);
/* Items in the caller's review scope with this status, newest first. */
int review_list(wy_ctx *ctx, const char *status, const char *division, int64_t before, int limit,
                review_item **out, size_t *n);
int review_get(wy_ctx *ctx, int64_t id, review_item *out);
/* Set the chain of content_type for the subtree of division (required). */
int review_chain_set(wy_ctx *ctx, const char *content_type, const char *division,
                     const char *levels);
/* The chain that applies at division; *normalized is its short code ("" for none). */
int review_chain_get(wy_ctx *ctx, const char *content_type, const char *division,
                     const char **levels, const char **normalized);
/* The audit trail of an item. */
int review_history(wy_ctx *ctx, int64_t item_id, audit_entry **out, size_t *n);

#endif
