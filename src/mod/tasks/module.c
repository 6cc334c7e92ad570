/* The tasks module: plans and their task tables (任务清单分工表, docs/tasks.md). */
#include "mod/module.h"
#include "mod/tasks/handlers.h"
#include "mod/tasks/progress.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    {"GET", "/api/v1/plans", api_plans_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/plans/import", api_plans_import, PERM_TASKS_MANAGE, API | UPLOAD},
    {"GET", "/api/v1/plans/{id}", api_plan_get, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/plans/{id}/tasks", api_plan_tasks, PERM_PUBLIC, API | READ},
    /* views and the export (api_views.c); the staff's pages (pages_tasks.c) */
    {"GET", "/api/v1/plans/{id}/by-unit", api_plan_by_unit, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/plans/{id}/chapters", api_plan_chapters, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/plans/{id}/timeline", api_plan_timeline, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/plans/{id}/tasks.xlsx", api_plan_tasks_xlsx, PERM_PUBLIC, API | READ},
    {"GET", "/admin/plans", page_admin_plans, PERM_TASKS_MANAGE, 0},
    {"POST", "/admin/plans/import", page_admin_plans_import, PERM_TASKS_MANAGE, UPLOAD},
    {"GET", "/admin/plans/{id}", page_admin_plan, PERM_TASKS_MANAGE, 0},
    /* progress: units' members, status, reports, what a unit owes, indicators (progress.h) */
    {"GET", "/api/v1/units", api_units_list, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/units/{id}/members", api_unit_members, PERM_TASKS_MANAGE, API},
    {"POST", "/api/v1/units/{id}/members", api_unit_member_add, PERM_TASKS_MANAGE, API},
    {"DELETE", "/api/v1/units/{id}/members/{user}", api_unit_member_remove, PERM_TASKS_MANAGE, API},
    {"GET", "/api/v1/units/{id}/tasks", api_unit_tasks, PERM_TASKS_MANAGE, API},
    {"GET", "/api/v1/me/tasks", api_my_tasks, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/plan-tasks/{id}", api_plan_task_get, PERM_PUBLIC, API},
    {"POST", "/api/v1/plan-tasks/{id}/status", api_plan_task_status, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/plan-tasks/{id}/reports", api_plan_task_reports, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/plan-tasks/{id}/reports", api_plan_task_report_add, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/plan-tasks/{id}/contributions", api_plan_task_contribution_add,
     PERM_LOGGED_IN, API},
    {"POST", "/api/v1/task-reports/{id}/attachments", api_task_report_attachment_add,
     PERM_LOGGED_IN, API | UPLOAD},
    {"GET", "/api/v1/task-attachments/{id}", api_task_attachment_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/plan-tasks/{id}/indicators", api_plan_task_indicator_add, PERM_TASKS_MANAGE,
     API},
    {"DELETE", "/api/v1/plan-tasks/{id}/indicators/{code}", api_plan_task_indicator_remove,
     PERM_TASKS_MANAGE, API},
    /* the pages of progress (pages_progress.c): the rules decide who sees and does what */
    {"GET", "/admin/me/tasks", page_my_tasks, PERM_LOGGED_IN, 0},
    {"GET", "/admin/plans/{id}/tasks/{tid}", page_plan_task, PERM_LOGGED_IN, 0},
    {"POST", "/admin/plans/{id}/tasks/{tid}/status", page_plan_task_status, PERM_LOGGED_IN, 0},
    {"POST", "/admin/plans/{id}/tasks/{tid}/reports", page_plan_task_report, PERM_LOGGED_IN,
     UPLOAD},
    {"POST", "/admin/plans/{id}/tasks/{tid}/contributions", page_plan_task_contribution,
     PERM_LOGGED_IN, 0},
    /* the managers' pages of units and of a task's indicators (pages_units.c) */
    {"GET", "/admin/units", page_admin_units, PERM_TASKS_MANAGE, 0},
    {"GET", "/admin/units/{id}", page_admin_unit, PERM_TASKS_MANAGE, 0},
    {"POST", "/admin/units/{id}/members", page_admin_unit_member_add, PERM_TASKS_MANAGE, 0},
    {"POST", "/admin/units/{id}/members/remove", page_admin_unit_member_remove, PERM_TASKS_MANAGE,
     0},
    {"GET", "/admin/plans/{id}/tasks/{tid}/indicators", page_plan_task_indicators,
     PERM_TASKS_MANAGE, 0},
    {"POST", "/admin/plans/{id}/tasks/{tid}/indicators", page_plan_task_indicator_link,
     PERM_TASKS_MANAGE, 0},
    {"POST", "/admin/plans/{id}/tasks/{tid}/indicators/remove", page_plan_task_indicator_unlink,
     PERM_TASKS_MANAGE, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/plans",
     .label = N_("Plans and tasks"),
     .perm = PERM_TASKS_MANAGE,
     .order = 83,
     .current = "/admin/plans"},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/me/tasks",
     .label = N_("My units' tasks"),
     .perm = PERM_ADMIN_CONSOLE,
     .order = 84,
     .current = "/admin/me/tasks"},
};

static const config_key settings[] = {
    {"tasks", "warn_days", CONFIG_INT, "14", 1, 365,
     "the lead unit's members of a task are told this many days before its deadline (the job "
     "tasks-deadlines)"},
    {"tasks", "attachment_max_kib", CONFIG_INT, "8192", 16, 204800,
     "the largest file (photo or document) attached to a task's progress report, in KiB (a body "
     "is also bounded by [server] max_body_bytes)"},
};

/* Periodic jobs (core/jobs.h): deadline warnings, escalation, lagging indicators
 * (tasks_jobs.c). */
static const wy_job jobs[] = {
    {.name = "tasks-deadlines", .fn = tasks_job_deadlines},
};

static const wy_notify_kind notify_kinds[] = {
    {&tasks_kind_deadline_near, tasks_notice_text, NULL},
    {&tasks_kind_escalated, tasks_notice_text, NULL},
    {&tasks_kind_indicator_lagging, tasks_notice_text, NULL},
};

static const wy_command commands[] = {
    {"tasks", "import a plan's task table (CSV or XLSX) with a per-row report", tasks_cli},
};

/* `wenyun demo`: the plan and its table, then its progress (demo_progress.c) */
static int demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    return tasks_demo(ctx, data_dir, verbose) < 0 ? -1
                                                  : tasks_progress_demo(ctx, data_dir, verbose);
}

const wy_module mod_tasks = {
    .name = "tasks",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .openapi = "src/mod/tasks/openapi.json",
    .commands = commands,
    .ncommands = sizeof(commands) / sizeof(commands[0]),
    /* `wenyun demo`: Panzhihua's plan and its task table (demo_tasks.c) */
    .demo = demo,
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
};
