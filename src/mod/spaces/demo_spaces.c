/* demo_spaces: the spaces of `wenyun demo`. */
#include <math.h>
#include <stdio.h>

#include "core/demo_kit.h"
#include "mod/spaces/space.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"

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
    if (sat < 0 || sun < 0 || demo_as_user(ctx, DEMO_CITIZEN, &citizen) < 0 ||
        space_booking_request(ctx, ids[2], &choir, 1, &bs, &n) < 0)
        return -1;
    int64_t approve = bs[0].id;
    if (space_booking_request(ctx, ids[2], &dance, 1, &bs, &n) < 0 ||
        demo_as_user(ctx, DEMO_DISTRICT_ADMIN, &admin) < 0 ||
        space_booking_decide(ctx, approve, 1, NULL, 0, &d) < 0)
        return -1;
    ctx->who = NULL;
    if (verbose)
        fprintf(stderr, "spaces: 4, with one approved and one pending booking\n");
    return 0;
}

int spaces_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    if (ensure_spaces(ctx, verbose) < 0)
        return demo_failed(ctx, "add the demo spaces");
    ctx->who = NULL;
    return 0;
}
