/* tasks: see tasks.h. */
#include "mod/tasks/tasks.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "util/csvread.h"

void tasks_date_of(int64_t ms, char out[11])
{
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static int check_division(wy_ctx *ctx, const char *code, char div[DIVISION_CODE_MAX], int *level)
{
    if (!code || division_normalize(code, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "division");
    *level = d.level;
    return 0;
}

/* The county-level divisions a 各县（区） of the plan's division means: a city's counties. */
static int counties_of(wy_ctx *ctx, const char *div, int level, taskimport_county **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (level != 2)
        return 0;
    division *kids;
    size_t nk;
    if (division_children(ctx, div, &kids, &nk) < 0)
        return -1;
    taskimport_county *c = nk ? arena_alloc(ctx->a, nk * sizeof(*c)) : NULL;
    if (nk && !c)
        return check_mem(ctx);
    for (size_t i = 0; i < nk; i++) {
        c[i].code = kids[i].code;
        c[i].name = kids[i].name;
    }
    *out = c;
    *n = nk;
    return 0;
}

static int write_plan(wy_ctx *ctx, const tasks_import_input *in, const char *div,
                      tasks_import_result *res)
{
    plan_row p;
    int rc = store_plan_find(ctx->c, ctx->a, div, in->title, &p);
    if (rc == WY_OK) {
        if (!in->replace)
            return wy_fail_field(ctx, E_CONFLICT, "plan_exists",
                                 "This plan has been imported: import it again with replace to "
                                 "put the new table in place of its tasks.",
                                 "title");
        res->plan_id = p.id;
        res->replaced = 1;
        rc = store_plan_clear(ctx->c, p.id, ctx->now);
    } else if (rc == WY_NOTFOUND) {
        plan_row np = {.division = div,
                       .title = in->title,
                       .year_from = in->year_from,
                       .year_to = in->year_to,
                       .created_by = ctx->who ? ctx->who->user_id : 0};
        rc = store_plan_create(ctx->c, &np, ctx->now, &res->plan_id);
    }
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "plan");
    const taskimport *im = &res->im;
    for (size_t i = 0; i < im->ntasks; i++) {
        const taskimport_task *t = &im->tasks[i];
        plan_task_row row = {.plan_id = res->plan_id,
                             .seq = (int)i + 1,
                             .number = t->number,
                             .section = t->section,
                             .title = t->title,
                             .content = t->content,
                             .deadline = t->deadline.date,
                             .deadline_text = t->deadline_text ? t->deadline_text : "",
                             .ongoing = t->deadline.ongoing,
                             .rhythm = t->deadline.rhythm,
                             .source_row = t->row};
        int64_t tid;
        rc = store_plan_task_create(ctx->c, &row, ctx->now, &tid);
        for (int role = 0; rc == WY_OK && role < 2; role++) {
            const taskimport_unit *u = role ? t->coop : t->lead;
            size_t nu = role ? t->ncoop : t->nlead;
            for (size_t k = 0; rc == WY_OK && k < nu; k++) {
                int64_t uid;
                int made;
                rc = store_unit_ensure(ctx->c, *u[k].division ? u[k].division : div, u[k].name,
                                       ctx->now, &uid, &made);
                if (rc == WY_OK) {
                    res->units_new += (size_t)made;
                    rc = store_plan_task_unit_add(ctx->c, tid, uid, role ? "cooperating" : "lead",
                                                  (int)k);
                }
            }
        }
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "task");
    }
    char detail[96];
    snprintf(detail, sizeof(detail), "%zu tasks%s", im->ntasks, res->replaced ? ", replaced" : "");
    return audit_add(ctx, "plan.import", "plan", res->plan_id, div, NULL, NULL, detail);
}

