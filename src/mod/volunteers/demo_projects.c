/* demo_projects: the volunteer projects of `wenyun demo` beyond 东区: a team in 西区 (清香坪街道)
 * and one in 仁和区 (仁和镇), each with a project and its coming shifts, all through the module's
 * rules — the demo city admin (volunteers_manage over the city) writes the organisations, teams,
 * projects and shifts and submits the projects; a reviewer of each district and the demo city
 * reviewer approve them level by level. A project found by its title is left as it is, so a
 * second run adds nothing. */
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/demo_kit.h"
#include "core/review.h"
#include "mod/volunteers/shift.h"
#include "mod/volunteers/volunteer.h"

#define HOUR (3600 * 1000LL)
#define DAY  (24 * HOUR)

/* The next Saturday's midnight in China time strictly after now, in ms. */
static int64_t next_saturday(int64_t now)
{
    int64_t local = now + 8 * HOUR;
    int64_t day = local / DAY;  /* days since 1970-01-01, a Thursday */
    int64_t wd = (day + 4) % 7; /* 0 Sunday .. 6 Saturday */
    int64_t ahead = (6 - wd + 7) % 7;
    if (ahead == 0)
        ahead = 7;
    return (day + ahead) * DAY - 8 * HOUR;
}

typedef struct demo_shift {
    const char *title;
    int day;                /* days after next Saturday */
    int start_min, end_min; /* minutes after midnight, China time */
    int capacity;
    const char *skills[2];
} demo_shift;

static const struct demo_district {
    const char *reviewer_phone, *reviewer_name, *district;
    const char *org_name, *org_description;
    const char *team_division, *team_name, *team_description;
    const char *title, *description, *place;
    demo_shift shifts[3];
} districts[] = {
    {"13900000031",
     "西区审核员",
     "510403",
     "西区文化志愿者协会",
     "西区文化馆指导的文化志愿者组织，服务社区书屋、文化广场和老年文艺队。",
     "510403001",
     "清香坪街道文化志愿服务队",
     "驻清香坪街道综合文化站，承担社区书屋借阅和少儿阅读陪伴。",
     "清香坪社区书屋假日少儿阅读陪伴",
     "周末在清香坪街道社区书屋陪伴社区儿童阅读，整理图书，协助开展亲子共读。",
     "清香坪街道综合文化站社区书屋",
     {{"周六上午少儿阅读陪伴", 0, 9 * 60 + 30, 11 * 60 + 30, 4, {"children", "library"}},
      {"周日上午图书整理", 1, 9 * 60 + 30, 11 * 60 + 30, 3, {"library", NULL}},
      {NULL, 0, 0, 0, 0, {NULL, NULL}}}},
    {"13900000032",
     "仁和区审核员",
     "510411",
     "仁和区文化志愿者协会",
     "仁和区文化馆指导的文化志愿者组织，开展非遗传习、讲解和乡村文化活动。",
     "510411100",
     "仁和镇文化志愿服务队",
     "驻仁和镇综合文化站，承担非遗展厅讲解和传习活动引导。",
     "仁和镇非遗文化讲解与传习活动引导",
     "在仁和镇综合文化站非遗展厅为来访群众讲解本地彝族、傈僳族非遗项目，"
     "并为周末传习活动引导秩序、拍摄记录。",
     "仁和镇综合文化站非遗展厅",
     {{"周六下午非遗展厅讲解", 0, 14 * 60, 17 * 60, 3, {"guide", NULL}},
      {"周日下午传习活动引导与拍摄", 1, 14 * 60 + 30, 16 * 60 + 30, 2, {"usher", "photography"}},
      {"下周六下午非遗展厅讲解", 7, 14 * 60, 17 * 60, 3, {"guide", NULL}}}},
};

static int ensure_org(wy_ctx *ctx, const char *division, int64_t parent, const char *name,
                      const char *description, int64_t *id)
{
    volunteer_org *os;
    size_t n;
    *id = 0;
    if (store_volunteer_org_list(ctx->c, ctx->a, division, 0, 1000, &os, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(os[i].name, name) && !strcmp(os[i].division, division))
            *id = os[i].id;
    return *id ? 0 : volunteer_org_create(ctx, division, parent, name, description, id);
}

/* The district's reviewer (created when missing), then the city's, approve the project. */
static int approve(wy_ctx *ctx, const struct demo_district *d, int64_t id, const char *status)
{
    review_item it;
    if (store_review_item_by_content(ctx->c, ctx->a, "volunteer_project", id, &it) != WY_OK)
        return -1;
    const char *const reviewers[] = {d->reviewer_phone, "13900000004"};
    principal rv;
    for (int i = 0; i < 2 && !strcmp(status, "pending"); i++) {
        if (demo_as_user(ctx, reviewers[i], &rv) < 0)
            return -1;
        if (review_may_decide(ctx->who, &it) && review_decide(ctx, it.id, "approve", NULL, &it) < 0)
            return -1;
        status = it.status;
    }
    return 0;
}

static int ensure_district(wy_ctx *ctx, const struct demo_district *d)
{
    account u;
    int64_t uid, org, team, id;
    principal p;
    ctx->who = NULL; /* the command line is trusted */
    if (store_user_by_phone(ctx->c, ctx->a, d->reviewer_phone, &u) != WY_OK &&
        account_create(ctx, d->reviewer_phone, "Demo2026rv1", d->reviewer_name, "reviewer",
                       d->district, &uid) < 0)
        return demo_failed(ctx, "create a demo district reviewer");
    volunteer_project *ps;
    size_t n;
    if (store_volunteer_project_list(ctx->c, ctx->a, d->district, NULL, 0, 1000, &ps, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ps[i].title, d->title))
            return 0; /* there already, with its shifts */
    const char *status;
    if (demo_as_user(ctx, DEMO_CITY_ADMIN, &p) < 0 ||
        ensure_org(ctx, d->district, 0, d->org_name, d->org_description, &org) < 0 ||
        ensure_org(ctx, d->team_division, org, d->team_name, d->team_description, &team) < 0 ||
        volunteer_project_create(ctx, team, d->title, d->description, &id) < 0)
        return demo_failed(ctx, "write a demo volunteer project");
    int64_t sat = next_saturday(ctx->now);
    for (size_t i = 0; i < sizeof(d->shifts) / sizeof(d->shifts[0]) && d->shifts[i].title; i++) {
        const demo_shift *s = &d->shifts[i];
        int64_t day = sat + s->day * DAY, sid;
        shift_input in = {.title = s->title,
                          .starts_at = day + s->start_min * 60 * 1000LL,
                          .ends_at = day + s->end_min * 60 * 1000LL,
                          .place = d->place,
                          .capacity = s->capacity,
                          .skills = s->skills,
                          .nskills = s->skills[1] ? 2 : 1};
        if (shift_create(ctx, id, &in, &sid) < 0)
            return demo_failed(ctx, "add a demo volunteer shift");
    }
    if (volunteer_project_submit(ctx, id, &status) < 0 || approve(ctx, d, id, status) < 0)
        return demo_failed(ctx, "publish a demo volunteer project");
    ctx->who = NULL;
    return 0;
}

int projects_demo(wy_ctx *ctx)
{
    for (size_t i = 0; i < sizeof(districts) / sizeof(districts[0]); i++)
        if (ensure_district(ctx, &districts[i]) < 0)
            return -1;
    ctx->who = NULL;
    return 0;
}
