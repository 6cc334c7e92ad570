/* demo_rewards: the points supermarket (积分超市) of `wenyun demo` in 东区, Panzhihua: items
 * of 东区文化志愿者协会 (the volunteers' demo organisation) published by its coordinator — a
 * ticket, a book, a place in 东区's first-come course 散文写作入门 (demo_courses.c) and a
 * priority booking window —, points awarded to the demo
 * volunteers for a lecture they served at, and one redemption waiting to be collected. A
 * second run adds nothing: each step looks for what it would add first. */
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/demo_kit.h"
#include "mod/activities/activity_store.h"
#include "mod/courses/course_store.h"
#include "mod/rewards/rewards.h"
#include "mod/volunteers/volunteer.h"

#define DEMO_COORDINATOR "13900000021"
#define DEMO_ORG         "东区文化志愿者协会"
#define DEMO_REDEEMER    "13800002001"

static const struct demo_item {
    const char *title, *kind, *description, *place;
    int64_t cost, stock;
    const char *activity; /* priority_booking: the demo activity (demo_activities.c) */
    int64_t hours;
    const char *course; /* course_place: the demo course of 东区 it enrols in */
} demo_items[] = {
    {"攀枝花市文化馆周末惠民演出门票（一张）", "ticket",
     "周六晚文化馆小剧场的惠民专场演出，凭码领取一张门票。",
     "攀枝花市文化馆一楼服务台，周二至周日 9:00—17:00", 50, 20, NULL, 0, NULL},
    {"三线建设主题读物一册", "book", "讲述攀枝花三线建设历程的读物，由东区文化志愿者协会提供。",
     "炳草岗街道综合文化站图书室，工作日 9:00—17:00", 80, 10, NULL, 0, NULL},
    {"炳草岗城市书房散文写作入门课名额", "course_place",
     "东区散文写作入门公益课的一个学员名额，每周四晚上课；兑换即报名，无需另行报名。",
     "无需领取：兑换后即为该课程学员，凭课程签到码上课", 120, 5, NULL, 0, "散文写作入门"},
    {"周末公益京剧专场优先预约资格", "priority_booking",
     "周末公益京剧专场每场开放预约前 24 小时即可预约（回馈礼遇），兑换后在活动页面直接预约。",
     "无需领取：兑换后即生效，取消兑换即失效", 30, 50, "周末公益京剧专场", 24, NULL},
};

static const struct demo_award {
    const char *phone;
    int64_t amount;
} demo_awards[] = {{"13800002001", 200}, {"13800002002", 150}, {"13800002003", 60}};

#define DEMO_AWARD_REASON "服务东区文化馆“三线精神”主题讲座"

static int find_item(wy_ctx *ctx, const char *title, int64_t *id)
{
    reward_item *its;
    size_t n;
    *id = 0;
    if (store_reward_item_list(ctx->c, ctx->a, "510402", 0, 1000, &its, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(its[i].title, title))
            *id = its[i].id;
    return 0;
}

int rewards_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    principal p;
    volunteer_org *os;
    size_t n;
    int64_t org = 0, id;
    ctx->who = NULL;
    if (store_volunteer_org_list(ctx->c, ctx->a, "510402", 0, 1000, &os, &n) != WY_OK)
        return demo_failed(ctx, "find the demo volunteer organisation");
    for (size_t i = 0; i < n; i++)
        if (!strcmp(os[i].name, DEMO_ORG))
            org = os[i].id;
    if (!org || demo_as_user(ctx, DEMO_COORDINATOR, &p) < 0)
        return demo_failed(ctx, "find the demo volunteer organisation");
    int64_t first = 0;
    for (size_t i = 0; i < sizeof(demo_items) / sizeof(demo_items[0]); i++) {
        const struct demo_item *d = &demo_items[i];
        if (find_item(ctx, d->title, &id) < 0)
            return demo_failed(ctx, "list the demo rewards");
        int64_t act = 0;
        if (d->activity) { /* the activity of 东区 it opens early */
            activity_filter f = {.prefix = "510402", .q = d->activity, .limit = 5};
            activity_hit *hs;
            size_t nh;
            if (store_activity_list(ctx->c, ctx->a, &f, &hs, &nh) != WY_OK)
                return demo_failed(ctx, "find the demo activity of a priority booking window");
            for (size_t k = 0; k < nh; k++)
                if (!strcmp(hs[k].a.title, d->activity))
                    act = hs[k].a.id;
            if (!act) /* the activities' demo was not loaded: no window to offer */
                continue;
        }
        int64_t course = 0;
        if (d->course) { /* the first-come course of 东区 it enrols in */
            course_filter f = {.prefix = "510402", .q = d->course, .limit = 5};
            course_hit *hs;
            size_t nh;
            if (store_course_list(ctx->c, ctx->a, &f, &hs, &nh) != WY_OK)
                return demo_failed(ctx, "find the demo course of a course place");
            for (size_t k = 0; k < nh; k++)
                if (!strcmp(hs[k].k.title, d->course))
                    course = hs[k].k.id;
            if (!course) /* the courses' demo was not loaded: no place to offer */
                continue;
        }
        if (!id) {
            reward_input in = {.org_id = org,
                               .title = d->title,
                               .description = d->description,
                               .kind = d->kind,
                               .place = d->place,
                               .cost = d->cost,
                               .stock = d->stock,
                               .activity_id = act,
                               .priority_hours = d->activity ? d->hours : 0,
                               .course_id = course};
            if (reward_item_create(ctx, &in, &id) < 0)
                return demo_failed(ctx, "publish a demo reward");
            if (verbose)
                fprintf(stderr, "published the reward %s\n", d->title);
        }
        if (!first)
            first = id;
    }
    /* the award: once, recognised by the first volunteer's statement */
    account u;
    if (store_user_by_phone(ctx->c, ctx->a, DEMO_REDEEMER, &u) != WY_OK)
        return demo_failed(ctx, "find the demo volunteer");
    char acct[32];
    points_account(u.id, acct);
    ledger_entry *es;
    if (store_points_statement(ctx->c, ctx->a, POINTS_BOOK, acct, 0, 1, &es, &n) != WY_OK)
        return demo_failed(ctx, "read the demo volunteer's points");
    if (!n) {
        for (size_t i = 0; i < sizeof(demo_awards) / sizeof(demo_awards[0]); i++) {
            account v;
            int64_t award;
            if (store_user_by_phone(ctx->c, ctx->a, demo_awards[i].phone, &v) != WY_OK ||
                points_award(ctx, org, demo_awards[i].amount, DEMO_AWARD_REASON, &v.id, 1, &award) <
                    0)
                return demo_failed(ctx, "award the demo volunteers' points");
        }
        if (verbose)
            fprintf(stderr, "awarded points to the demo volunteers of 东区\n");
    }
    /* one redemption, waiting to be collected */
    reward_redemption *rs;
    if (store_redemption_list(ctx->c, ctx->a, u.id, 0, 1, &rs, &n) != WY_OK)
        return demo_failed(ctx, "read the demo redemptions");
    if (!n) {
        redeem_req r;
        redeem_res res;
        if (demo_as_user(ctx, DEMO_REDEEMER, &p) < 0 || redeem_prepare(ctx, first, NULL, &r) < 0 ||
            redeem_now(ctx, &r, &res) < 0)
            return demo_failed(ctx, "redeem a demo reward");
        if (verbose)
            fprintf(stderr, "%s redeemed a reward: code %s\n", DEMO_REDEEMER, res.code);
    }
    ctx->who = NULL;
    return 0;
}
