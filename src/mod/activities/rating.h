/*
 * rating: what people who came think of an activity (1 to 5 and a comment). Only a person
 * checked in at a session of the activity that has ended may rate it, once per activity: a
 * new rating replaces the old and waits for moderation again. Staff who manage the
 * activity (publish over its division) approve or reject ratings; only approved ones are
 * shown and counted in the averages of the activity and of its venue.
 */
#ifndef WY_RATING_H
#define WY_RATING_H

#include "core/domain.h"
#include "mod/activities/activity_store.h"

#define RATING_COMMENT_MAX 500 /* characters */
#define RATING_NAME_MAX    64  /* bytes of a masked name */

typedef struct rating_summary {
    double average; /* 0 when there is none */
    int64_t count;
} rating_summary;

/* Rate activity_id as ctx->who; *replaced when an earlier rating was replaced. */
int rating_submit(wy_ctx *ctx, int64_t activity_id, int64_t score, const char *comment, rating *out,
                  int *replaced);
/* decision "approve" or "reject" (a rejection needs a reason); audited. */
int rating_decide(wy_ctx *ctx, int64_t id, const char *decision, const char *reason, rating *out);
/* Ratings with status (default pending) of the activities in ctx->who's publish subtree,
 * newest first, ids before before (0: from the newest). */
int rating_queue(wy_ctx *ctx, const char *status, int64_t before, int limit, rating **out,
                 size_t *n);
/* The approved ratings of a published activity, newest first. */
int rating_list_public(wy_ctx *ctx, int64_t activity_id, int64_t before, int limit, rating **out,
                       size_t *n);
int rating_summary_activity(wy_ctx *ctx, int64_t activity_id, rating_summary *out);
int rating_summary_venue(wy_ctx *ctx, int64_t venue_id, rating_summary *out);
/* Could ctx->who rate the activity now (checked in at a session that has ended)? */
int rating_may_rate(wy_ctx *ctx, int64_t activity_id);
/* Is who the rating's author (its "own" in the API)? */
int rating_own(const principal *who, const rating *r);
/* A name as others see it: its first character, then one * for each of the rest ("张**"). */
void rating_mask_name(const char *name, char out[RATING_NAME_MAX]);

#endif
