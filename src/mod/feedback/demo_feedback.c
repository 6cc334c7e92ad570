/* demo_feedback: `wenyun demo` adds, in 攀枝花市, a demand survey with three dozen anonymous
 * answers from the city's districts, a satisfaction survey on a demo activity with a dozen, and
 * four complaints and suggestions, three of them answered (a second run changes nothing). */
#include <stdio.h>
#include <string.h>

#include "core/demo_kit.h"
#include "core/division.h"
#include "mod/feedback/feedback.h"
#include "mod/feedback/handlers.h"

#define CITY   "5104"
#define DAY_MS (24LL * 3600 * 1000)

#define DEMAND_TITLE "2026 年攀枝花市群众文化需求调研"
#define DEMAND_QUESTIONS                                                                                        \
    "[{\"kind\":\"single\",\"text\":\"您最希望增加哪类文化活动？\",\"options\":[\"文艺演出\"," \
    "\"讲座展览\",\"培训课程\",\"全民阅读\",\"非遗体验\"]},"                                    \
    "{\"kind\":\"multiple\",\"text\":\"您通常从哪里获得文化活动信息？\",\"options\":["           \
    "\"微信公众号\","                                                                                      \
    "\"社区公告栏\",\"亲友推荐\",\"短视频平台\"]},"                                               \
    "{\"kind\":\"rating\",\"text\":\"您对身边公共文化设施的总体满意度\"},"                      \
    "{\"kind\":\"text\",\"text\":\"其他意见和建议\",\"required\":false}]"
#define SAT_QUESTIONS                                                                                       \
    "[{\"kind\":\"rating\",\"text\":\"您对本次活动的总体满意度\"},"                             \
    "{\"kind\":\"single\",\"text\":\"您是否愿意再次参加同类活动？\",\"options\":[\"愿意\"," \
    "\"看情况\",\"不愿意\"]},"                                                                        \
    "{\"kind\":\"text\",\"text\":\"您的建议\",\"required\":false}]"

static const char *const demand_texts[] = {
    "希望周末多开放文化馆的舞蹈排练室。",
    "社区书屋的书可以多更新一些。",
    "希望有适合老年人的智能手机培训。",
    "晚上的活动能不能多一些，白天要上班。",
};

static int ensure_survey(wy_ctx *ctx, const char *kind, const char *title, const char *intro,
                         const char *target_kind, int64_t target, const char *qjson, int64_t *id,
                         int *made)
{
    survey_row s;
    *made = 0;
    if (store_survey_find(ctx->c, ctx->a, CITY, title, &s) == WY_OK) {
        *id = s.id;
        return 0;
    }
    json_t *q = json_loads(qjson, 0, NULL);
    survey_input in = {.kind = kind,
                       .title = title,
                       .intro = intro,
                       .division = CITY,
                       .target_kind = target_kind,
                       .target_id = target,
                       .opens_at = ctx->now - 14 * DAY_MS,
                       .closes_at = ctx->now + 60 * DAY_MS,
                       .anonymous = 1,
                       .questions = q};
    int rc = feedback_survey_create(ctx, &in, id);
    json_decref(q);
    *made = rc == 0;
    return rc;
}

/* Answer i of n, made up but steady from one run to the next. */
static json_t *demand_answer(size_t i)
{
    json_t *a = json_array();
    json_array_append_new(a, json_pack("{s:i,s:i}", "question", 0, "choice", (int)(i * 7 % 5)));
    json_t *cs = json_array();
    for (int k = 0; k < 4; k++)
        if ((i + (size_t)k) % 3 == 0 || k == (int)(i % 4))
            json_array_append_new(cs, json_integer(k));
    json_array_append_new(a, json_pack("{s:i,s:o}", "question", 1, "choices", cs));
    json_array_append_new(
        a, json_pack("{s:i,s:i}", "question", 2, "rating", (int)(3 + (i * 5 % 7) % 3)));
    if (i % 9 == 0)
        json_array_append_new(
            a, json_pack("{s:i,s:s}", "question", 3, "text", demand_texts[(i / 9) % 4]));
    return a;
}

static json_t *sat_answer(size_t i)
{
    json_t *a = json_array();
    json_array_append_new(
        a, json_pack("{s:i,s:i}", "question", 0, "rating", (int)(5 - (i * 3 % 5) % 3)));
    json_array_append_new(a, json_pack("{s:i,s:i}", "question", 1, "choice", (int)(i % 5 == 4)));
    if (i == 2)
        json_array_append_new(
            a, json_pack("{s:i,s:s}", "question", 2, "text", "节目很精彩，希望下次座位多一些。"));
    return a;
}

