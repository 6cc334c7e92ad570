/* demo_posts: a post at a venue of 东区 (讲解员), the demo team paired with that venue, and the
 * demo project insured — each through the same rules as anyone, by the demo coordinator, and each
 * only when it is not there yet. */
#include <stdio.h>
#include <string.h>

#include "core/demo_kit.h"
#include "mod/volunteers/posts.h"

#define DEMO_COORDINATOR "13900000021"
#define DEMO_PROJECT     "大渡口街道文化站周末图书整理与阅读推广"
#define DEMO_TEAM        "大渡口街道文化志愿服务队"
#define DEMO_POST        "讲解员"

int posts_demo(wy_ctx *ctx)
{
    post_venue *vs;
    size_t nv;
    if (store_post_venues(ctx->c, ctx->a, "510402", 1, &vs, &nv) != WY_OK)
        return -1;
    if (!nv)
        return 0; /* no venue in 东区: nothing to post at */
    principal coord;
    if (demo_as_user(ctx, DEMO_COORDINATOR, &coord) < 0)
        return -1;
    volunteer_post *ps;
    size_t np, i;
    if (store_post_list(ctx->c, ctx->a, "", vs[0].id, 1, 0, 100, &ps, &np) != WY_OK)
        return -1;
    for (i = 0; i < np && strcmp(ps[i].title, DEMO_POST); i++)
        ;
    if (i == np) {
        static const char *const skills[] = {"guide"};
        post_input in = {.venue_id = vs[0].id,
                         .title = DEMO_POST,
                         .description = "为到馆参观的群众讲解馆内展陈和本地非遗项目，"
                                        "需普通话标准、熟悉东区历史文化。",
                         .schedule = "每周六、周日上午9:00–12:00",
                         .wanted = 4,
                         .skills = skills,
                         .nskills = 1};
        int64_t id;
        if (post_create(ctx, &in, &id) < 0)
            return -1;
    }
    /* the demo team paired with the venue */
    volunteer_org *os;
    size_t no;
    int64_t team = 0;
    if (store_volunteer_org_list(ctx->c, ctx->a, "510402", 0, 1000, &os, &no) != WY_OK)
        return -1;
    for (i = 0; i < no; i++)
        if (!strcmp(os[i].name, DEMO_TEAM))
            team = os[i].id;
    volunteer_pairing *prs;
    size_t npr;
    if (store_pairing_list(ctx->c, ctx->a, vs[0].id, team, &prs, &npr) != WY_OK)
        return -1;
    int64_t id;
    if (team && !npr &&
        pairing_create(ctx, team, vs[0].id, "2026-01-01", NULL, "驻馆开展讲解和阅读推广服务", &id) <
            0)
        return -1;
    /* the demo project insured */
    volunteer_project *pjs;
    size_t nj;
    if (store_volunteer_project_list(ctx->c, ctx->a, "510402001", NULL, 0, 1000, &pjs, &nj) !=
        WY_OK)
        return -1;
    for (i = 0; i < nj; i++) {
        project_insurance r;
        if (strcmp(pjs[i].title, DEMO_PROJECT))
            continue;
        int rc = store_insurance_get(ctx->c, ctx->a, pjs[i].id, &r);
        if (rc == WY_OK)
            continue;
        if (rc != WY_NOTFOUND)
            return -1;
        project_insurance in = {.insurer = "中国人民财产保险股份有限公司攀枝花市分公司",
                                .policy_no = "PZH2026VOL000123",
                                .cover_from = "2026-01-01",
                                .cover_to = "2026-12-31",
                                .summary = "志愿服务期间意外伤害身故、伤残及意外医疗"};
        if (insurance_put(ctx, pjs[i].id, &in) < 0)
            return -1;
    }
    return 0;
}
