/*
 * market_store: the store interface of the markets module (store_markets.c): market events,
 * their categories with quotas, the stall plan, applications, the panel's scores. Conventions
 * as in core/store.h. The store keeps what only the database can keep: a category's quota by
 * the guarded update of its accepted count, one live application per person and market, one
 * stall-holder per stall and one score per reviewer and application, by unique indexes.
 */
#ifndef WY_MARKET_STORE_H
#define WY_MARKET_STORE_H

#include <stdint.h>

#include "core/seats_store.h"
#include "core/store.h"

/* ---- markets (文化市集) ---- */
typedef struct market {
    int64_t id;
    const char *title, *description;
    const char *division;
    int64_t venue_id; /* 0: none (a place of its own) */
    const char *address;
    double lon, lat; /* NAN when unknown */
    int64_t starts_at, ends_at;
    int64_t apply_opens_at, apply_closes_at;
    int64_t confirm_by; /* accepted stall-holders confirm before this */
    int64_t fee_fen, deposit_fen;
    const char *rubric; /* JSON: [{"key", "name", "max"}] */
    int min_reviews;    /* scores an application needs before it is ranked */
    int pass_mark;      /* the lowest mean total that may be accepted or kept in reserve */
    int confirm_hours;  /* a promoted reserve's time to confirm */
    int late_minutes;   /* a check-in later than the start plus this is late */
    int rule_apart;     /* no two stalls of one category side by side */
    int rule_food;      /* food only where there is water and power */
    int rule_access;    /* who needs it gets a stall near the entrance */
    const char *status; /* draft, pending, published, rejected */
    int64_t decided_at; /* the accepted and reserve lists were made (0: not yet) */
    int64_t map_published_at;
    int64_t created_by;
    int64_t created_at, updated_at;
} market;

int store_market_create(db *c, const market *m, int64_t now, int64_t *id);
/* Replace the editable columns of m->id with m's. */
int store_market_update(db *c, const market *m, int64_t now);
int store_market_get(db *c, arena *a, int64_t id, market *out);
int store_market_set_status(db *c, int64_t id, const char *status, int64_t now);
/* Mark the market decided, once: WY_CONSTRAINT when it was decided already (the row lock it
 * takes serialises two decisions of one market). */
int store_market_set_decided(db *c, int64_t id, int64_t now);
int store_market_set_map_published(db *c, int64_t id, int64_t at, int64_t now);
/* Markets inside prefix with status (NULL: any), newest first, before cursor (an id; 0:
 * none). */
int store_market_list(db *c, arena *a, const char *prefix, const char *status, int64_t before,
                      int limit, market **out, size_t *n);
/* Published markets whose stall-holders may still lapse or not show: decided, not over more
 * than a day ago (for the periodic sweep). */
int store_markets_to_sweep(db *c, arena *a, int64_t now, int64_t **ids, size_t *n);

/* ---- categories with quotas ---- */
typedef struct market_category {
    int64_t id;
    int64_t market_id;
    const char *category;
    int quota;
    int accepted;
} market_category;

int store_market_categories_set(db *c, int64_t market_id, const market_category *cats, size_t n);
int store_market_categories(db *c, arena *a, int64_t market_id, market_category **out, size_t *n);
int store_market_category_set_accepted(db *c, int64_t id, int accepted);
/* One fewer accepted (a withdrawal or a lapse); WY_NOTFOUND when it was 0. */
int store_market_category_release(db *c, int64_t market_id, const char *category);
/* The reserve list served in order (core/seats_store.h): pool = a market_categories id,
 * claim = an application in reserve. */
extern const seats_store_ops market_reserve_ops;

/* ---- the stall plan ---- */
typedef struct market_stall {
    int64_t id;
    int64_t market_id;
    const char *number;    /* "A01" */
    const char *row_label; /* "A": stalls of one row stand side by side in position order */
    int position;
    int width_cm, depth_cm;
    int power, water, near_entrance;
    const char *zone;
} market_stall;

