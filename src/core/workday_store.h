/*
 * workday_store: the rows of the working-day calendar (core/workday.h) and the store
 * functions over workday_exceptions (sql/0039). The store keeps one row per day; which rows
 * make sense (a holiday on a weekday, a make-up day on a weekend) is the rule's to say.
 */
#ifndef WY_WORKDAY_STORE_H
#define WY_WORKDAY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "util/arena.h"

typedef struct workday_exception {
    const char *day;    /* YYYY-MM-DD, China time */
    int working;        /* 0: a public holiday on a weekday; 1: a make-up working day (调休) */
    const char *name;   /* "春节", "国庆节" */
    int64_t created_by; /* 0: nobody (the demo, the command line) */
    int64_t created_at;
} workday_exception;

/* Add the exception of x->day, or replace the one that day has. */
int store_workday_put(db *c, const workday_exception *x);
/* WY_NOTFOUND when the day has none. */
int store_workday_delete(db *c, const char *day);
int store_workday_get(db *c, arena *a, const char *day, workday_exception *out);
/* The exceptions of the days from..to (both included, YYYY-MM-DD), by day. */
int store_workday_range(db *c, arena *a, const char *from, const char *to, workday_exception **out,
                        size_t *n);

#endif
