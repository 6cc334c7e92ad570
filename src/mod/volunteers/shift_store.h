/*
 * shift_store: the store interface of volunteer shifts and sign-ups (store_shifts.c, tables of
 * sql/0031_volunteer_shifts.sql). Conventions as in core/store.h. A shift is a pool of the seat
 * inventory (core/seats_store.h): its places are taken only by the guarded update, and its
 * waiting list is served by seats_promote over shift_waiting_ops. The store enforces what the
 * tables and these statements guard (capacity, one live sign-up per volunteer and shift,
 * positions in order, no overlapping live sign-ups of one volunteer in the sign-up batch);
 * every other rule is shift.c's.
 */
#ifndef WY_SHIFT_STORE_H
#define WY_SHIFT_STORE_H

#include <stdint.h>

#include "core/seats_store.h"
#include "core/store.h"
#include "mod/volunteers/volunteer_store.h"

typedef struct volunteer_shift {
    int64_t id;
    int64_t project_id;
    const char *division;
    const char *title;
    int64_t starts_at, ends_at;
    const char *place;
    int64_t venue_id; /* 0: none */
    int capacity;
    int taken;
    const char *skills; /* ",guide,usher," */
    const char *status; /* open, cancelled */
    const char *check_code;
    int64_t created_by;
    int64_t created_at, updated_at;
    int waiting; /* sign-ups on the waiting list */
} volunteer_shift;

/* Is there a venue with this id? */
int store_shift_venue_known(db *c, int64_t venue_id, int *known);
int store_shift_create(db *c, const volunteer_shift *s, int64_t now, int64_t *id);
int store_shift_get(db *c, arena *a, int64_t id, volunteer_shift *out);
/* The shifts of a project by start; ending after from (0: all). */
int store_shift_list(db *c, arena *a, int64_t project_id, int64_t from, volunteer_shift **out,
                     size_t *n);
/* Change time, place, venue, title, skills and capacity; the capacity never below taken
 * (WY_CONSTRAINT), and only an open shift (WY_NOTFOUND). */
int store_shift_update(db *c, const volunteer_shift *s, int64_t now);
/* Cancel an open shift: every live sign-up ends cancelled, its places freed. The users told
 * go into users (in a's arena). WY_NOTFOUND when it is not open. */
int store_shift_cancel(db *c, arena *a, int64_t id, int64_t now, int64_t **signups, int64_t **users,
                       size_t *n);

/* ---- sign-ups ---- */

typedef struct shift_signup {
    int64_t id;
    int64_t shift_id;
    int64_t volunteer_id;
    int64_t user_id;
    const char
        *status;  /* invited, confirmed, waitlisted, checked_in, completed, cancelled, no_show */
    int position; /* on the waiting list; 0 otherwise */
    int64_t invited_by; /* 0: signed up themselves */
    int64_t created_at, updated_at;
    /* joined: the shift and its project */
    const char *shift_title;
    int64_t starts_at, ends_at;
    const char *place;
    const char *shift_status;
    int64_t project_id;
    const char *project_title;
    const char *division;
    /* joined: the volunteer (rosters) */
    const char *real_name;
    const char *phone;
    int ahead; /* waitlisted: how many wait before */
    /* after the shift (hours_settle): "expired" for a waiting-list entry or an invitation the
     * settlement cancelled, "" otherwise; when the settlement closed it, 0 if it did not */
    const char *ended;
    int64_t settled_at;
    /* a no-show excused by a coordinator (sql/0045), 0 if not; its reason, "" if not */
    int64_t excused_at;
    const char *excuse;
} shift_signup;

int store_signup_get(db *c, arena *a, int64_t id, shift_signup *out);
/* A volunteer's live sign-up (invited, confirmed, waitlisted, checked in) of a shift. */
int store_signup_live(db *c, arena *a, int64_t shift_id, int64_t user_id, shift_signup *out);
/* A user's sign-ups and invitations, the latest shift first; live only when live. */
int store_signups_of_user(db *c, arena *a, int64_t user_id, int live, int limit, shift_signup **out,
                          size_t *n);
/* A shift's live sign-ups with the volunteers' names and phones: places first, then the waiting
 * list in order, then invitations; then what became of the others after the shift (completed,
 * no-shows, expired). Sign-ups given up or declined are left out. */
