/* Tests of regional linkage programmes on a database (both backends): a programme of 四川省
 * (51) with 攀枝花市 (5104), 成都市 (5101) and 玉溪市 (5304, 云南省) taking part. Who writes
 * (tasks_manage over the owner, the participant, the host), who sees what (the owner's staff
 * all, a province or a city its own participants, nobody else), plans refused after their
 * deadline and approved through core review at the level above (never by their author),
 * activities only under an approved plan, materials and the job that chases them once a week,
 * self-evaluations, the rubric, experts' scores (never their own division's) and the weighted
 * ranking, commendations and the summary; and the demo's programme, which a second run leaves
 * as it is. */
#include <time.h>

#include "testlib.h"

#include "core/account.h"
#include "core/jobs.h"
#include "db/store_util.h"
#include "demo.h"
#include "mod/linkage/linkage.h"

#define PZ_ADMIN    "13900000001" /* city_admin of 攀枝花市 (5104) */
#define PZ_REVIEWER "13900000004" /* reviewer of 5104 */
#define CITIZEN     "13800000006"
#define SC_ADMIN    "13900000050" /* city_admin of 四川省 (51), made by the module's demo */
#define SC_REVIEWER "13900000051" /* reviewer of 51, account in 51 */
#define YN_ADMIN    "13900000053" /* city_admin of 云南省 (53), made here */
#define CD_REVIEWER "13900000054" /* reviewer of 51 and city_admin of 5101, account in 5101 */
#define PZ_EXPERT   "13900000055" /* reviewer of 51, account in 5104 */

#define DAY 86400000LL

static int64_t count(tdb *t, const char *sql, const char *arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "t", arg), &v), WY_OK);
    return v;
}

static int64_t make(tdb *t, const char *phone, const char *role, const char *division)
{
    int64_t id;
    t->ctx.who = NULL;
    assert_int_equal(account_create(&t->ctx, phone, "Secure2026pw", "测试", role, division, &id),
                     0);
    return id;
}

static void day_of(tdb *t, int64_t offset_days, char out[11])
{
    linkage_date_of(t->ctx.now + offset_days * DAY, out);
}

/* A programme of 51 with plans due in 10 days, self-evaluations in 20, and the three
 * participants. */
