/*
 * demo_markets: the culture markets of `wenyun demo`, in 东区 of 攀枝花, each taken through
 * the real rules with the clock of the request set to the day each step happened:
 *
 * - 攀枝花市文化馆秋季文化市集, a month ago at the city's cultural centre: its stall-holders
 *   checked in on the day, one of them late, and one did not come;
 * - 炳草岗周末文化市集, next week on the square by the 炳草岗 city book room: applications
 *   have closed, the district's and the city's reviewers have scored them (the record of the
 *   autumn market in front of them), the accepted and reserve lists are made, the stalls are
 *   assigned under the rules and the map is published; some stall-holders have confirmed.
 *
 * The stall-holders have accounts of 炳草岗街道 without a usable password (a reset, proving
 * the number, opens one), but one: the demo citizen 王小梅, whose application shows on her
 * "my stall applications".
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/demo_kit.h"
#include "mod/markets/market.h"
#include "mod/venues/venue_store.h"

#define HOUR ((int64_t)3600000)
#define DAY  (24 * HOUR)

#define AUTUMN "攀枝花市文化馆秋季文化市集"
#define SPRING "炳草岗周末文化市集"

static const struct holder {
    const char *phone, *name, *stall, *category, *products;
    int power, water, access;
} holders[] = {
    {"13800001001", "陈建国", "三线记忆文创", "cultural_creative",
     "三线建设主题明信片、搪瓷杯、帆布包与徽章", 0, 0, 0},
    {DEMO_CITIZEN, "王小梅", "小梅手作香囊", "cultural_creative", "艾草香囊、手缝布艺挂件", 0, 0,
     0},
    {"13800001002", "罗明华", "苴却砚工作室", "intangible_heritage",
     "苴却砚雕刻现场展示与成品砚台、砚雕摆件", 1, 0, 0},
    {"13800001003", "阿苏阿呷", "彝家刺绣坊", "intangible_heritage",
     "彝族刺绣服饰、绣片与现场刺绣体验", 0, 0, 1},
    {"13800001004", "余秀英", "傈僳火草织布", "intangible_heritage", "米易傈僳族火草麻布挎包、披肩",
     0, 0, 0},
    {"13800001005", "张立新", "攀枝花书友会旧书摊", "books", "三线建设史料、地方志与旧版连环画", 0,
     0, 0},
    {"13800001006", "李思雨", "金沙江绘本馆", "books", "原创绘本、亲子共读活动", 0, 0, 0},
    {"13800001007", "杨国庆", "盐边羊肉米线", "food", "盐边羊肉米线、凉拌小菜", 1, 1, 0},
    {"13800001008", "赵丽", "米易芒果冰粉", "food", "米易芒果冰粉、芒果汁", 1, 1, 0},
    {"13800001009", "周福生", "仁和枇杷果园", "local_produce", "仁和早熟枇杷、枇杷膏", 0, 0, 0},
    {"13800001010", "何春梅", "攀枝花芒果合作社", "local_produce", "凯特芒果、芒果干", 0, 0, 0},
};
#define NHOLDERS (sizeof(holders) / sizeof(holders[0]))

/* Each reviewer's quality points for each holder (the other criteria are fixed): distinct
 * means inside each category, so no tie needs the lottery. */
static const int quality[NHOLDERS][2] = {{9, 8}, {7, 7}, {10, 9}, {8, 8}, {6, 7}, {9, 9},
                                         {7, 6}, {8, 9}, {9, 7},  {8, 8}, {7, 9}};

static int ensure_holder(wy_ctx *ctx, const struct holder *h)
{
    account u;
    if (store_user_by_phone(ctx->c, ctx->a, h->phone, &u) == WY_OK)
        return 0;
    /* an account whose password matches nothing: its stall-holder enters it after proving
     * the number (a password reset), as an operator's import leaves one */
    int64_t id;
    return store_user_create(ctx->c, h->phone, h->name, "!", "510402002", ctx->now, &id) == WY_OK
               ? 0
               : -1;
}

static int as(wy_ctx *ctx, const char *phone, principal *p)
{
    return demo_as_user(ctx, phone, p);
}

/* Stalls in rows of n: water and power where mask says, the first of each row near the
 * entrance. */
static void plan(market_stall *s, size_t *ns, int rows, int n, const char *wp, const char *p)
{
    static const char *const row_names[] = {"A", "B", "C"};
    static char numbers[3][12][16]; /* "A01": room for any int, so no truncation warning */
    *ns = 0;
    for (int r = 0; r < rows; r++)
        for (int i = 0; i < n; i++) {
            snprintf(numbers[r][i], sizeof(numbers[r][i]), "%s%02d", row_names[r], i + 1);
            int k = r * n + i;
            s[(*ns)++] = (market_stall){.number = numbers[r][i],
                                        .row_label = row_names[r],
                                        .position = i + 1,
                                        .width_cm = 300,
                                        .depth_cm = 300,
                                        .power = wp[k] == '1' || p[k] == '1',
                                        .water = wp[k] == '1',
                                        .near_entrance = i == 0,
                                        .zone = i < 2   ? "入口区"
                                                : i < 4 ? "展示区"
                                                        : "休闲区"};
        }
}

