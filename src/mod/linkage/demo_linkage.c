/* demo_linkage: `wenyun demo` adds a province-level linkage programme of 四川省 (51) through the
 * module's rules: 攀枝花市 (5104) and 成都市 (5101) take part with 玉溪市 (5304, 云南省) as a
 * participant from another province; the two Sichuan plans approved by the province's
 * reviewer, a 听看评 session in 攀枝花 with guests from both, an alliance with its agreement,
 * a summary, self-evaluations, a rubric, an expert's scores and a commendation. The steps are
 * recorded as of their dates in the programme's year. A second run finds the programme and
 * changes nothing. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/account.h"
#include "core/division.h"
#include "mod/linkage/handlers.h"
#include "mod/linkage/linkage.h"

#define DEMO_TITLE "四川省公共文化服务区域文化联动（示例）"
/* the province's staff, made by the demo (docs/linkage.md) */
#define SC_ADMIN    "13900000050"
#define SC_REVIEWER "13900000051"

static int64_t at(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 2};
    return (int64_t)timegm(&tm) * 1000;
}

static int failed(wy_ctx *ctx, const char *what)
{
    fprintf(stderr, "demo: linkage: %s: %s (%s)\n", what, ctx->err.message,
            ctx->err.code ? ctx->err.code : "");
    return -1;
}

static int load_divisions(wy_ctx *ctx, const char *data_dir, const char *prefix)
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
    return division_import_files(ctx, files, 5, prefix, 0, &rep);
}

static int ensure_account(wy_ctx *ctx, const char *phone, const char *name, const char *pw,
                          const char *role, int64_t *id)
{
    account u;
    if (store_user_by_phone(ctx->c, ctx->a, phone, &u) == WY_OK) {
        *id = u.id;
        return 0;
    }
    return account_create(ctx, phone, pw, name, role, "51", id);
}

