/* views: see views.h. */
#include "mod/tasks/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/tasks/tasks.h"

const char *const tasks_statuses[TASKS_NSTATUS] = {"open", "in_progress", "done", "cancelled"};

int tasks_view_load(wy_ctx *ctx, int64_t plan_id, tasks_view *v)
{
    memset(v, 0, sizeof(*v));
    tasks_date_of(ctx->now, v->today);
    if (tasks_plan_get(ctx, plan_id, &v->plan) < 0)
        return -1;
    return tasks_plan_tasks(ctx, plan_id, 0, TASKS_VIEW_MAX, &v->tasks, &v->n, &v->units,
                            &v->nunits);
}

int tasks_view_managed(wy_ctx *ctx, int64_t plan_id, tasks_view *v)
{
    memset(v, 0, sizeof(*v));
    if (tasks_plan_get(ctx, plan_id, &v->plan) < 0 ||
        authz_require(ctx, PERM_TASKS_MANAGE, v->plan.division) < 0)
        return -1;
    return tasks_view_load(ctx, plan_id, v);
}

int tasks_overdue(const plan_task_row *t, const char *today)
{
    return t->deadline && strcmp(t->deadline, today) < 0 &&
           (!strcmp(t->status, "open") || !strcmp(t->status, "in_progress"));
}

/* YYYY-MM-DD of a real day */
static int date_ok(const char *s)
{
    int y, m, d;
    char tail;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

int tasks_filter_check(wy_ctx *ctx, const tasks_filter *f)
{
    if (f->status) {
        int known = 0;
        for (size_t i = 0; i < TASKS_NSTATUS; i++)
            known |= !strcmp(f->status, tasks_statuses[i]);
        if (!known)
            return wy_fail_field(ctx, E_INVALID, "bad_status",
                                 "A status is open, in_progress, done or cancelled.", "status");
    }
    if (f->due_before && !date_ok(f->due_before))
        return wy_fail_field(ctx, E_INVALID, "bad_date", "A date is written YYYY-MM-DD.",
                             "due_before");
    return 0;
}

static int has_unit(const tasks_view *v, int64_t task, int64_t unit)
{
    for (size_t i = 0; i < v->nunits; i++)
        if (v->units[i].task_id == task && v->units[i].unit_id == unit)
            return 1;
    return 0;
}

/* dated by deadline, then the ongoing, then the undated; ties in the table's order (seq) */
static int by_deadline(const void *a, const void *b)
{
    const plan_task_row *x = *(const plan_task_row *const *)a;
    const plan_task_row *y = *(const plan_task_row *const *)b;
    int rx = x->deadline ? 0 : x->ongoing ? 1 : 2, ry = y->deadline ? 0 : y->ongoing ? 1 : 2;
    if (rx != ry)
        return rx - ry;
    int c = rx == 0 ? strcmp(x->deadline, y->deadline) : 0;
    return c ? c : x->seq - y->seq;
}

size_t tasks_view_filter(const tasks_view *v, const tasks_filter *f, size_t *idx)
{
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        const plan_task_row *t = &v->tasks[i];
        if ((f->status && strcmp(t->status, f->status)) ||
            (f->overdue && !tasks_overdue(t, v->today)) ||
            (f->due_before && (!t->deadline || strcmp(t->deadline, f->due_before) >= 0)) ||
            (f->unit && !has_unit(v, t->id, f->unit)))
            continue;
        idx[k++] = i;
    }
    if (f->by_deadline && k > 1) {
        /* sorted as pointers to the rows (qsort has no user pointer), then back to positions */
        const plan_task_row **rows = malloc(k * sizeof(*rows));
        if (!rows)
            return k; /* the table's order, then */
        for (size_t i = 0; i < k; i++)
            rows[i] = &v->tasks[idx[i]];
        qsort(rows, k, sizeof(*rows), by_deadline);
        for (size_t i = 0; i < k; i++)
            idx[i] = (size_t)(rows[i] - v->tasks);
        free(rows);
    }
    return k;
}

static size_t task_pos(const tasks_view *v, int64_t task)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->tasks[i].id == task)
            return i;
    return v->n;
}

typedef struct unit_ref {
    size_t pos, i; /* the task's position, the unit row's */
} unit_ref;

