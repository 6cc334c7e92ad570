/* tasks: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_TASKS_HANDLERS_H
#define WY_MOD_TASKS_HANDLERS_H

#include "core/cli.h"
#include "web/api.h"
#include "web/web.h"

void api_plans_list(http_req *req);
void api_plan_get(http_req *req);
void api_plan_tasks(http_req *req);
void api_plans_import(http_req *req);

/* `wenyun tasks` (cli_tasks.c) */
int tasks_cli(const wy_cli *cli, int argc, char **argv);
/* `wenyun demo`: Panzhihua's plan and its task table (demo_tasks.c) */
int tasks_demo(wy_ctx *ctx, const char *data_dir, int verbose);

/* views and the export (api_views.c): 1 when the list was asked with a view's filters and
 * answered, 0 when it is the plain list */
int api_plan_tasks_filtered(http_req *req);
void api_plan_by_unit(http_req *req);
void api_plan_chapters(http_req *req);
void api_plan_timeline(http_req *req);
void api_plan_tasks_xlsx(http_req *req);
/* the staff's pages (pages_tasks.c) */
void page_admin_plans(http_req *req);
void page_admin_plans_import(http_req *req);
void page_admin_plan(http_req *req);
/* The task's id of the path ({tid}: not one of the router's typed parameters); 0 when it is
 * not a positive decimal number. The task of the path in the plan of the path: 0, or -1
 * answered (404). (pages_progress.c) */
int64_t tasks_path_task(http_req *req);
int tasks_task_in_plan(http_req *req);
/* the managers' pages of units and of a task's indicators (pages_units.c) */
void page_admin_units(http_req *req);
void page_admin_unit(http_req *req);
void page_admin_unit_member_add(http_req *req);
void page_admin_unit_member_remove(http_req *req);
void page_plan_task_indicators(http_req *req);
void page_plan_task_indicator_link(http_req *req);
void page_plan_task_indicator_unlink(http_req *req);
/* progress: units' members, status, reports, what a unit owes, indicators (api_progress.c) */
void api_units_list(http_req *req);
void api_unit_members(http_req *req);
void api_unit_member_add(http_req *req);
void api_unit_member_remove(http_req *req);
void api_unit_tasks(http_req *req);
void api_my_tasks(http_req *req);
void api_plan_task_get(http_req *req);
void api_plan_task_status(http_req *req);
void api_plan_task_reports(http_req *req);
void api_plan_task_report_add(http_req *req);
void api_plan_task_contribution_add(http_req *req);
void api_task_report_attachment_add(http_req *req);
void api_task_attachment_get(http_req *req);
void api_plan_task_indicator_add(http_req *req);
void api_plan_task_indicator_remove(http_req *req);

/* the pages of progress (pages_progress.c): what my units owe, a task with its history,
 * reports and contributions and the forms that change its status, report and contribute */
void page_my_tasks(http_req *req);
void page_plan_task(http_req *req);
void page_plan_task_status(http_req *req);
void page_plan_task_report(http_req *req);
void page_plan_task_contribution(http_req *req);

/* `wenyun demo`: members, a report and an indicator of the demo plan (demo_progress.c). */
int tasks_progress_demo(wy_ctx *ctx, const char *data_dir, int verbose);

/* The inbox's sentence of the deadlines job's notifications. */
const char *tasks_notice_text(http_req *req, const notification *n);

#endif
