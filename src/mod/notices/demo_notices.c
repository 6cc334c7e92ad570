/* demo_notices: the notices of `wenyun demo`, published through the real review chain. */
#include <stdio.h>
#include <string.h>

#include "core/demo_kit.h"
#include "mod/notices/notice.h"

static const struct demo_notice {
    const char *author_phone, *division, *title, *body;
} demo_notices[] = {
    {DEMO_DISTRICT_ADMIN, "510402", "东区2026年冬季公益文化培训报名通知",
     "东区文化馆2026年冬季公益培训班（书法、国画、合唱、舞蹈）即将开班，全部免费，"
     "面向辖区居民。报名时间以各课程页面为准，名额不足时以抽签方式确定学员。"},
    {DEMO_CITY_ADMIN, "5104", "攀枝花市15分钟品质文化生活圈建设工作推进会召开",
     "会议通报了全市城市书房、文化驿站等新型公共文化空间建设进展，"
     "部署下一阶段阵地建设与错时延时开放工作。"},
};

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
    if (demo_as_user(ctx, dn->author_phone, &author) < 0 ||
        notice_create(ctx, dn->division, dn->title, dn->body, &id) < 0 ||
        notice_submit(ctx, id, &status) < 0)
        return -1;
    return demo_approve_through_chain(ctx, "notice", id, status);
}

int notices_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    (void)verbose;
    for (size_t i = 0; i < sizeof(demo_notices) / sizeof(demo_notices[0]); i++)
        if (ensure_notice(ctx, &demo_notices[i]) < 0)
            return demo_failed(ctx, "publish a demo notice");
    ctx->who = NULL;
    return 0;
}
