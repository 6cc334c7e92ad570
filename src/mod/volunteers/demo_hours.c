/* demo_hours: the volunteers' hours of `wenyun demo`. On last weekend's shift of the demo project
 * (demo_shifts.c: its check code demo-past-shift-check-code), 赵子涵 was signed up too and the
 * coordinator checked her in and out on the roster at the shift's times — she left an hour early
 * — so her hours are verified and posted to the ledgers through the real rules; and 刘思远 has a
 * report of yesterday afternoon waiting for the coordinator's check. A second run adds nothing:
 * her sign-up and the report are found again. Without the demo's past shift only the report is
 * added. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/account.h"
#include "core/demo_kit.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/volunteer.h"

#define DEMO_COORDINATOR "13900000021"
#define DEMO_PROJECT     "大渡口街道文化站周末图书整理与阅读推广"
#define DEMO_PAST_SHIFT  "demo-past-shift-check-code"
#define DEMO_SERVED      "13800002003" /* 赵子涵 */
#define DEMO_REPORTER    "13800002001" /* 刘思远 */
#define DEMO_REPORT_NOTE "帮助整理少儿阅览室新到图书并上架，约两个半小时。"
#define HOUR_MS          ((int64_t)3600000)
#define DAY_MS           (24 * HOUR_MS)

static int project_of(wy_ctx *ctx, volunteer_project *out)
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

/* 赵子涵 on last weekend's shift, checked in and out by the coordinator at its times. */
static int served(wy_ctx *ctx)
{
    hours_shift s;
    if (store_hours_shift_by_code(ctx->c, ctx->a, DEMO_PAST_SHIFT, &s) != WY_OK)
        return 0; /* no shifts in this demo */
    account u;
    volunteer v;
    int64_t n, su;
    if (store_user_by_phone(ctx->c, ctx->a, DEMO_SERVED, &u) != WY_OK ||
        store_volunteer_by_user(ctx->c, ctx->a, u.id, &v) != WY_OK ||
        store_hours_signup_count(ctx->c, s.id, u.id, &n) != WY_OK)
        return -1;
    if (n > 0)
        return 0; /* an earlier run */
    if (store_begin(ctx->c, 1) != WY_OK)
        return -1;
    int rc = store_hours_signup_insert(ctx->c, s.id, v.id, u.id, s.starts_at - 5 * DAY_MS, &su);
    if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "demo sign-up")) < 0)
        return -1;
    principal coord;
    hours_scan out;
    int64_t now = ctx->now;
    int res = demo_as_user(ctx, DEMO_COORDINATOR, &coord);
    if (res == 0) {
        ctx->now = s.starts_at - 10 * 60000;
        res = hours_signup_checkin(ctx, su, &out);
    }
    if (res == 0) {
        ctx->now = s.ends_at - HOUR_MS + 5 * 60000; /* she left an hour early */
        res = hours_signup_checkout(ctx, su, &out);
    }
    ctx->now = now;
    return res;
}

static int pending_report(wy_ctx *ctx, const volunteer_project *p)
{
    principal me;
    if (demo_as_user(ctx, DEMO_REPORTER, &me) < 0)
        return -1;
    hours_record *rs;
    size_t n;
    if (store_hours_by_user(ctx->c, ctx->a, me.user_id, 0, 1000, &rs, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rs[i].source, "reported") && !strcmp(rs[i].note, DEMO_REPORT_NOTE))
            return 0;
    /* yesterday, China time */
    time_t t = (time_t)((ctx->now + 8 * HOUR_MS - DAY_MS) / 1000);
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
    if (project_of(ctx, &p) < 0)
        return demo_failed(ctx, "find the demo volunteer project");
    if (served(ctx) < 0)
        return demo_failed(ctx, "check the demo volunteer in and out of last weekend's shift");
    if (pending_report(ctx, &p) < 0)
        return demo_failed(ctx, "report the demo volunteer's hours");
    if (verbose)
        fprintf(stderr, "volunteers: hours of last weekend's shift verified, one report pending\n");
    ctx->who = NULL;
    return 0;
}
