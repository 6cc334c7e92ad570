/* demo: see demo.h. */
#include "demo.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "mod/activities/activity.h"
#include "core/division.h"
#include "mod/notices/notice.h"
#include "core/review.h"
#include "mod/spaces/space.h"
#include "mod/timed_entry/timed_entry.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"

/* Demo passwords are printed by `wenyun demo`; they are for a local demonstration only. */
const demo_account demo_accounts[] = {
    {"13900000001", "攀枝花市文广旅局管理员", "Demo2026pzh", "city_admin", "5104",
     "city admin 市级管理员"},
    {"13900000002", "东区文化馆管理员", "Demo2026dq", "district_admin", "510402",
     "district admin of 东区 区级管理员"},
    {"13900000003", "东区审核员", "Demo2026rv1", "reviewer", "510402",
     "district reviewer 区级审核员"},
    {"13900000004", "市级审核员", "Demo2026rv2", "reviewer", "5104", "city reviewer 市级审核员"},
    {"13900000005", "大渡口街道文化站站长", "Demo2026vm", "venue_manager", "510402001",
     "venue manager 阵地管理员"},
    {"13800000006", "王小梅", "Demo2026cz", "citizen", "510402001", "citizen 群众"},
};
const int demo_naccounts = sizeof(demo_accounts) / sizeof(demo_accounts[0]);

static const struct demo_notice {
    const char *author_phone, *division, *title, *body;
} demo_notices[] = {
    {"13900000002", "510402", "东区2026年冬季公益文化培训报名通知",
     "东区文化馆2026年冬季公益培训班（书法、国画、合唱、舞蹈）即将开班，全部免费，"
     "面向辖区居民。报名时间以各课程页面为准，名额不足时以抽签方式确定学员。"},
    {"13900000001", "5104", "攀枝花市15分钟品质文化生活圈建设工作推进会召开",
     "会议通报了全市城市书房、文化驿站等新型公共文化空间建设进展，"
     "部署下一阶段阵地建设与错时延时开放工作。"},
};

static int ensure_account(wy_ctx *ctx, const demo_account *d, int verbose)
{
    user u;
    if (store_user_by_phone(ctx->c, ctx->a, d->phone, &u) == WY_OK)
        return 0;
    int64_t id;
    ctx->who = NULL; /* the command line is trusted */
    if (account_create(ctx, d->phone, d->password, d->name, d->role, d->division, &id) < 0) {
        fprintf(stderr, "demo: cannot create %s: %s\n", d->phone, ctx->err.message);
        return -1;
    }
    if (verbose)
        fprintf(stderr, "created %s (%s)\n", d->phone, d->what);
    return 0;
}

static int as_user(wy_ctx *ctx, const char *phone, principal *p)
{
    user u;
    if (store_user_by_phone(ctx->c, ctx->a, phone, &u) != WY_OK)
        return -1;
    if (account_principal_by_id(ctx, u.id, p) < 0)
        return -1;
    ctx->who = p;
    return 0;
}

/* Take a submitted item through each level of its chain with the demo reviewers. */
static int approve_through_chain(wy_ctx *ctx, const char *type, int64_t id, const char *status)
{
    review_item it;
    if (store_review_item_by_content(ctx->c, ctx->a, type, id, &it) != WY_OK)
        return -1;
    static const char *const reviewers[] = {"13900000003", "13900000004"};
    principal rv;
    int res = 0;
    for (int i = 0; res == 0 && i < 2 && !strcmp(status, "pending"); i++) {
        if (as_user(ctx, reviewers[i], &rv) < 0)
            res = -1;
        else if (review_may_decide(ctx->who, &it) &&
                 review_decide(ctx, it.id, "approve", NULL, &it) < 0)
            res = -1;
        status = it.status;
    }
    ctx->who = NULL;
    return res;
}

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
    if (as_user(ctx, "13900000002", &author) < 0 ||
        activity_create(ctx, &a, s, (size_t)da->sessions, &id) < 0 ||
        activity_submit(ctx, id, &status) < 0) {
        ctx->who = NULL;
        return -1;
    }
    return approve_through_chain(ctx, "activity", id, status);
}

/* Publish a demo notice through the real chain: submit, then each level's reviewer. */
static int ensure_notice(wy_ctx *ctx, const struct demo_notice *dn)
{
    notice *ns;
    size_t n;
    if (store_notice_list(ctx->c, ctx->a, dn->division, NULL, 0, 100, &ns, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ns[i].title, dn->title))
            return 0;
    principal author;
    int64_t id;
    const char *status;
    if (as_user(ctx, dn->author_phone, &author) < 0 ||
        notice_create(ctx, dn->division, dn->title, dn->body, &id) < 0 ||
        notice_submit(ctx, id, &status) < 0)
        return -1;
    return approve_through_chain(ctx, "notice", id, status);
}

/* Timed entry (参观预约) at the museum: four slots a day, bookable a week ahead from 20:00.
 * Set once; later runs only generate the coming days. */
