/* demo_hours: the volunteers' hours of `wenyun demo`: two past shifts of the demo project at
 * the 大渡口 culture station, the demo volunteers checked in and out by the coordinator (so
 * their hours are verified and posted to the ledgers through the real rules, at the shifts'
 * times), and one report of 刘思远 waiting for the coordinator's check. A second run changes
 * nothing: the shifts are found by their codes, the report by its note. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/account.h"
#include "core/demo_kit.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/volunteer.h"

#define DEMO_COORDINATOR "13900000021"
#define DEMO_PROJECT     "大渡口街道文化站周末图书整理与阅读推广"
#define DEMO_REPORT_NOTE "帮助整理少儿阅览室新到图书并上架，约两个半小时。"
#define HOUR_MS          ((int64_t)3600000)
#define DAY_MS           (24 * HOUR_MS)

static const char *const demo_phones[] = {"13800002001", "13800002002", "13800002003"};

static int project_id(wy_ctx *ctx, volunteer_project *out)
{
    volunteer_project *ps;
    size_t n;
    if (store_volunteer_project_list(ctx->c, ctx->a, "510402001", "published", 0, 1000, &ps, &n) !=
        WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ps[i].title, DEMO_PROJECT)) {
            *out = ps[i];
            return 0;
        }
    return -1;
}

/* 09:00 China time of the day days before now. */
static int64_t morning(int64_t now, int days)
{
    int64_t china = now + 8 * HOUR_MS;
    return china - china % DAY_MS - 8 * HOUR_MS + 9 * HOUR_MS - (int64_t)days * DAY_MS;
}

/* One past shift with the volunteers [0, nvol) checked in and out by the coordinator. */
static int past_shift(wy_ctx *ctx, const volunteer_project *p, const char *code, const char *title,
                      int days, int64_t hours, size_t nvol)
{
    hours_shift s;
    if (store_hours_shift_by_code(ctx->c, ctx->a, code, &s) == WY_OK)
        return 0;
    principal coord;
    if (demo_as_user(ctx, DEMO_COORDINATOR, &coord) < 0)
        return -1;
    int64_t now = ctx->now, start = morning(now, days), shift, su[3];
    s = (hours_shift){.project_id = p->id,
                      .division = p->division,
                      .title = title,
                      .starts_at = start,
                      .ends_at = start + hours * HOUR_MS,
                      .place = "大渡口街道综合文化站二楼图书室",
                      .check_code = code};
    if (store_begin(ctx->c, 1) != WY_OK)
        return -1;
    int rc = store_hours_shift_insert(ctx->c, &s, 6, coord.user_id, start - 7 * DAY_MS, &shift);
    for (size_t i = 0; rc == WY_OK && i < nvol; i++) {
        account u;
        volunteer v;
        rc = store_user_by_phone(ctx->c, ctx->a, demo_phones[i], &u);
        if (rc == WY_OK)
            rc = store_volunteer_by_user(ctx->c, ctx->a, u.id, &v);
        if (rc == WY_OK)
            rc = store_hours_signup_insert(ctx->c, shift, v.id, u.id, start - 5 * DAY_MS, &su[i]);
    }
    if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "demo shift")) < 0)
        return -1;
    hours_scan out;
    int res = 0;
    for (size_t i = 0; res == 0 && i < nvol; i++) {
        ctx->now = start - 10 * 60000 + (int64_t)i * 60000;
        res = hours_signup_checkin(ctx, su[i], &out);
    }
    for (size_t i = 0; res == 0 && i < nvol; i++) {
        /* the last one leaves an hour early */
        ctx->now = s.ends_at + 5 * 60000 - (i == 2 ? HOUR_MS : 0);
        res = hours_signup_checkout(ctx, su[i], &out);
    }
    ctx->now = now;
    return res;
}

static int pending_report(wy_ctx *ctx, const volunteer_project *p)
{
    principal me;
    if (demo_as_user(ctx, demo_phones[0], &me) < 0)
        return -1;
    hours_record *rs;
    size_t n;
    if (store_hours_by_user(ctx->c, ctx->a, me.user_id, 0, 1000, &rs, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rs[i].source, "reported") && !strcmp(rs[i].note, DEMO_REPORT_NOTE))
            return 0;
    int64_t day = morning(ctx->now, 1) + 8 * HOUR_MS; /* yesterday, China time */
    time_t t = (time_t)(day / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char date[16];
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    int64_t id;
    return hours_report(ctx, p->id, date, "14:00", "16:30", DEMO_REPORT_NOTE, &id);
}

int hours_demo(wy_ctx *ctx, int verbose)
{
    volunteer_project p;
    if (project_id(ctx, &p) < 0)
        return demo_failed(ctx, "find the demo volunteer project");
    if (past_shift(ctx, &p, "demo-hours-shift-1", "上午图书整理", 9, 3, 3) < 0 ||
        past_shift(ctx, &p, "demo-hours-shift-2", "上午绘本共读", 2, 3, 2) < 0)
        return demo_failed(ctx, "check in the demo volunteers' past shifts");
    if (pending_report(ctx, &p) < 0)
        return demo_failed(ctx, "report the demo volunteer's hours");
    if (verbose)
        fprintf(stderr, "volunteers: past shifts with verified hours, one report pending\n");
    ctx->who = NULL;
    return 0;
}