static int build(wy_ctx *ctx, int64_t reviewer_id)
{
    lk_programme_input in = {
        .division = "51",
        .title = DEMO_TITLE,
        .description = "全省示范区（项目）城市开展省内、跨省区域文化联动：主题交流“听、看、评”、"
                       "联盟合作、论坛讲座、展览演出，年底自评、综合评估、表扬奖励。",
        .year = 2026,
        .themes = {"标准化", "均等化", "社会化", "数字化", "基层活动", "人才队伍", "效能",
                   "制度创新"},
        .nthemes = 8,
        .stages = {{"deploy", NULL, "2026-04-05"},
                   {"plans_due", NULL, "2026-04-20"},
                   {"carry_out", "2026-05-01", "2026-09-30"},
                   {"self_evaluate", "2026-10-01", "2026-10-20"},
                   {"evaluate", "2026-10-21", "2026-11-15"},
                   {"commend", NULL, "2026-11-30"}},
        .nstages = 6,
    };
    int64_t pid, part;
    ctx->now = at(2026, 4, 2);
    if (linkage_programme_create(ctx, &in, &pid) < 0)
        return failed(ctx, "programme");
    const char *parts[] = {"5101", "5104", "5304"};
    for (int i = 0; i < 3; i++)
        if (linkage_participant_add(ctx, pid, parts[i], &part) < 0)
            return failed(ctx, "participant");
    ctx->now = at(2026, 4, 15);
    lk_plan pz, cd, yx;
    if (linkage_plan_submit(ctx, pid, "5104", "攀枝花市区域文化联动工作方案",
                            "以“阳光康养”为主题，与成都市、玉溪市开展标准化、数字化主题交流。",
                            &pz) < 0 ||
        linkage_plan_submit(ctx, pid, "5101", "成都市区域文化联动工作方案",
                            "牵头组建成渝—攀西公共文化服务联盟，签订合作协议。", &cd) < 0 ||
        linkage_plan_submit(ctx, pid, "5304", "玉溪市跨省文化联动方案",
                            "参加攀枝花市主题交流，交流基层文化活动经验。", &yx) < 0)
        return failed(ctx, "plan");
    /* the province's reviewer approves the Sichuan plans (玉溪's waits for 云南省) */
    principal rv;
    const principal *trusted = ctx->who;
    if (account_principal_by_id(ctx, reviewer_id, &rv) < 0)
        return failed(ctx, "reviewer");
    int64_t plans[2] = {pz.id, cd.id};
    for (int i = 0; i < 2; i++) {
        review_item it;
        if (store_review_item_by_content(ctx->c, ctx->a, linkage_review_plan.name, plans[i], &it) !=
            WY_OK)
            return failed(ctx, "review item");
        ctx->who = &rv;
        int rc = review_decide(ctx, it.id, "approve", NULL, NULL);
        ctx->who = trusted;
        if (rc < 0)
            return failed(ctx, "approve");
    }
    ctx->now = at(2026, 5, 20);
    lk_activity_input session = {.plan_id = pz.id,
                                 .kind = "exchange",
                                 .theme = "标准化",
                                 .title = "“听看评”主题交流：公共文化服务标准化（攀枝花）",
                                 .starts_on = "2026-06-10",
                                 .ends_on = "2026-06-11",
                                 .host = "5104",
                                 .guests = {"5101", "5304"},
                                 .nguests = 2};
    lk_activity_input alliance = {.plan_id = cd.id,
                                  .kind = "alliance",
                                  .theme = "社会化",
                                  .title = "成渝—攀西公共文化服务联盟成立",
                                  .starts_on = "2026-07-08",
                                  .ends_on = "2026-07-08",
                                  .host = "5101",
                                  .guests = {"5104", "5304"},
                                  .nguests = 2,
                                  .agreement_text =
                                      "三市在图书通借通还、文化志愿服务、"
                                      "演出展览巡回方面开展合作，每年轮值召开联席会议。",
                                  .agreement_signed_on = "2026-07-08",
                                  .members = {"5101", "5104", "5304"},
                                  .nmembers = 3};
    int64_t sid, aid;
    if (linkage_activity_create(ctx, pid, &session, &sid) < 0 ||
        linkage_activity_create(ctx, pid, &alliance, &aid) < 0)
        return failed(ctx, "activity");
    ctx->now = at(2026, 6, 15);
    static const char agenda[] = "6月10日 听：攀枝花市标准化建设经验介绍\n"
                                 "6月10日 看：东区、米易县现场观摩\n"
                                 "6月11日 评：专家点评打分\n";
    attachment_file f = {"活动议程.txt", "text/plain; charset=utf-8", agenda, sizeof(agenda) - 1};
    attachment att;
    if (linkage_summary_set(
            ctx, sid, "两天交流，听取经验介绍 3 场、现场观摩 6 处，专家提出改进意见 12 条。") < 0 ||
        linkage_media_add(ctx, sid, "programme", &f, &att) < 0)
        return failed(ctx, "materials");
    /* 成都's alliance has no summary yet: the job linkage-materials chases it */
    ctx->now = at(2026, 10, 10);
    if (linkage_self_evaluate(ctx, pid, "5104", "完成交流 1 场，成果纳入示范区动态管理。", 88) <
            0 ||
        linkage_self_evaluate(ctx, pid, "5101", "组建联盟，签订合作协议。", 85) < 0)
        return failed(ctx, "self-evaluation");
    lk_criterion ks[] = {{0, "session", "经验的示范性", 40}, {0, "session", "现场组织", 30},
                         {0, "session", "交流成效", 30},     {0, "participant", "方案落实", 50},
                         {0, "participant", "联动成效", 30}, {0, "participant", "材料报送", 20}};
    if (linkage_criteria_set(ctx, pid, ks, 6) < 0)
        return failed(ctx, "rubric");
    lk_criterion *kk;
    size_t nk;
    if (linkage_criteria(ctx, pid, &kk, &nk) < 0 || nk != 6)
        return failed(ctx, "rubric");
    int64_t sc[3], pc[3];
    for (size_t i = 0, s = 0, p = 0; i < nk; i++) {
        if (!strcmp(kk[i].target, "session"))
            sc[s++] = kk[i].id;
        else
            pc[p++] = kk[i].id;
    }
    ctx->now = at(2026, 10, 25);
    ctx->who = &rv;
    int rc =
        linkage_score(ctx, pid, "session", sid, NULL, sc, (int[]){92, 88, 90}, 3, "示范性强") ||
        linkage_score(ctx, pid, "participant", 0, "5104", pc, (int[]){90, 86, 95}, 3, "") ||
        linkage_score(ctx, pid, "participant", 0, "5101", pc, (int[]){88, 90, 70}, 3, "");
    ctx->who = trusted;
    if (rc)
        return failed(ctx, "scores");
    ctx->now = at(2026, 11, 28);
    int64_t kid;
    if (linkage_commend(ctx, pid, "5104", "区域文化联动优秀城市",
                        "“听看评”主题交流组织规范、成效显著。", &kid) < 0)
        return failed(ctx, "commendation");
    return 0;
}

int linkage_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    lk_programme *ps;
    size_t n;
    if (store_lk_programme_list(ctx->c, ctx->a, 0, 100, &ps, &n) == WY_OK)
        for (size_t i = 0; i < n; i++)
            if (!strcmp(ps[i].division, "51") && !strcmp(ps[i].title, DEMO_TITLE))
                return 0;
    const principal *who = ctx->who;
    int64_t now = ctx->now;
    ctx->who = NULL;
    int64_t admin, reviewer;
    int rc = -1;
    if (load_divisions(ctx, data_dir, "5101") < 0 || load_divisions(ctx, data_dir, "5304") < 0)
        failed(ctx, "divisions");
    else if (ensure_account(ctx, SC_ADMIN, "四川省文化和旅游厅管理员", "Demo2026sc", "city_admin",
                            &admin) < 0 ||
             ensure_account(ctx, SC_REVIEWER, "四川省评估专家", "Demo2026scr", "reviewer",
                            &reviewer) < 0)
        failed(ctx, "accounts");
    else
        rc = build(ctx, reviewer);
    ctx->who = who;
    ctx->now = now;
    if (rc == 0 && verbose)
        fprintf(stderr, "demo: linkage programme %s\n", DEMO_TITLE);
    return rc;
}
