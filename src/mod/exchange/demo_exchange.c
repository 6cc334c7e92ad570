/*
 * demo_exchange: the exchange module's part of `wenyun demo`, in 玉溪市 (5304): the friendship
 * cities and partners Yuxi's exchange plan names, the channels they were reached through and
 * the intents reached with 越南安沛省, 柬埔寨奥多棉吉省, 老挝占巴塞省, 广东佛山市 and 北京顺义区,
 * and the tours and performances it names, published through 玉溪市's review chain. The partners
 * and intents are the plan's; the dates of agreements and intents are illustrative (the plan gives
 * none). Written by a demo admin of 玉溪市 through the module's rules; a second run finds the
 * records by name and adds nothing.
 */
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/demo_kit.h"
#include "core/division.h"
#include "core/review.h"
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/followup.h"

/* 玉溪市's demo admin and reviewer log in with the password Demo2026yx. */
#define DEMO_YUXI_ADMIN    "13900000041"
#define DEMO_YUXI_REVIEWER "13900000042"
#define DEMO_YUXI_PASSWORD "Demo2026yx"
#define YUXI               "5304"

static const struct demo_partner {
    const char *name, *name_en, *kind, *scope, *country, *city, *organisation, *langs[3];
    const char *agreement, *agreement_kind, *signed_on, *renew_on;
} demo_partners[] = {
    {"西班牙圣塞巴斯蒂安市",
     "San Sebastián",
     "friendship_city",
     "foreign",
     "西班牙",
     "圣塞巴斯蒂安",
     "",
     {"es", "eu"},
     "玉溪市与圣塞巴斯蒂安市友好城市协议书",
     "friendship_city",
     "2016-05-20",
     NULL},
    {"泰国清莱",
     "Chiang Rai",
     "friendship_city",
     "foreign",
     "泰国",
     "清莱",
     "",
     {"th"},
     "玉溪市与清莱府友好交流合作备忘录",
     "memorandum",
     "2019-11-08",
     "2024-11-08"},
    {"韩国巨济市",
     "Geoje",
     "friendship_city",
     "foreign",
     "韩国",
     "巨济",
     "",
     {"ko"},
     "玉溪市与巨济市友好城市协议书",
     "friendship_city",
     "2013-09-26",
     NULL},
    {"美国罗斯密市",
     "",
     "friendship_city",
     "foreign",
     "美国",
     "罗斯密",
     "",
     {"en"},
     "玉溪市与罗斯密市友好城市协议书",
     "friendship_city",
     "2011-04-15",
     NULL},
    {"法国奥威尔德市",
     "",
     "friendship_city",
     "foreign",
     "法国",
     "奥威尔德",
     "",
     {"fr"},
     "玉溪市与奥威尔德市友好交流备忘录",
     "memorandum",
     "2018-06-12",
     "2027-01-31"},
    {"瑞典布莱金厄省青少年科技中心",
     "",
     "organisation",
     "foreign",
     "瑞典",
     "布莱金厄省",
     "布莱金厄省青少年科技中心",
     {"sv", "en"},
     "青少年科技与文化交流合作备忘录",
     "memorandum",
     "2019-03-18",
     NULL},
    {"越南安沛省",
     "Yen Bai",
     "local_government",
     "foreign",
     "越南",
     "安沛省",
     "",
     {"vi"},
     NULL,
     NULL,
     NULL,
     NULL},
    {"柬埔寨奥多棉吉省",
     "Oddar Meanchey",
     "local_government",
     "foreign",
     "柬埔寨",
     "奥多棉吉省",
     "",
     {"km"},
     NULL,
     NULL,
     NULL,
     NULL},
    {"老挝占巴塞省",
     "Champasak",
     "local_government",
     "foreign",
     "老挝",
     "占巴塞省",
     "",
     {"lo"},
     NULL,
     NULL,
     NULL,
     NULL},
    {"广东佛山市",
     "Foshan",
     "local_government",
     "domestic",
     "中国",
     "佛山",
     "",
     {"zh"},
     "玉溪市与佛山市文化旅游交流合作框架协议",
     "memorandum",
     "2020-10-16",
     NULL},
    {"北京顺义区",
     "Shunyi",
     "local_government",
     "domestic",
     "中国",
     "北京市顺义区",
     "",
     {"zh"},
     "玉溪市与顺义区文化交流结对协议",
     "memorandum",
     "2021-07-01",
     NULL},
};