static int64_t programme(tdb *t)
{
    char plans[11], self[11];
    day_of(t, 10, plans);
    day_of(t, 20, self);
    lk_programme_input in = {.division = "51",
                             .title = "测试联动",
                             .year = 2026,
                             .themes = {"标准化", "数字化"},
                             .nthemes = 2,
                             .stages = {{"plans_due", NULL, ""}, {"self_evaluate", NULL, ""}},
                             .nstages = 2};
    in.stages[0].due_on = arena_strdup(t->ctx.a, plans);
    in.stages[1].due_on = arena_strdup(t->ctx.a, self);
    int64_t id, p;
    tdb_as(t, PZ_ADMIN); /* a city's admin does not deploy the province's programme */
    assert_int_equal(linkage_programme_create(&t->ctx, &in, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, SC_ADMIN);
    in.nthemes = 0;
    assert_int_equal(linkage_programme_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_themes");
    in.nthemes = 2;
    in.year = 1990;
    assert_int_equal(linkage_programme_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_year");
    in.year = 2026;
    in.stages[0].stage = "later";
    assert_int_equal(linkage_programme_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_stages");
    in.stages[0].stage = "plans_due";
    assert_int_equal(linkage_programme_create(&t->ctx, &in, &id), 0);
    assert_int_equal(linkage_programme_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "programme_exists");
    tdb_as(t, PZ_ADMIN); /* 攀枝花 does not even see the programme before it takes part */
    assert_int_equal(linkage_participant_add(&t->ctx, id, "5104", &p), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_as(t, SC_ADMIN);
    assert_int_equal(linkage_participant_add(&t->ctx, id, "5104", &p), 0);
    assert_int_equal(linkage_participant_add(&t->ctx, id, "5101", &p), 0);
    assert_int_equal(linkage_participant_add(&t->ctx, id, "5304", &p), 0);
    assert_int_equal(linkage_participant_add(&t->ctx, id, "5304", &p), -1);
    assert_string_equal(t->ctx.err.code, "participant_exists");
    assert_int_equal(linkage_participant_add(&t->ctx, id, "9999", &p), -1);
    assert_string_equal(t->ctx.err.code, "unknown_division");
    return id;
}

static void sees(tdb *t, const char *phone, int64_t id, const char *want)
{
    tdb_as(t, phone);
    lk_view v;
    assert_int_equal(linkage_programme_view(&t->ctx, id, &v), 0);
    char got[64] = "";
    for (size_t i = 0; i < v.nparts; i++)
        snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", i ? "," : "",
                 v.parts[i].division);
    assert_string_equal(got, want);
}

static void test_scope_plans_review(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    make(t, YN_ADMIN, "city_admin", "53");
    int64_t cdr = make(t, CD_REVIEWER, "city_admin", "5101");
    int64_t gid;
    assert_int_equal(store_role_grant(t->ctx.c, cdr, "reviewer", "51", 0, t->ctx.now, &gid), WY_OK);
    int64_t id = programme(t);

    /* scope: the owner's staff see all, a province or a city its own, a citizen nothing */
    sees(t, SC_ADMIN, id, "5101,5104,5304");
    sees(t, SC_REVIEWER, id, "5101,5104,5304");
    sees(t, YN_ADMIN, id, "5304");
    sees(t, PZ_ADMIN, id, "5104");
    sees(t, PZ_REVIEWER, id, "5104");
    tdb_as(t, CITIZEN);
    lk_view v;
    assert_int_equal(linkage_programme_view(&t->ctx, id, &v), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    lk_programme *ps;
    size_t n;
    int64_t next;
    assert_int_equal(linkage_programme_list(&t->ctx, 0, 20, &ps, &n, &next), 0);
    assert_int_equal(n, 0);
    tdb_as(t, YN_ADMIN);
    assert_int_equal(linkage_programme_list(&t->ctx, 0, 20, &ps, &n, &next), 0);
    assert_int_equal(n, 2); /* this one and the demo's, where 玉溪 takes part too */

    /* plans: the participant's staff submit, once; the level above decides */
    lk_plan pz, cd;
    tdb_as(t, PZ_ADMIN);
    /* another city's participation is none of 攀枝花's business: not even seen */
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5101", "方案", "", &cd), -1);
    assert_string_equal(t->ctx.err.code, "not_a_participant");
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5105", "方案", "", &cd), -1);
    assert_string_equal(t->ctx.err.code, "not_a_participant");
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5104", "", "", &pz), -1);
    assert_string_equal(t->ctx.err.code, "bad_title");
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5104", "攀枝花方案", "内容", &pz), 0);
    assert_string_equal(pz.status, "pending");
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5104", "攀枝花方案", "内容", &pz), -1);
    assert_string_equal(t->ctx.err.code, "plan_submitted");
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "linkage_plan", pz.id, &it),
                     WY_OK);
    assert_string_equal(it.division, "51"); /* the level above the city */
    assert_string_equal(it.levels, "province");
    /* the city's own reviewer is not the level above */
    tdb_as(t, PZ_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, SC_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), 0);
    assert_int_equal(store_lk_plan_get(t->ctx.c, t->ctx.a, pz.id, &pz), WY_OK);
    assert_string_equal(pz.status, "approved");
    /* nobody approves their own: 成都's admin, a provincial reviewer too, submits */
    tdb_as(t, CD_REVIEWER);
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5101", "成都方案", "", &cd), 0);
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "linkage_plan", cd.id, &it),
                     WY_OK);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    tdb_as(t, SC_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, it.id, "reject", "请补充跨省联动内容", NULL), 0);
    assert_int_equal(store_lk_plan_get(t->ctx.c, t->ctx.a, cd.id, &cd), WY_OK);
    assert_string_equal(cd.status, "rejected");
    /* a province's plan: its own reviewers decide (no level above it in the tree) */
    tdb_as(t, YN_ADMIN);
    lk_plan yx;
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5304", "玉溪方案", "", &yx), 0);
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "linkage_plan", yx.id, &it),
                     WY_OK);
    assert_string_equal(it.division, "53");
    /* the plans each sees */
    lk_plan *pl;
    assert_int_equal(linkage_plans(&t->ctx, id, &pl, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(pl[0].division, "5304");
    tdb_as(t, SC_ADMIN);
    assert_int_equal(linkage_plans(&t->ctx, id, &pl, &n), 0);
    assert_int_equal(n, 3);
    /* too late: after plans_due, a rejected plan is not submitted again */
    t->ctx.now += 11 * DAY;
    tdb_as(t, CD_REVIEWER);
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5101", "成都方案（修改）", "", &cd), -1);
    assert_string_equal(t->ctx.err.code, "plans_closed");
    assert_int_equal(t->ctx.err.cls, E_RULE);
    assert_int_equal(store_lk_plan_get(t->ctx.c, t->ctx.a, cd.id, &cd), WY_OK);
    assert_string_equal(cd.title, "成都方案");
    assert_int_equal(
        count(t, "SELECT count(*) FROM audit_log WHERE action = ?", "linkage.plan.submit"),
        3 + 3); /* the demo's three and these */
    tdb_close(t);
}

/* The pages' way to a plan's decision: linkage_plan_item says whether the caller may decide it
 * now (a reviewer of the level above, never its submitter), linkage_plan_decide goes through
 * core review; linkage_stage_open is the deadline the rules apply. */
static void test_plan_decision(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t cdr = make(t, CD_REVIEWER, "city_admin", "5101");
    int64_t gid;
    assert_int_equal(store_role_grant(t->ctx.c, cdr, "reviewer", "51", 0, t->ctx.now, &gid), WY_OK);
    int64_t id = programme(t);
    lk_plan pz, cd;
    review_item it;
    int may = -1;
    int64_t prog = 0;
    tdb_as(t, PZ_ADMIN);
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5104", "攀枝花方案", "内容", &pz), 0);
    assert_int_equal(linkage_plan_item(&t->ctx, &pz, &it, &may), 0);
    assert_true(it.id > 0);
    assert_int_equal(may, 0); /* its own admin reviews nothing */
    assert_int_equal(linkage_plan_decide(&t->ctx, pz.id, "approve", NULL, &prog), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(prog, id);
    tdb_as(t, PZ_REVIEWER); /* the city's own reviewer is not the level above */
    assert_int_equal(linkage_plan_item(&t->ctx, &pz, &it, &may), 0);
    assert_int_equal(may, 0);
    assert_int_equal(linkage_plan_decide(&t->ctx, pz.id, "approve", NULL, &prog), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, SC_REVIEWER);
    assert_int_equal(linkage_plan_item(&t->ctx, &pz, &it, &may), 0);
    assert_int_equal(may, 1);
    assert_int_equal(linkage_plan_decide(&t->ctx, pz.id, "reject", NULL, &prog), -1);
    assert_string_equal(t->ctx.err.code, "reason_required");
    assert_int_equal(store_lk_plan_get(t->ctx.c, t->ctx.a, pz.id, &pz), WY_OK);
    assert_string_equal(pz.status, "pending");
    assert_int_equal(linkage_plan_decide(&t->ctx, pz.id, "reject", "请补充活动安排", &prog), 0);
    assert_int_equal(store_lk_plan_get(t->ctx.c, t->ctx.a, pz.id, &pz), WY_OK);
    assert_string_equal(pz.status, "rejected");
    assert_int_equal(linkage_plan_item(&t->ctx, &pz, &it, &may), 0);
    assert_int_equal(may, 0); /* decided */
    /* a submitter who reviews at the level above too never decides their own */
    tdb_as(t, CD_REVIEWER);
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5101", "成都方案", "", &cd), 0);
    assert_int_equal(linkage_plan_item(&t->ctx, &cd, &it, &may), 0);
    assert_int_equal(may, 0);
    assert_int_equal(it.own, 1);
    assert_int_equal(linkage_plan_decide(&t->ctx, cd.id, "approve", NULL, &prog), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    /* the deadline: plans are due on the tenth day; a stage the programme lacks is open */
    lk_view v;
    assert_int_equal(linkage_programme_view(&t->ctx, id, &v), 0);
    assert_true(linkage_stage_open(&v, "plans_due", t->ctx.now + 10 * DAY));
    assert_false(linkage_stage_open(&v, "plans_due", t->ctx.now + 11 * DAY));
    assert_true(linkage_stage_open(&v, "evaluate", t->ctx.now + 1000 * DAY));
    tdb_close(t);
}

static int64_t criterion(const lk_criterion *k, size_t n, const char *target, int nth)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(k[i].target, target) && nth-- == 0)
            return k[i].id;
    return 0;
}

static void test_activities_materials_evaluation(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    make(t, YN_ADMIN, "city_admin", "53");
    int64_t pze = make(t, PZ_EXPERT, "citizen", "5104");
    int64_t gid;
    assert_int_equal(store_role_grant(t->ctx.c, pze, "reviewer", "51", 0, t->ctx.now, &gid), WY_OK);
    int64_t id = programme(t);
    lk_plan pz, yx;
    tdb_as(t, PZ_ADMIN);
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5104", "攀枝花方案", "", &pz), 0);
    tdb_as(t, YN_ADMIN);
    assert_int_equal(linkage_plan_submit(&t->ctx, id, "5304", "玉溪方案", "", &yx), 0);

    char d1[11], d2[11], later[11];
    day_of(t, -20, d1);
    day_of(t, -19, d2);
    day_of(t, 5, later);
    lk_activity_input in = {.plan_id = pz.id,
                            .kind = "exchange",
                            .theme = "标准化",
                            .title = "听看评：标准化",
                            .starts_on = d1,
                            .ends_on = d2,
                            .host = "5104",
                            .guests = {"5101", "5304"},
                            .nguests = 2};
    int64_t sid, aid;
    tdb_as(t, PZ_ADMIN);
    assert_int_equal(linkage_activity_create(&t->ctx, id, &in, &sid), -1);
    assert_string_equal(t->ctx.err.code, "plan_not_approved");
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "linkage_plan", pz.id, &it),
                     WY_OK);
    tdb_as(t, SC_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, NULL), 0);
    tdb_as(t, PZ_ADMIN);
    in.host = "5101";
    assert_int_equal(linkage_activity_create(&t->ctx, id, &in, &sid), -1);
    assert_string_equal(t->ctx.err.code, "bad_host");
    in.host = "5104";
    in.kind = "party";
    assert_int_equal(linkage_activity_create(&t->ctx, id, &in, &sid), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    in.kind = "exchange";
    in.theme = "旅游";
    assert_int_equal(linkage_activity_create(&t->ctx, id, &in, &sid), -1);
    assert_string_equal(t->ctx.err.code, "bad_theme");
    in.theme = "标准化";
    in.ends_on = "2000-01-01";
    assert_int_equal(linkage_activity_create(&t->ctx, id, &in, &sid), -1);
    assert_string_equal(t->ctx.err.code, "bad_dates");
    in.ends_on = d2;
    in.kind = "alliance";
    assert_int_equal(linkage_activity_create(&t->ctx, id, &in, &aid), -1);
    assert_string_equal(t->ctx.err.code, "agreement_required");
    in.kind = "exchange";
    tdb_as(t, YN_ADMIN); /* a guest does not record the host's activity */
    assert_int_equal(linkage_activity_create(&t->ctx, id, &in, &sid), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, PZ_ADMIN);
    assert_int_equal(linkage_activity_create(&t->ctx, id, &in, &sid), 0);
    lk_activity_input al = in;
    al.kind = "alliance";
    al.theme = "数字化";
    al.title = "数字文化联盟";
    al.starts_on = later;
    al.ends_on = later;
    al.agreement_text = "共建共享数字资源";
    al.agreement_signed_on = later;
    al.members[0] = "5104";
    al.members[1] = "5304";
    al.nmembers = 2;
    assert_int_equal(linkage_activity_create(&t->ctx, id, &al, &aid), 0);
    /* the guest province sees the activity it visits */
    tdb_as(t, YN_ADMIN);
    lk_activity_view av;
    assert_int_equal(linkage_activity_get(&t->ctx, aid, &av), 0);
    assert_int_equal(av.nmembers, 2);
    assert_string_equal(av.agreement.text, "共建共享数字资源");
    tdb_as(t, CITIZEN);
    assert_int_equal(linkage_activity_get(&t->ctx, sid, &av), -1);

    /* materials: after the activity, by its host */
    tdb_as(t, PZ_ADMIN);
    assert_int_equal(linkage_summary_set(&t->ctx, aid, "总结"), -1);
    assert_string_equal(t->ctx.err.code, "not_held_yet");
    tdb_as(t, YN_ADMIN);
    assert_int_equal(linkage_summary_set(&t->ctx, sid, "总结"), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* the job chases the host's staff once a week while something is missing */
    t->ctx.who = NULL;
    const char *chased = "SELECT count(*) FROM notifications WHERE kind = ?";
    assert_int_equal(linkage_job_materials(&t->ctx), 0);
    int64_t first = count(t, chased, "linkage.materials_missing");
    assert_true(first >= 1);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id"
                           " WHERE n.kind = 'linkage.materials_missing' AND u.phone = ?",
                           PZ_ADMIN),
                     1); /* the session; the alliance is still to come */
    assert_int_equal(linkage_job_materials(&t->ctx), 0);
    assert_int_equal(count(t, chased, "linkage.materials_missing"), first);
    tdb_as(t, PZ_ADMIN);
    assert_int_equal(linkage_summary_set(&t->ctx, sid, "交流总结"), 0);
    attachment_file f = {"议程.txt", "text/plain", "议程", strlen("议程")};
    attachment att;
    assert_int_equal(linkage_media_add(&t->ctx, sid, "poster", &f, &att), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    assert_int_equal(linkage_media_add(&t->ctx, sid, "photo", &f, &att), -1);
    assert_string_equal(t->ctx.err.code, "bad_content_type");
    assert_int_equal(linkage_media_add(&t->ctx, sid, "programme", &f, &att), 0);
    assert_int_equal(linkage_activity_get(&t->ctx, sid, &av), 0);
    assert_int_equal(av.nmedia, 1);
    t->ctx.who = NULL;
    t->ctx.now += 8 * DAY; /* a week later: only what is still missing is chased again */
    assert_int_equal(linkage_job_materials(&t->ctx), 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id"
                           " WHERE n.kind = 'linkage.materials_missing' AND u.phone = ?"
                           " AND n.subject_id = (SELECT max(id) FROM linkage_activities"
                           " WHERE kind = 'exchange')",
                           PZ_ADMIN),
                     1);
    t->ctx.now -= 8 * DAY;

    /* self-evaluation */
    tdb_as(t, PZ_ADMIN);
    assert_int_equal(linkage_self_evaluate(&t->ctx, id, "5104", "自评", 101), -1);
    assert_string_equal(t->ctx.err.code, "bad_score");
    assert_int_equal(linkage_self_evaluate(&t->ctx, id, "5101", "自评", 80), -1);
    assert_string_equal(t->ctx.err.code, "not_a_participant"); /* not 攀枝花's to see */
    tdb_as(t, SC_ADMIN); /* a province's admin writes for its cities */
    assert_int_equal(linkage_self_evaluate(&t->ctx, id, "5101", "自评", 80), 0);
    tdb_as(t, YN_ADMIN);
    assert_int_equal(linkage_self_evaluate(&t->ctx, id, "5304", "自评", 80), 0);
    tdb_as(t, PZ_ADMIN);
    assert_int_equal(linkage_self_evaluate(&t->ctx, id, "5104", "自评", 90), 0);

    /* the rubric and the experts */
    lk_criterion ks[] = {{0, "session", "示范性", 60},
                         {0, "session", "成效", 30},
                         {0, "participant", "落实", 50},
                         {0, "participant", "成效", 50}};
    tdb_as(t, SC_ADMIN);
    assert_int_equal(linkage_criteria_set(&t->ctx, id, ks, 4), -1);
    assert_string_equal(t->ctx.err.code, "bad_weights");
    ks[1].weight = 40;
    assert_int_equal(linkage_criteria_set(&t->ctx, id, ks, 4), 0);
    lk_criterion *k;
    size_t nk;
    assert_int_equal(linkage_criteria(&t->ctx, id, &k, &nk), 0);
    int64_t sc[2] = {criterion(k, nk, "session", 0), criterion(k, nk, "session", 1)};
    int64_t pc[2] = {criterion(k, nk, "participant", 0), criterion(k, nk, "participant", 1)};
    /* not an expert over the programme */
    assert_int_equal(linkage_score(&t->ctx, id, "session", sid, NULL, sc, (int[]){90, 80}, 2, ""),
                     -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* an expert of 攀枝花 does not score 攀枝花's session, nor 攀枝花 */
    tdb_as(t, PZ_EXPERT);
    assert_int_equal(linkage_score(&t->ctx, id, "session", sid, NULL, sc, (int[]){90, 80}, 2, ""),
                     -1);
    assert_string_equal(t->ctx.err.code, "own_division");
    assert_int_equal(
        linkage_score(&t->ctx, id, "participant", 0, "5104", pc, (int[]){90, 80}, 2, ""), -1);
    assert_string_equal(t->ctx.err.code, "own_division");
    /* but scores 玉溪 */
    assert_int_equal(
        linkage_score(&t->ctx, id, "participant", 0, "5304", pc, (int[]){70, 80}, 2, ""), 0);
    tdb_as(t, SC_REVIEWER);
    assert_int_equal(linkage_score(&t->ctx, id, "session", sid, NULL, sc, (int[]){90}, 1, ""), -1);
    assert_string_equal(t->ctx.err.code, "incomplete_scores");
    assert_int_equal(linkage_score(&t->ctx, id, "session", sid, NULL, sc, (int[]){90, 101}, 2, ""),
                     -1);
    assert_string_equal(t->ctx.err.code, "bad_score");
    assert_int_equal(linkage_score(&t->ctx, id, "session", sid, NULL, pc, (int[]){90, 80}, 2, ""),
                     -1);
    assert_string_equal(t->ctx.err.code, "bad_criterion");
    assert_int_equal(linkage_score(&t->ctx, id, "session", aid, NULL, sc, (int[]){90, 80}, 2, ""),
                     -1);
    assert_string_equal(t->ctx.err.code, "not_a_session");
    assert_int_equal(linkage_score(&t->ctx, id, "session", sid, NULL, sc, (int[]){90, 80}, 2, "好"),
                     0);
    /* scoring again replaces */
    assert_int_equal(
        linkage_score(&t->ctx, id, "session", sid, NULL, sc, (int[]){100, 80}, 2, "好"), 0);
    assert_int_equal(
        linkage_score(&t->ctx, id, "participant", 0, "5104", pc, (int[]){80, 90}, 2, ""), 0);
    /* the rubric is fixed once scored */
    tdb_as(t, SC_ADMIN);
    assert_int_equal(linkage_criteria_set(&t->ctx, id, ks, 4), -1);
    assert_string_equal(t->ctx.err.code, "rubric_in_use");

    /* the comprehensive evaluation: 攀枝花 0.7 × 85 + 0.3 × 92 = 87.1; 玉溪 75; 成都 none */
    lk_view v;
    lk_result *r;
    size_t n;
    assert_int_equal(linkage_evaluation(&t->ctx, id, &v, &r, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(r[0].part->division, "5104");
    assert_int_equal(r[0].rank, 1);
    assert_true(r[0].result > 87.09 && r[0].result < 87.11);
    assert_true(r[0].session_score > 91.99 && r[0].session_score < 92.01);
    assert_int_equal(r[0].self_score, 90);
    assert_string_equal(r[1].part->division, "5304");
    assert_int_equal(r[1].rank, 2);
    assert_true(r[1].result > 74.99 && r[1].result < 75.01);
    assert_int_equal(r[2].rank, 0);
    /* a province sees its own result, ranked among all */
    tdb_as(t, YN_ADMIN);
    assert_int_equal(linkage_evaluation(&t->ctx, id, &v, &r, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].rank, 2);

    /* commendations and the summary */
    int64_t kid;
    assert_int_equal(linkage_commend(&t->ctx, id, "5304", "优秀", "", &kid), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, SC_ADMIN);
    assert_int_equal(linkage_commend(&t->ctx, id, "5105", "优秀", "", &kid), -1);
    assert_string_equal(t->ctx.err.code, "not_a_participant");
    assert_int_equal(linkage_commend(&t->ctx, id, "5104", "联动优秀城市", "成效显著", &kid), 0);
    lk_summary s;
    assert_int_equal(linkage_summary(&t->ctx, id, &s), 0);
    assert_int_equal(s.nacts, 2);
    assert_int_equal(s.nplans, 2);
    assert_int_equal(s.ncommends, 1);
    const char *md = linkage_summary_markdown(&t->ctx, &s);
    assert_non_null(strstr(md, "# 测试联动 (2026)"));
    assert_non_null(strstr(md, "| 1 | 攀枝花市 | 90.00 | 85.00 | 92.00 | 87.10 |"));
    assert_non_null(strstr(md, "联动优秀城市"));
    assert_non_null(strstr(md, "听看评：标准化"));
    /* 玉溪's summary holds 玉溪 and what it visited, not 攀枝花's plan */
    tdb_as(t, YN_ADMIN);
    assert_int_equal(linkage_summary(&t->ctx, id, &s), 0);
    assert_int_equal(s.v.nparts, 1);
    assert_int_equal(s.nplans, 1);
    assert_int_equal(s.nacts, 2);
    assert_int_equal(s.ncommends, 0);
    tdb_close(t);
}

static void test_demo(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *q = "SELECT count(*) FROM linkage_programmes WHERE division = ?";
    assert_int_equal(count(t, q, "51"), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM linkage_activities WHERE host >= ?", ""), 2);
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(count(t, q, "51"), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM linkage_scores WHERE target >= ?", ""), 9);
    tdb_close(t);
}

/* Publication: only the owner's staff publish, results only after the programme; the public
 * view shows every participant's name and the activities, never plans, self-evaluations,
 * summaries or media, and the ranking and commendations only once the results are published. */
static void test_publication(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, SC_ADMIN);
    lk_programme *ps;
    size_t n;
    int64_t next;
    assert_int_equal(linkage_programme_list(&t->ctx, 0, 20, &ps, &n, &next), 0);
    assert_int_equal(n, 1); /* the demo's */
    int64_t id = ps[0].id;
    assert_int_equal(ps[0].published_at, 0);
    tdb_as(t, CITIZEN);
    lk_summary s;
    assert_int_equal(linkage_public(&t->ctx, id, &s), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_int_equal(linkage_public_list(&t->ctx, 0, 20, &ps, &n, &next), 0);
    assert_int_equal(n, 0);
    tdb_as(t, PZ_ADMIN); /* a participant's staff do not publish the owner's programme */
    assert_int_equal(linkage_publish(&t->ctx, id, "programme"), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, SC_ADMIN);
    assert_int_equal(linkage_publish(&t->ctx, id, "results"), -1);
    assert_string_equal(t->ctx.err.code, "not_published");
    assert_int_equal(linkage_publish(&t->ctx, id, "everything"), -1);
    assert_string_equal(t->ctx.err.code, "bad_what");
    assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = ?", "linkage.publish"),
                     0);
    int64_t first = t->ctx.now;
    assert_int_equal(linkage_publish(&t->ctx, id, "programme"), 0);
    t->ctx.now += DAY;
    assert_int_equal(linkage_publish(&t->ctx, id, "programme"), 0); /* the first time is kept */

    tdb_as(t, CITIZEN); /* the public view: whoever asks */
    assert_int_equal(linkage_public_list(&t->ctx, 0, 20, &ps, &n, &next), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ps[0].published_at, first);
    assert_int_equal(linkage_public(&t->ctx, id, &s), 0);
    assert_int_equal(s.v.nparts, 3);
    assert_int_equal(s.nplans, 0);
    for (size_t i = 0; i < s.v.nparts; i++)
        assert_null(s.v.parts[i].self_text);
    assert_int_equal(s.nacts, 2);
    for (size_t i = 0; i < s.nacts; i++) {
        assert_string_equal(s.acts[i].x.summary, "");
        assert_int_equal(s.acts[i].nmedia, 0);
        assert_string_equal(s.acts[i].agreement.text, "");
    }
    assert_int_equal(s.nresults, 0);
    assert_int_equal(s.ncommends, 0);

    tdb_as(t, SC_ADMIN);
    assert_int_equal(linkage_publish(&t->ctx, id, "results"), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = ?", "linkage.publish"),
                     3);
    tdb_as(t, CITIZEN);
    assert_int_equal(linkage_public(&t->ctx, id, &s), 0);
    assert_int_equal(s.nresults, 3); /* ranked among all, whoever asks */
    int ranked = 0;
    for (size_t i = 0; i < s.nresults; i++) {
        ranked += s.results[i].rank > 0;
        assert_int_equal(s.results[i].self_score, -1);
    }
    assert_int_equal(ranked, 2);
    assert_int_equal(s.ncommends, 1);
    assert_string_equal(s.commends[0].division, "5104");
    /* the caller's own view is untouched by the public one */
    tdb_as(t, PZ_ADMIN);
    lk_view v;
    assert_int_equal(linkage_programme_view(&t->ctx, id, &v), 0);
    assert_int_equal(v.nparts, 1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scope_plans_review),
        cmocka_unit_test(test_plan_decision),
        cmocka_unit_test(test_activities_materials_evaluation),
        cmocka_unit_test(test_demo),
        cmocka_unit_test(test_publication),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
