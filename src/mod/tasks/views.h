/*
 * views: a plan's tasks seen other ways than the table's order (docs/tasks.md, "Views"): by
 * deadline with filters, by unit, by chapter, as a timeline, and the plan's table written as
 * a workbook (export_tasks.c). A view reads the whole plan (at most TASKS_VIEW_MAX tasks) and
 * arranges it in memory. Reading is public, as the plan is; tasks_view_managed() is the same
 * read for a holder of tasks_manage over the plan's division (the staff's pages).
 */
#ifndef WY_TASKS_VIEWS_H
#define WY_TASKS_VIEWS_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"
#include "mod/tasks/tasks_store.h"

#define TASKS_VIEW_MAX 2000

/* A plan with all its tasks and their units, and the day they are seen on (China time). */
typedef struct tasks_view {
    plan_row plan;
    char today[11];
    plan_task_row *tasks; /* the table's order */
    size_t n;
    plan_task_unit_row *units;
    size_t nunits;
} tasks_view;

int tasks_view_load(wy_ctx *ctx, int64_t plan_id, tasks_view *v);
/* The same, refused (E_FORBIDDEN) unless the caller holds tasks_manage over the plan. */
int tasks_view_managed(wy_ctx *ctx, int64_t plan_id, tasks_view *v);

/* Open or in progress with a deadline before today. */
int tasks_overdue(const plan_task_row *t, const char *today);

/* What a list of tasks keeps and its order. */
typedef struct tasks_filter {
    int64_t unit;           /* a unit leading or cooperating; 0: any */
    const char *status;     /* open | in_progress | done | cancelled | NULL */
    int overdue;            /* only the overdue ones */
    const char *due_before; /* YYYY-MM-DD: only tasks with a deadline before it; NULL */
    int by_deadline;        /* dated first by deadline, then the ongoing, then the rest */
} tasks_filter;

/* Check a filter's values: 0, or -1 with bad_status, bad_date. */
int tasks_filter_check(wy_ctx *ctx, const tasks_filter *f);
/* The positions in v->tasks the filter keeps, in its order (idx holds v->n); how many. */
size_t tasks_view_filter(const tasks_view *v, const tasks_filter *f, size_t *idx);

/* A unit of the plan with the positions of its tasks as lead and as cooperating. */
typedef struct tasks_unit_group {
    int64_t unit_id;
    const char *name, *division;
    size_t *lead, nlead, *coop, ncoop;
    size_t noverdue; /* of its tasks, either role */
} tasks_unit_group;

/* The plan's units in the order they first appear in the table. */
int tasks_by_unit(wy_ctx *ctx, const tasks_view *v, tasks_unit_group **out, size_t *n);

#define TASKS_NSTATUS 4
extern const char *const tasks_statuses[TASKS_NSTATUS]; /* open, in_progress, done, cancelled */

/* A chapter (the section the table put its tasks under, "" for none) with its tasks. */
typedef struct tasks_chapter {
    const char *section;
    size_t *tasks, ntasks;
    size_t nstatus[TASKS_NSTATUS];
    size_t noverdue;
} tasks_chapter;

/* The chapters in the table's order. */
int tasks_by_chapter(wy_ctx *ctx, const tasks_view *v, tasks_chapter **out, size_t *n);

/* The timeline: from the plan's start (January 1st of year_from, else the day it was made) to
 * its end (the latest of the deadlines and December 31st of year_to); every task a bar from the
 * start to its deadline, an ongoing one to the end, one without a date none. */
typedef struct tasks_timeline {
    char start[11], end[11];
    int days;  /* from start to end, at least 1 */
    int today; /* today's day from start (may be outside 0..days) */
} tasks_timeline;

void tasks_timeline_of(const tasks_view *v, tasks_timeline *tl);
/* The day of a YYYY-MM-DD date from the timeline's start; -1 when date is NULL or bad. */
int tasks_timeline_day(const tasks_timeline *tl, const char *date, int *day);

/* The plan's table as a workbook: 序号, 工作任务, 具体内容, 时间节点, 牵头单位, 配合单位, 状态,
 * with the section rows as the table gave them; *data in the arena. */
int tasks_export_xlsx(wy_ctx *ctx, const tasks_view *v, const char **data, size_t *len);

/* The Chinese name of a status (状态 in the workbook). */
const char *tasks_status_zh(const char *status);

#endif
