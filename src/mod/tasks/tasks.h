/*
 * tasks: the rules of plans and their task tables (任务清单分工表, docs/tasks.md). A plan of a
 * division holds tasks read from its table (taskimport.h), each with its lead and cooperating
 * units (units are made by the import, by name, in their division). Reading plans and tasks is
 * public (the plans are public documents); importing needs tasks_manage over the division.
 */
#ifndef WY_TASKS_H
#define WY_TASKS_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"
#include "mod/tasks/taskimport.h"
#include "mod/tasks/tasks_store.h"

#define TASKS_TITLE_MAX 200

typedef struct tasks_import_input {
    const char *title, *division;
    int year_from, year_to; /* 0: not said */
    const char *data;       /* CSV (UTF-8) or an .xlsx workbook */
    size_t len;
    int dry_run;
    int replace; /* put the table in place of an imported plan's tasks */
} tasks_import_input;

typedef struct tasks_import_result {
    taskimport im;
    const char *detail; /* why the file could not be read at all (English), or NULL */
    int64_t plan_id;    /* 0 on a dry run of a new plan */
    int replaced;
    size_t units_new;
} tasks_import_result;

/* Read the table and, unless dry_run or a row is refused, write the plan, its tasks and units
 * in one transaction. 0, or -1 with the refusal: bad_title, bad_division, unknown_division,
 * bad_file (res->detail says why), no_tasks, bad_rows (res->im says which), plan_exists. The
 * report in res->im is filled in every case the file could be read. */
int tasks_import(wy_ctx *ctx, const tasks_import_input *in, tasks_import_result *res);

/* Plans of a division's subtree ("" or NULL: all), newest first, with their counts of tasks
 * and overdue tasks. */
int tasks_plan_list(wy_ctx *ctx, const char *division, int64_t before, int limit, plan_row **out,
                    size_t *n);
int tasks_plan_get(wy_ctx *ctx, int64_t id, plan_row *out);
/* The plan's tasks in the table's order (seq > after) and their units. */
int tasks_plan_tasks(wy_ctx *ctx, int64_t plan_id, int after, int limit, plan_task_row **tasks,
                     size_t *n, plan_task_unit_row **units, size_t *nunits);

/* YYYY-MM-DD of ms in China time. */
void tasks_date_of(int64_t ms, char out[11]);

#endif
