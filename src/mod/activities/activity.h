/*
 * activity: 文化活动, the activities venues and organisers publish, with one or more sessions
 * (time, capacity, booking window, cancellation deadline). Activities are written as drafts
 * and published through the review chain (content type "activity"); only published
 * activities are listed publicly and take bookings.
 */
#ifndef WY_ACTIVITY_H
#define WY_ACTIVITY_H

#include "core/domain.h"
#include "mod/activities/activity_store.h"
#include "core/review.h"
#include "core/revision.h"

extern const char *const activity_categories[];

/* The "activity" review type and the "activity_revision" revision type (core/revision.h),
 * registered by mod/activities/module.c. */
extern const review_type activity_review_type;
extern const revision_type activity_revision_type;

typedef struct activity_view {
    activity a;
    activity_session *sessions; /* the coming ones (not ended at the view's time), capped */
    size_t nsessions;
    size_t sessions_total; /* how many are coming in all (more than nsessions: a capped list) */
    const char *division_name;
    double distance_m;  /* from the search's point; NAN without one */
    int64_t next_start; /* the soonest scheduled session from the search's start */
} activity_view;

#define ACTIVITY_RADIUS_DEFAULT  5000  /* metres */
#define ACTIVITY_RADIUS_MAX      50000 /* metres */
#define ACTIVITY_QUERY_MAX       100   /* characters of free text */
#define ACTIVITY_SORT_SCAN_MAX   5000  /* activities sorted by distance at most */
#define ACTIVITY_LIST_SESSIONS   20    /* coming sessions of each activity in a list */
#define ACTIVITY_DETAIL_SESSIONS 100   /* coming sessions of an activity's detail */
#define ACTIVITY_FEED_SESSIONS   100   /* sessions of each activity in a calendar feed */
#define ACTIVITY_SESSIONS_PAGE   100   /* the most sessions a page of the sessions list takes */

/* The public search: published activities, with any of these filters. Each carries its first
 * ACTIVITY_LIST_SESSIONS sessions not ended at from (at now without one). */
typedef struct activity_query {
    const char *division, *category, *q;
    int64_t from, to; /* a scheduled session starting in [from, to); 0: open */
    int64_t venue_id;
    int free_seats; /* a scheduled session (in the window) with free seats */
    int has_near;   /* within radius_m of (lon, lat), the activity's place or its venue's */
    double lon, lat, radius_m;
    int sort_distance;  /* nearest first (needs has_near) */
    int sort_soonest;   /* the soonest coming session first */
    const char *cursor; /* from the previous page, or NULL */
    int limit;
} activity_query;

/* Read a query from named text parameters (division, category, q, from, to, venue, free,
 * near, radius, sort, cursor) through get(src, name), which gives NULL for an absent one.
 * -1 with the refusal on ctx for a malformed value (ranges are checked by the search). */
typedef const char *(*activity_param_fn)(void *src, const char *name);
int activity_query_read(wy_ctx *ctx, activity_param_fn get, void *src, activity_query *q);

/* Search. The order: with sort_distance nearest first; else with q the title matching
 * first, then the soonest session; else by id. *next_cursor is NULL on the last page. */
int activity_search(wy_ctx *ctx, const activity_query *q, activity_view **out, size_t *n,
                    const char **next_cursor);

/* Create a draft with its sessions (at least one), by staff who may publish in its division;
 * its venue, when it has one, must be in a division they may publish in too (403
 * venue_forbidden). */
int activity_create(wy_ctx *ctx, activity *a, const activity_session *s, size_t ns, int64_t *id);
int activity_submit(wy_ctx *ctx, int64_t id, const char **status);
/* Published activities are public; drafts are seen by publishers of their division. The view
 * carries the first ACTIVITY_DETAIL_SESSIONS sessions not ended at now (at from). */
int activity_get(wy_ctx *ctx, int64_t id, activity_view *out);
int activity_get_from(wy_ctx *ctx, int64_t id, int64_t from, activity_view *out);
/* A session and its activity, seen as activity_get sees it: E_NOTFOUND (-1) when there is
 * none or ctx->who may not see its activity. a may be NULL. */
int activity_session_get(wy_ctx *ctx, int64_t sid, activity_session *s, activity *a);
/* An activity without its sessions, seen as activity_get sees it (E_NOTFOUND otherwise). */
int activity_visible(wy_ctx *ctx, int64_t id, activity *out);
/* Every session of an activity (seen as activity_get sees it) starting in [from, to) (0:
 * open), by start, a page of limit after cursor ("" or NULL: the first); *next_cursor is NULL
 * on the last page. */
int activity_sessions_list(wy_ctx *ctx, int64_t id, int64_t from, int64_t to, const char *cursor,
                           int limit, activity_session **out, size_t *n, const char **next_cursor);