static int answer_all(wy_ctx *ctx, int64_t survey, size_t n, json_t *(*make)(size_t),
                      const division *ds, size_t nd)
{
    const principal *who = ctx->who;
    ctx->who = NULL;
    int res = 0;
    for (size_t i = 0; i < n && res == 0; i++) {
        char device[48];
        snprintf(device, sizeof device, "demo-device-%06zu", i + 1);
        json_t *a = make(i);
        int64_t rid;
        res = feedback_survey_respond(ctx, survey, device, nd ? ds[i % nd].code : NULL, 0, a, &rid);
        json_decref(a);
    }
    ctx->who = who;
    return res;
}

static const struct demo_complaint {
    const char *kind, *text, *answer;
    int district; /* index among the city's districts */
    int venue;    /* at the city's first venue */
} demo_complaints[] = {
    {"complaint", "图书馆周日下午自习区空调太冷，希望调整温度。",
     "已调整自习区空调温度设定，并安排专人巡查，感谢您的反馈。", 0, 1},
    {"suggestion", "建议文化馆增加夜间舞蹈培训班，方便上班族参加。",
     "已在秋季班中增设两个夜间舞蹈班，报名将在平台上发布。", 1, 0},
    {"complaint", "社区文化活动室经常锁门，开放时间与公示不符。",
     "经核查属实，已要求该活动室按公示时间开放，并在门口张贴值班电话。", 0, 0},
    {"suggestion", "希望在公园增加流动图书车的停靠点。", NULL, 2, 0},
};

int feedback_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    principal admin;
    if (demo_as_user(ctx, DEMO_CITY_ADMIN, &admin) < 0)
        return demo_failed(ctx, "act as the demo city admin");
    division *ds;
    size_t nd;
    if (division_children(ctx, CITY, &ds, &nd) < 0)
        return demo_failed(ctx, "list the districts of 攀枝花市");
    int64_t id;
    int made;
    if (ensure_survey(ctx, "demand", DEMAND_TITLE,
                      "为更好地提供群众需要的公共文化服务，请花两分钟填写本问卷。", "", 0,
                      DEMAND_QUESTIONS, &id, &made) < 0)
        return demo_failed(ctx, "add the demo demand survey");
    if (made && answer_all(ctx, id, 36, demand_answer, ds, nd) < 0)
        return demo_failed(ctx, "answer the demo demand survey");
    if (made && verbose)
        fprintf(stderr, "demo: survey %s with 36 answers\n", DEMAND_TITLE);
    int64_t activity = 0, venue = 0;
    store_feedback_first(ctx->c, "activities", CITY, &activity);
    store_feedback_first(ctx->c, "venues", CITY, &venue);
    ctx->who = &admin;
    if (activity) {
        if (ensure_survey(ctx, "satisfaction", "活动满意度调查", "感谢您参加本次活动。", "activity",
                          activity, SAT_QUESTIONS, &id, &made) < 0)
            return demo_failed(ctx, "add the demo satisfaction survey");
        if (made && answer_all(ctx, id, 12, sat_answer, ds, nd) < 0)
            return demo_failed(ctx, "answer the demo satisfaction survey");
    }
    int64_t count;
    if (store_complaint_count(ctx->c, CITY, &count) != WY_OK)
        return demo_failed(ctx, "count the complaints");
    for (size_t i = 0; count == 0 && i < sizeof(demo_complaints) / sizeof(demo_complaints[0]);
         i++) {
        const struct demo_complaint *d = &demo_complaints[i];
        complaint_input in = {.kind = d->kind,
                              .body = d->text,
                              .division = nd ? ds[(size_t)d->district % nd].code : CITY,
                              .venue_id = d->venue ? venue : 0,
                              .contact = i == 0 ? "13812345678" : NULL};
        int64_t cid, due;
        ctx->who = NULL;
        if (feedback_complaint_file(ctx, &in, &cid, &due) < 0)
            return demo_failed(ctx, "file a demo complaint");
        ctx->who = &admin;
        if (d->answer && feedback_complaint_answer(ctx, cid, d->answer, NULL) < 0)
            return demo_failed(ctx, "answer a demo complaint");
    }
    ctx->who = NULL;
    return 0;
}
