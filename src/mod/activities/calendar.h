/*
 * calendar: what the iCalendar feeds (RFC 5545) hold. Public feeds list the published
 * activities of a division subtree, a venue or a category with their sessions; a private
 * feed lists one person's live bookings. The private feed's address holds a random token
 * that is shown to its owner once and stored only as its hash (like a session token); a
 * reset replaces it, and the old address stops working at once. Feeds carry no check-in
 * code: a calendar is synced to other services and shared more widely than a QR code.
 */
#ifndef WY_CALENDAR_H
#define WY_CALENDAR_H

#include "core/account.h"
#include "mod/activities/activity.h"
#include "core/division.h"

#define CALENDAR_PAST_DAYS 30  /* sessions that ended this long ago still show */
#define CALENDAR_MAX       500 /* activities in a public feed */

/* Published activities of a venue (E_NOTFOUND for an unknown venue); its name in *name. */
int calendar_venue(wy_ctx *ctx, int64_t venue_id, const char **name, activity_view **out,
                   size_t *n);
/* Published activities of a category (E_NOTFOUND for an unknown category). */
int calendar_category(wy_ctx *ctx, const char *category, activity_view **out, size_t *n);

/* The division whose feed the activity pages offer when no division is chosen: the city that
 * holds every published activity (the province when they span cities), so the link follows
 * the data (the demo's city) instead of a fixed code. 1 with the code in out, 0 when nothing
 * is published or no province holds it all, -1 on error. */
int calendar_default_division(wy_ctx *ctx, char out[DIVISION_CODE_MAX]);

/* Has ctx->who a private feed (since *created_at)? 1 yes, 0 no, -1 an error. */
int calendar_feed_exists(wy_ctx *ctx, int64_t *created_at);
/* Give ctx->who a new private feed token, replacing any earlier one. */
int calendar_feed_reset(wy_ctx *ctx, char token[TOKEN_CHARS]);
/* The owner's live bookings for the feed of token (E_NOTFOUND for an unknown token). */
int calendar_feed_bookings(wy_ctx *ctx, const char *token, booking_feed_item **out, size_t *n);

#endif
