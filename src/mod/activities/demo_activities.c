/* demo_activities: the activities of `wenyun demo`, at the demo venues, published through the
 * real review chain. */
#include <stdio.h>
#include <string.h>

#include "core/demo_kit.h"
#include "mod/activities/activity.h"
#include "mod/venues/venue.h"

/* Demo activities at the demo venues, their sessions some days after the demo is loaded. */
static const struct demo_activity {
    const char *venue, *title, *category, *organiser, *description, *audience;
    int day, start_min, minutes, capacity, sessions, waitlist, companions;
} demo_activities[] = {
    {"pzh-cc-city", "周末公益京剧专场", "performance", "攀枝花市文化馆",
     "攀枝花市京剧票友协会带来《贵妃醉酒》《三岔口》选段，演出后有名家讲解。免费入场，凭预约码入场"
     "。",
     "全年龄；场馆有无障碍通道", 3, 19 * 60 + 30, 120, 300, 2, 1, 2},
    {"pzh-mus-3line", "三线建设口述史讲座", "lecture", "中国三线建设博物馆",
     "老建设者讲述攀枝花钢铁基地的建设岁月，讲座后参观主题展厅。", "12 岁以上", 5, 14 * 60 + 30, 90,
     120, 1, 1, 1},
    {"pzh-lib-city", "少儿绘本共读会", "reading", "攀枝花市图书馆",
     "图书馆员带领孩子共读绘本，适合 4—8 岁儿童，每位儿童可由一位家长陪同。", "4—8 岁儿童及家长", 2,
     10 * 60, 60, 30, 4, 1, 1},
    {"pzh-space-bcg", "书法入门公益课", "training", "炳草岗城市书房",
     "零基础楷书入门，笔墨纸砚由书房提供，共四次课。", "成人", 4, 19 * 60, 90, 20, 4, 1, 0},
    {"pzh-cc-city", "彝族传统刺绣展演", "heritage", "攀枝花市文化馆",
     "非遗传承人现场展示彝族刺绣技艺，观众可体验基础针法。", "全年龄", 6, 15 * 60, 120, 80, 1, 0,
     2},
};

static int ensure_activity(wy_ctx *ctx, const struct demo_activity *da)
{
    venue v;
    if (store_venue_by_external(ctx->c, ctx->a, da->venue, &v) != WY_OK)
        return -1;
    activity_filter f = {.prefix = v.division, .q = da->title, .limit = 5};
    activity_hit *have;
    size_t nh;
    if (store_activity_list(ctx->c, ctx->a, &f, &have, &nh) != WY_OK)
        return -1;
    if (nh > 0)
        return 0;
    /* sessions start on a day after today (Asia/Shanghai), weekly */
    char day[11];
    int wd, minute;
    venue_local_time(ctx->now, day, &wd, &minute);
    int64_t midnight = ctx->now - (int64_t)minute * 60000 - ctx->now % 60000;
    activity_session s[8];
    for (int i = 0; i < da->sessions; i++) {
        int64_t start = midnight + ((int64_t)(da->day + 7 * i) * 1440 + da->start_min) * 60000;
        s[i] = (activity_session){.starts_at = start,
                                  .ends_at = start + (int64_t)da->minutes * 60000,
                                  .capacity = da->capacity,
                                  .booking_closes_at = start,
                                  .cancel_deadline = start - 2 * 3600000};
    }
    activity a = {.title = da->title,
                  .category = da->category,
                  .organiser = da->organiser,
                  .venue_id = v.id,
                  .division = v.division,
                  .description = da->description,
                  .audience = da->audience,
                  .waitlist = da->waitlist,
                  .max_companions = da->companions};
    principal author;
    int64_t id;
    const char *status;
    if (demo_as_user(ctx, DEMO_DISTRICT_ADMIN, &author) < 0 ||
        activity_create(ctx, &a, s, (size_t)da->sessions, &id) < 0 ||
        activity_submit(ctx, id, &status) < 0) {
        ctx->who = NULL;
        return -1;
    }
    return demo_approve_through_chain(ctx, "activity", id, status);
}

int activities_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    for (size_t i = 0; i < sizeof(demo_activities) / sizeof(demo_activities[0]); i++)
        if (ensure_activity(ctx, &demo_activities[i]) < 0)
            return demo_failed(ctx, "publish a demo activity");
    if (verbose)
        fprintf(stderr, "activities: %zu\n", sizeof(demo_activities) / sizeof(demo_activities[0]));
    ctx->who = NULL;
    return 0;
}
