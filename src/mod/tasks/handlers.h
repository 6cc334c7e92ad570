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

#endif
