/*
 * hours_store: the store interface of the volunteers' hours (store_hours.c): shifts and
 * sign-ups as check-in and check-out see them, and the records of service hours
 * (volunteer_hours, sql/0031_volunteer_shifts.sql). Conventions as in core/store.h.
 */
#ifndef WY_HOURS_STORE_H
#define WY_HOURS_STORE_H

#include <stdint.h>

#include "core/store.h"

/* A shift with what certifies its hours: its project's organisation. */
typedef struct hours_shift {
    int64_t id;
    int64_t project_id;
    const char *division;
    const char *title;
    int64_t starts_at, ends_at;
    const char *place;
    const char *status; /* open, cancelled */
    const char *check_code;
    int64_t org_id;       /* the project's organisation or team */
    const char *org_name; /* the certifying unit */
    const char *project_title;
} hours_shift;

int store_hours_shift_get(db *c, arena *a, int64_t id, hours_shift *out);
int store_hours_shift_by_code(db *c, arena *a, const char *code, hours_shift *out);

/* A shift and a confirmed sign-up written directly, for the demo's past shifts and the tests
 * (the shifts' own rules open shifts and take sign-ups through the seat inventory). */
int store_hours_shift_insert(db *c, const hours_shift *s, int64_t capacity, int64_t by, int64_t now,
                             int64_t *id);
int store_hours_signup_insert(db *c, int64_t shift_id, int64_t volunteer_id, int64_t user_id,
                              int64_t now, int64_t *id);

typedef struct hours_signup {
    int64_t id;
    int64_t shift_id;
    int64_t volunteer_id;
    int64_t user_id;
    const char *status;
    int64_t checked_in_at, checked_out_at; /* 0: not yet */
    int64_t excused_at;                    /* a no-show excused (sql/0045); 0: not */
    const char *excuse;                    /* its reason; NULL when not excused */
    const char *real_name;                 /* the volunteer's (the roster only; NULL elsewhere) */
} hours_signup;

/* How many sign-ups, in any state, user has of the shift. */
int store_hours_signup_count(db *c, int64_t shift_id, int64_t user_id, int64_t *n);
/* The shift's sign-ups that are confirmed, checked in, completed or no-shows, by id (the
 * roster). */
int store_hours_shift_signups(db *c, arena *a, int64_t shift_id, hours_signup **out, size_t *n);

int store_hours_signup_get(db *c, arena *a, int64_t id, hours_signup *out);
/* The user's sign-up of the shift that is confirmed or checked in; WY_NOTFOUND otherwise. */
int store_hours_signup_live(db *c, arena *a, int64_t shift_id, int64_t user_id, hours_signup *out);
/* Excuse a no-show that is not excused yet (its status stays no_show); WY_CONSTRAINT when it
 * is no such no-show. */
int store_hours_signup_excuse(db *c, int64_t id, int64_t by, const char *excuse, int64_t now);
/* confirmed -> checked_in; WY_CONSTRAINT when it was not confirmed any more. */
int store_hours_signup_checkin(db *c, int64_t id, int64_t by, int64_t now);
/* checked_in -> completed, and the shift's place given back (a completed sign-up holds none);
 * WY_CONSTRAINT when it was not checked in any more. */
int store_hours_signup_complete(db *c, int64_t shift_id, int64_t id, int64_t by, int64_t now);

/* Settling past shifts (hours_settle): the sign-ups still live (invited, confirmed, waitlisted,
 * checked in) of open shifts that ended at or before cutoff, by id, at most limit. */
int store_hours_settle_due(db *c, arena *a, int64_t cutoff, int limit, hours_signup **out,
                           size_t *n);
/* Sign-up id from status from to status to (with ended, NULL or "expired"), settled now; a
 * confirmed one gives its place back. WY_CONSTRAINT when it was not in from any more. */
int store_hours_signup_settle(db *c, int64_t shift_id, int64_t id, const char *from, const char *to,
                              const char *ended, int64_t now);
/* Mark sign-up id as settled now (after the check-out that completed it). */
int store_hours_signup_settled(db *c, int64_t id, int64_t now);

/* A record of service hours, with the names the pages show. */
typedef struct hours_record {
    int64_t id;
    int64_t volunteer_id, user_id, org_id, project_id, shift_id, signup_id;
    const char *source; /* checkin, reported, correction */
    int64_t corrects;
    int64_t started_at, ended_at; /* 0: none */
    int64_t minutes;              /* signed for a correction */
    const char *note;
    const char *status; /* pending, verified, rejected */
    int64_t reported_by, verified_by;
    int64_t decided_at;
    const char *decision_note;
    int64_t ledger_entry_id;
    int64_t created_at;
    const char *org_name, *org_division, *project_title, *real_name, *phone;
} hours_record;

int store_hours_insert(db *c, const hours_record *r, int64_t now, int64_t *id);
int store_hours_get(db *c, arena *a, int64_t id, hours_record *out);
/* pending -> status with the decision; WY_CONSTRAINT when it was decided already. */
int store_hours_decide(db *c, int64_t id, const char *status, int64_t by, const char *note,
                       int64_t entry_id, int64_t now);
/* A user's records, newest first, before cursor (an id; 0: from the newest). */
int store_hours_by_user(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                        hours_record **out, size_t *n);
/* Pending records of organisations inside prefix, oldest first, after cursor; with coordinator
 * (a user id; 0: every organisation) only those of the organisations they coordinate and
 * their teams. */
int store_hours_pending(db *c, arena *a, const char *prefix, int64_t coordinator, int64_t after,
                        int limit, hours_record **out, size_t *n);
/* Verified records of organisation org_id (and its teams) whose service began in [from, to),
 * by id after cursor. */
int store_hours_verified_of_org(db *c, arena *a, int64_t org_id, int64_t from, int64_t to,
                                int64_t after, int limit, hours_record **out, size_t *n);
/* The sum of the minutes of the verified corrections of record id. */
int store_hours_corrected(db *c, int64_t id, int64_t *sum);
/* A verified record beside the ledger entry it names (the cross-check of verify). */
typedef struct hours_posted {
    int64_t id, user_id, org_id, minutes, entry_id;
    int found; /* the entry exists; then: */
    const char *book, *debit, *credit, *ref_type;
    int64_t amount, ref_id;
} hours_posted;
/* Verified records by id after cursor, at most limit, each with its entry. */
int store_hours_verified_scan(db *c, arena *a, int64_t after, int limit, hours_posted **out,
                              size_t *n);
/* How many records are verified, and how many entries of book "hours" name a record. */
int store_hours_posted_counts(db *c, int64_t *records, int64_t *entries);

#endif
