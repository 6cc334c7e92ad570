/* demo_volunteers: the volunteers of `wenyun demo` in 东区, Panzhihua: a coordinator, an
 * organisation with a team, the team's project published through review, and volunteers (one of
 * them a minor with a guardian's consent). The volunteers live in 炳草岗街道 (510402002) and serve
 * 大渡口街道 (510402001), whose accounts other demos and tests count. */
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/demo_kit.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/posts.h"
#include "mod/volunteers/shift.h"
#include "mod/volunteers/star.h"
#include "mod/volunteers/volunteer.h"

/* The coordinator logs in with the password Demo2026zy; so do the volunteers. */
#define DEMO_COORDINATOR "13900000021"
#define DEMO_PASSWORD    "Demo2026zy"

static const struct demo_volunteer {
    const char *phone, *name, *birth_date, *skills[3], *areas[2], *availability;
    const char *guardian_name, *guardian_phone;
} demo_volunteers[] = {
    {"13800002001",
     "刘思远",
     "1968-05-12",
     {"guide", "photography"},
     {"510402001"},
     "周末全天",
     NULL,
     NULL},
    {"13800002002",
     "杨丽华",
     "1990-09-03",
     {"library", "children", "publicity"},
     {"510402001", "510402"},
     "工作日晚上、周日上午",
     NULL,
     NULL},
    {"13800002003",
     "赵子涵",
     "2010-03-21",
     {"usher", "performance"},
     {"510402001"},
     "寒暑假",
     "赵国强",
     "13800002103"},
};

static int find_org(wy_ctx *ctx, const char *division, const char *name, int64_t *id)
{
    volunteer_org *os;
    size_t n;
    *id = 0;
    if (store_volunteer_org_list(ctx->c, ctx->a, division, 0, 1000, &os, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(os[i].name, name))
            *id = os[i].id;
    return 0;
}

static int ensure_org(wy_ctx *ctx, const char *division, int64_t parent, const char *name,
                      const char *description, int64_t *id)
{
    if (find_org(ctx, division, name, id) < 0)
        return -1;
    return *id ? 0 : volunteer_org_create(ctx, division, parent, name, description, id);
}

#define DEMO_PROJECT "大渡口街道文化站周末图书整理与阅读推广"

/* The team's project, published through the real chain (the coordinator writes and submits
 * it, the demo reviewers approve it). */
static int ensure_project(wy_ctx *ctx, int64_t team)
{
    volunteer_project *ps;
    size_t n;
    if (store_volunteer_project_list(ctx->c, ctx->a, "510402001", NULL, 0, 1000, &ps, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ps[i].title, DEMO_PROJECT))
            return 0;
    principal p;
    int64_t id;
    const char *status;
    if (demo_as_user(ctx, DEMO_COORDINATOR, &p) < 0 ||
        volunteer_project_create(ctx, team, DEMO_PROJECT,
                                 "每周六、周日在大渡口街道综合文化站整理图书、引导读者借阅，"
                                 "并为社区儿童开展绘本共读。",
                                 &id) < 0 ||
        volunteer_project_submit(ctx, id, &status) < 0)
        return -1;
    return demo_approve_through_chain(ctx, "volunteer_project", id, status);
}

static int ensure_volunteer(wy_ctx *ctx, const struct demo_volunteer *d)
{
    account u;
    int64_t uid, id;
    principal p;
    ctx->who = NULL; /* the command line is trusted */
    if (store_user_by_phone(ctx->c, ctx->a, d->phone, &u) != WY_OK &&
        account_create(ctx, d->phone, DEMO_PASSWORD, d->name, "citizen", "510402002", &uid) < 0)
        return -1;
    if (demo_as_user(ctx, d->phone, &p) < 0)
        return -1;
    volunteer v;
    if (store_volunteer_by_user(ctx->c, ctx->a, p.user_id, &v) == WY_OK)
        return 0;
    char consent[11];
    snprintf(consent, sizeof consent, "2026-09-01");
    volunteer_input in = {
        .real_name = d->name,
        .birth_date = d->birth_date,
        .skills = d->skills,
        .nskills = d->skills[2]   ? 3
                   : d->skills[1] ? 2
                                  : 1,
        .availability = d->availability,
        .areas = d->areas,
        .nareas = d->areas[1] ? 2 : 1,
        .guardian_name = d->guardian_name,
        .guardian_phone = d->guardian_phone,
        .guardian_consent = d->guardian_name ? consent : NULL,
    };
    return volunteer_register(ctx, &in, &id);
}

int volunteers_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    account u;
    int64_t uid, org, team;
    principal p;
    ctx->who = NULL;
    if (store_user_by_phone(ctx->c, ctx->a, DEMO_COORDINATOR, &u) != WY_OK) {
        if (account_create(ctx, DEMO_COORDINATOR, DEMO_PASSWORD, "东区文化志愿服务协调员",
                           "volunteer_coordinator", "510402", &uid) < 0)
            return demo_failed(ctx, "create the demo volunteer coordinator");
        if (verbose)
            fprintf(stderr, "created %s (volunteer coordinator of 东区 志愿服务协调员)\n",
                    DEMO_COORDINATOR);
    }
    if (demo_as_user(ctx, DEMO_COORDINATOR, &p) < 0 ||
        ensure_org(ctx, "510402", 0, "东区文化志愿者协会",
                   "东区文化馆指导的文化志愿者组织，开展阵地服务、文艺辅导和文化惠民活动。",
                   &org) < 0 ||
        ensure_org(ctx, "510402001", org, "大渡口街道文化志愿服务队",
                   "驻大渡口街道综合文化站，承担图书借阅、活动引导和讲解服务。", &team) < 0)
        return demo_failed(ctx, "add the demo volunteer organisation");
    /* the coordinator coordinates the organisation (a database from before coordinators were
     * tied to organisations has the organisation without them) */
    int rc = store_org_coordinator_add(ctx->c, org, p.user_id, 0, ctx->now);
    if (rc != WY_OK && rc != WY_CONSTRAINT)
        return demo_failed(ctx, "make the demo coordinator coordinate the organisation");
    if (ensure_project(ctx, team) < 0)
        return demo_failed(ctx, "publish the demo volunteer project");
    for (size_t i = 0; i < sizeof(demo_volunteers) / sizeof(demo_volunteers[0]); i++)
        if (ensure_volunteer(ctx, &demo_volunteers[i]) < 0)
            return demo_failed(ctx, "register a demo volunteer");
    if (shifts_demo(ctx) < 0)
        return demo_failed(ctx, "add the demo volunteer shifts");
    ctx->who = NULL;
    if (volunteers_demo_stars(ctx, verbose) < 0 || hours_demo(ctx, verbose) < 0)
        return -1;
    if (posts_demo(ctx) < 0)
        return demo_failed(ctx, "add the demo volunteer post, pairing and insurance");
    if (projects_demo(ctx) < 0)
        return -1;
    ctx->who = NULL;
    return 0;
}
