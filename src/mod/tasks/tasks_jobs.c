/* tasks_jobs: the periodic job tasks-deadlines (progress.h, docs/tasks.md).
 *
 * Each run, as of today (China time):
 *   - a task open or in progress whose deadline is within [tasks] warn_days: its lead unit's
 *     members are told once for that deadline (tasks.deadline_near);
 *   - a task open or in progress past its deadline: escalated once for that deadline (its
 *     escalated_at is set) and the staff with tasks_manage over the plan's division are told
 *     (tasks.escalated);
 *   - an indicator of an open task that lags its target pro rata: the lead unit's members are
 *     told, once per indicator a month (tasks.indicator_lagging).
 * What was told is recorded (task_notices, plan_tasks.escalated_deadline) in the transaction
 * that tells it, so a second run, on this server or another, tells nobody again.
 */
#include "mod/tasks/progress.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "mod/tasks/tasks.h"
#include "util/config.h"

#define DAY_MS (24LL * 3600 * 1000)

/* Our notice table says once; the kinds may repeat (a new deadline warns again). */
const notify_kind tasks_kind_deadline_near = {"tasks.deadline_near", 1};
const notify_kind tasks_kind_escalated = {"tasks.escalated", 1};
const notify_kind tasks_kind_indicator_lagging = {"tasks.indicator_lagging", 1};

static const char *params_of(wy_ctx *ctx, json_t *p)
{
    char *text = p ? json_dumps(p, JSON_COMPACT) : NULL;
    json_decref(p);
    const char *s = text ? arena_strdup(ctx->a, text) : NULL;
    free(text);
    return s;
}

static int send_to(wy_ctx *ctx, const notify_kind *kind, int64_t user, const task_full *f,
                   const char *params)
{
    notify_msg m = {.kind = kind,
                    .user_id = user,
                    .subject_type = "plan_task",
                    .subject_id = f->t.id,
                    .title = f->t.title,
                    .division = f->division,
                    .params = params};
    return notify_send(ctx, &m, NULL);
}

static int tell_lead(wy_ctx *ctx, const notify_kind *kind, const task_full *f, const char *params,
                     int *sent)
{
    int64_t *users;
    size_t n;
    int rc = store_task_lead_members(ctx->c, ctx->a, f->t.id, &users, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "members");
    for (size_t i = 0; i < n; i++) {
        if (send_to(ctx, kind, users[i], f, params) < 0)
            return -1;
        (*sent)++;
    }
    return 0;
}

static int warn(wy_ctx *ctx, const char *today, int *sent)
{
    int days = ctx->cfg ? (int)config_module_int(ctx->cfg, "tasks", "warn_days") : 14;
    char horizon[11];
    tasks_date_of(ctx->now + (int64_t)days * DAY_MS, horizon);
    task_full *ts;
    size_t n;
    int rc = store_tasks_due(ctx->c, ctx->a, today, horizon, &ts, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "tasks");
    for (size_t i = 0; i < n; i++) {
        int claimed;
        rc = store_task_notice_claim(ctx->c, ts[i].t.id, "warning", ts[i].t.deadline, ctx->now,
                                     &claimed);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "notice");
        if (!claimed)
            continue;
        const char *p = params_of(
            ctx, json_pack("{s:s,s:s}", "deadline", ts[i].t.deadline, "plan", ts[i].plan_title));
        if (!p)
            return check_mem(ctx);
        if (tell_lead(ctx, &tasks_kind_deadline_near, &ts[i], p, sent) < 0)
            return -1;
    }
    return 0;
}

static int escalate(wy_ctx *ctx, const char *today, int *sent)
{
    task_full *ts;
    size_t n;
    int rc = store_tasks_to_escalate(ctx->c, ctx->a, today, &ts, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "tasks");
    if (!n)
        return 0;
    role_grant *gs;
    size_t ng;
    rc = store_tasks_grants(ctx->c, ctx->a, &gs, &ng);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "grants");
    for (size_t i = 0; i < n; i++) {
        int marked;
        rc = store_task_mark_escalated(ctx->c, ts[i].t.id, ts[i].t.deadline, ctx->now, &marked);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "escalation");
        if (!marked)
            continue;
        const char *p = params_of(
            ctx, json_pack("{s:s,s:s}", "deadline", ts[i].t.deadline, "plan", ts[i].plan_title));
        if (!p)
            return check_mem(ctx);
        int64_t last = 0;
        for (size_t k = 0; k < ng; k++) {
            /* grants come by account: each manager once */
            if (gs[k].user_id == last ||
                !authz_role_carries(role_parse(gs[k].role), PERM_TASKS_MANAGE) ||
                !division_contains(gs[k].division, ts[i].division))
                continue;
            last = gs[k].user_id;
            if (send_to(ctx, &tasks_kind_escalated, gs[k].user_id, &ts[i], p) < 0)
                return -1;
            (*sent)++;
        }
    }
    return 0;
}

typedef struct lag {
    int64_t task_id;
    const char *code;
    double actual, expected, target;
} lag;

/* The lagging indicators of open tasks, read before the writing transaction (reading a value
 * may write the indicators' cache in a transaction of its own). */
static int lagging(wy_ctx *ctx, lag **out, size_t *n)
{
    task_indicator_row *rows;
    size_t nr;
    int rc = store_task_indicators_open(ctx->c, ctx->a, &rows, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "indicators");
    *out = arena_alloc(ctx->a, (nr + 1) * sizeof(**out));
    if (!*out)
        return check_mem(ctx);
    *n = 0;
    for (size_t i = 0; i < nr; i++) {
        task_indicator_view iv;
        if (progress_indicator_view(ctx, rows[i].code, rows[i].division, &iv) < 0)
            return -1;
        if (iv.lagging)
            (*out)[(*n)++] =
                (lag){rows[i].task_id, rows[i].code, iv.actual, iv.expected, iv.target};
    }
    return 0;
}

static int tell_lagging(wy_ctx *ctx, const lag *l, size_t nl, int *sent)
{
    char today[11];
    tasks_date_of(ctx->now, today);
    for (size_t i = 0; i < nl; i++) {
        char about[96];
        snprintf(about, sizeof about, "%s@%.7s", l[i].code, today);
        int claimed;
        int rc =
            store_task_notice_claim(ctx->c, l[i].task_id, "lagging", about, ctx->now, &claimed);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "notice");
        if (!claimed)
            continue;
        task_full f;
        rc = store_task_get(ctx->c, ctx->a, l[i].task_id, &f);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "task");
        const char *p = params_of(ctx, json_pack("{s:s,s:f,s:f,s:f}", "indicator", l[i].code,
                                                 "actual", l[i].actual, "expected", l[i].expected,
                                                 "target", l[i].target));
        if (!p)
            return check_mem(ctx);
        if (tell_lead(ctx, &tasks_kind_indicator_lagging, &f, p, sent) < 0)
            return -1;
    }
    return 0;
}

int tasks_job_deadlines(wy_ctx *ctx)
{
    lag *lags = NULL;
    size_t nlags = 0;
    if (lagging(ctx, &lags, &nlags) < 0)
        return -1;
    char today[11];
    tasks_date_of(ctx->now, today);
    int sent = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = warn(ctx, today, &sent);
    if (res == 0)
        res = escalate(ctx, today, &sent);
    if (res == 0)
        res = tell_lagging(ctx, lags, nlags, &sent);
    return tx_end(ctx, res);
}