static const struct demo_channel {
    const char *name, *scope, *sector, *established_on;
    int mass_art;
} demo_channels[] = {
    {"友好城市政府间文化交流", "international", "government", "2011-04-15", 0},
    {"澜湄区域地方政府文化合作", "international", "government", "2019-11-08", 0},
    {"国际民间文艺团体交流", "international", "nongovernment", "2018-06-12", 1},
    {"东西部协作与对口文化交流", "domestic", "government", "2020-10-16", 0},
    {"群众文艺团队走亲交流", "domestic", "nongovernment", "2021-07-01", 1},
};

static const struct demo_intent {
    const char *partner, *channel, *title, *reached_on;
} demo_intents[] = {
    {"越南安沛省", "澜湄区域地方政府文化合作", "与越南安沛省开展文化旅游交流合作意向",
     "2023-09-15"},
    {"柬埔寨奥多棉吉省", "澜湄区域地方政府文化合作", "与柬埔寨奥多棉吉省开展文化交流合作意向",
     "2023-10-20"},
    {"老挝占巴塞省", "澜湄区域地方政府文化合作", "与老挝占巴塞省开展文化艺术交流合作意向",
     "2023-11-10"},
    {"广东佛山市", "东西部协作与对口文化交流", "与广东佛山市开展文化旅游互访交流意向",
     "2021-03-26"},
    {"北京顺义区", "东西部协作与对口文化交流", "与北京顺义区开展文艺院团交流演出意向",
     "2022-05-18"},
};

/* The activities the plan names, published through 玉溪市's chain. Kinds, dates and figures
 * are illustrative where the plan gives none; 《秘境云南》's "more than 20 cities and 50 shows"
 * is the plan's. */
static const struct demo_activity {
    const char *title, *title_en, *summary, *summary_en, *scope, *starts_on, *ends_on, *partner;
    int64_t participants, audience;
    int nstops;
    exchange_stop stops[2];
} demo_activities[] = {
    {.title = "滇剧《选才记》巡演",
     .title_en = "Yunnan opera \"Xuan Cai Ji\" on tour",
     .summary = "玉溪市滇剧院新编滇剧《选才记》赴省内外巡演交流。",
     .summary_en = "The new Yunnan opera \"Xuan Cai Ji\" on tour in and beyond Yunnan.",
     .scope = "domestic",
     .starts_on = "2023-04-10",
     .ends_on = "2023-05-20",
     .participants = 60},
    {.title = "滇剧《水莽草》巡演",
     .title_en = "Yunnan opera \"Shui Mang Cao\" on tour",
     .summary = "滇剧《水莽草》巡演交流，展示玉溪滇剧艺术。",
     .summary_en = "The Yunnan opera \"Shui Mang Cao\" on tour, showing Yuxi's Yunnan opera.",
     .scope = "domestic",
     .starts_on = "2023-09-01",
     .ends_on = "2023-10-15",
     .participants = 55},
    {.title = "《秘境云南》巡演",
     .title_en = "\"Mystic Yunnan\" on tour",
     .summary = "大型民族歌舞《秘境云南》巡演全国20余个城市、演出50余场。",
     .summary_en = "The song and dance show \"Mystic Yunnan\" toured more than 20 cities with "
                   "more than 50 shows.",
     .scope = "domestic",
     .starts_on = "2024-03-01",
     .ends_on = "2024-08-31",
     .participants = 80},
    {.title = "花灯《山茶花红》巡演",
     .title_en = "Flower-lantern opera \"Camellias in Bloom\" on tour",
     .summary = "花灯剧《山茶花红》巡演交流，在佛山、顺义等地演出。",
     .summary_en = "The flower-lantern opera \"Camellias in Bloom\" on tour, with shows in "
                   "Foshan and Shunyi.",
     .scope = "domestic",
     .starts_on = "2024-10-08",
     .ends_on = "2024-11-20",
     .partner = "广东佛山市",
     .participants = 50,
     .audience = 3200,
     .nstops = 2,
     .stops = {{.place = "佛山大剧院",
                .city = "佛山",
                .country = "中国",
                .starts_on = "2024-10-08",
                .ends_on = "2024-10-10",
                .shows = 2,
                .audience = 2000},
               {.place = "顺义区文化中心",
                .city = "北京",
                .country = "中国",
                .starts_on = "2024-11-18",
                .ends_on = "2024-11-20",
                .shows = 1,
                .audience = 1200}}},
    {.title = "聂耳竹乐团交流演出",
     .title_en = "The Nie Er Bamboo Orchestra in concert",
     .summary = "聂耳竹乐团以竹制乐器演奏聂耳作品及云南民族音乐，开展文化交流演出。",
     .summary_en = "The Nie Er Bamboo Orchestra plays Nie Er's works and Yunnan folk music on "
                   "bamboo instruments.",
     .scope = "international",
     .starts_on = "2024-06-05",
     .ends_on = "2024-06-12",
     .partner = "泰国清莱",
     .participants = 30},
    {.title = "聂耳文化演艺公司交流演出",
     .title_en = "Nie Er Culture and Performing Arts Co. on stage",
     .summary = "聂耳文化演艺公司赴友好城市开展文化交流演出。",
     .summary_en = "The Nie Er Culture and Performing Arts Company performs in a friendship city.",
     .scope = "international",
     .starts_on = "2024-09-10",
     .ends_on = "2024-09-16",
     .partner = "韩国巨济市",
     .participants = 25},
};