int store_shift_roster(db *c, arena *a, int64_t shift_id, shift_signup **out, size_t *n);
/* Does user hold a live sign-up (not invited) of another open shift overlapping [from, to)? */
int store_signup_overlap(db *c, int64_t user_id, int64_t shift_id, int64_t from, int64_t to,
                         int *overlap);

/* The outcome of one sign-up of the batch. */
enum {
    SHIFT_CONFIRMED = 0,
    SHIFT_WAITLISTED,
    SHIFT_DUPLICATE, /* a live sign-up (or invitation) of this volunteer and shift exists */
    SHIFT_OVERLAP,   /* a live sign-up of another shift at the same time */
    SHIFT_CLOSED,    /* the shift was cancelled meanwhile */
};

typedef struct shift_signup_req {
    int64_t shift_id;
    int64_t volunteer_id;
    int64_t user_id;
    int64_t starts_at, ends_at; /* the shift's, for the overlap */
    const char *idem_key;       /* NULL: none */
    const char *title;          /* for the notification; NULL: none sent */
    const char *division;
    int64_t now;
} shift_signup_req;

typedef struct shift_signup_res {
    int rc;
    int outcome;
    int64_t id;
    int position;
    int replay; /* the same request again: its first answer */
} shift_signup_res;

/* Sign up r[0..n) in one transaction, one savepoint each: a place by the guarded update, else
 * the waiting list at its end. */
int store_shift_signup_batch(db *c, const shift_signup_req *r, size_t n, shift_signup_res *out);
/* Lock the row of the sign-up's volunteer to the end of the transaction (their sign-ups are
 * decided one at a time, as in the batch). */
int store_signup_lock_volunteer(db *c, int64_t signup_id);
/* The same inside the caller's transaction, for one (an accepted invitation: the invited row
 * id becomes confirmed or waitlisted; outcome as above). */
int store_signup_take_or_wait(db *c, int64_t signup_id, int64_t shift_id, int64_t now, int *outcome,
                              int *position);
/* End a live sign-up (to: cancelled); a place it held goes back to the shift. *held 1 when it
 * held one. WY_NOTFOUND when it is not live in one of the statuses given (",confirmed,...,"). */
int store_signup_end(db *c, int64_t id, const char *from_statuses, const char *to, int64_t now,
                     int *held);
/* An invitation of volunteer to shift by a coordinator (WY_CONSTRAINT: a live sign-up exists). */
int store_signup_invite(db *c, int64_t shift_id, int64_t volunteer_id, int64_t user_id,
                        int64_t invited_by, int64_t now, int64_t *id);

/* The waiting list of a shift for seats_promote: one place each claim. */
extern const seats_store_ops shift_waiting_ops;

/* Volunteers available for [from, to): skill (NULL: any) among their skills, a service area
 * inside prefix or containing it (ancestors: the codes of prefix's ancestors and itself, up to
 * 5), no live sign-up or invitation of an open shift overlapping the time. By id after cursor. */
int store_shift_available(db *c, arena *a, const char *prefix, const char *const *ancestors,
                          size_t nancestors, const char *skill, int64_t from, int64_t to,
                          int64_t after, int limit, volunteer **out, size_t *n);

/* Tell a user about a sign-up, inside the caller's transaction. */
extern const notify_kind shift_kind_signed_up;
extern const notify_kind shift_kind_waitlisted;
extern const notify_kind shift_kind_promoted;
/* What the settlement after the shift made of a sign-up (hours_settle): completed (with the
 * minutes recorded), no-show, waiting list or invitation expired. */
extern const notify_kind shift_kind_completed;
extern const notify_kind shift_kind_no_show;
extern const notify_kind shift_kind_expired;
extern const notify_kind shift_kind_cancelled;
extern const notify_kind shift_kind_invited;
int store_shift_notify(db *c, const notify_kind *kind, int64_t user_id, int64_t signup_id,
                       int64_t shift_id, const char *title, int64_t at, const char *division,
                       int64_t now);
/* The same with the minutes served in the notice's params (minutes < 0: none). */
int store_shift_notify_minutes(db *c, const notify_kind *kind, int64_t user_id, int64_t signup_id,
                               int64_t shift_id, const char *title, int64_t at,
                               const char *division, int64_t minutes, int64_t now);

#endif
