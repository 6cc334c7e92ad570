/*
 * demo_followups: what followed 玉溪市's demo exchanges (demo_exchange.c loads those first):
 * follow-ups of the friendship agreement with 圣塞巴斯蒂安市 and of the tours with 巨济市, 清莱
 * and 佛山市 (one still open past its due date, so the alerts show one), the city's rubric
 * (influence, quality, conversion) scored by 玉溪市's demo reviewer, the indicators of the
 * partnership with 巨济市, and lessons learned. Illustrative: the plan names the exchanges, not
 * what came of them. Written through the module's rules by the demo admin; a second run finds
 * the rubric and adds nothing.
 */
#include <math.h>
#include <string.h>

#include "core/demo_kit.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/followup.h"

#define YUXI "5304"

/* A published demo activity of 玉溪市 by title; 0 when there is none. */
static int64_t activity_named(wy_ctx *ctx, const char *title)
{
    exchange_activity_full *xs;
    size_t n;
    if (exchange_activity_search(ctx, YUXI, title, 0, NULL, 0, 10, &xs, &n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(xs[i].a.title, title))
            return xs[i].a.id;
    return 0;
}

static int64_t partner_named(wy_ctx *ctx, const char *name, int64_t *agreement)
{
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t n, nags;
    int owners;
    *agreement = 0;
    if (exchange_partner_list(ctx, YUXI, 0, 100, &ps, &n, &ags, &nags, &owners) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ps[i].name, name)) {
            for (size_t k = 0; k < nags; k++)
                if (ags[k].partner_id == ps[i].id)
                    *agreement = ags[k].id;
            return ps[i].id;
        }
    return 0;
}

static const struct demo_followup {
    const char *activity, *partner; /* the activity followed, else the partner's agreement */
    const char *kind, *title, *owner, *due_on;
    const char *outcome, *outcome_on; /* NULL: still open */
} demo_followups[] = {
    {NULL, "西班牙圣塞巴斯蒂安市", "return_visit", "圣塞巴斯蒂安市文化代表团回访玉溪",
     "玉溪市人民政府外事办公室", "2017-06-30", "代表团出席聂耳音乐周，双方商定年度互访计划",
     "2017-05-26"},
    {"聂耳文化演艺公司交流演出", NULL, "joint_production", "与巨济市艺术团联合排演中韩音乐会",
     "聂耳文化演艺公司", "2025-06-30", "中韩音乐会在巨济市和玉溪市各演出一场", "2025-03-28"},
    {"聂耳文化演艺公司交流演出", NULL, "tourism_product", "巨济—抚仙湖旅游线路产品",
     "玉溪市文化和旅游局产业发展科", "2025-12-31", NULL, NULL},
    {"聂耳竹乐团交流演出", NULL, "return_visit", "清莱府青少年乐团回访", "玉溪市聂耳竹乐团",
     "2024-12-31", "清莱府青少年乐团来玉溪交流演出并参加竹乐工作坊", "2024-10-18"},
    {"花灯《山茶花红》巡演", NULL, "tourism_product", "佛山—玉溪“花灯之旅”研学线路",
     "玉溪市花灯剧院", "2025-06-30", "两地旅行社联合推出研学线路，首发团42人", "2025-04-22"},
};

static const exchange_criterion demo_rubric[] = {
    {.code = "influence", .name = "影响力", .weight = 40},
    {.code = "quality", .name = "活动质量", .weight = 30},
    {.code = "conversion", .name = "成果转化", .weight = 30},
};

static const struct demo_score {
    const char *activity;
    int influence, quality, conversion;
} demo_scores[] = {
    {"聂耳文化演艺公司交流演出", 88, 85, 90},
    {"花灯《山茶花红》巡演", 82, 90, 80},
    {"聂耳竹乐团交流演出", 78, 84, 72},
    {"《秘境云南》巡演", 92, 86, 60},
};

