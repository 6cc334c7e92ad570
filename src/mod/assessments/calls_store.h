/*
 * calls_store: the store interface of calls for recommendations and their applications
 * (store_calls.c, sql/0054_assessments.sql). Conventions as in core/store.h; the rules
 * (calls.c) check the rest.
 */
#ifndef WY_CALLS_STORE_H
#define WY_CALLS_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct call_row {
    int64_t id;
    const char *division, *title, *status;
    int year, quota;
    int64_t deadline, created_by, created_at, announced_at;
    int64_t napplications;
} call_row;

typedef struct call_app_row {
    int64_t id, call_id, venue_id;
    const char *venue_name, *division, *kind, *statement, *status;
    const char *visit_on, *visitors; /* visit_on NULL until scheduled */
    int64_t created_by, created_at;
} call_app_row;

int store_call_create(db *c, const call_row *r, int64_t now, int64_t *id);
int store_call_get(db *c, arena *a, int64_t id, call_row *out);
/* Calls of the subtree prefix, newest first, id < before (0: from the newest). */
int store_call_list(db *c, arena *a, const char *prefix, int64_t before, int limit, call_row **out,
                    size_t *n);
int store_call_announce(db *c, int64_t id, int64_t now);
/* Open calls whose deadline is in [from, to), oldest first (at most 200). */
int store_call_due(db *c, arena *a, int64_t from, int64_t to, call_row **out, size_t *n);

/* WY_CONSTRAINT when the venue has applied to the call. */
int store_call_app_create(db *c, const call_app_row *r, int64_t now, int64_t *id);
int store_call_app_get(db *c, arena *a, int64_t id, call_app_row *out);
int store_call_apps(db *c, arena *a, int64_t call_id, call_app_row **out, size_t *n);
int store_call_app_visit(db *c, int64_t id, const char *day, const char *visitors);
int store_call_app_set_status(db *c, int64_t id, const char *status);

#endif
