/*
 * star_store: the store interface of star levels, service certificates and the module's
 * indicators (store_stars.c). Conventions as in core/store.h; the guarded updates enforce only
 * the state a row must be in (the rules, star.h, decide the rest).
 */
#ifndef WY_VOLUNTEER_STAR_STORE_H
#define WY_VOLUNTEER_STAR_STORE_H

#include <stdint.h>

#include "core/store.h"

#define STAR_LEVELS 5

/* ---- thresholds, in hours ---- */
/* The row of the nearest ancestor of code (code itself included) that has one: its division
 * into from (13 bytes) and its five thresholds; WY_NOTFOUND when none has. */
int store_star_thresholds_nearest(db *c, const char *code, int64_t hours[STAR_LEVELS],
                                  char from[16]);
/* The row of exactly division; WY_NOTFOUND without one. */
int store_star_thresholds_get(db *c, const char *division, int64_t hours[STAR_LEVELS]);
/* Insert or replace the row of division. */
int store_star_thresholds_put(db *c, const char *division, const int64_t hours[STAR_LEVELS],
                              int64_t by, int64_t now);

/* ---- verified minutes ---- */
/* The sum of the verified hours records of user (corrections included) per organisation: the
 * organisation with the most (0 when none) and its minutes. */
int store_star_main_org(db *c, int64_t user_id, int64_t *org_id, int64_t *minutes);
/* What a service certificate of org for user says: the sum of the verified records of org
 * (corrections included), the first and last day of service (started_at, else created_at, of
 * the records that are not corrections) and the newest record's id (0: none). */
int store_star_service(db *c, int64_t user_id, int64_t org_id, int64_t *minutes, int64_t *first,
                       int64_t *last, int64_t *last_id);

/* ---- applications ---- */
typedef struct star_application {
    int64_t id;
    int64_t volunteer_id;
    int64_t user_id;
    const char *division;
    int level;
    int64_t minutes;
    int64_t org_id;
    const char *org_name; /* NULL without org_id */
    const char *real_name;
    int64_t applied_by;
    int64_t notice_until;
    const char *status; /* notice, granted, refused, revoked */
    int64_t decided_by;
    int64_t decided_at;
    const char *decision_note;
    int64_t revoked_at;
    const char *revoke_reason;
    int64_t created_at;
    int64_t objections; /* all of them */
} star_application;

int store_star_application_create(db *c, const star_application *a, int64_t now, int64_t *id);
int store_star_application_get(db *c, arena *a, int64_t id, star_application *out);
/* Applications with status (NULL: any) whose division is inside prefix, by id after cursor;
 * user_id (0: anyone's) narrows to one person's. */
int store_star_application_list(db *c, arena *a, const char *status, const char *prefix,
                                int64_t user_id, int64_t after, int limit, star_application **out,
                                size_t *n);
/* notice -> granted or refused; WY_CONSTRAINT when it is not in notice any more. */
int store_star_application_decide(db *c, int64_t id, const char *status, int64_t by,
                                  const char *note, int64_t now);
/* granted -> revoked; WY_CONSTRAINT when it is not granted. */
int store_star_application_revoke(db *c, int64_t id, int64_t by, const char *reason, int64_t now);

/* ---- objections ---- */
typedef struct star_objection {
    int64_t id;
    int64_t application_id;
    int64_t user_id;
    const char *reason;
    const char *status;
    int64_t created_at;
} star_objection;

int store_star_objection_create(db *c, int64_t application_id, int64_t user_id, const char *reason,
                                int64_t now, int64_t *id);
int store_star_objection_list(db *c, arena *a, int64_t application_id, star_objection **out,
                              size_t *n);
/* The open objections of an application become status (upheld or dismissed). */
int store_star_objection_close(db *c, int64_t application_id, const char *status);

/* ---- current levels ---- */
/* A volunteer's current level (0 without a row). */
int store_star_level_get(db *c, int64_t volunteer_id, int *level);
int store_star_level_put(db *c, int64_t volunteer_id, int64_t user_id, const char *division,
                         int level, int64_t application_id, int64_t now);
/* Level 0 for the volunteer when their current level is application_id's grant. */
int store_star_level_clear(db *c, int64_t volunteer_id, int64_t application_id, int64_t now);

/* ---- the demo's hours (demo_stars.c) ---- */
/* A pending reported record of minutes of service in [started, ended) certified by org, with
 * the note that marks it as the demo's. */
int store_star_demo_hours(db *c, int64_t volunteer_id, int64_t user_id, int64_t org_id,
                          int64_t started, int64_t ended, int64_t minutes, const char *note,
                          int64_t by, int64_t now, int64_t *id);
/* The records of user with that note. */
int store_star_demo_count(db *c, int64_t user_id, const char *note, int64_t *n);
/* The pending record verified by by with its ledger entry. */
int store_star_demo_verify(db *c, int64_t id, int64_t entry_id, int64_t by, int64_t now);

/* ---- indicators ---- */
/* Volunteers of the subtree registered before to. */
int store_star_count_volunteers(db *c, const char *prefix, int64_t before, int64_t *n);
/* Verified minutes certified by organisations of the subtree, decided in [from, to). */
int store_star_sum_minutes(db *c, const char *prefix, int64_t from, int64_t to, int64_t *minutes);
/* Volunteers of the subtree with a verified record decided in [from, to); with records (not
 * 0), the count of those records that are not corrections instead. */
int store_star_count_active(db *c, const char *prefix, int64_t from, int64_t to, int records,
                            int64_t *n);
/* Every volunteer of the subtree with their verified minutes (the balance of "u:<user>" in the
 * hours book, 0 without one), in division order: cb(ud, volunteer id, division, minutes) for
 * each, until it returns non-zero. One statement, streamed: memory does not grow with them. */
typedef int (*star_hours_fn)(void *ud, int64_t volunteer_id, const char *division, int64_t minutes);
int store_star_hours_scan(db *c, arena *a, const char *prefix, star_hours_fn cb, void *ud);
/* Volunteers of the subtree whose current level is level, granted before to. */
int store_star_count_level(db *c, const char *prefix, int level, int64_t before, int64_t *n);

#endif
