/*
 * tasks_store: the store interface of the tasks module (store_tasks.c): units, plans, their
 * tasks and the tasks' units. Conventions as in core/store.h; the store checks only what the
 * tables' constraints say, the rules (tasks.c) the rest.
 */
#ifndef WY_TASKS_STORE_H
#define WY_TASKS_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct plan_row {
    int64_t id;
    const char *division, *title;
    int year_from, year_to; /* 0: not said */
    int64_t created_by, created_at, updated_at;
    int64_t ntasks, noverdue; /* counted as of the day passed to the list */
} plan_row;

typedef struct plan_task_row {
    int64_t id, plan_id;
    int seq;
    const char *number, *section, *title, *content;
    const char *deadline; /* YYYY-MM-DD or NULL */
    const char *deadline_text;
    int ongoing;
    const char *rhythm, *status;
    int source_row;
    int64_t created_at, updated_at;
} plan_task_row;

typedef struct plan_task_unit_row {
    int64_t task_id, unit_id;
    const char *role; /* lead | cooperating */
    const char *name, *division;
} plan_task_unit_row;

/* The unit named so in the division, made when missing; *made says which. */
int store_unit_ensure(db *c, const char *division, const char *name, int64_t now, int64_t *id,
                      int *made);

int store_plan_find(db *c, arena *a, const char *division, const char *title, plan_row *out);
int store_plan_get(db *c, arena *a, int64_t id, const char *today, plan_row *out);
int store_plan_create(db *c, const plan_row *p, int64_t now, int64_t *id);
/* Remove the plan's tasks (a table imported again in their place). */
int store_plan_clear(db *c, int64_t plan_id, int64_t now);
/* Plans of the subtree prefix, newest first (id < before; 0: from the newest). */
int store_plan_list(db *c, arena *a, const char *prefix, const char *today, int64_t before,
                    int limit, plan_row **out, size_t *n);

int store_plan_task_create(db *c, const plan_task_row *t, int64_t now, int64_t *id);
int store_plan_task_unit_add(db *c, int64_t task_id, int64_t unit_id, const char *role, int ord);
/* The plan's tasks in the table's order, seq > after_seq. */
int store_plan_task_list(db *c, arena *a, int64_t plan_id, int after_seq, int limit,
                         plan_task_row **out, size_t *n);
/* The units of these tasks, by task, role (lead first) and the table's order. */
int store_plan_task_units_of(db *c, arena *a, const int64_t *tasks, size_t nt,
                             plan_task_unit_row **out, size_t *n);

#endif
