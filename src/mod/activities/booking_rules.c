/* booking_rules: see booking_rules.h. */
#include "mod/activities/booking_rules.h"

#include <string.h>

#include "core/priority.h"
#include "core/seats.h"
#include "mod/venues/venue.h"

int64_t booking_opens_for(const activity_session *s, int priority_hours)
{
    if (!s->booking_opens_at || priority_hours <= 0)
        return s->booking_opens_at;
    int64_t at = s->booking_opens_at - (int64_t)priority_hours * PRIORITY_HOUR_MS;
    return at > 0 ? at : 1; /* 0 would mean "no opening" */
}

int64_t booking_closes_at(const activity_session *s)
{
    return s->booking_closes_at ? s->booking_closes_at : s->starts_at;
}

booking_state booking_session_state(const activity_session *s, int waitlist, int seats, int64_t now)
{
    if (strcmp(s->status, "scheduled"))
        return BOOKING_CANCELLED;
    if (s->booking_opens_at && now < s->booking_opens_at)
        return BOOKING_NOT_OPEN_YET;
    if (now >= booking_closes_at(s))
        return now >= s->starts_at ? BOOKING_STARTED : BOOKING_CLOSED;
    if (seats_fit(s->capacity, s->confirmed_seats, seats))
        return BOOKING_OPEN;
    return waitlist ? BOOKING_WAITLIST : BOOKING_FULL;
}

int booking_state_refusal(wy_ctx *ctx, const activity_session *s, booking_state st)
{
    switch (st) {
    case BOOKING_OPEN:
    case BOOKING_WAITLIST:
        return 0;
    case BOOKING_CANCELLED:
        return wy_fail(ctx, E_CONFLICT, "cancelled", "This session has been cancelled.");
    case BOOKING_NOT_OPEN_YET:
        ctx->err.retry_after_s = (int)((s->booking_opens_at - ctx->now + 999) / 1000);
        ctx->err.opens_at = s->booking_opens_at;
        return wy_fail(ctx, E_CONFLICT, "not_open", "Booking for this session has not opened yet.");
    case BOOKING_STARTED:
    case BOOKING_CLOSED:
        return wy_fail(ctx, E_CONFLICT, "closed", "Booking for this session has closed.");
    case BOOKING_FULL:
        return booking_refuse(ctx, BOOK_FULL);
    }
    return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
}

int booking_seats_left(const activity_session *s)
{
    return seats_left(s->capacity, s->confirmed_seats);
}

int64_t booking_day_start(int64_t now)
{
    char day[11];
    int wd, minute;
    venue_local_time(now, day, &wd, &minute);
    return now - (int64_t)minute * 60000 - now % 60000;
}

const booking_refusal *booking_outcome_refusal(int outcome)
{
    static const booking_refusal full = {E_CONFLICT, "full", "This session is full."},
                                 duplicate = {E_CONFLICT, "duplicate",
                                              "You have booked this session already."},
                                 over_limit = {E_RULE, "daily_limit",
                                               "You have booked for as many people as one "
                                               "account may in a day."},
                                 key_reused = {E_RULE, "idempotency_key_reused",
                                               "This Idempotency-Key was used for another "
                                               "booking."};
    switch (outcome) {
    case BOOK_CONFIRMED:
    case BOOK_WAITLISTED:
        return NULL;
    case BOOK_DUPLICATE:
        return &duplicate;
    case BOOK_OVER_LIMIT:
        return &over_limit;
    case BOOK_KEY_REUSED:
        return &key_reused;
    default: /* BOOK_FULL, and anything the writer did not book */
        return &full;
    }
}

int booking_refuse(wy_ctx *ctx, int outcome)
{
    const booking_refusal *r = booking_outcome_refusal(outcome);
    return r ? wy_fail(ctx, r->cls, r->code, r->message) : 0;
}

int booking_session_valid(const activity_session *s)
{
    return seats_span_valid(s->starts_at, s->ends_at) && s->capacity >= 1 &&
           s->capacity <= BOOKING_CAPACITY_MAX &&
           !(s->booking_opens_at && s->booking_closes_at &&
             !seats_span_valid(s->booking_opens_at, s->booking_closes_at));
}