static int64_t find_partner(wy_ctx *ctx, const char *name)
{
    exchange_partner *ps;
    size_t n;
    if (store_exchange_partner_list(ctx->c, ctx->a, YUXI, 0, 100, &ps, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ps[i].name, name))
            return ps[i].id;
    return 0;
}

static int64_t find_channel(wy_ctx *ctx, const char *name)
{
    exchange_channel *cs;
    size_t n;
    if (store_exchange_channel_list(ctx->c, ctx->a, YUXI, 0, 100, &cs, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(cs[i].name, name))
            return cs[i].id;
    return 0;
}

static int ensure_partner(wy_ctx *ctx, const struct demo_partner *d)
{
    int64_t id = find_partner(ctx, d->name), ag;
    if (id != 0)
        return id < 0 ? -1 : 0;
    size_t nl = 0;
    while (nl < 3 && d->langs[nl])
        nl++;
    exchange_partner_input in = {.division = YUXI,
                                 .name = d->name,
                                 .name_en = d->name_en,
                                 .kind = d->kind,
                                 .scope = d->scope,
                                 .country = d->country,
                                 .city = d->city,
                                 .organisation = d->organisation,
                                 .languages = d->langs,
                                 .nlanguages = nl};
    if (exchange_partner_create(ctx, &in, &id) < 0)
        return -1;
    if (!d->agreement)
        return 0;
    exchange_agreement_input g = {.kind = d->agreement_kind,
                                  .title = d->agreement,
                                  .signed_on = d->signed_on,
                                  .renew_on = d->renew_on,
                                  .scope = "文化、旅游、教育、青少年交流",
                                  .obligations = "定期互访，互派文艺团体交流演出，互办文化周活动",
                                  .owner_ours = "玉溪市人民政府外事办公室",
                                  .owner_theirs = "对方城市外事部门"};
    return exchange_agreement_create(ctx, id, &g, &ag);
}

/* 玉溪市's divisions from the shipped codes (data/divisions/), as demo.c loads 攀枝花市's. */
static int load_yuxi(wy_ctx *ctx, const char *data_dir, int verbose)
{
    static const char *const names[] = {"provinces.csv", "cities.csv", "areas.csv",
                                        "seed_streets.csv", "seed_villages.csv"};
    char f[5][1100], *files[5];
    for (int i = 0; i < 5; i++) {
        snprintf(f[i], sizeof(f[i]), "%s/divisions/%s", data_dir, names[i]);
        files[i] = f[i];
    }
    import_report rep;
    if (division_import_files(ctx, files, 5, YUXI, verbose, &rep) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "divisions of 玉溪市: %d accepted, %d rejected\n", rep.accepted,
                rep.rejected);
    return 0;
}

/* Publish one through the chain: submit, then 玉溪市's demo reviewer decides. */
static int ensure_activity(wy_ctx *ctx, const struct demo_activity *d, principal *admin)
{
    exchange_activity_full *xs;
    size_t n;
    if (exchange_activity_search(ctx, YUXI, d->title, 0, "tour", 0, 10, &xs, &n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(xs[i].a.title, d->title))
            return 0;
    int64_t partner = d->partner ? find_partner(ctx, d->partner) : 0, id;
    if (partner < 0)
        return -1;
    exchange_activity_input in = {.division = YUXI,
                                  .title = d->title,
                                  .title_en = d->title_en,
                                  .summary = d->summary,
                                  .summary_en = d->summary_en,
                                  .kind = "tour",
                                  .scope = d->scope,
                                  .starts_on = d->starts_on,
                                  .ends_on = d->ends_on,
                                  .participants = d->participants,
                                  .audience = d->audience ? d->audience : -1,
                                  .media_reports = -1,
                                  .online_reach = -1,
                                  .new_followers = -1,
                                  .partners = &partner,
                                  .npartners = partner ? 1 : 0,
                                  .stops = d->stops,
                                  .nstops = (size_t)d->nstops};
    const char *status;
    principal rv;
    review_item it;
    ctx->who = admin;
    if (exchange_activity_create(ctx, &in, &id) < 0 ||
        exchange_activity_submit(ctx, id, &status) < 0)
        return -1;
    if (store_review_item_by_content(ctx->c, ctx->a, "exchange_activity", id, &it) != WY_OK ||
        demo_as_user(ctx, DEMO_YUXI_REVIEWER, &rv) < 0)
        return -1;
    int res = !strcmp(status, "pending") ? review_decide(ctx, it.id, "approve", NULL, &it) : 0;
    ctx->who = admin;
    return res;
}

/* An account of the demo in 玉溪市, made once. */
static int ensure_account(wy_ctx *ctx, const char *phone, const char *name, const char *role,
                          const char *what, int verbose)
{
    account u;
    int64_t uid;
    if (store_user_by_phone(ctx->c, ctx->a, phone, &u) == WY_OK)
        return 0;
    ctx->who = NULL;
    if (account_create(ctx, phone, DEMO_YUXI_PASSWORD, name, role, YUXI, &uid) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "created %s (%s)\n", phone, what);
    return 0;
}

int exchange_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    principal p;
    ctx->who = NULL;
    if (load_yuxi(ctx, data_dir, verbose) < 0)
        return demo_failed(ctx, "load the divisions of 玉溪市");
    if (ensure_account(ctx, DEMO_YUXI_ADMIN, "玉溪市文化和旅游局交流合作科", "city_admin",
                       "city admin of 玉溪市 市级管理员", verbose) < 0 ||
        ensure_account(ctx, DEMO_YUXI_REVIEWER, "玉溪市审核员", "reviewer",
                       "city reviewer of 玉溪市 市级审核员", verbose) < 0)
        return demo_failed(ctx, "create the demo accounts of 玉溪市");
    if (demo_as_user(ctx, DEMO_YUXI_ADMIN, &p) < 0)
        return demo_failed(ctx, "act as the demo admin of 玉溪市");
    for (size_t i = 0; i < sizeof(demo_partners) / sizeof(demo_partners[0]); i++)
        if (ensure_partner(ctx, &demo_partners[i]) < 0)
            return demo_failed(ctx, "add a demo exchange partner");
    for (size_t i = 0; i < sizeof(demo_channels) / sizeof(demo_channels[0]); i++) {
        const struct demo_channel *d = &demo_channels[i];
        int64_t id = find_channel(ctx, d->name);
        exchange_channel_input in = {.division = YUXI,
                                     .name = d->name,
                                     .scope = d->scope,
                                     .sector = d->sector,
                                     .established_on = d->established_on,
                                     .mass_art = d->mass_art};
        if (id < 0 || (id == 0 && exchange_channel_create(ctx, &in, &id) < 0))
            return demo_failed(ctx, "add a demo exchange channel");
    }
    exchange_intent *is;
    size_t n;
    if (store_exchange_intent_list(ctx->c, ctx->a, YUXI, 0, 100, &is, &n) != WY_OK)
        return demo_failed(ctx, "list the demo intents");
    for (size_t i = 0; n == 0 && i < sizeof(demo_intents) / sizeof(demo_intents[0]); i++) {
        const struct demo_intent *d = &demo_intents[i];
        int64_t partner = find_partner(ctx, d->partner), channel = find_channel(ctx, d->channel),
                id;
        if (partner <= 0 || channel <= 0 ||
            exchange_intent_create(ctx, channel, partner, d->title, d->reached_on, &id) < 0)
            return demo_failed(ctx, "add a demo exchange intent");
    }
    for (size_t i = 0; i < sizeof(demo_activities) / sizeof(demo_activities[0]); i++)
        if (ensure_activity(ctx, &demo_activities[i], &p) < 0)
            return demo_failed(ctx, "publish a demo exchange activity");
    if (exchange_demo_calendar(ctx, DEMO_YUXI_ADMIN, DEMO_YUXI_REVIEWER) < 0)
        return -1;
    ctx->who = &p;
    if (exchange_demo_followups(ctx, DEMO_YUXI_REVIEWER) < 0)
        return demo_failed(ctx, "add the demo follow-ups, evaluation and lessons");
    ctx->who = NULL;
    return 0;
}
