/*
 * rating: what people who came think of something (1 to 5 and a comment), the one mechanism
 * for every module's subjects: an activity, a course, a teacher.
 *
 * A module registers a subject kind (rating_subject_register, from its init): how to find a
 * subject (its title, its division, whether its raters can see it) and who may rate it (did
 * this person attend it, and is what they attended over). Only such a person may rate the
 * subject, once: a new rating replaces the old and waits for moderation again. Staff who
 * publish over the subject's division approve or reject ratings of every kind (nobody decides
 * their own); only approved ones are shown and counted in the averages. Every decision is
 * audited. A rating keeps the subject's division as it was when rated (again), so the queue
 * is read by a division prefix without asking every module; a decision is checked against
 * the subject's division as it is now.
 */
#ifndef WY_RATING_H
#define WY_RATING_H

#include "core/domain.h"
#include "core/rating_store.h"

#define RATING_COMMENT_MAX 500 /* characters */
#define RATING_NAME_MAX    64  /* bytes of a masked name */
#define RATING_KINDS_MAX   16

typedef struct rating_subject {
    /* Stored in each rating; the API names the subject's fields after it ("activity_id",
     * "activity_title"). */
    const char *kind;
    /* The subject's page, a format of its id: "/activities/%lld". */
    const char *href;
    /* WY_OK with the subject's title and division (in ctx->a) and whether the public sees
     * it (*shown: published), WY_NOTFOUND, or another store code. */
    int (*find)(wy_ctx *ctx, int64_t id, const char **title, const char **division, int *shown);
    /* WY_OK with *ended when user attended the subject and what they attended is over,
     * *upcoming when they hold an attendance that is not over yet; or a store code. */
    int (*attended)(wy_ctx *ctx, int64_t id, int64_t user_id, int *ended, int *upcoming);
    /* The refusals' messages (English msgids): to whoever did not attend (403
     * "not_attended"), and to whoever has not finished attending (409 "not_ended"). */
    const char *not_attended, *not_ended;
} rating_subject;

/* Register a kind (again: nothing happens); -1 when the table is full or another kind has
 * the name. Not thread-safe: call it from a module's init. */
int rating_subject_register(const rating_subject *s);
/* The kind of that name, or NULL. */
const rating_subject *rating_subject_of(const char *kind);

typedef struct rating_summary {
    double average; /* 0 when there is none */
    int64_t count;
} rating_summary;

/* Rate the subject (kind, id) as ctx->who; *replaced when an earlier rating was replaced. */
int rating_submit(wy_ctx *ctx, const char *kind, int64_t id, int64_t score, const char *comment,
                  rating *out, int *replaced);
/* decision "approve" or "reject" (a rejection needs a reason); audited. */
int rating_decide(wy_ctx *ctx, int64_t id, const char *decision, const char *reason, rating *out);
/* Ratings of every kind with status (default pending) in ctx->who's publish subtree, newest
 * first, ids before before (0: from the newest). */
int rating_queue(wy_ctx *ctx, const char *status, int64_t before, int limit, rating **out,
                 size_t *n);
/* The approved ratings of a subject the public sees, newest first. */
int rating_list_public(wy_ctx *ctx, const char *kind, int64_t id, int64_t before, int limit,
                       rating **out, size_t *n);
/* The average of a subject's approved ratings. */
int rating_summary_of(wy_ctx *ctx, const char *kind, int64_t id, rating_summary *out);
/* The averages of n subjects of a kind at once (a page of a list). */
int rating_summaries(wy_ctx *ctx, const char *kind, const int64_t *ids, size_t n,
                     rating_summary *out);
/* Could ctx->who rate the subject now (attended, and it is over)? */
int rating_may_rate(wy_ctx *ctx, const char *kind, int64_t id);
/* Is who the rating's author (its "own" in the API)? */
int rating_own(const principal *who, const rating *r);
/* The page of the rating's subject, in ctx->a. */
const char *rating_subject_href(wy_ctx *ctx, const rating *r);
/* A name as others see it: its first character, then one * for each of the rest ("张**"). */
void rating_mask_name(const char *name, char out[RATING_NAME_MAX]);

#endif
