/*
 * space_store: the store interface of the spaces module (store_spaces.c): spaces (rooms and
 * street stations) and their bookings. Conventions as in core/store.h.
 */
#ifndef WY_SPACE_STORE_H
#define WY_SPACE_STORE_H

#include <stdint.h>

#include "core/store.h"

/* ---- spaces (场地) and their bookings ---- */
typedef struct space {
    int64_t id;
    int64_t venue_id; /* 0: none (a street station standing alone) */
    const char *division;
    const char *kind; /* "room" or "street_station" */
    const char *name, *address;
    double lon, lat; /* NAN when unknown */
    int capacity;    /* 0: not stated */
    const char *equipment, *description;
    const char *status; /* "active" or "closed" */
    int opens, closes;  /* bookable hours each day, minutes after local midnight */
    int max_minutes;    /* the longest booking */
    int64_t created_at, updated_at;
} space;

typedef struct space_filter {
    const char *prefix; /* division subtree, or NULL */
    const char *kind;   /* or NULL */
    int64_t venue_id;   /* 0: any */
    int64_t after;      /* cursor: ids after this */
    int limit;
} space_filter;

int store_space_create(db *c, const space *s, int64_t now, int64_t *id);
int store_space_update(db *c, const space *s, int64_t now);
int store_space_get(db *c, arena *a, int64_t id, space *out);
int store_space_list(db *c, arena *a, const space_filter *f, space **out, size_t *n);
/* The same list with each space's division name and venue name (NULL: none), joined. */
typedef struct space_named {
    space s;
    const char *division_name, *venue_name;
} space_named;
int store_space_list_named(db *c, arena *a, const space_filter *f, space_named **out, size_t *n);
/* Bump the space's version: the write lock on its row, held to the end of the transaction,
 * which every approval of a booking of this space takes first. WY_NOTFOUND when none. */
int store_space_lock(db *c, int64_t id);

typedef struct space_booking {
    int64_t id, space_id, user_id;
    const char *group_name, *contact;
    const char *title, *content; /* the programme report (节目报备) */
    int performers, audience;
    int64_t starts_at, ends_at;
    const char *status;
    int64_t series_id; /* 0: a single booking */
    int64_t decided_by, decided_at;
    const char *reason;
    int64_t created_at;
} space_booking;

int store_space_booking_create(db *c, const space_booking *b, int64_t now, int64_t *id);
int store_space_booking_set_series(db *c, int64_t id, int64_t series_id);
int store_space_booking_get(db *c, arena *a, int64_t id, space_booking *out);
/* The occurrences of a series, in time order. */
int store_space_booking_series(db *c, arena *a, int64_t series_id, space_booking **out, size_t *n);
/* An approved booking of space_id that overlaps [starts, ends) other than exclude: WY_OK with
 * it in *out, WY_NOTFOUND when there is none. Touching intervals do not overlap. */
int store_space_booking_overlap(db *c, arena *a, int64_t space_id, int64_t starts, int64_t ends,
                                int64_t exclude, space_booking *out);
/* Move a booking from status from to status to; WY_NOTFOUND when it is not in from (any
 * more). decided_by 0 leaves the decision columns as they are. */
int store_space_booking_set_status(db *c, int64_t id, const char *from, const char *to,
                                   int64_t decided_by, const char *reason, int64_t now);
/* A row of a list of space bookings, from one statement with joins: the booking; its space
 * (id, name, division, venue_id, kind only); the applicant's account; and, in staff
 * lists, the first approved booking a pending one overlaps (conflict.id 0: none; its id,
 * times and group_name only). */
typedef struct space_booking_row {
    space_booking b;
    space s;
    account applicant; /* no password hash */
    space_booking conflict;
} space_booking_row;

/* A person's space bookings, newest request first, before cursor (an id; 0: none). */
int store_space_bookings_of_user(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                                 space_booking_row **out, size_t *n);
/* Bookings with status (NULL: any) of the spaces inside prefix (and of space_id when not 0),
 * after cursor, with the conflicts of the pending ones. */
int store_space_bookings_list(db *c, arena *a, const char *status, const char *prefix,
                              int64_t space_id, int64_t after, int limit, space_booking_row **out,
                              size_t *n);
/* Approved bookings of space_id that overlap [from, to), in time order. */
int store_space_schedule(db *c, arena *a, int64_t space_id, int64_t from, int64_t to,
                         space_booking **out, size_t *n);
/* The active spaces of a subtree created before to: the sum of their daily bookable minutes
 * (*open_daily), and the minutes of their approved bookings starting in [from, to) (*booked). */
int store_space_occupancy(db *c, arena *a, const char *prefix, int64_t from, int64_t to,
                          double *open_daily, double *booked);
/* Those approved bookings by id after after: title the programme's, at the start, value the
 * hours. */
int store_space_occupancy_rows(db *c, arena *a, const char *prefix, int64_t from, int64_t to,
                               int64_t after, int limit, tally_row **out, size_t *n);

#endif
