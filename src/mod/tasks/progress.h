/*
 * progress: the rules of carrying out a plan's tasks (docs/tasks.md, "Progress").
 *
 * A unit's members are the staff accounts who report for it; staff with tasks_manage over the
 * unit's division name them. On a task, the lead unit's members report (a period, what was
 * done, how far, a status proposal) and change its status; the cooperating units' members add
 * contributions to the task's current period; managers of the plan's division (tasks_manage)
 * read everything and change the status. A member of a unit not on the task is refused. The
 * deadlines job (tasks_job_deadlines) warns the lead unit's members before a deadline,
 * escalates an overdue task to the plan's managers once per deadline, and tells the lead
 * unit's members when an indicator the task should move lags (once per indicator a month).
 */
#ifndef WY_TASKS_PROGRESS_H
#define WY_TASKS_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/attachment.h"
#include "core/domain.h"
#include "core/notify.h"
#include "mod/tasks/progress_store.h"

#define PROGRESS_TEXT_MAX 5000 /* characters of a report or a contribution */
#define PROGRESS_NOTE_MAX 1000 /* characters of a status change's note */

extern const notify_kind tasks_kind_deadline_near;
extern const notify_kind tasks_kind_escalated;
extern const notify_kind tasks_kind_indicator_lagging;

/* ---- units and their members ------------------------------------------------------------ */

/* Units of a division's subtree ("" or NULL: all), by id after `after`. Public. */
int progress_unit_list(wy_ctx *ctx, const char *division, int64_t after, int limit, unit_row **out,
                       size_t *n);
/* The unit and its members: tasks_manage over the unit's division. */
int progress_unit_members(wy_ctx *ctx, int64_t unit, unit_row *u, unit_member_row **out, size_t *n);
/* Add the account (by id, or by phone when user_id is 0) as a member: tasks_manage over the
 * unit's division; the account is active staff (not_staff), not a member yet (already_member).
 * Audited. *added: the account's id. */
int progress_unit_member_add(wy_ctx *ctx, int64_t unit, int64_t user_id, const char *phone,
                             int64_t *added);
/* Audited; not_member when the account is none. */
int progress_unit_member_remove(wy_ctx *ctx, int64_t unit, int64_t user_id);

/* ---- a task ----------------------------------------------------------------------------- */

/* An indicator a task should move, as it stands for the plan's division this year. */
typedef struct task_indicator_view {
    const char *code, *name_zh, *name_en, *unit;
    int known;          /* in the catalogue */
    int visible;        /* the caller may see its values */
    int year;           /* the year it is judged on */
    double actual;      /* NAN: no data */
    double target;      /* NAN: no target */
    double expected;    /* the target pro rata for the share of the year gone; NAN: unknown */
    int lagging;        /* the actual is behind the expected value */
    const char *status; /* the indicators module's judgement (ind_status_name) */
} task_indicator_view;

typedef struct task_detail {
    task_full f;
    plan_task_unit_row *units;
    size_t nunits;
    task_indicator_view *inds;
    size_t ninds;
    char period[16]; /* the task's current reporting period */
    int insider;     /* the caller is a member of a unit of the task or a manager of the plan */
    int manager;     /* tasks_manage over the plan's division */
    int64_t lead, cooperating;   /* the caller's units on the task (0: none) */
    task_status_change *history; /* insiders only */
    size_t nhistory;
} task_detail;

/* The task, public; its status history for insiders. */
int progress_task_get(wy_ctx *ctx, int64_t id, task_detail *out);

/* Change the status (open | in_progress | done | cancelled) with a note: the lead unit's
 * members or the plan's managers; cooperating and other units' members are refused. A line of
 * history and of the audit log; no_change when the status is that already. */
int progress_task_status(wy_ctx *ctx, int64_t id, const char *status, const char *note,
                         task_full *out);

/* ---- reports and contributions ---------------------------------------------------------- */

typedef struct progress_report_input {
    const char *period; /* NULL or "": the task's current period */
    const char *text;
    int percent;
    const char *status; /* the proposed status, NULL or "": none */
} progress_report_input;

/* A report of the lead unit (its members only) on a task not closed; audited. */
int progress_report_add(wy_ctx *ctx, int64_t task, const progress_report_input *in,
                        task_report_row *out);
/* A contribution of a cooperating unit (its members only) to the current period; audited. */
int progress_contribution_add(wy_ctx *ctx, int64_t task, const char *text,
                              task_contribution_row *out);

typedef struct progress_report_files {
    int64_t report_id;
    attachment *files;
    size_t n;
} progress_report_files;

typedef struct progress_reports {
    task_full f;
    task_report_row *reports;
    size_t nreports;
    task_contribution_row *contribs;
    size_t ncontribs;
    progress_report_files *files; /* one per report, in the same order */
    int manager; /* names shown whole (a manager of the plan); else masked but the caller's own */
} progress_reports;

/* The task's reports (newest first), contributions and files: insiders only. */
int progress_reports_of(wy_ctx *ctx, int64_t task, progress_reports *out);

/* A file (kind "photo": a JPEG, PNG or WebP image; "file": a document) added to a report by its
 * unit's members; [tasks] attachment_max_kib; audited. */
int progress_attachment_add(wy_ctx *ctx, int64_t report, const char *kind, const attachment_file *f,
                            attachment *out);
/* A report's file with its bytes: insiders of its task only. */
int progress_attachment_get(wy_ctx *ctx, int64_t id, attachment *out, const char **data,
                            size_t *len);

/* ---- what a unit owes ------------------------------------------------------------------- */

typedef struct owed_task {
    owed_task_row r;
    int has_deadline;
    int days_left; /* to the deadline from today (China time); negative: overdue */
    int overdue;   /* past the deadline and still open or in progress */
    char period[16];
    int report_due; /* an ongoing task still open with no report for its current period */
} owed_task;

/* The tasks of the caller's units (lead or cooperating). */
int progress_my_tasks(wy_ctx *ctx, owed_task **out, size_t *n);
/* The tasks of a unit: tasks_manage over its division. */
int progress_unit_tasks(wy_ctx *ctx, int64_t unit, owed_task **out, size_t *n);

/* ---- indicators ------------------------------------------------------------------------- */

/* Link an indicator of the catalogue to a task (unknown_indicator, already_linked) or unlink
 * it (not_linked): tasks_manage over the plan's division; audited. */
int progress_indicator_add(wy_ctx *ctx, int64_t task, const char *code);
int progress_indicator_remove(wy_ctx *ctx, int64_t task, const char *code);

/* The standing of code for division this year, judged pro rata (what cannot be known is
 * shown unknown: -1 only for a store failure). */
int progress_indicator_view(wy_ctx *ctx, const char *code, const char *division,
                            task_indicator_view *iv);

/* ---- periods and the job ---------------------------------------------------------------- */

/* The reporting period of a task at ms (China time) by its rhythm: "2026-03" (monthly, and a
 * task with a deadline), "2026-Q1", "2026-H1", "2026" (yearly, and ongoing without rhythm). */
void progress_period_at(const char *rhythm, int ongoing, int64_t ms, char out[16]);
/* Is period one of the task's periods (the format of its rhythm)? */
int progress_period_valid(const char *rhythm, int ongoing, const char *period);

/* The periodic job tasks-deadlines (docs/tasks.md): safe to run any number of times. */
int tasks_job_deadlines(wy_ctx *ctx);

#endif