/* Published activities matching f (the calendar feeds), each with its first
 * ACTIVITY_FEED_SESSIONS sessions not ended at f->from (at now without one). */
int activity_list(wy_ctx *ctx, activity_filter *f, activity_view **out, size_t *n);
/* Does who manage the activity (may see its bookings, check people in)? */
int activity_managed_by(const principal *who, const activity *a);

/* The fields of an activity a change may name, one bit each (in this order). */
#define ACTIVITY_FIELDS(X)                                                                         \
    X(AF_TITLE, "title")                                                                           \
    X(AF_CATEGORY, "category")                                                                     \
    X(AF_ORGANISER, "organiser")                                                                   \
    X(AF_VENUE, "venue_id")                                                                        \
    X(AF_DIVISION, "division")                                                                     \
    X(AF_ADDRESS, "address")                                                                       \
    X(AF_DESCRIPTION, "description")                                                               \
    X(AF_AUDIENCE, "audience")                                                                     \
    X(AF_LIVE_URL, "live_url")                                                                     \
    X(AF_REPLAY_URL, "replay_url")                                                                 \
    X(AF_WAITLIST, "waitlist")                                                                     \
    X(AF_MAX_COMPANIONS, "max_companions")
enum {
#define X(bit, name) bit##_BIT,
    ACTIVITY_FIELDS(X)
#undef X
};
enum {
#define X(bit, name) bit = 1u << bit##_BIT,
    ACTIVITY_FIELDS(X)
#undef X
};
extern const char *const activity_field_names[];
/* What a published activity may still change: people booked on the rest. */
#define ACTIVITY_PUBLISHED_EDITABLE (AF_DESCRIPTION | AF_AUDIENCE | AF_LIVE_URL | AF_REPLAY_URL)

/* Change the fields named in set (bits AF_*) to those of in: any field of a draft or a rejected
 * activity, by its publishers; audited. A published activity changes only
 * ACTIVITY_PUBLISHED_EDITABLE (E_CONFLICT otherwise), and not at once: the change becomes a
 * pending revision submitted for review (activity_revision.c), and the published version stays
 * as it is until the revision is approved. A new venue must be in a division they may
 * publish in (403 venue_forbidden), as at creation; the place taken from the old venue moves
 * with it (a place of the activity's own stays). */
int activity_update(wy_ctx *ctx, int64_t id, const activity *in, unsigned set);

/* ---- revisions of published activities (activity_revision.c) ---- */

/* A pending change of a published activity's public text and links, as a core revision
 * (core/revision.h) reads it. fields: which of the four it sets (the AF_* bits). */
typedef struct activity_revision {
    int64_t id, activity_id;
    unsigned fields;
    const char *description, *audience, *live_url, *replay_url;
    const char *status; /* pending, approved, rejected, obsolete */
    int64_t created_by, created_at, decided_at;
} activity_revision;

/* Keep the fields in set of a (a published activity with the proposed values in them) as a
 * pending revision and submit it for review, inside the caller's transaction (revision_propose);
 * *status is the review's ("pending", or "published" when the chain is empty and it applied at
 * once). E_CONFLICT "revision_pending" when one waits already. */
int activity_revision_propose(wy_ctx *ctx, const activity *a, unsigned set, const char **status);
/* The pending revision of a, for those who manage or review it: 1 (and *review_id, the review
 * item) when there is one they may see, 0 when not, -1 on error. */
int activity_revision_pending(wy_ctx *ctx, const activity *a, activity_revision *out,
                              int64_t *review_id);
/* The activity of revision id, for those who manage or review it (E_NOTFOUND otherwise). */
int activity_revision_where(wy_ctx *ctx, int64_t id, int64_t *activity_id);

enum {
    SF_STARTS = 1,
    SF_ENDS = 2,
    SF_CAPACITY = 4,
    SF_OPENS = 8,
    SF_CLOSES = 16,
    SF_DEADLINE = 32
};
typedef struct session_patch {
    unsigned set; /* SF_* */
    activity_session v;
} session_patch;

/* Change a scheduled session (its organisers): times, capacity (not below the confirmed
 * seats; raised, the waiting list moves up in order), booking window. Everyone booked is told
 * a change of time, those promoted their seat, in the same transaction; audited. The times of
 * a session that has started stay (409 started). */
int activity_session_change(wy_ctx *ctx, int64_t sid, const session_patch *p,
                            activity_session *out);
/* Cancel a scheduled session that has not started, with a reason: its live bookings are
 * cancelled, the seats freed, and each person told, in one transaction (those checked in
 * already keep their booking and are told too); audited. A session that has started is not
 * cancelled (409 started). */
int activity_session_cancel(wy_ctx *ctx, int64_t sid, const char *reason, size_t *ncancelled);

/* `wenyun demo`: the module's demonstration data (mod/module.h). */
int activities_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