static const struct demo_lesson {
    const char *title, *body, *activity, *partner;
    const char *tags[3];
} demo_lessons[] = {
    {"巡演前做足当地观众调研",
     "《秘境云南》巡演前，剧组与各地剧院合作做观众调研，按城市调整曲目和宣传渠道，"
     "并为少数民族歌舞配双语字幕，平均上座率明显提高。",
     "《秘境云南》巡演",
     NULL,
     {"巡演", "观众调研", "字幕"}},
    {"借鉴巨济市以节会带动旅游的做法",
     "巨济市把文化交流演出与海洋文化节、旅游线路推介放在同一周，演出观众当场可预订线路。"
     "玉溪可在聂耳音乐周同步推出抚仙湖旅游产品，缩短交流成果转化周期。",
     "聂耳文化演艺公司交流演出",
     "韩国巨济市",
     {"节会", "文旅融合"}},
    {"竹乐工作坊让交流从演出走向共创",
     "聂耳竹乐团在清莱的演出后增设竹乐工作坊，由当地青少年与乐团共同排练一首曲目，"
     "对方主动提出回访，交流由一次演出变为长期合作。",
     "聂耳竹乐团交流演出",
     "泰国清莱",
     {"青少年", "共创"}},
};

int exchange_demo_followups(wy_ctx *ctx, const char *reviewer_phone)
{
    exchange_criterion *cs;
    size_t nc;
    const char *from;
    principal admin = *ctx->who, rv;
    if (exchange_rubric_get(ctx, YUXI, &cs, &nc, &from) < 0)
        return -1;
    if (from && !strcmp(from, YUXI))
        return 0; /* loaded before */
    for (size_t i = 0; i < sizeof(demo_followups) / sizeof(demo_followups[0]); i++) {
        const struct demo_followup *d = &demo_followups[i];
        int64_t agreement = 0, id;
        exchange_followup_input in = {
            .kind = d->kind, .title = d->title, .owner = d->owner, .due_on = d->due_on};
        if (d->activity && (in.activity_id = activity_named(ctx, d->activity)) <= 0)
            return -1;
        if (d->partner && (partner_named(ctx, d->partner, &agreement) <= 0 || !agreement))
            return -1;
        in.agreement_id = agreement;
        ctx->who = &admin;
        if (exchange_followup_create(ctx, &in, &id) < 0)
            return -1;
        exchange_followup_change ch = {
            .status = "done", .outcome = d->outcome, .outcome_on = d->outcome_on};
        if (d->outcome && exchange_followup_update(ctx, id, &ch) < 0)
            return -1;
    }
    if (exchange_rubric_put(ctx, YUXI, demo_rubric, sizeof(demo_rubric) / sizeof(demo_rubric[0])) <
        0)
        return -1;
    if (demo_as_user(ctx, reviewer_phone, &rv) < 0)
        return -1;
    for (size_t i = 0; i < sizeof(demo_scores) / sizeof(demo_scores[0]); i++) {
        const struct demo_score *d = &demo_scores[i];
        int64_t activity = activity_named(ctx, d->activity);
        exchange_score_input s[] = {
            {"influence", d->influence}, {"quality", d->quality}, {"conversion", d->conversion}};
        if (activity <= 0 || exchange_scores_put(ctx, activity, s, 3) < 0)
            return -1;
    }
    ctx->who = &admin;
    int64_t agreement, geoje = partner_named(ctx, "韩国巨济市", &agreement), id;
    if (geoje <= 0)
        return -1;
    exchange_measure ms[] = {
        {.subject = "partner",
         .subject_id = geoje,
         .name = "互访团组",
         .unit = "个",
         .period = "2025",
         .baseline = 1,
         .target = 3,
         .actual = 2},
        {.subject = "partner",
         .subject_id = geoje,
         .name = "联合创作节目",
         .unit = "个",
         .period = "2025",
         .baseline = 0,
         .target = 2,
         .actual = 1},
        {.subject = "partner",
         .subject_id = geoje,
         .name = "互送游客",
         .unit = "人次",
         .period = "2026",
         .baseline = 300,
         .target = 1000,
         .actual = NAN},
    };
    for (size_t i = 0; i < sizeof(ms) / sizeof(ms[0]); i++)
        if (exchange_measure_put(ctx, &ms[i], &id) < 0)
            return -1;
    for (size_t i = 0; i < sizeof(demo_lessons) / sizeof(demo_lessons[0]); i++) {
        const struct demo_lesson *d = &demo_lessons[i];
        size_t nt = 0;
        while (nt < 3 && d->tags[nt])
            nt++;
        exchange_lesson_input in = {
            .division = YUXI, .title = d->title, .body = d->body, .tags = d->tags, .ntags = nt};
        if ((in.activity_id = activity_named(ctx, d->activity)) <= 0 ||
            (d->partner && (in.partner_id = partner_named(ctx, d->partner, &agreement)) <= 0) ||
            exchange_lesson_create(ctx, &in, &id) < 0)
            return -1;
    }
    return 0;
}