static int ensure_timed_entry(wy_ctx *ctx, int verbose)
{
    venue v;
    timed_entry te;
    if (store_venue_by_external(ctx->c, ctx->a, "pzh-mus-3line", &v) != WY_OK)
        return 0;
    if (store_timed_entry_get(ctx->c, ctx->a, v.id, &te) == WY_OK)
        return timed_entry_generate_venue(ctx, v.id, 0, NULL, NULL);
    principal admin;
    timed_entry_config cfg = {.slots = {{9 * 60, 10 * 60 + 30},
                                        {10 * 60 + 30, 12 * 60},
                                        {13 * 60 + 30, 15 * 60},
                                        {15 * 60, 16 * 60 + 30}},
                              .nslots = 4,
                              .capacity = 50,
                              .days_ahead = 7,
                              .opens_at_minute = 20 * 60,
                              .max_companions = 2};
    if (as_user(ctx, "13900000001", &admin) < 0 || timed_entry_configure(ctx, v.id, &cfg) < 0)
        return -1;
    ctx->who = NULL;
    if (verbose)
        fprintf(stderr, "timed entry: %s, 4 slots a day, 7 days ahead\n", v.name);
    return 0;
}

/* Local midnight (UTC+8) of the next given weekday (1 Monday .. 7 Sunday) after today. */
static int64_t next_weekday(int64_t now, int weekday)
{
    char day[11], buf[40];
    int wd, minute;
    int64_t midnight;
    venue_local_time(now, day, &wd, &minute);
    snprintf(buf, sizeof(buf), "%sT00:00:00+08:00", day);
    if (time_parse_rfc3339(buf, &midnight) < 0)
        return -1;
    int ahead = (weekday - wd + 7) % 7;
    return midnight + (int64_t)(ahead ? ahead : 7) * 86400000;
}

/* Rooms of the city cultural centre and two street culture stations of 东区, with one
 * approved and one pending booking, made through the domain like any other. */
static int ensure_spaces(wy_ctx *ctx, int verbose)
{
    space_filter f = {.prefix = "510402", .limit = 1};
    space *have;
    size_t nhave;
    venue cc;
    if (store_space_list(ctx->c, ctx->a, &f, &have, &nhave) != WY_OK)
        return -1;
    if (nhave > 0 || store_venue_by_external(ctx->c, ctx->a, "pzh-cc-city", &cc) != WY_OK)
        return 0;
    space sp[] = {
        {.venue_id = cc.id,
         .kind = "room",
         .name = "攀枝花市文化馆 多功能排练厅",
         .capacity = 60,
         .equipment = "音响、钢琴、镜面墙、把杆",
         .description = "适合合唱、舞蹈、器乐排练。",
         .opens = 9 * 60,
         .closes = 21 * 60,
         .max_minutes = 240},
        {.venue_id = cc.id,
         .kind = "room",
         .name = "攀枝花市文化馆 小剧场",
         .capacity = 200,
         .equipment = "舞台灯光、音响、投影",
         .description = "适合小型演出、讲座与展演。",
         .opens = 9 * 60,
         .closes = 21 * 60,
         .max_minutes = 180},
        {.division = "510402001",
         .kind = "street_station",
         .name = "大渡口街头文化站",
         .address = "攀枝花市东区大渡口街道滨江广场",
         .capacity = 150,
         .equipment = "折叠舞台、音响、遮阳棚",
         .description = "街头艺人与群众文艺团队的露天演出点。",
         .opens = 8 * 60,
         .closes = 22 * 60,
         .max_minutes = 180},
        {.division = "510402002",
         .kind = "street_station",
         .name = "炳草岗街头文化站",
         .address = "攀枝花市东区炳草岗步行街",
         .capacity = 100,
         .equipment = "音响、电源",
         .description = "步行街口的街头演出点，周末人流量大。",
         .opens = 9 * 60,
         .closes = 22 * 60,
         .max_minutes = 120},
    };
    double lonlat[][2] = {{NAN, NAN}, {NAN, NAN}, {101.7262, 26.5785}, {101.7125, 26.5838}};
    int64_t ids[4];
    ctx->who = NULL;
    for (int i = 0; i < 4; i++) {
        sp[i].lon = lonlat[i][0];
        sp[i].lat = lonlat[i][1];
        if (space_create(ctx, &sp[i], &ids[i]) < 0)
            return -1;
    }
    int64_t sat = next_weekday(ctx->now, 6), sun = next_weekday(ctx->now, 7);
    principal citizen, admin;
    space_booking *bs;
    size_t n;
    space_decision d;
    space_booking choir = {.group_name = "攀枝花市民合唱团",
                           .title = "周末合唱快闪",
                           .content = "《我和我的祖国》《攀枝花之歌》等合唱曲目，约40分钟。",
                           .performers = 32,
                           .audience = 150,
                           .starts_at = sat + 15 * 3600000LL,
                           .ends_at = sat + 17 * 3600000LL};
    space_booking dance = {.group_name = "阳光街舞社",
                           .title = "青春街舞展演",
                           .content = "街舞团队展演与互动教学。",
                           .performers = 12,
                           .audience = 80,
                           .starts_at = sun + 10 * 3600000LL,
                           .ends_at = sun + 12 * 3600000LL};
    if (sat < 0 || sun < 0 || as_user(ctx, "13800000006", &citizen) < 0 ||
        space_booking_request(ctx, ids[2], &choir, 1, &bs, &n) < 0)
        return -1;
    int64_t approve = bs[0].id;
    if (space_booking_request(ctx, ids[2], &dance, 1, &bs, &n) < 0 ||
        as_user(ctx, "13900000002", &admin) < 0 ||
        space_booking_decide(ctx, approve, 1, NULL, 0, &d) < 0)
        return -1;
    ctx->who = NULL;
    if (verbose)
        fprintf(stderr, "spaces: 4, with one approved and one pending booking\n");
    return 0;
}

