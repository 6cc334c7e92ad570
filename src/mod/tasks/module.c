/* The tasks module: plans and their task tables (任务清单分工表, docs/tasks.md). */
#include "mod/module.h"
#include "mod/tasks/handlers.h"

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
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/plans",
     .label = N_("Plans and tasks"),
     .perm = PERM_TASKS_MANAGE,
     .order = 83,
     .current = "/admin/plans"},
};

static const wy_command commands[] = {
    {"tasks", "import a plan's task table (CSV or XLSX) with a per-row report", tasks_cli},
};

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
    .demo = tasks_demo,
};
