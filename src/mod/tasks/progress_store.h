/*
 * progress_store: the store of the tasks' progress (store_progress.c): the members of units,
 * the history of a task's status, reports and contributions, the indicators a task should move,
 * and the notices of the deadlines job. Conventions as in core/store.h; the store checks what
 * the tables' constraints say, the rules (progress.h) the rest.
 */
#ifndef WY_TASKS_PROGRESS_STORE_H
#define WY_TASKS_PROGRESS_STORE_H

#include <stdint.h>

#include "core/store.h"
#include "mod/tasks/tasks_store.h"

typedef struct unit_row {
    int64_t id;
    const char *division, *name;
    int64_t created_at;
    int64_t nmembers;
} unit_row;

typedef struct unit_member_row {
    int64_t unit_id, user_id;
    const char *name, *phone;
    int64_t added_at;
} unit_member_row;

/* A task with its plan and its escalation. */
typedef struct task_full {
    plan_task_row t;
    const char *plan_title, *division; /* the plan's */
    int64_t escalated_at;              /* 0: never */
    const char *escalated_deadline;    /* NULL: never */
} task_full;

typedef struct task_status_change {
    int64_t id, task_id;
    const char *from, *to, *note;
    int64_t by;
    const char *by_name;
    int64_t at;
} task_status_change;

typedef struct task_report_row {
    int64_t id, task_id, unit_id;
    const char *unit_name, *period, *body;
    int percent;
    const char *proposed_status; /* "" none */
    int64_t created_by;
    const char *author;
    int64_t created_at;
} task_report_row;

typedef struct task_contribution_row {
    int64_t id, task_id, unit_id;
    const char *unit_name, *period, *body;
    int64_t created_by;
    const char *author;
    int64_t created_at;
} task_contribution_row;

/* A task a unit owes: the task, its plan, the unit and its role, its latest report. */
typedef struct owed_task_row {
    task_full f;
    int64_t unit_id;
    const char *unit_name, *role;
    int64_t last_report_at;         /* 0: none */
    const char *last_report_period; /* NULL: none */
} owed_task_row;

/* A task's indicator with what the job needs. */
typedef struct task_indicator_row {
    int64_t task_id;
    const char *code;
    const char *division, *title; /* the plan's division, the task's title */
} task_indicator_row;

int store_unit_get(db *c, arena *a, int64_t id, unit_row *out);
/* Units of the subtree prefix by id (id > after). */
int store_unit_list(db *c, arena *a, const char *prefix, int64_t after, int limit, unit_row **out,
                    size_t *n);
int store_unit_members(db *c, arena *a, int64_t unit_id, unit_member_row **out, size_t *n);
/* WY_CONSTRAINT when the account is a member already. */
int store_unit_member_add(db *c, int64_t unit_id, int64_t user_id, int64_t by, int64_t now);
/* WY_NOTFOUND when the account is no member. */
int store_unit_member_remove(db *c, int64_t unit_id, int64_t user_id);
/* Is the account active and does it hold a role other than citizen? */
int store_user_is_staff(db *c, int64_t user_id, int *staff);

int store_task_get(db *c, arena *a, int64_t id, task_full *out);
/* The account's units on the task: the lead one (0: none) and a cooperating one (0: none). */
int store_task_member_units(db *c, int64_t task_id, int64_t user_id, int64_t *lead,
                            int64_t *cooperating);
/* The accounts who are members of the task's lead units. */
int store_task_lead_members(db *c, arena *a, int64_t task_id, int64_t **out, size_t *n);
/* Set the status when it is still from; WY_CONFLICT when it is no longer; a line of history. */
int store_task_set_status(db *c, int64_t task_id, const char *from, const char *to,
                          const char *note, int64_t by, int64_t now);
int store_task_status_history(db *c, arena *a, int64_t task_id, task_status_change **out,
                              size_t *n);

int store_task_report_add(db *c, const task_report_row *r, int64_t *id);
int store_task_report_get(db *c, arena *a, int64_t id, task_report_row *out);
/* Newest first. */
int store_task_reports(db *c, arena *a, int64_t task_id, task_report_row **out, size_t *n);
int store_task_contribution_add(db *c, const task_contribution_row *r, int64_t *id);
int store_task_contributions(db *c, arena *a, int64_t task_id, task_contribution_row **out,
                             size_t *n);

/* Tasks of the units the account is a member of (user_id), or of one unit (unit_id), deadline
 * first (ongoing last); at most limit. */
int store_owed_tasks(db *c, arena *a, int64_t user_id, int64_t unit_id, int limit,
                     owed_task_row **out, size_t *n);

/* WY_CONSTRAINT when the task has the indicator already. */
int store_task_indicator_add(db *c, int64_t task_id, const char *code, int64_t by, int64_t now);
int store_task_indicator_remove(db *c, int64_t task_id, const char *code);
int store_task_indicators(db *c, arena *a, int64_t task_id, const char ***codes, size_t *n);
/* Indicators of the tasks still open or in progress. */
int store_task_indicators_open(db *c, arena *a, task_indicator_row **out, size_t *n);

/* Open or in-progress tasks whose deadline is in [from, to]. */
int store_tasks_due(db *c, arena *a, const char *from, const char *to, task_full **out, size_t *n);
/* Open or in-progress tasks due before today not escalated for their deadline. */
int store_tasks_to_escalate(db *c, arena *a, const char *today, task_full **out, size_t *n);
/* Mark it escalated for deadline: *marked 0 when it was already (another run). */
int store_task_mark_escalated(db *c, int64_t task_id, const char *deadline, int64_t now,
                              int *marked);
/* Record a notice once: *claimed 0 when it had been. */
int store_task_notice_claim(db *c, int64_t task_id, const char *kind, const char *key, int64_t now,
                            int *claimed);
/* Every grant of an active account: user_id, role, division (role_grant's fields). */
int store_tasks_grants(db *c, arena *a, role_grant **out, size_t *n);

#endif
