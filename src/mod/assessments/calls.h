/*
 * calls: calls for recommendations (推荐、申报, docs/assessments.md#calls): a division's call
 * (最美新型公共文化空间, ten a year) with a deadline and how many it awards; venues of its
 * subtree applied for by their own staff, or recommended by the staff of a level above them,
 * before the deadline (late ones are refused); site visits scheduled (a day and the visitors);
 * the awards announced, no more than the quota, each after its visit.
 *
 * Calls are public documents: anyone reads a call and its applications. Writing a call,
 * scheduling visits and announcing need assessments_manage over the call's division;
 * applying needs venue_manage over the venue's division.
 */
#ifndef WY_CALLS_H
#define WY_CALLS_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"
#include "mod/assessments/calls_store.h"

/* r: division, title, year, quota, deadline (ms). bad_division, unknown_division, bad_title,
 * bad_year, bad_quota (1 to 1000), bad_deadline (not in the future). */
int call_create(wy_ctx *ctx, const call_row *r, int64_t *id);
int call_list(wy_ctx *ctx, const char *division, int64_t before, int limit, call_row **out,
              size_t *n);
int call_get(wy_ctx *ctx, int64_t id, call_row *out, call_app_row **apps, size_t *napps);
/* Apply for venue_id, or recommend it (the caller holds venue_manage above its division).
 * unknown_venue, bad_statement, venue_out_of_area (422), deadline_passed (422), call_closed
 * (409), already_applied (409). */
int call_apply(wy_ctx *ctx, int64_t call_id, int64_t venue_id, const char *statement, int64_t *id);
/* day YYYY-MM-DD, visitors 1 to 200 characters (names of the assessors). bad_date,
 * bad_visitors, call_closed. */
int call_visit(wy_ctx *ctx, int64_t app_id, const char *day, const char *visitors);
/* Award these applications of the call and close it. over_quota (422), visit_required (422),
 * bad_application, call_closed (409). */
int call_announce(wy_ctx *ctx, int64_t call_id, const int64_t *awarded, size_t n);

/* The periodic job assessments-call-deadlines: for each open call whose deadline is in the
 * next CALL_REMIND_DAYS days, the venues' staff of its subtree (venue_manage granted on its
 * division or below) are told once (assessments.call_deadline). */
#define CALL_REMIND_DAYS 3
int call_job_deadlines(wy_ctx *ctx);

#endif
