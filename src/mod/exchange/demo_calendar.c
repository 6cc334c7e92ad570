/*
 * demo_calendar: the coordination calendar's part of `wenyun demo`, in 玉溪市 (5304). The demo
 * has no divisions of 慈溪市 or 长治市, so the exchanges their plans describe — 文化走亲 between
 * villages (Cixi), the "中国曲艺城市" alliance and the reading alliance (Changzhi), a pairing
 * with a Beijing district — are plan entries of 玉溪市's calendar, between real villages and
 * counties of 玉溪市 and with its partner 北京顺义区; their dates and units are illustrative.
 * Approved through 玉溪市's chain but for the last one, which the calendar warns of (the same
 * partner as the pairing, overlapping). A second run adds nothing.
 */
#include <string.h>

#include "core/demo_kit.h"
#include "mod/exchange/calendar.h"

static const struct demo_plan {
    const char *division, *unit, *title, *kind, *starts_on, *ends_on, *partner, *note;
    int approve;
} demo_plans[] = {
    {"530402201201", "小石桥村民委员会", "文化走亲：小石桥村—土官田村", "visit", "2027-04-10",
     "2027-04-11", NULL,
     "村与村互送节目、结对交流（慈溪市“文化走亲”的做法）：小石桥村文艺队赴江川区土官田村演出", 1},
    {"530403001201", "土官田村民委员会", "文化走亲：土官田村回访小石桥村", "visit", "2027-05-15",
     "2027-05-16", NULL, "土官田村花灯队回访红塔区小石桥彝族乡小石桥村", 1},
    {"5304", "玉溪市文化和旅游局", "曲艺城市联盟交流展演", "festival", "2027-07-20", "2027-07-26",
     NULL, "参照长治市“中国曲艺城市”联盟：联盟城市曲艺团队来玉溪交流展演", 1},
    {"5304", "玉溪市图书馆", "阅读联盟共读月", "culture_month", "2027-04-01", "2027-04-30", NULL,
     "参照长治市阅读联盟：市县图书馆与农家书屋联合开展全民阅读", 1},
    {"530402", "红塔区文化和旅游局", "与北京顺义区结对交流", "study_visit", "2027-06-01",
     "2027-06-05", "北京顺义区", "区际结对：文化馆、图书馆业务骨干互访学习", 1},
    {"530481", "澄江市文化和旅游局", "澄江·顺义文化周", "culture_week", "2027-06-03", "2027-06-09",
     "北京顺义区", "与红塔区的结对交流日期重叠：日历提示同一伙伴", 0},
};

static int64_t partner_named(wy_ctx *ctx, const char *name)
{
    exchange_partner *ps;
    size_t n;
    if (store_exchange_partner_list(ctx->c, ctx->a, "5304", 0, 100, &ps, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ps[i].name, name))
            return ps[i].id;
    return 0;
}

int exchange_demo_calendar(wy_ctx *ctx, const char *admin_phone, const char *reviewer_phone)
{
    exchange_plan *have;
    size_t nhave;
    if (store_exchange_plan_list(ctx->c, ctx->a, "5304", "2027-01-01", "2027-12-31", 0,
                                 EXCHANGE_CALENDAR_MAX, &have, &nhave) != WY_OK)
        return demo_failed(ctx, "list the demo exchange plans");
    principal admin, rv;
    if (demo_as_user(ctx, admin_phone, &admin) < 0)
        return demo_failed(ctx, "act as the demo admin of 玉溪市");
    for (size_t i = 0; i < sizeof(demo_plans) / sizeof(demo_plans[0]); i++) {
        const struct demo_plan *d = &demo_plans[i];
        int exists = 0;
        for (size_t k = 0; k < nhave; k++)
            exists |= !strcmp(have[k].title, d->title);
        if (exists)
            continue;
        int64_t partner = d->partner ? partner_named(ctx, d->partner) : 0;
        if (partner < 0 || (d->partner && partner == 0))
            return demo_failed(ctx, "find a demo exchange partner");
        exchange_plan_input in = {.division = d->division,
                                  .unit = d->unit,
                                  .title = d->title,
                                  .kind = d->kind,
                                  .starts_on = d->starts_on,
                                  .ends_on = d->ends_on,
                                  .note = d->note,
                                  .partners = &partner,
                                  .npartners = partner ? 1 : 0};
        exchange_plan_full f;
        const char *status;
        ctx->who = &admin;
        if (exchange_plan_create(ctx, &in, &f) < 0 ||
            exchange_plan_submit(ctx, f.p.id, &status) < 0)
            return demo_failed(ctx, "add a demo exchange plan");
        review_item it;
        if (!d->approve || strcmp(status, "pending"))
            continue;
        if (store_review_item_by_content(ctx->c, ctx->a, "exchange_plan", f.p.id, &it) != WY_OK ||
            demo_as_user(ctx, reviewer_phone, &rv) < 0 ||
            review_decide(ctx, it.id, "approve", NULL, &it) < 0)
            return demo_failed(ctx, "approve a demo exchange plan");
    }
    ctx->who = NULL;
    return 0;
}
