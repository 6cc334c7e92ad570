/* demo_tasks: `wenyun demo` imports data/demo/plan_tasks_5104.csv as a plan of 攀枝花市 through
 * the same rules as `wenyun tasks import` (a second run finds the plan and changes nothing). */
#include <stdio.h>

#include "mod/tasks/handlers.h"
#include "mod/tasks/tasks.h"
#include "util/strbuf.h"

#define DEMO_PLAN "攀枝花市公共文化服务工作任务清单（示例）"

int tasks_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    plan_row p;
    if (store_plan_find(ctx->c, ctx->a, "5104", DEMO_PLAN, &p) == WY_OK)
        return 0;
    char path[1024];
    snprintf(path, sizeof(path), "%s/demo/plan_tasks_5104.csv", data_dir);
    strbuf file = STRBUF_INIT;
    if (sb_read_file(&file, path) < 0) {
        fprintf(stderr, "demo: cannot read %s\n", path);
        sb_release(&file);
        return -1;
    }
    tasks_import_input in = {.title = DEMO_PLAN,
                             .division = "5104",
                             .year_from = 2023,
                             .year_to = 2025,
                             .data = file.buf,
                             .len = file.len};
    tasks_import_result res;
    const principal *who = ctx->who;
    ctx->who = NULL;
    int rc = tasks_import(ctx, &in, &res);
    ctx->who = who;
    sb_release(&file);
    if (rc < 0) {
        fprintf(stderr, "demo: the plan's task table: %s %s\n", ctx->err.message,
                res.detail ? res.detail : "");
        return -1;
    }
    if (verbose)
        fprintf(stderr, "demo: plan %s with %zu tasks\n", DEMO_PLAN, res.im.ntasks);
    return 0;
}
