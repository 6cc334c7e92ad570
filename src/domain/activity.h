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
} activity_view;

/* Create a draft with its sessions (at least one). */
int activity_create(wy_ctx *ctx, activity *a, const activity_session *s, size_t ns, int64_t *id);
int activity_submit(wy_ctx *ctx, int64_t id, const char **status);
/* Published activities are public; drafts are seen by publishers of their division. */
int activity_get(wy_ctx *ctx, int64_t id, activity_view *out);
int activity_list(wy_ctx *ctx, activity_filter *f, activity_view **out, size_t *n);
/* Does who manage the activity (may see its bookings, check people in)? */
int activity_managed_by(const principal *who, const activity *a);

#endif