/* A market through review: the organiser writes and submits it, the demo reviewers approve. */
static int publish(wy_ctx *ctx, market *m, const market_category *cats, size_t ncats,
                   const market_stall *s, size_t ns, int64_t *id)
{
    principal organiser;
    const char *status;
    if (as(ctx, DEMO_DISTRICT_ADMIN, &organiser) < 0 ||
        market_create(ctx, m, cats, ncats, id) < 0 || market_set_stalls(ctx, *id, s, ns) < 0 ||
        market_submit(ctx, *id, &status) < 0)
        return -1;
    return demo_approve_through_chain(ctx, "market", *id, status);
}

/* holder i applies (and submits) to market id; its application id in *app. */
static int apply(wy_ctx *ctx, int64_t market_id, size_t i, int64_t *app)
{
    const struct holder *h = &holders[i];
    principal p;
    market_application a = {.stall_name = h->stall,
                            .category = h->category,
                            .products = h->products,
                            .needs_power = h->power,
                            .needs_water = h->water,
                            .needs_access = h->access,
                            .licence_no = !strcmp(h->category, "food") ? "JY15104020000000" : NULL};
    if (as(ctx, h->phone, &p) < 0 || market_apply(ctx, market_id, &a, app) < 0)
        return -1;
    if (!strcmp(h->category, "food")) {
        /* the licence: a photo of it, a small placeholder image here */
        static const char png[] = "\x89PNG\r\n\x1a\n demo licence";
        attachment_file f = {"食品经营许可证.png", "image/png", png, sizeof(png) - 1};
        attachment out;
        if (market_app_attach(ctx, *app, "licence", &f, &out) < 0)
            return -1;
    }
    return market_app_submit(ctx, *app);
}

static int score_all(wy_ctx *ctx, const int64_t *apps, const size_t *who, size_t n)
{
    static const char *const reviewers[] = {"13900000003", "13900000004"};
    principal rv;
    for (int r = 0; r < 2; r++) {
        if (as(ctx, reviewers[r], &rv) < 0)
            return -1;
        for (size_t k = 0; k < n; k++) {
            char pts[128];
            snprintf(pts, sizeof(pts), "{\"quality\":%d,\"culture\":8,\"display\":7,\"fit\":8}",
                     quality[who[k]][r]);
            if (market_score_add(ctx, apps[k], pts, r ? "推荐" : "符合市集主题") < 0)
                return -1;
        }
    }
    return 0;
}

static int decide_and_map(wy_ctx *ctx, int64_t id)
{
    principal organiser;
    market_decision d;
    market_assignment x;
    if (as(ctx, DEMO_DISTRICT_ADMIN, &organiser) < 0 || market_decide(ctx, id, &d) < 0 ||
        market_assign_stalls(ctx, id, &x) < 0 || market_publish_map(ctx, id, 1) < 0)
        return -1;
    return 0;
}

static int confirm(wy_ctx *ctx, size_t i, int64_t app)
{
    principal p;
    return as(ctx, holders[i].phone, &p) < 0 ? -1 : market_app_confirm(ctx, app);
}

/* The autumn market, a month ago: five stall-holders, one late, one absent. */
static int autumn(wy_ctx *ctx, int64_t t)
{
    venue_filter f = {.q = "攀枝花市文化馆", .limit = 1};
    venue *v;
    size_t nv;
    if (store_venue_list(ctx->c, ctx->a, &f, &v, &nv) != WY_OK || nv == 0)
        return -1;
    int64_t starts = t - 31 * DAY;
    market m = {.title = AUTUMN,
                .description = "文化馆广场上的秋季文化市集：非遗展示、图书交换与地方美食。",
                .venue_id = v[0].id,
                .lon = NAN,
                .lat = NAN,
                .starts_at = starts,
                .ends_at = starts + 8 * HOUR,
                .apply_opens_at = t - 45 * DAY,
                .apply_closes_at = t - 38 * DAY,
                .confirm_by = t - 35 * DAY,
                .fee_fen = 0,
                .deposit_fen = 10000,
                .min_reviews = 2,
                .pass_mark = 20,
                .confirm_hours = 48,
                .late_minutes = 30,
                .rule_apart = 1,
                .rule_food = 1,
                .rule_access = 1};
    market_category cats[] = {{.category = "intangible_heritage", .quota = 2},
                              {.category = "books", .quota = 1},
                              {.category = "food", .quota = 1},
                              {.category = "local_produce", .quota = 1}};
    market_stall s[12];
    size_t ns;
    plan(s, &ns, 1, 6, "001000", "100100");
    int64_t id;
    ctx->now = t - 45 * DAY + HOUR;
    if (publish(ctx, &m, cats, 4, s, ns, &id) < 0)
        return -1;
    static const size_t who[] = {2, 3, 5, 7, 9}; /* 苴却砚, 彝绣, 旧书摊, 羊肉米线, 枇杷 */
    int64_t apps[5];
    ctx->now = t - 44 * DAY;
    for (size_t k = 0; k < 5; k++)
        if (apply(ctx, id, who[k], &apps[k]) < 0)
            return -1;
    if (score_all(ctx, apps, who, 5) < 0)
        return -1;
    ctx->now = t - 37 * DAY;
    if (decide_and_map(ctx, id) < 0)
        return -1;
    ctx->now = t - 36 * DAY;
    for (size_t k = 0; k < 5; k++)
        if (confirm(ctx, who[k], apps[k]) < 0)
            return -1;
    /* the day: on time, 彝绣 fifty minutes late, 羊肉米线 not at all */
    principal organiser;
    int late, changed;
    if (as(ctx, DEMO_DISTRICT_ADMIN, &organiser) < 0)
        return -1;
    for (size_t k = 0; k < 5; k++) {
        if (who[k] == 7)
            continue;
        ctx->now = starts + (who[k] == 3 ? 50 : 5 + (int64_t)k) * 60000;
        if (market_checkin(ctx, apps[k], &late) < 0)
            return -1;
    }
    ctx->now = starts + 8 * HOUR + 1;
    return market_sweep(ctx, id, &changed);
}

