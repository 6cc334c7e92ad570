/*
 * exchange_revision: changes to a published exchange activity or an approved plan entry go
 * through review, by the core's revision mechanism (core/revision.h). What the public sees of
 * a published record does not change when its staff edit it: the fields a draft may change
 * (an activity's titles, summaries, kind, scope, channel, dates, partners and stops; a plan's
 * unit, title, kind, dates, note and partners) are checked as the record would be written,
 * then kept as a pending revision of content type "exchange_activity_revision" or
 * "exchange_plan_revision" while the published version stays. Final approval by a reviewer of
 * the record's division (never its proposer) rewrites the record; a rejection or a withdrawal
 * discards it. Staff over the record's division and its reviewers see it; nobody else.
 *
 * A revision keeps its values as texts: channel_id as a decimal id (null: cleared), partners
 * and stops as JSON arrays, as the API gives them.
 */
#ifndef WY_EXCHANGE_REVISION_H
#define WY_EXCHANGE_REVISION_H

#include "core/revision.h"
#include "mod/exchange/amend.h"

extern const revision_type exchange_activity_revision_type;
extern const revision_type exchange_plan_revision_type;

/* The fields a revision of an activity or a plan carries, in the types' order. */
extern const char *const exchange_activity_revision_fields[];
extern const char *const exchange_plan_revision_fields[];

/* Keep the change in (already checked whole against published activity a, or plan p) as a
 * pending revision and submit it for review, inside the caller's transaction; *status is the
 * review's ("pending"). 409 revision_pending when one waits already. */
int exchange_activity_revision_propose(wy_ctx *ctx, const exchange_activity *a,
                                       const exchange_activity_change_input *in,
                                       const char **status);
int exchange_plan_revision_propose(wy_ctx *ctx, const exchange_plan *p,
                                   const exchange_plan_input *in, int partners_given,
                                   const char **status);

/* The pending revision of activity (plan) id, for staff and reviewers over its division: 1
 * (with *review_id, its review item), 0 when none or not theirs to see, -1 on error (404 when
 * the record is not theirs to see at all). */
int exchange_activity_revision_pending(wy_ctx *ctx, int64_t id, revision *out, int64_t *review_id);
int exchange_plan_revision_pending(wy_ctx *ctx, int64_t id, revision *out, int64_t *review_id);

/* Withdraw the pending revision of activity (plan) id: staff over its division; 404
 * no_revision when none waits. The revision is discarded (rejected) and the step audited;
 * *revision_id names it. */
int exchange_activity_revision_withdraw(wy_ctx *ctx, int64_t id, int64_t *revision_id);
int exchange_plan_revision_withdraw(wy_ctx *ctx, int64_t id, int64_t *revision_id);

#endif
