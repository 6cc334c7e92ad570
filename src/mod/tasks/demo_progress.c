/* demo_progress: `wenyun demo` gives the demo plan of 攀枝花市 (demo_tasks.c) its progress: the
 * city reviewer reports for 市文广旅局 and the district reviewer for 东区文广旅局; one report of
 * the lead unit and a contribution of a cooperating one on the ongoing task 2; the indicator
 * activities.sessions linked to it. Through the rules; a second run changes nothing. */
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "mod/tasks/handlers.h"
#include "mod/tasks/progress.h"
#include "mod/tasks/tasks.h"

#define DEMO_PLAN "攀枝花市公共文化服务工作任务清单（示例）"

static int unit_id(wy_ctx *ctx, const char *division, const char *name, int64_t *id)
{
    int made = 0;
    return store_unit_ensure(ctx->c, division, name, ctx->now, id, &made) == WY_OK ? 0 : -1;
}

static int member(wy_ctx *ctx, int64_t unit, const char *phone)
{
    int64_t added;
    if (progress_unit_member_add(ctx, unit, 0, phone, &added) == 0)
        return 0;
    return ctx->err.cls == E_CONFLICT ? 0 : -1; /* a member already */
}

/* Act as the account with this phone for the calls that follow (`wenyun demo` runs alone; the
 * caller's principal is put back at the end). */
static principal demo_who;

static int as(wy_ctx *ctx, const char *phone)
{
    principal *p = &demo_who;
    account u;
    if (store_user_by_phone(ctx->c, ctx->a, phone, &u) != WY_OK)
        return -1;
    if (account_principal_by_id(ctx, u.id, p) < 0)
        return -1;
    ctx->who = p;
    return 0;
}

static int fill(wy_ctx *ctx, int verbose)
{
    plan_row p;
    if (store_plan_find(ctx->c, ctx->a, "5104", DEMO_PLAN, &p) != WY_OK)
        return 0; /* no demo plan: nothing to add to */
    int64_t city, district;
    if (unit_id(ctx, "5104", "市文广旅局", &city) < 0 ||
        unit_id(ctx, "510402", "东区文广旅局", &district) < 0)
        return -1;
    ctx->who = NULL;
    if (member(ctx, city, "13900000004") < 0 || member(ctx, district, "13900000003") < 0)
        return -1;
    plan_task_row *ts;
    plan_task_unit_row *us;
    size_t n, nu;
    if (tasks_plan_tasks(ctx, p.id, 0, 500, &ts, &n, &us, &nu) < 0)
        return -1;
    const plan_task_row *t = NULL;
    for (size_t i = 0; i < n && !t; i++)
        if (!strcmp(ts[i].number, "2"))
            t = &ts[i];
    if (!t)
        return 0;
    if (progress_indicator_add(ctx, t->id, "activities.sessions") < 0 && ctx->err.cls != E_CONFLICT)
        return -1;
    task_report_row *rs;
    size_t nr;
    if (store_task_reports(ctx->c, ctx->a, t->id, &rs, &nr) != WY_OK)
        return -1;
    if (nr)
        return 0;
    progress_report_input in = {
        .text = "已组织市级群众文化活动 46 场，完成年度计划的六成；各县（区）活动正在汇总。",
        .percent = 60};
    task_report_row r;
    task_contribution_row c;
    if (as(ctx, "13900000004") < 0 || progress_report_add(ctx, t->id, &in, &r) < 0)
        return -1;
    if (as(ctx, "13900000003") < 0 ||
        progress_contribution_add(ctx, t->id, "东区已开展社区文化活动 12 场，提供场地和志愿者。",
                                  &c) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "demo: the task list's members, a report and an indicator\n");
    return 0;
}

int tasks_progress_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    const principal *who = ctx->who;
    int rc = fill(ctx, verbose);
    if (rc < 0)
        fprintf(stderr, "demo: the task list's progress: %s\n", ctx->err.message);
    ctx->who = who;
    return rc;
}