int demo_load(wy_ctx *ctx, const char *data_dir, int verbose)
{
    char f[5][1100];
    static const char *const names[] = {"provinces.csv", "cities.csv", "areas.csv",
                                        "seed_streets.csv", "seed_villages.csv"};
    char *files[5];
    for (int i = 0; i < 5; i++) {
        snprintf(f[i], sizeof(f[i]), "%s/divisions/%s", data_dir, names[i]);
        files[i] = f[i];
    }
    import_report rep;
    if (division_import_files(ctx, files, 5, DEMO_CITY, verbose, &rep) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "divisions: %d accepted, %d rejected\n", rep.accepted, rep.rejected);
    char pop[1100];
    snprintf(pop, sizeof(pop), "%s/population/population_partial.csv", data_dir);
    if (division_import_population(ctx, pop, DEMO_CITY, &rep) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "population figures: %d\n", rep.accepted);
    for (int i = 0; i < demo_naccounts; i++)
        if (ensure_account(ctx, &demo_accounts[i], verbose) < 0)
            return -1;
    /* the county outlines for the maps, and the demonstration venues with their hours */
    char shapes[1100], venues[1100];
    snprintf(shapes, sizeof(shapes), "%s/boundaries/panzhihua_5104.geojson", data_dir);
    if (division_import_shapes(ctx, shapes, DEMO_CITY, 1, &rep) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "county outlines: %d\n", rep.accepted);
    venue first;
    if (store_venue_by_external(ctx->c, ctx->a, "pzh-lib-city", &first) == WY_OK)
        goto notices; /* loaded before: a second run changes nothing */
    snprintf(venues, sizeof(venues), "%s/demo/venues_5104.csv", data_dir);
    strbuf csv = STRBUF_INIT;
    venue_import_result vr;
    ctx->who = NULL;
    if (sb_read_file(&csv, venues) < 0 ||
        venue_import(ctx, "csv", NULL, csv.buf, csv.len, 0, &vr) < 0) {
        sb_release(&csv);
        fprintf(stderr, "demo: cannot load %s\n", venues);
        return -1;
    }
    sb_release(&csv);
    if (verbose)
        fprintf(stderr, "venues: %d created, %d updated, %d rejected\n", vr.created, vr.updated,
                vr.rejected);
    /* public libraries and cultural centres open Tuesday to Sunday, with extended
     * evening hours (错时延时开放) on Friday and Saturday */
    venue_hours week[8];
    int nh = 0;
    for (int d = 2; d <= 7; d++)
        week[nh++] =
            (venue_hours){d, 9 * 60, d == 5 || d == 6 ? 21 * 60 : 17 * 60 + 30, d == 5 || d == 6};
    for (size_t i = 0; i < vr.nlines; i++) {
        venue v;
        if (vr.lines[i].ok &&
            store_venue_by_external(ctx->c, ctx->a, vr.lines[i].external_id, &v) == WY_OK &&
            venue_set_hours(ctx, v.id, week, (size_t)nh, NULL, 0) < 0)
            return -1;
    }
notices:
    for (size_t i = 0; i < sizeof(demo_notices) / sizeof(demo_notices[0]); i++)
        if (ensure_notice(ctx, &demo_notices[i]) < 0) {
            fprintf(stderr, "demo: cannot publish a demo notice: %s\n",
                    ctx->err.message ? ctx->err.message : "store error");
            return -1;
        }
    for (size_t i = 0; i < sizeof(demo_activities) / sizeof(demo_activities[0]); i++)
        if (ensure_activity(ctx, &demo_activities[i]) < 0) {
            fprintf(stderr, "demo: cannot publish a demo activity: %s\n",
                    ctx->err.message ? ctx->err.message : "store error");
            return -1;
        }
    if (verbose)
        fprintf(stderr, "activities: %zu\n", sizeof(demo_activities) / sizeof(demo_activities[0]));
    if (ensure_timed_entry(ctx, verbose) < 0) {
        fprintf(stderr, "demo: cannot set up timed entry: %s\n",
                ctx->err.message ? ctx->err.message : "store error");
        return -1;
    }
    if (ensure_spaces(ctx, verbose) < 0) {
        fprintf(stderr, "demo: cannot add the demo spaces: %s\n",
                ctx->err.message ? ctx->err.message : "store error");
        return -1;
    }
    ctx->who = NULL;
    return 0;
}
