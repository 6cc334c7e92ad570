/*
 * demo_stars: the star volunteer of `wenyun demo` in 东区. 刘思远 served 24 Saturdays of five
 * hours with 东区文化志愿者协会 (verified records posted to the hours ledger here, as the
 * organisation's verification would), applied for one star (the national default: 100 hours),
 * went through the public notice without objection and was granted it by the coordinator; the
 * organisation issued the certificate of his service record. 杨丽华, with 22 such Saturdays,
 * has applied and is on the public notice now. A second run adds nothing.
 */
#include <stdio.h>
#include <string.h>

#include "core/demo_kit.h"
#include "core/ledger.h"
#include "mod/volunteers/star.h"

#define DEMO_COORDINATOR "13900000021"
#define DEMO_ORG         "东区文化志愿者协会"
#define DAY_MS           (86400 * (int64_t)1000)
/* marks the demo's records, so that a second run (or other demo hours) changes nothing */
#define DEMO_NOTE "周六大渡口街道文化站图书整理与阅读推广（演示）"

static int find_org(wy_ctx *ctx, int64_t *id)
{
    volunteer_org *os;
    size_t n;
    *id = 0;
    if (store_volunteer_org_list(ctx->c, ctx->a, "510402", 0, 1000, &os, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(os[i].name, DEMO_ORG) && !os[i].parent_id)
            *id = os[i].id;
    return *id ? 0 : -1;
}

/* Saturdays of five hours (09:00-14:00 China time), the last one about back days ago, each
 * reported, verified by the coordinator and posted to the hours ledger. */
static int post_hours(wy_ctx *ctx, const volunteer *v, int64_t org, int saturdays, int back,
                      int64_t coordinator)
{
    int64_t n;
    if (store_star_demo_count(ctx->c, v->user_id, DEMO_NOTE, &n) != WY_OK)
        return -1;
    if (n > 0)
        return 0; /* posted by an earlier run */
    /* the Saturday on or before back days ago, at 00:00 China time */
    int64_t day = (ctx->now - back * DAY_MS + 8 * 3600 * (int64_t)1000) / DAY_MS;
    while ((day + 4) % 7 != 6)
        day--;
    char debit[32], credit[32];
    snprintf(debit, sizeof debit, "org:%lld", (long long)org);
    snprintf(credit, sizeof credit, "u:%lld", (long long)v->user_id);
    if (tx_begin(ctx) < 0)
        return -1;
    int res = ledger_open_account(ctx->c, STAR_HOURS_BOOK, debit, 1) == WY_OK ? 0 : -1;
    for (int i = 0; res == 0 && i < saturdays; i++) {
        int64_t start = (day - 7 * i) * DAY_MS - 8 * 3600 * (int64_t)1000 + 9 * 3600 * 1000;
        int64_t end = start + 5 * 3600 * 1000, id;
        ledger_entry e;
        ledger_posting p = {.book = STAR_HOURS_BOOK,
                            .debit = debit,
                            .credit = credit,
                            .amount = 300,
                            .kind = "service",
                            .ref_type = "volunteer_hours",
                            .unit = DEMO_ORG,
                            .recorded_by = coordinator};
        if (store_star_demo_hours(ctx->c, v->id, v->user_id, org, start, end, 300, DEMO_NOTE,
                                  v->user_id, end, &id) != WY_OK)
            res = -1;
        p.ref_id = id;
        if (res == 0 && ledger_post(ctx->c, &p, end + DAY_MS, &e) != WY_OK)
            res = -1;
        if (res == 0 &&
            store_star_demo_verify(ctx->c, id, e.id, coordinator, end + DAY_MS) != WY_OK)
            res = -1;
    }
    if (res < 0)
        wy_fail(ctx, E_INTERNAL, "internal", "the demo hours could not be posted");
    return tx_end(ctx, res);
}

static int volunteer_of(wy_ctx *ctx, const char *phone, volunteer *v, principal *p)
{
    return demo_as_user(ctx, phone, p) < 0 ||
                   store_volunteer_by_user(ctx->c, ctx->a, p->user_id, v) != WY_OK
               ? -1
               : 0;
}

int volunteers_demo_stars(wy_ctx *ctx, int verbose)
{
    int64_t org, app;
    principal coord, pv, py;
    volunteer liu, yang;
    const int64_t now = ctx->now;
    if (find_org(ctx, &org) < 0 || demo_as_user(ctx, DEMO_COORDINATOR, &coord) < 0 ||
        volunteer_of(ctx, "13800002001", &liu, &pv) < 0 ||
        volunteer_of(ctx, "13800002002", &yang, &py) < 0)
        return demo_failed(ctx, "find the demo volunteers");
    if (post_hours(ctx, &liu, org, 24, 30, coord.user_id) < 0 ||
        post_hours(ctx, &yang, org, 22, 3, coord.user_id) < 0)
        return demo_failed(ctx, "post the demo hours");
    /* 刘思远: applied a month ago, granted after the notice */
    int level;
    star_application *as;
    size_t n;
    if (store_star_level_get(ctx->c, liu.id, &level) != WY_OK ||
        store_star_application_list(ctx->c, ctx->a, NULL, "", liu.user_id, 0, 10, &as, &n) != WY_OK)
        return demo_failed(ctx, "read the demo star levels");
    if (!n) {
        ctx->now = now - 25 * DAY_MS;
        int rc = demo_as_user(ctx, "13800002001", &pv) < 0 ? -1 : star_apply(ctx, 0, 1, &app);
        ctx->now = now - 14 * DAY_MS;
        if (rc == 0)
            rc = demo_as_user(ctx, DEMO_COORDINATOR, &coord) < 0
                     ? -1
                     : star_decide(ctx, app, "grant", NULL, "公示期满无异议，予以认定。", NULL);
        ctx->now = now;
        if (rc < 0)
            return demo_failed(ctx, "grant the demo star level");
    }
    /* 杨丽华: on the public notice now */
    if (store_star_application_list(ctx->c, ctx->a, NULL, "", yang.user_id, 0, 10, &as, &n) !=
        WY_OK)
        return demo_failed(ctx, "read the demo star applications");
    if (!n && (demo_as_user(ctx, "13800002002", &py) < 0 || star_apply(ctx, 0, 1, &app) < 0))
        return demo_failed(ctx, "apply for the demo star level");
    /* the organisation's certificate of 刘思远's service record */
    certificate c;
    int existing;
    if (demo_as_user(ctx, DEMO_COORDINATOR, &coord) < 0 ||
        volunteer_certificate_issue(ctx, org, liu.id, &c, &existing) < 0)
        return demo_failed(ctx, "issue the demo service certificate");
    if (verbose && !existing)
        fprintf(stderr, "volunteers: a one-star volunteer (刘思远) with certificate %s\n",
                c.number);
    ctx->who = NULL;
    return 0;
}
