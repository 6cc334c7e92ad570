/*
 * space: space booking (场地预约). A space is a room of a venue or a street culture station
 * (街头文化站, which may stand alone with its own division and place). Groups and performers
 * request a space for a time range, reporting their programme (节目报备: title, content,
 * performers, expected audience); a request may repeat weekly, each occurrence its own
 * booking sharing a series id. Staff with venue_manage over the space's division approve or
 * reject; the applicant may cancel before the start.
 *
 * The one invariant: no two approved bookings of one space overlap (touching intervals,
 * one ending when the next starts, are fine). Pending requests may overlap each other and
 * approved ones; an approval checks, inside its transaction and after taking the space's
 * row lock (store_space_lock), that no approved booking overlaps — so the rule holds with
 * any number of app servers on one PostgreSQL, and under SQLite's single writer.
 *
 * A series is approved occurrence by occurrence: each free occurrence is approved, each one
 * that overlaps an approved booking stays pending and is reported (partial approval); when
 * none can be approved the decision is refused with 409 and nothing changes.
 */
#ifndef WY_SPACE_H
#define WY_SPACE_H

#include "core/domain.h"
#include "mod/spaces/space_store.h"

/* The decisions told to the applicant (core/notify.h), about the first space booking decided
 * (subject "space_booking"). A decision is told each time one is made, as it always was. */
extern const notify_kind space_kind_approved, space_kind_rejected;

#define SPACE_MAX_REPEAT_WEEKS 26
#define SPACE_MAX_AHEAD_DAYS   180

/* Do [s1, e1) and [s2, e2) overlap? Touching intervals do not. */
int space_intervals_overlap(int64_t s1, int64_t e1, int64_t s2, int64_t e2);
/* Check a booking's times against the space's rules: ends after it starts, not in the past,
 * at most SPACE_MAX_AHEAD_DAYS ahead, at most the space's max_minutes long, inside its
 * bookable hours of one local day. */
int space_check_times(wy_ctx *ctx, const space *s, int64_t starts, int64_t ends);
/* Does who manage the space (edit it, decide on its bookings, see contacts)? */
int space_managed_by(const principal *who, const space *s);
/* Is who the booking's applicant (its "own" in the API)? */
int space_booking_own(const principal *who, const space_booking *b);
/* May who see this booking's contact and applicant unmasked? Its applicant and managers. */
int space_booking_full_view(const principal *who, const space_booking *b, const space *s);

typedef struct space_view {
    space s;
    const char *division_name;
    const char *venue_name; /* NULL when none */
} space_view;

int space_get(wy_ctx *ctx, int64_t id, space_view *out);
/* Validate and create (a room takes its venue's division, and place when not given). */
int space_create(wy_ctx *ctx, space *s, int64_t *id);
/* Replace the record of s->id with s (the caller read, changed and passes it whole). */
int space_update(wy_ctx *ctx, space *s);
int space_list(wy_ctx *ctx, space_filter *f, space_view **out, size_t *n);

/* Request space_id for b's times (and the same times each week for repeat_weeks weeks, 1:
 * once), by ctx->who; b->contact NULL: the applicant's phone. The new bookings (pending)
 * go to *out in time order. A request of which an occurrence overlaps an approved booking is
 * refused (E_CONFLICT "overlap"), and then *out holds that occurrence and the approved
 * booking (*n is 2). */
int space_booking_request(wy_ctx *ctx, int64_t space_id, const space_booking *b, int repeat_weeks,
                          space_booking **out, size_t *n);

typedef struct space_conflict {
    space_booking b;    /* the occurrence that could not be approved */
    space_booking with; /* the approved booking it overlaps */
} space_conflict;

typedef struct space_decision {
    space_booking *done; /* approved or rejected now */
    size_t ndone;
    space_conflict *conflicts; /* approval refused: overlaps (left pending) */
    size_t nconflicts;
    space_booking *skipped; /* of a series: started already or no longer pending */
    size_t nskipped;
} space_decision;

/* Approve (approve 1) or reject (reason required) booking id, or with series every pending
 * occurrence of its series that has not started. A single approval that overlaps an approved
 * booking is refused with E_CONFLICT "overlap", the conflict in out->conflicts. */
int space_booking_decide(wy_ctx *ctx, int64_t id, int approve, const char *reason, int series,
                         space_decision *out);
/* The applicant cancels a pending or approved booking before it starts (with series: every
 * such occurrence of its series); *n says how many. */
int space_booking_cancel(wy_ctx *ctx, int64_t id, int series, size_t *n);
/* Staff's list: bookings with status (NULL: any) of the spaces in division's subtree (NULL:
 * the caller's widest venue_manage subtree), after cursor; each with its space and applicant,
 * and a pending one with the approved booking it overlaps (row.conflict.id 0: none), so
 * staff see before deciding what an approval would run into. The applicants' names and
 * numbers are shown: each read is written to the audit log ("personal.read"). */
int space_booking_queue(wy_ctx *ctx, const char *status, const char *division, int64_t space_id,
                        int64_t after, int limit, space_booking_row **out, size_t *n);
/* How many requests wait in the caller's subtrees (at most max), for a count: nothing of them
 * is shown, nothing is written. */
int space_booking_pending_count(wy_ctx *ctx, int max, size_t *n);
/* The caller's own requests, newest first, before cursor (0: from the newest). */
int space_my_bookings(wy_ctx *ctx, int64_t before, int limit, space_booking_row **out, size_t *n);
/* Approved bookings of a space overlapping [from, to) (at most 62 days). */
int space_schedule(wy_ctx *ctx, int64_t space_id, int64_t from, int64_t to, space_booking **out,
                   size_t *n);

/* `wenyun demo`: the module's demonstration data (mod/module.h). */
int spaces_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