static int by_pos(const void *a, const void *b)
{
    const unit_ref *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static size_t group_of(tasks_unit_group *g, size_t *ng, const plan_task_unit_row *u)
{
    size_t k = 0;
    while (k < *ng && g[k].unit_id != u->unit_id)
        k++;
    if (k == *ng) {
        memset(&g[k], 0, sizeof(g[k]));
        g[k].unit_id = u->unit_id;
        g[k].name = u->name;
        g[k].division = u->division;
        (*ng)++;
    }
    return k;
}

int tasks_by_unit(wy_ctx *ctx, const tasks_view *v, tasks_unit_group **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!v->nunits)
        return 0;
    /* the unit rows in the table's order of their tasks: a unit first met first */
    unit_ref *refs = arena_alloc(ctx->a, v->nunits * sizeof(*refs));
    tasks_unit_group *g = arena_alloc(ctx->a, v->nunits * sizeof(*g));
    if (!refs || !g)
        return check_mem(ctx);
    for (size_t i = 0; i < v->nunits; i++)
        refs[i] = (unit_ref){task_pos(v, v->units[i].task_id), i};
    qsort(refs, v->nunits, sizeof(*refs), by_pos);
    size_t ng = 0;
    for (size_t r = 0; r < v->nunits; r++) {
        size_t k = group_of(g, &ng, &v->units[refs[r].i]);
        if (!strcmp(v->units[refs[r].i].role, "lead"))
            g[k].nlead++;
        else
            g[k].ncoop++;
    }
    for (size_t k = 0; k < ng; k++) {
        g[k].lead = arena_alloc(ctx->a, (g[k].nlead + 1) * sizeof(size_t));
        g[k].coop = arena_alloc(ctx->a, (g[k].ncoop + 1) * sizeof(size_t));
        if (!g[k].lead || !g[k].coop)
            return check_mem(ctx);
        g[k].nlead = g[k].ncoop = 0;
    }
    for (size_t r = 0; r < v->nunits; r++) {
        const plan_task_unit_row *u = &v->units[refs[r].i];
        size_t p = refs[r].pos, k = group_of(g, &ng, u);
        if (p >= v->n)
            continue;
        int lead = !strcmp(u->role, "lead");
        size_t *list = lead ? g[k].lead : g[k].coop, *cnt = lead ? &g[k].nlead : &g[k].ncoop;
        int counted = (g[k].nlead && g[k].lead[g[k].nlead - 1] == p) ||
                      (g[k].ncoop && g[k].coop[g[k].ncoop - 1] == p);
        list[(*cnt)++] = p;
        if (!counted && tasks_overdue(&v->tasks[p], v->today))
            g[k].noverdue++;
    }
    *out = g;
    *n = ng;
    return 0;
}

int tasks_by_chapter(wy_ctx *ctx, const tasks_view *v, tasks_chapter **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!v->n)
        return 0;
    tasks_chapter *c = arena_alloc(ctx->a, v->n * sizeof(*c));
    if (!c)
        return check_mem(ctx);
    size_t nc = 0;
    for (size_t p = 0; p < v->n; p++) {
        const plan_task_row *t = &v->tasks[p];
        size_t k = 0;
        while (k < nc && strcmp(c[k].section, t->section))
            k++;
        if (k == nc) {
            memset(&c[nc], 0, sizeof(c[nc]));
            c[nc].section = t->section;
            c[nc].tasks = arena_alloc(ctx->a, v->n * sizeof(size_t));
            if (!c[nc].tasks)
                return check_mem(ctx);
            nc++;
        }
        c[k].tasks[c[k].ntasks++] = p;
        for (size_t s = 0; s < TASKS_NSTATUS; s++)
            if (!strcmp(t->status, tasks_statuses[s]))
                c[k].nstatus[s]++;
        if (tasks_overdue(t, v->today))
            c[k].noverdue++;
    }
    *out = c;
    *n = nc;
    return 0;
}

/* days since 1970-01-01 of a civil date (H. Hinnant's algorithm) */
static long days_of(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int parse_day(const char *s, long *out)
{
    int y, m, d;
    if (!date_ok(s) || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    *out = days_of(y, m, d);
    return 0;
}

void tasks_timeline_of(const tasks_view *v, tasks_timeline *tl)
{
    memset(tl, 0, sizeof(*tl));
    if (v->plan.year_from)
        snprintf(tl->start, sizeof(tl->start), "%04d-01-01", v->plan.year_from);
    else
        tasks_date_of(v->plan.created_at, tl->start);
    strcpy(tl->end, tl->start);
    if (v->plan.year_to)
        snprintf(tl->end, sizeof(tl->end), "%04d-12-31", v->plan.year_to);
    for (size_t i = 0; i < v->n; i++)
        if (v->tasks[i].deadline && strcmp(v->tasks[i].deadline, tl->end) > 0 &&
            date_ok(v->tasks[i].deadline))
            snprintf(tl->end, sizeof(tl->end), "%s", v->tasks[i].deadline);
    /* a deadline before the start (a plan that gave no years, imported late) starts it */
    for (size_t i = 0; i < v->n; i++)
        if (v->tasks[i].deadline && strcmp(v->tasks[i].deadline, tl->start) < 0 &&
            date_ok(v->tasks[i].deadline))
            snprintf(tl->start, sizeof(tl->start), "%s", v->tasks[i].deadline);
    long s = 0, e = 0, t = 0;
    parse_day(tl->start, &s);
    parse_day(tl->end, &e);
    parse_day(v->today, &t);
    tl->days = e - s < 1 ? 1 : (int)(e - s);
    tl->today = (int)(t - s);
}

int tasks_timeline_day(const tasks_timeline *tl, const char *date, int *day)
{
    long s, d;
    if (!date || parse_day(tl->start, &s) < 0 || parse_day(date, &d) < 0)
        return -1;
    *day = (int)(d - s);
    return 0;
}

const char *tasks_status_zh(const char *status)
{
    static const char *const zh[TASKS_NSTATUS] = {"未开始", "进行中", "已完成", "已取消"};
    for (size_t i = 0; i < TASKS_NSTATUS; i++)
        if (!strcmp(status, tasks_statuses[i]))
            return zh[i];
    return status;
}
