/*
 * venue_store: the store interface of the venues module (store_venues.c): venues, their
 * opening hours and closures. Conventions as in core/store.h.
 */
#ifndef WY_VENUE_STORE_H
#define WY_VENUE_STORE_H

#include <stdint.h>

#include "core/store.h"

/* ---- venues (文化阵地) ---- */
typedef struct venue {
    int64_t id;
    const char *external_id; /* NULL when none */
    const char *name;
    const char *category;
    const char *division;
    const char *address;
    double lon, lat;   /* NAN when unknown */
    double area_m2;    /* NAN when unknown */
    int64_t branch_of; /* 0 when none */
    const char *grade; /* NULL, "special", "1", "2", "3" */
    int grade_year;    /* 0 when none */
    const char *awards;
    const char *contact;
    const char *photos; /* a JSON array of URLs, or NULL */
    const char *status;
    int64_t created_at, updated_at;
} venue;

typedef struct venue_hours {
    int weekday; /* 1 Monday .. 7 Sunday */
    int opens;   /* minutes after midnight */
    int closes;
    int extended; /* off-peak / extended hours (错时延时开放) */
} venue_hours;

typedef struct venue_closure {
    const char *day; /* YYYY-MM-DD */
    int opens;       /* -1 with closes -1: closed all day; else special hours */
    int closes;
    const char *note;
} venue_closure;

typedef struct venue_filter {
    const char *prefix;   /* division subtree, or NULL */
    const char *category; /* or NULL */
    const char *q;        /* name contains, or NULL */
    int has_bbox;         /* with min/max lon/lat */
    double min_lon, min_lat, max_lon, max_lat;
    int64_t after; /* cursor: ids after this */
    int limit;
} venue_filter;

int store_venue_create(db *c, const venue *v, int64_t now, int64_t *id);
int store_venue_update(db *c, const venue *v, int64_t now);
int store_venue_get(db *c, arena *a, int64_t id, venue *out);
/* Set the venue's grade and its year (grade NULL: none). */
int store_venue_set_grade(db *c, int64_t id, const char *grade, int year, int64_t now);
int store_venue_by_external(db *c, arena *a, const char *external_id, venue *out);
int store_venue_list(db *c, arena *a, const venue_filter *f, venue **out, size_t *n);
/* What changes when a venue inside f's box is added or changed (its count, the latest
 * updated_at, the highest id): the circle analysis' cache compares it. */
int store_venue_fingerprint(db *c, const venue_filter *f, int64_t *count, int64_t *max_updated,
                            int64_t *max_id);
/* Open venues of a subtree (NULL: all) created before a time. */
int store_venue_count(db *c, arena *a, const char *prefix, int64_t before, int64_t *count);
int store_venue_hours(db *c, arena *a, int64_t id, venue_hours **out, size_t *n);
int store_venue_set_hours(db *c, int64_t id, const venue_hours *h, size_t n);
int store_venue_closures(db *c, arena *a, int64_t id, const char *from_day, venue_closure **out,
                         size_t *n);
int store_venue_set_closures(db *c, int64_t id, const venue_closure *cl, size_t n);
/* The open venues of a subtree created before a time, for the indicators (venue.c says which
 * rule picks which): of one category (NULL: any), with a grade among grades ("special|1";
 * NULL: any, graded or not) given in or before grade_year_max (0: any year; a grade without
 * its year counts), with an area (with_area), with an extended opening span (extended). */
typedef struct venue_tally {
    const char *prefix;
    int64_t before;
    const char *category;
    const char *grades;
    int grade_year_max;
    int with_area;
    int extended;
} venue_tally;
/* Their number and their total area (m², 0 when none has one). */
int store_venue_tally(db *c, arena *a, const venue_tally *t, int64_t *count, double *area_m2);
/* The same venues by id after after, at most limit: title the name, value the area (with_area)
 * or 1. */
int store_venue_tally_rows(db *c, arena *a, const venue_tally *t, int64_t after, int limit,
                           tally_row **out, size_t *n);
/* The weekly opening spans of those venues, by venue then weekday and opening time (one
 * statement): a venue without hours has none. */
typedef struct venue_span {
    int64_t venue_id;
    venue_hours h;
} venue_span;
int store_venue_tally_hours(db *c, arena *a, const venue_tally *t, venue_span **out, size_t *n);

#endif
