/*
 * booking_rules: the rules of booking a seat at an activity session, each stated once and
 * named, so that the API, the pages, the booking itself and the tests ask the same function:
 *
 * - booking_session_state: where a session stands for booking (not open yet, open, full,
 *   waitlist, closed, started; or cancelled), and booking_state_refusal, its refusal;
 * - booking_seats_left: the seats a session still has;
 * - booking_day_start: where the per-account daily limit counts from (the writer counts it,
 *   core/seats_store.h seats_quota_passed);
 * - booking_outcome_refusal: the refusal that an outcome of the writer means, with its
 *   message (booking_refuse puts it on the context);
 * - booking_session_valid: what makes a session's times, capacity and window acceptable.
 *
 * Pure functions of their arguments (the clock is passed in): tests/unit/test_booking_rules.c.
 * The generic parts (seat arithmetic, the waiting list, the writer) are core/seats.h.
 */
#ifndef WY_BOOKING_RULES_H
#define WY_BOOKING_RULES_H

#include "core/domain.h"
#include "mod/activities/activity_store.h"

/* The state of a session for someone who wants n seats of it, in the order checked. */
typedef enum booking_state {
    BOOKING_CANCELLED = 1, /* the session is not scheduled (cancelled by its organiser) */
    BOOKING_NOT_OPEN_YET,  /* before booking_opens_at */
    BOOKING_STARTED,       /* booking closed because the session has started (or ended) */
    BOOKING_CLOSED,        /* booking closed before the session starts (booking_closes_at) */
    BOOKING_OPEN,          /* open, and the seats fit */
    BOOKING_WAITLIST,      /* open, the seats do not fit: the booking joins the waiting list */
    BOOKING_FULL,          /* open, the seats do not fit, and there is no waiting list */
} booking_state;

/* When booking a session opens for a person who holds hours of priority (优先预约,
 * core/priority.h): its booking_opens_at less those hours; 0 when it has no opening (open from
 * the start), whatever the priority. */
int64_t booking_opens_for(const activity_session *s, int priority_hours);

/* When booking a session closes: its booking_closes_at, or else its start. */
int64_t booking_closes_at(const activity_session *s);
/* The state of session s (of an activity with a waiting list or not) at now for seats more
 * seats. */
booking_state booking_session_state(const activity_session *s, int waitlist, int seats,
                                    int64_t now);
/* Whether a session in this state takes a booking (to a seat or to the waiting list). */
static inline int booking_state_takes(booking_state st)
{
    return st == BOOKING_OPEN || st == BOOKING_WAITLIST;
}
/* Refuse a booking of s in state st on ctx (-1); 0 when the state takes bookings. A session
 * not open yet says when it opens (opens_at, retry_after_s). */
int booking_state_refusal(wy_ctx *ctx, const activity_session *s, booking_state st);

/* The seats a session has left (never below 0). */
int booking_seats_left(const activity_session *s);

/* The start of the (China) day of now: the daily limit counts from there. */
int64_t booking_day_start(int64_t now);

/* The refusal an outcome of the booking writer (enum booking_outcome) means; NULL for the
 * outcomes that book (confirmed, waitlisted). */
typedef struct booking_refusal {
    wy_errclass cls;
    const char *code; /* the API's error code, and the flash of the pages */
    const char *message;
} booking_refusal;
const booking_refusal *booking_outcome_refusal(int outcome);
/* Put the refusal of outcome on ctx: -1 (0 when the outcome books). */
int booking_refuse(wy_ctx *ctx, int outcome);

/* A session is valid when it ends after it starts, has a capacity of 1 to
 * BOOKING_CAPACITY_MAX, and its booking window (when it has both ends) closes after it
 * opens. */
#define BOOKING_CAPACITY_MAX 100000
int booking_session_valid(const activity_session *s);

#endif