int tasks_import(wy_ctx *ctx, const tasks_import_input *in, tasks_import_result *res)
{
    memset(res, 0, sizeof(*res));
    if (!in->title || !*in->title || !utf8_valid(in->title, strlen(in->title)) ||
        utf8_length(in->title) > TASKS_TITLE_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A plan's title has 1 to 200 characters.",
                             "title");
    if ((in->year_from && (in->year_from < 1949 || in->year_from > 2200)) ||
        (in->year_to && (in->year_to < 1949 || in->year_to > 2200)) ||
        (in->year_from && in->year_to && in->year_to < in->year_from))
        return wy_fail_field(ctx, E_INVALID, "bad_years",
                             "A plan's period is two years, the first not after the last.",
                             "year_from");
    char div[DIVISION_CODE_MAX];
    int level = 0;
    /* no principal: the command line, which is trusted */
    if (check_division(ctx, in->division, div, &level) < 0 ||
        (ctx->who && authz_require(ctx, PERM_TASKS_MANAGE, div) < 0))
        return -1;
    taskimport_county *counties;
    size_t ncounties;
    if (counties_of(ctx, div, level, &counties, &ncounties) < 0)
        return -1;
    char err[256];
    if (!in->data || !in->len ||
        taskimport_buffer(ctx->a, in->data, in->len, counties, ncounties, &res->im, err,
                          sizeof(err)) < 0) {
        if (arena_failed(ctx->a))
            return check_mem(ctx);
        res->detail = arena_strdup(ctx->a, in->len ? err : "the file is empty");
        return wy_fail_field(ctx, E_INVALID, "bad_file",
                             "The file cannot be read as a task table (CSV in UTF-8 or an Excel "
                             "workbook with a header row).",
                             "file");
    }
    if (res->im.nrefused)
        return wy_fail(ctx, E_INVALID, "bad_rows",
                       "Some rows cannot be read: nothing was imported. The report says which.");
    if (res->im.ntasks == 0)
        return wy_fail_field(ctx, E_INVALID, "no_tasks", "The table holds no task.", "file");
    if (in->dry_run) {
        plan_row p;
        if (store_plan_find(ctx->c, ctx->a, div, in->title, &p) == WY_OK) {
            res->plan_id = p.id;
            res->replaced = 1;
            if (!in->replace)
                return wy_fail_field(ctx, E_CONFLICT, "plan_exists",
                                     "This plan has been imported: import it again with replace "
                                     "to put the new table in place of its tasks.",
                                     "title");
        }
        return 0;
    }
    if (tx_begin(ctx) < 0)
        return -1;
    return tx_end(ctx, write_plan(ctx, in, div, res));
}

int tasks_plan_list(wy_ctx *ctx, const char *division, int64_t before, int limit, plan_row **out,
                    size_t *n)
{
    char div[DIVISION_CODE_MAX] = "", today[11];
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    tasks_date_of(ctx->now, today);
    int rc = store_plan_list(ctx->c, ctx->a, div, today, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "plans");
}

int tasks_plan_get(wy_ctx *ctx, int64_t id, plan_row *out)
{
    char today[11];
    tasks_date_of(ctx->now, today);
    int rc = store_plan_get(ctx->c, ctx->a, id, today, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "plan");
}

int tasks_plan_tasks(wy_ctx *ctx, int64_t plan_id, int after, int limit, plan_task_row **tasks,
                     size_t *n, plan_task_unit_row **units, size_t *nunits)
{
    plan_row p;
    if (tasks_plan_get(ctx, plan_id, &p) < 0)
        return -1;
    int rc = store_plan_task_list(ctx->c, ctx->a, plan_id, after, limit, tasks, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "tasks");
    int64_t *ids = *n ? arena_alloc(ctx->a, *n * sizeof(*ids)) : NULL;
    if (*n && !ids)
        return check_mem(ctx);
    for (size_t i = 0; i < *n; i++)
        ids[i] = (*tasks)[i].id;
    rc = store_plan_task_units_of(ctx->c, ctx->a, ids, *n, units, nunits);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "units");
}
