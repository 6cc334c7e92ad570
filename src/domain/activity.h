/*
 * activity: 文化活动, the activities venues and organisers publish, with one or more sessions
 * (time, capacity, booking window, cancellation deadline). Activities are written as drafts
 * and published through the review chain (content type "activity"); only published
 * activities are listed publicly and take bookings.
 */
#ifndef WY_ACTIVITY_H
#define WY_ACTIVITY_H

#include "domain/domain.h"

extern const char *const activity_categories[];

void activity_init(void); /* registers the "activity" review type */

typedef struct activity_view {
    activity a;
    activity_session *sessions;
    size_t nsessions;
    const char *division_name;
    double distance_m;  /* from the search's point; NAN without one */
    int64_t next_start; /* the soonest scheduled session from the search's start */
} activity_view;

#define ACTIVITY_RADIUS_DEFAULT 5000  /* metres */
#define ACTIVITY_RADIUS_MAX     50000 /* metres */
#define ACTIVITY_QUERY_MAX      100   /* characters of free text */
#define ACTIVITY_SORT_SCAN_MAX  5000  /* activities sorted by distance at most */

/* The public search: published activities, with any of these filters. */
typedef struct activity_query {
    const char *division, *category, *q;
    int64_t from, to; /* a scheduled session starting in [from, to); 0: open */
    int64_t venue_id;
    int free_seats; /* a scheduled session (in the window) with free seats */
    int has_near;   /* within radius_m of (lon, lat), the activity's place or its venue's */
    double lon, lat, radius_m;
    int sort_distance;  /* nearest first (needs has_near) */
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
/* Published activities are public; drafts are seen by publishers of their division. */
int activity_get(wy_ctx *ctx, int64_t id, activity_view *out);
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
 * activity, only ACTIVITY_PUBLISHED_EDITABLE of a published one (E_CONFLICT otherwise), by its
 * publishers; audited. A new venue must be in a division they may publish in (403
 * venue_forbidden), as at creation. */
int activity_update(wy_ctx *ctx, int64_t id, const activity *in, unsigned set);

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
 * cancelled, the seats freed, and each person told, in one transaction; audited. A session
 * that has started is not cancelled (409 started). */
int activity_session_cancel(wy_ctx *ctx, int64_t sid, const char *reason, size_t *ncancelled);

#endif
