/*
 * revision: the one mechanism for changing what is published through review (修订审核).
 *
 * A published record (an activity, a volunteer project, ...) does not change at once when
 * its staff edit it: the proposed values of the fields they change are kept as a pending
 * revision (content_revisions) and submitted to the review chain (core/review.h) as the
 * content type of the record's revision type, while the published version stays what
 * everyone sees. Final approval applies the revision to the record, in the deciding
 * transaction; a rejection (or a withdrawal) discards it, and an approval that finds the
 * record no longer published discards it as obsolete. Either way it stays on record.
 *
 *   pending --approved at the last level--> approved (applied)
 *          \--rejected or withdrawn--> rejected
 *          \--approved, the record no longer published--> obsolete
 *
 * At most one revision of a record waits at a time (409 revision_pending). Whoever proposes
 * it is one of its review authors, so never decides it. Those who manage the record (the
 * type's manages) and the reviewers of its division see it; nobody else knows of it. Every
 * step is audited on the record: <object_type>.revise, .revision_apply, .revision_discard.
 *
 * A module plugs a record in with a revision_type: its review type (whose on_status is
 * revision_on_status, registered like any review type), the names of the fields a revision
 * may carry, and callbacks that load the record and apply an approved revision to it.
 */
#ifndef WY_REVISION_H
#define WY_REVISION_H

#include "core/review.h"
#include "core/revision_store.h"

#define REVISION_MAX_FIELDS 16

/* A revision as the rules read it: which fields it changes and their proposed values. */
typedef struct revision {
    int64_t id;
    int64_t target_id;
    unsigned fields;                         /* bit i: the type's fields[i] is changed */
    const char *values[REVISION_MAX_FIELDS]; /* its proposed value; NULL: cleared */
    const char *status;                      /* pending, approved, rejected, obsolete */
    int64_t created_by, created_at, decided_at;
} revision;

/* What the mechanism needs to know of the record a revision changes (its type's load). */
typedef struct revision_target {
    int64_t id;
    const char *division;
    const char *status; /* a revision applies only to a "published" record */
    const char *title;  /* the review item's title */
    void *record;       /* the module's own record, for its callbacks */
} revision_target;

typedef struct revision_type {
    /* The review type: its name is the content type ("activity_revision"), its on_status
     * revision_on_status. The module registers &type.review with its review types. */
    review_type review;
    const char *object_type;     /* the record's in the audit log: "activity" */
    const char *const *fields;   /* the record's field names, NULL-terminated: bit i, fields[i] */
    unsigned editable;           /* the bits a revision may carry (at most REVISION_MAX_FIELDS) */
    const char *pending_refusal; /* the message of 409 revision_pending (a msgid) */
    /* Fill out with the record target_id (read inside the caller's transaction); -1 with the
     * refusal. */
    int (*load)(wy_ctx *ctx, int64_t target_id, revision_target *out);
    /* Does who manage the record (propose changes, see the pending one)? */
    int (*manages)(const principal *who, const revision_target *t);
    /* Write the fields of approved revision r into published record t, inside the deciding
     * transaction; -1 with the refusal undoes the decision. */
    int (*apply)(wy_ctx *ctx, const revision_target *t, const revision *r);
} revision_type;

/* Keep the fields in set (masked by t->editable) of record target, with values[i] the
 * proposed value of fields[i], as a pending revision and submit it for review, inside the
 * caller's transaction (the caller has decided that ctx->who may change the record). *status
 * is the review's ("pending", or "published" when the chain is empty: applied at once). 409
 * revision_pending when one waits already; 400 nothing_to_change when set names nothing the
 * type may change. Audited: <object_type>.revise, the changed fields' names as the reason. */
int revision_propose(wy_ctx *ctx, const revision_type *t, const revision_target *target,
                     unsigned set, const char *const *values, const char **status);
/* The on_status of every revision type: the review's word on revision id (applied when
 * "published", discarded when "rejected" or "draft"), inside the deciding transaction. */
int revision_on_status(wy_ctx *ctx, int64_t id, const char *status);
/* The pending revision of record target, for those who manage or review it: 1 (and
 * *review_id, its review item's id, 0 when unknown), 0 when none or not theirs to see, -1 on
 * error. */
int revision_pending(wy_ctx *ctx, const revision_type *t, const revision_target *target,
                     revision *out, int64_t *review_id);
/* The record that revision id of type t changes, for those who manage or review it (404
 * not_found for anybody else, as for a revision that does not exist). */
int revision_where(wy_ctx *ctx, const revision_type *t, int64_t id, int64_t *target_id);
/* Revision id of type t as it is kept, whatever its status (no permission check: for the
 * rules of its module). */
int revision_get(wy_ctx *ctx, const revision_type *t, int64_t id, revision *out);

#endif