/* Replace the plan (no stall may be assigned). */
int store_market_stalls_set(db *c, int64_t market_id, const market_stall *s, size_t n);
/* The plan by row and position. */
int store_market_stalls(db *c, arena *a, int64_t market_id, market_stall **out, size_t *n);

/* ---- applications ---- */
typedef struct market_application {
    int64_t id;
    int64_t market_id;
    int64_t user_id;
    const char *pseudonym;
    const char *stall_name; /* shown publicly once accepted */
    const char *contact_name, *contact_phone;
    const char *category;
    const char *products;
    const char *licence_no; /* a food-business licence's number; NULL: none */
    int needs_power, needs_water, needs_access;
    const char *status;
    int position;       /* in the reserve list (0: not in it) */
    int ranked;         /* rank in its category at the decision (0: none) */
    int64_t confirm_by; /* 0: nothing to confirm */
    int64_t stall_id;   /* 0: none */
    int64_t checked_in_at;
    int late, no_show;
    int64_t submitted_at, decided_at, created_at, updated_at;
    /* read with it: the scores so far (their totals' sum and count) and the stall's number */
    int64_t score_sum;
    int nscores;
    const char *stall_number;
} market_application;

int store_market_app_create(db *c, const market_application *m, int64_t now, int64_t *id);
int store_market_app_update(db *c, const market_application *m, int64_t now);
int store_market_app_get(db *c, arena *a, int64_t id, market_application *out);
/* Move from status from (NULL: any) to to; WY_NOTFOUND when it is not in from. */
int store_market_app_set_status(db *c, int64_t id, const char *from, const char *to, int64_t now);
/* The decision's verdict on one application: status, rank, reserve position (0: none),
 * confirmation deadline (0: none). */
int store_market_app_decide(db *c, int64_t id, const char *status, int ranked, int position,
                            int64_t confirm_by, int64_t now);
int store_market_app_set_stall(db *c, int64_t id, int64_t stall_id, int64_t now);
int store_market_app_clear_stalls(db *c, int64_t market_id, int64_t now);
int store_market_app_checkin(db *c, int64_t id, int64_t at, int late);
/* Mark no-shows: the confirmed stall-holders of market_id with a stall and no check-in. */
int store_market_app_no_shows(db *c, int64_t market_id, int64_t now, int64_t *n);
/* Accepted applications of market_id whose confirm_by has passed (they lapse). */
int store_market_apps_unconfirmed(db *c, arena *a, int64_t market_id, int64_t now,
                                  market_application **out, size_t *n);
/* Applications of a market with status (NULL: any but draft), in category (NULL: any), by
 * category, then status, reserve position and id. */
int store_market_apps(db *c, arena *a, int64_t market_id, const char *status, const char *category,
                      market_application **out, size_t *n);
/* A person's applications, newest first, before cursor (an id; 0: none). */
int store_market_apps_of_user(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                              market_application **out, size_t *n);

/* The record of a person at earlier markets (markets that ended before `before`): the markets
 * they had a stall at, how often they came late, how often they did not come. */
typedef struct market_record {
    int markets, late, no_shows;
} market_record;
int store_market_record(db *c, int64_t user_id, int64_t before, market_record *out);

/* ---- scores ---- */
typedef struct market_score {
    int64_t application_id;
    int64_t reviewer_id;
    const char *points; /* JSON: {"criterion": points} */
    int64_t total;
    const char *comment;
    int64_t created_at;
    const char *reviewer_name;
} market_score;

/* WY_CONSTRAINT when the reviewer has scored it already (scores are final). */
int store_market_score_add(db *c, const market_score *s, int64_t now);
int store_market_scores(db *c, arena *a, int64_t application_id, market_score **out, size_t *n);
/* The applications of a market (submitted or later) that reviewer_id has scored. */
int store_market_scored_by(db *c, arena *a, int64_t market_id, int64_t reviewer_id, int64_t **ids,
                           size_t *n);

#endif