/* The spring market, next week: every holder applies; decided, stalls on the map. */
static int spring(wy_ctx *ctx, int64_t t)
{
    /* 10:00 local on the day six days from now */
    int64_t day = t + 6 * DAY, starts = day - (day + 8 * HOUR) % DAY + 10 * HOUR;
    market m = {.title = SPRING,
                .description = "炳草岗城市书房旁人民广场的周末文化市集：文创、非遗、图书、美食与"
                               "攀枝花农特产品。摊位费用于场地保洁，押金于市集结束后退还。",
                .division = "510402002",
                .address = "攀枝花市东区炳草岗大道人民广场（炳草岗城市书房旁）",
                .lon = 101.7040,
                .lat = 26.5515,
                .starts_at = starts,
                .ends_at = starts + 8 * HOUR,
                .apply_opens_at = t - 10 * DAY,
                .apply_closes_at = t - DAY,
                .confirm_by = starts - 3 * DAY,
                .fee_fen = 5000,
                .deposit_fen = 20000,
                .min_reviews = 2,
                .pass_mark = 20,
                .confirm_hours = 48,
                .late_minutes = 30,
                .rule_apart = 1,
                .rule_food = 1,
                .rule_access = 1};
    market_category cats[] = {{.category = "cultural_creative", .quota = 2},
                              {.category = "intangible_heritage", .quota = 2},
                              {.category = "books", .quota = 1},
                              {.category = "food", .quota = 2},
                              {.category = "local_produce", .quota = 2}};
    market_stall s[12];
    size_t ns;
    /* water and power at A03 and B04, power alone at A01, B01 and B06 */
    plan(s, &ns, 2, 6, "001000000100", "100000100001");
    int64_t id;
    ctx->now = t - 10 * DAY + HOUR;
    if (publish(ctx, &m, cats, 5, s, ns, &id) < 0)
        return -1;
    size_t who[NHOLDERS];
    int64_t apps[NHOLDERS];
    ctx->now = t - 9 * DAY;
    for (size_t i = 0; i < NHOLDERS; i++) {
        who[i] = i;
        if (apply(ctx, id, i, &apps[i]) < 0)
            return -1;
    }
    if (score_all(ctx, apps, who, NHOLDERS) < 0)
        return -1;
    ctx->now = t;
    if (decide_and_map(ctx, id) < 0)
        return -1;
    /* four have confirmed so far */
    static const size_t confirmed[] = {0, 2, 7, 9};
    for (size_t k = 0; k < sizeof(confirmed) / sizeof(confirmed[0]); k++) {
        market_application a;
        if (store_market_app_get(ctx->c, ctx->a, apps[confirmed[k]], &a) != WY_OK)
            return -1;
        if (!strcmp(a.status, "accepted") && confirm(ctx, confirmed[k], apps[confirmed[k]]) < 0)
            return -1;
    }
    return 0;
}

int markets_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    market *ms;
    size_t n;
    if (store_market_list(ctx->c, ctx->a, "510402", NULL, 0, 100, &ms, &n) != WY_OK)
        return demo_failed(ctx, "list the demo markets");
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ms[i].title, SPRING))
            return 0;
    int64_t t = ctx->now;
    for (size_t i = 0; i < NHOLDERS; i++)
        if (ensure_holder(ctx, &holders[i]) < 0)
            return demo_failed(ctx, "create the demo stall-holders");
    int rc = autumn(ctx, t);
    if (rc == 0)
        rc = spring(ctx, t);
    ctx->now = t;
    ctx->who = NULL;
    if (rc < 0)
        return demo_failed(ctx, "make the demo markets");
    if (verbose)
        fprintf(stderr, "markets: %s and %s\n", AUTUMN, SPRING);
    return 0;
}
