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
};

static const wy_command commands[] = {
    {"tasks", "import a plan's task table (CSV or XLSX) with a per-row report", tasks_cli},
};

const wy_module mod_tasks = {
    .name = "tasks",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/tasks/openapi.json",
    .commands = commands,
    .ncommands = sizeof(commands) / sizeof(commands[0]),
    /* `wenyun demo`: Panzhihua's plan and its task table (demo_tasks.c) */
    .demo = tasks_demo,
};
