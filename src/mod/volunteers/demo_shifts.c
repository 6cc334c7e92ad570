/* demo_shifts: the shifts of the demo project in 东区 (大渡口街道文化站周末图书整理与阅读推广):
 * next weekend's two shifts and one of the weekend before, the demo volunteers signed up
 * (through the same rules as anyone: shift_signup_prepare and the sign-up batch), and an
 * invitation by the coordinator. Nothing is added when the project has shifts already. */
#include <stdio.h>
#include <string.h>

#include "core/demo_kit.h"
#include "mod/volunteers/shift.h"

#define DEMO_COORDINATOR "13900000021"
#define DEMO_PROJECT     "大渡口街道文化站周末图书整理与阅读推广"
#define DEMO_PLACE       "大渡口街道综合文化站二楼图书室"
#define HOUR             (3600 * 1000LL)
#define DAY              (24 * HOUR)

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

static int sign_up(wy_ctx *ctx, const char *phone, int64_t shift_id)
{
    principal p;
    shift_signup_req req;
    shift_signup_res res;
    if (demo_as_user(ctx, phone, &p) < 0 || shift_signup_prepare(ctx, shift_id, NULL, &req) < 0 ||
        shift_signup_now(ctx, &req, &res) < 0)
        return -1;
    return shift_signup_refuse(ctx, res.outcome);
}

int shifts_demo(wy_ctx *ctx)
{
    volunteer_project *ps;
    size_t n;
    int64_t project = 0;
    if (store_volunteer_project_list(ctx->c, ctx->a, "510402001", "published", 0, 1000, &ps, &n) !=
        WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ps[i].title, DEMO_PROJECT))
            project = ps[i].id;
    if (!project)
        return 0; /* not published (a review chain configured otherwise): no shifts */
    volunteer_shift *ss;
    if (store_shift_list(ctx->c, ctx->a, project, 0, &ss, &n) != WY_OK)
        return -1;
    if (n)
        return 0;
    principal coord;
    if (demo_as_user(ctx, DEMO_COORDINATOR, &coord) < 0)
        return -1;
    int64_t sat = next_saturday(ctx->now);
    static const char *const library[] = {"library"};
    static const char *const reading[] = {"children", "publicity"};
    shift_input morning = {.title = "周六上午图书整理与借阅引导",
                           .starts_at = sat + 9 * HOUR,
                           .ends_at = sat + 12 * HOUR,
                           .place = DEMO_PLACE,
                           .capacity = 3,
                           .skills = library,
                           .nskills = 1};
    shift_input afternoon = {.title = "周日下午社区儿童绘本共读",
                             .starts_at = sat + DAY + 14 * HOUR + 30 * 60 * 1000LL,
                             .ends_at = sat + DAY + 16 * HOUR + 30 * 60 * 1000LL,
                             .place = "大渡口街道综合文化站少儿阅览区",
                             .capacity = 2,
                             .skills = reading,
                             .nskills = 2};
    int64_t first, second, past;
    if (shift_create(ctx, project, &morning, &first) < 0 ||
        shift_create(ctx, project, &afternoon, &second) < 0)
        return -1;
    /* last weekend's shift, served already: written as it stood then (the rules take only
     * shifts that start in the future) */
    volunteer_shift old = {.project_id = project,
                           .division = "510402001",
                           .title = "周六上午图书整理与借阅引导",
                           .starts_at = sat - 7 * DAY + 9 * HOUR,
                           .ends_at = sat - 7 * DAY + 12 * HOUR,
                           .place = DEMO_PLACE,
                           .capacity = 3,
                           .skills = ",library,",
                           .check_code = "demo-past-shift-check-code",
                           .created_by = coord.user_id};
    if (store_shift_create(ctx->c, &old, ctx->now - 10 * DAY, &past) != WY_OK)
        return -1;
    if (sign_up(ctx, "13800002001", first) < 0 || sign_up(ctx, "13800002002", first) < 0 ||
        sign_up(ctx, "13800002003", second) < 0)
        return -1;
    /* 杨丽华 served last weekend's shift */
    principal p;
    volunteer v;
    if (demo_as_user(ctx, "13800002002", &p) < 0 || volunteer_me(ctx, &v) < 0)
        return -1;
    shift_signup_req r = {.shift_id = past,
                          .volunteer_id = v.id,
                          .user_id = p.user_id,
                          .starts_at = old.starts_at,
                          .ends_at = old.ends_at,
                          .now = ctx->now - 9 * DAY};
    shift_signup_res res;
    if (shift_signup_now(ctx, &r, &res) < 0)
        return -1;
    /* the coordinator invites 刘思远 to Sunday's reading (指挥调度) */
    volunteer liu;
    int64_t inv;
    if (demo_as_user(ctx, "13800002001", &p) < 0 || volunteer_me(ctx, &liu) < 0 ||
        demo_as_user(ctx, DEMO_COORDINATOR, &coord) < 0 ||
        shift_invite(ctx, second, liu.id, &inv) < 0)
        return -1;
    return 0;
}
