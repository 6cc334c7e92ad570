/* Tests of the exchange module's follow-ups, evaluation and lessons learned on a database (both
 * backends): an agreement and an activity with follow-ups and the conversion time computed per
 * kind and partner (and the indicator exchange.conversion_days); the owner kept from the
 * public and refused with a phone number; an overdue follow-up among the alerts and told to
 * the admins once; a rubric scored by two reviewers, a score set replaced, then frozen by
 * closing, and the ranking; scoring one's own activity refused; the indicators of an activity
 * and a partnership; a lesson found by a Chinese word (two characters: a scan; more: the
 * trigram index), and the public query of activities through its index. */
#include <math.h>
#include <time.h>

#include "testlib.h"

#include "db/store_util.h"
#include "core/review.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/followup.h"

#define CITY_ADMIN    "13900000001" /* city_admin of 攀枝花市 (5104) */
#define VENUE_MANAGER "13900000005"
#define CITIZEN       "13800000006"
#define CITY_REVIEWER "13900000004" /* reviewer of 攀枝花市 */

static int64_t china_midnight(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return (int64_t)timegm(&tm) * 1000 - 8 * 3600 * 1000;
}

/* grant an account a role over a division, as an admin would */
static void grant(tdb *t, const char *phone, const char *role, const char *division)
{
    assert_int_equal(db_run(t->ctx.c,
                            "INSERT INTO role_grants(user_id, role, division, created_at)"
                            " SELECT id, ?, ?, 0 FROM users WHERE phone = ?",
                            "ttt", role, division, phone),
                     WY_OK);
}

static int64_t told(tdb *t, const char *kind, const char *phone)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c,
                                            "SELECT count(*) FROM notifications n JOIN users u"
                                            " ON u.id = n.user_id WHERE n.kind = ? AND u.phone = ?",
                                            "tt", kind, phone),
                                   &v),
                     WY_OK);
    return v;
}

static int64_t partner_of(tdb *t, const char *name)
{
    static const char *const es[] = {"es"};
    exchange_partner_input in = {.division = "5104",
                                 .name = name,
                                 .kind = "friendship_city",
                                 .scope = "foreign",
                                 .country = "西班牙",
                                 .city = "圣塞巴斯蒂安",
                                 .languages = es,
                                 .nlanguages = 1};
    int64_t id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &id), 0);
    return id;
}

/* An activity of 5104 with one partner, ended on ends_on, published through the city reviewer
 * unless draft. */
static int64_t activity_of(tdb *t, const char *title, const char *summary, int64_t *partner,
                           const char *ends_on, int draft)
{
    exchange_activity_input in = {.division = "5104",
                                  .title = title,
                                  .summary = summary,
                                  .kind = "tour",
                                  .scope = "international",
                                  .starts_on = "2025-03-01",
                                  .ends_on = ends_on,
                                  .participants = 40,
                                  .audience = -1,
                                  .media_reports = -1,
                                  .online_reach = -1,
                                  .new_followers = -1,
                                  .partners = partner,
                                  .npartners = partner ? 1 : 0};
    int64_t id;
    const char *status;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &in, &id), 0);
    if (draft)
        return id;
    assert_int_equal(exchange_activity_submit(&t->ctx, id, &status), 0);
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "exchange_activity", id, &it),
                     WY_OK);
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, &it), 0);
    assert_string_equal(it.status, "published");
    return id;
}

static int64_t followup(tdb *t, int64_t activity, int64_t agreement, const char *kind,
                        const char *title, const char *due_on)
{
    exchange_followup_input in = {.activity_id = activity,
                                  .agreement_id = agreement,
                                  .kind = kind,
                                  .title = title,
                                  .owner = "市文化和旅游局对外交流科",
                                  .due_on = due_on};
    int64_t id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_create(&t->ctx, &in, &id), 0);
    return id;
}

static void done(tdb *t, int64_t id, const char *outcome_on)
{
    exchange_followup_change ch = {.status = "done", .outcome = "已落实", .outcome_on = outcome_on};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_update(&t->ctx, id, &ch), 0);
}

static void test_followups_conversion(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p = partner_of(t, "圣塞巴斯蒂安市"), p2 = partner_of(t, "毕尔巴鄂市"), g, id;
    exchange_agreement_input gin = {
        .kind = "memorandum", .title = "文化交流合作备忘录", .signed_on = "2025-01-10"};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_agreement_create(&t->ctx, p, &gin, &g), 0);
    int64_t a = activity_of(t, "攀枝花歌舞西班牙巡演", "", &p, "2025-03-20", 0);
    int64_t draft = activity_of(t, "未发布的交流", "", &p2, "2025-03-20", 1);

    /* the checks */
    exchange_followup_input in = {.activity_id = a,
                                  .kind = "return_visit",
                                  .title = "对方回访",
                                  .owner = "张三 13912345678",
                                  .due_on = "2025-05-01"};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "owner_phone");
    in.owner = "市外办";
    in.agreement_id = g;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_origin");
    in.agreement_id = 0;
    in.kind = "party";
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    in.kind = "return_visit";
    in.partner_id = p2;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "not_a_partner");
    in.partner_id = 0;
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_followup_create(&t->ctx, &in, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(exchange_followup_create(&t->ctx, &in, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);

    /* an agreement's follow-up done in 90 days, two of the activity's in 30 and 60 */
    int64_t fg = followup(t, 0, g, "joint_production", "联合创排舞剧", "2025-06-01");
    int64_t fa = followup(t, a, 0, "return_visit", "圣塞巴斯蒂安市代表团回访", "2025-05-01");
    int64_t fb = followup(t, a, 0, "tourism_product", "西班牙游客玉溪线路", "2025-06-30");
    int64_t fd = followup(t, draft, 0, "investment", "未公开的投资意向", "2025-06-30");
    exchange_followup_change ch = {.status = "done"};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_update(&t->ctx, fg, &ch), -1);
    assert_string_equal(t->ctx.err.code, "outcome_required");
    ch =
        (exchange_followup_change){.status = "done", .outcome = "签约", .outcome_on = "2024-12-01"};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_update(&t->ctx, fg, &ch), -1);
    assert_string_equal(t->ctx.err.code, "bad_outcome_date");
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_followup_update(&t->ctx, fg, &ch), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    done(t, fg, "2025-04-10");
    done(t, fa, "2025-04-19");
    done(t, fb, "2025-05-19");
    done(t, fd, "2025-04-01");

    exchange_followup one;
    int staff;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_get(&t->ctx, fg, &one, &staff), 0);
    assert_true(staff);
    assert_string_equal(one.status, "done");
    assert_string_equal(one.origin_on, "2025-01-10");
    assert_int_equal(one.partner_id, p);
    assert_int_equal(exchange_days_between(one.origin_on, one.outcome_on), 90);
    /* the public: no owner, nothing of the draft */
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_followup_get(&t->ctx, fg, &one, &staff), 0);
    assert_false(staff);
    assert_int_equal(exchange_followup_get(&t->ctx, fd, &one, &staff), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    exchange_followup *fs;
    size_t n;
    assert_int_equal(exchange_followup_list(&t->ctx, "5104", 0, 0, 0, NULL, 0, 20, &fs, &n, &staff),
                     0);
    assert_int_equal(n, 3);
    assert_false(staff);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(
        exchange_followup_list(&t->ctx, "5104", a, 0, 0, "done", 0, 20, &fs, &n, &staff), 0);
    assert_int_equal(n, 2);
    assert_true(staff);

    /* the conversion time: public (the draft's left out), and staff's (all four) */
    exchange_conversion all, *kinds, *partners;
    size_t nk, np;
    tdb_as(t, NULL);
    assert_int_equal(
        exchange_conversion_report(&t->ctx, "5104", NULL, NULL, &all, &kinds, &nk, &partners, &np),
        0);
    assert_int_equal(all.count, 3);
    assert_true(fabs(all.mean - 60) < 1e-9);
    assert_true(fabs(all.median - 60) < 1e-9);
    assert_int_equal(nk, 3);
    assert_string_equal(kinds[0].key, "return_visit");
    assert_true(fabs(kinds[0].mean - 30) < 1e-9);
    assert_string_equal(kinds[1].key, "tourism_product");
    assert_true(fabs(kinds[1].median - 60) < 1e-9);
    assert_string_equal(kinds[2].key, "joint_production");
    assert_true(fabs(kinds[2].mean - 90) < 1e-9);
    assert_int_equal(np, 1);
    assert_string_equal(partners[0].name, "圣塞巴斯蒂安市");
    assert_int_equal(partners[0].count, 3);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(
        exchange_conversion_report(&t->ctx, "5104", NULL, NULL, &all, &kinds, &nk, &partners, &np),
        0);
    assert_int_equal(all.count, 4);
    assert_true(fabs(all.median - 45) < 1e-9); /* 12, 30, 60, 90 */
    assert_int_equal(np, 2);
    assert_string_equal(partners[1].name, "毕尔巴鄂市");
    /* outcomes dated in April only */
    assert_int_equal(exchange_conversion_report(&t->ctx, "5104", "2025-04-01", "2025-05-01", &all,
                                                &kinds, &nk, &partners, &np),
                     0);
    assert_int_equal(all.count, 3);
    assert_int_equal(exchange_conversion_report(&t->ctx, "5104", "2025-13-01", NULL, &all, &kinds,
                                                &nk, &partners, &np),
                     -1);
    assert_string_equal(t->ctx.err.code, "bad_date");
    /* the indicator: every follow-up of the subtree done in 2025 */
    double v = 0;
    assert_int_equal(exchange_ind_conversion_days(&t->ctx, "5104", china_midnight(2025, 1, 1),
                                                  china_midnight(2026, 1, 1), &v),
                     0);
    assert_true(fabs(v - 48) < 1e-9); /* (90 + 30 + 60 + 12) / 4 */
    assert_int_equal(exchange_ind_conversion_days(&t->ctx, "5104", china_midnight(2024, 1, 1),
                                                  china_midnight(2025, 1, 1), &v),
                     0);
    assert_true(isnan(v));
    /* reopened: the outcome date goes, and the conversion with it */
    ch = (exchange_followup_change){.status = "open"};
    assert_int_equal(exchange_followup_update(&t->ctx, fd, &ch), 0);
    assert_int_equal(exchange_followup_get(&t->ctx, fd, &one, &staff), 0);
    assert_null(one.outcome_on);
    int64_t audits = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c,
                                            "SELECT count(*) FROM audit_log WHERE action ="
                                            " 'exchange_followup.update' AND division = ?",
                                            "t", "5104"),
                                   &audits),
                     WY_OK);
    assert_int_equal(audits, 5);
    tdb_close(t);
}

static void test_followup_overdue_alert(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    t->ctx.now = china_midnight(2025, 7, 1);
    int64_t p = partner_of(t, "圣塞巴斯蒂安市");
    int64_t a = activity_of(t, "攀枝花歌舞西班牙巡演", "", &p, "2025-03-20", 0);
    int64_t late = followup(t, a, 0, "return_visit", "对方回访", "2025-06-01");
    followup(t, a, 0, "tourism_product", "旅游线路", "2025-09-01"); /* not due yet */
    int64_t dropped = followup(t, a, 0, "investment", "投资意向", "2025-05-01");
    exchange_followup_change ch = {.status = "dropped"};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_update(&t->ctx, dropped, &ch), 0);

    exchange_alert *al;
    size_t n;
    int64_t next;
    assert_int_equal(exchange_alerts(&t->ctx, "5104", 0, 20, &al, &n, &next), 0);
    assert_int_equal(n, 1);
    assert_string_equal(al[0].kind, "followup_overdue");
    assert_int_equal(al[0].partner_id, p);
    assert_int_equal(al[0].followup_id, late);
    assert_string_equal(al[0].followup, "对方回访");
    assert_string_equal(al[0].due_on, "2025-06-01");
    t->ctx.who = NULL;
    assert_true(exchange_job_alerts(&t->ctx) >= 1);
    assert_int_equal(exchange_job_alerts(&t->ctx), 0);
    assert_int_equal(told(t, "exchange.followup_overdue", CITY_ADMIN), 1);
    assert_int_equal(told(t, "exchange.followup_overdue", CITIZEN), 0);
    /* done: no alert */
    exchange_followup_change d = {
        .status = "done", .outcome = "已回访", .outcome_on = "2025-06-20"};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_update(&t->ctx, late, &d), 0);
    assert_int_equal(exchange_alerts(&t->ctx, "5104", 0, 20, &al, &n, &next), 0);
    assert_int_equal(n, 0);
    tdb_close(t);
}

static void scores(tdb *t, const char *phone, int64_t activity, int influence, int quality,
                   int conversion, int expect)
{
    exchange_score_input s[] = {
        {"influence", influence}, {"quality", quality}, {"conversion", conversion}};
    tdb_as(t, phone);
    assert_int_equal(exchange_scores_put(&t->ctx, activity, s, 3), expect);
}

static void test_evaluation(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    /* a second reviewer of the city; the city admin a reviewer too */
    grant(t, VENUE_MANAGER, "reviewer", "5104");
    grant(t, CITY_ADMIN, "reviewer", "5104");
    int64_t p = partner_of(t, "圣塞巴斯蒂安市");
    int64_t a1 = activity_of(t, "滇剧《选才记》西班牙巡演", "", &p, "2025-03-20", 0);
    int64_t a2 = activity_of(t, "花灯《山茶花红》巡演", "", &p, "2025-04-20", 0);
    int64_t draft = activity_of(t, "草稿活动", "", &p, "2025-04-20", 1);

    /* no rubric yet */
    scores(t, CITY_REVIEWER, a1, 90, 80, 70, -1);
    assert_string_equal(t->ctx.err.code, "no_rubric");
    exchange_criterion rubric[] = {{.code = "influence", .name = "影响力", .weight = 40},
                                   {.code = "quality", .name = "活动质量", .weight = 40},
                                   {.code = "conversion", .name = "成果转化", .weight = 20}};
    exchange_criterion bad[] = {{.code = "Influence", .name = "影响力", .weight = 40}};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_rubric_put(&t->ctx, "5104", bad, 1), -1);
    assert_string_equal(t->ctx.err.code, "bad_code");
    bad[0].code = "influence";
    bad[0].weight = 0;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_rubric_put(&t->ctx, "5104", bad, 1), -1);
    assert_string_equal(t->ctx.err.code, "bad_weight");
    /* the weights add up to 100; no two criteria have the same name */
    bad[0].weight = 40;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_rubric_put(&t->ctx, "5104", bad, 1), -1);
    assert_string_equal(t->ctx.err.code, "bad_weights");
    exchange_criterion twice[] = {{.code = "influence", .name = "影响力", .weight = 50},
                                  {.code = "reach", .name = "影响力", .weight = 50}};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_rubric_put(&t->ctx, "5104", twice, 2), -1);
    assert_string_equal(t->ctx.err.code, "bad_name");
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(exchange_rubric_put(&t->ctx, "5104", rubric, 3), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_rubric_put(&t->ctx, "5104", rubric, 3), 0);
    /* a district inherits the city's rubric */
    exchange_criterion *cs;
    size_t nc;
    const char *from;
    tdb_as(t, NULL);
    assert_int_equal(exchange_rubric_get(&t->ctx, "510402", &cs, &nc, &from), 0);
    assert_int_equal(nc, 3);
    assert_string_equal(from, "5104");
    assert_string_equal(cs[1].code, "quality");

    /* two reviewers score both */
    scores(t, CITY_REVIEWER, a1, 90, 80, 70, 0); /* 82 */
    scores(t, VENUE_MANAGER, a1, 80, 80, 60, 0); /* 76 */
    scores(t, CITY_REVIEWER, a2, 60, 70, 50, 0); /* 62 */
    scores(t, VENUE_MANAGER, a2, 70, 60, 40, 0); /* 60 */
    /* refusals: one's own activity, a draft, a score out of range, a criterion missing, not a
     * reviewer */
    scores(t, CITY_ADMIN, a1, 100, 100, 100, -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_string_equal(t->ctx.err.code, "own_work");
    scores(t, CITY_REVIEWER, draft, 50, 50, 50, -1);
    assert_string_equal(t->ctx.err.code, "not_published");
    scores(t, CITY_REVIEWER, a1, 101, 50, 50, -1);
    assert_string_equal(t->ctx.err.code, "bad_scores");
    exchange_score_input two[] = {{"influence", 50}, {"quality", 50}};
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(exchange_scores_put(&t->ctx, a1, two, 2), -1);
    assert_string_equal(t->ctx.err.code, "bad_scores");
    scores(t, CITIZEN, a1, 50, 50, 50, -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);

    exchange_ranked *rs;
    size_t n;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_ranking(&t->ctx, "5104", &rs, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(rs[0].activity_id, a1);
    assert_true(fabs(rs[0].score - 79) < 1e-9);
    assert_int_equal(rs[0].reviewers, 2);
    assert_int_equal(rs[0].ncriteria, 3);
    assert_true(fabs(rs[0].means[0] - 85) < 1e-9);
    assert_int_equal(rs[1].activity_id, a2);
    assert_true(fabs(rs[1].score - 61) < 1e-9);
    /* a score set replaced: a2 now (90 + 60) / 2 */
    scores(t, CITY_REVIEWER, a2, 90, 90, 90, 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_ranking(&t->ctx, "5104", &rs, &n), 0);
    assert_true(fabs(rs[1].score - 75) < 1e-9);
    assert_int_equal(rs[1].reviewers, 2);
    /* closed: the scores are final */
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(exchange_evaluation_close(&t->ctx, a2), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_evaluation_close(&t->ctx, a2), 0);
    assert_int_equal(exchange_evaluation_close(&t->ctx, a2), -1);
    assert_string_equal(t->ctx.err.code, "evaluation_closed");
    scores(t, CITY_REVIEWER, a2, 10, 10, 10, -1);
    assert_string_equal(t->ctx.err.code, "evaluation_closed");
    exchange_ranked r;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_evaluation_get(&t->ctx, a2, &r), 0);
    assert_true(r.closed);
    assert_true(fabs(r.score - 75) < 1e-9);
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_ranking(&t->ctx, "5104", &rs, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* a scored criterion stays */
    tdb_as(t, CITY_ADMIN);
    exchange_criterion two_kept[] = {{.code = "influence", .name = "影响力", .weight = 50},
                                     {.code = "quality", .name = "活动质量", .weight = 50}};
    assert_int_equal(exchange_rubric_put(&t->ctx, "5104", two_kept, 2), -1);
    assert_string_equal(t->ctx.err.code, "criterion_scored");
    rubric[1].weight = 30;
    rubric[2].weight = 30;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_rubric_put(&t->ctx, "5104", rubric, 3), 0);

    /* indicators of an activity and of the partnership, per period */
    exchange_measure m = {.subject = "activity",
                          .subject_id = a1,
                          .name = "新增关注",
                          .unit = "人",
                          .period = "2025",
                          .baseline = 100,
                          .target = 500,
                          .actual = NAN};
    int64_t mid, mid2;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_measure_put(&t->ctx, &m, &mid), 0);
    m.actual = 420;
    assert_int_equal(exchange_measure_put(&t->ctx, &m, &mid2), 0);
    assert_int_equal(mid, mid2);
    m.period = "2025-13";
    assert_int_equal(exchange_measure_put(&t->ctx, &m, &mid2), -1);
    assert_string_equal(t->ctx.err.code, "bad_period");
    exchange_measure pm = {.subject = "partner",
                           .subject_id = p,
                           .name = "互访团组",
                           .period = "2025-Q2",
                           .baseline = 1,
                           .target = 3,
                           .actual = 2};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_measure_put(&t->ctx, &pm, &mid2), 0);
    exchange_measure *ms;
    assert_int_equal(exchange_measures(&t->ctx, "activity", a1, &ms, &n), 0);
    assert_int_equal(n, 1);
    assert_true(fabs(ms[0].actual - 420) < 1e-9);
    assert_int_equal(exchange_measures(&t->ctx, "partner", p, &ms, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ms[0].period, "2025-Q2");
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_measures(&t->ctx, "partner", p, &ms, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);

    /* the partnerships ranked by their indicators' attainment in a period */
    exchange_partner_ranked *pr;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_partner_ranking(&t->ctx, "5104", "2025-Q2", &pr, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(pr[0].partner_id, p);
    assert_int_equal(pr[0].known, 1);
    assert_true(fabs(pr[0].attainment - 50) < 1e-9);
    assert_int_equal(exchange_partner_ranking(&t->ctx, "5104", "2024", &pr, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(exchange_partner_ranking(&t->ctx, "5104", "2025-Q5", &pr, &n), -1);
    assert_string_equal(t->ctx.err.code, "bad_period");
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_partner_ranking(&t->ctx, "5104", NULL, &pr, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_close(t);
}

static void test_lessons_search(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p = partner_of(t, "圣塞巴斯蒂安市");
    int64_t a =
        activity_of(t, "攀枝花歌舞西班牙巡演", "在圣塞巴斯蒂安演出三场", &p, "2025-03-20", 0);
    int64_t draft = activity_of(t, "草稿活动", "", &p, "2025-04-20", 1);
    static const char *const tags[] = {"数字化", "滇剧"};
    exchange_lesson_input in = {.division = "5104",
                                .title = "巡演前做足当地观众调研",
                                .body = "圣塞巴斯蒂安的观众熟悉戏剧节，提前与当地剧院合作宣传，"
                                        "滇剧唱段配西语字幕，上座率明显提高。",
                                .activity_id = a,
                                .partner_id = p,
                                .tags = tags,
                                .ntags = 2};
    int64_t l1, l2, l3, id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_lesson_create(&t->ctx, &in, &l1), 0);
    exchange_lesson_input in2 = {.division = "5104",
                                 .title = "借鉴巨济市的海洋文化节运营",
                                 .body = "节庆由民间协会主办、政府支持，志愿者队伍稳定。"};
    assert_int_equal(exchange_lesson_create(&t->ctx, &in2, &l2), 0);
    exchange_lesson_input in3 = {.division = "5104",
                                 .title = "内部总结",
                                 .body = "尚未发布活动的滇剧经验。",
                                 .activity_id = draft};
    assert_int_equal(exchange_lesson_create(&t->ctx, &in3, &l3), 0);
    exchange_lesson_input badin = in2;
    badin.title = "";
    assert_int_equal(exchange_lesson_create(&t->ctx, &badin, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_title");
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_lesson_create(&t->ctx, &in2, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);

    exchange_lesson *ls;
    size_t n;
    /* a two-character word: a scan; the public does not see the draft's lesson */
    tdb_as(t, NULL);
    assert_int_equal(exchange_lesson_search(&t->ctx, "5104", "滇剧", NULL, 0, 0, 0, 20, &ls, &n),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(ls[0].id, l1);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_lesson_search(&t->ctx, "5104", "滇剧", NULL, 0, 0, 0, 20, &ls, &n),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(ls[0].id, l3);
    /* three characters or more: the trigram index */
    tdb_as(t, NULL);
    assert_int_equal(
        exchange_lesson_search(&t->ctx, "5104", "海洋文化节", NULL, 0, 0, 0, 20, &ls, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ls[0].id, l2);
    assert_int_equal(
        exchange_lesson_search(&t->ctx, "5104", "西语字幕", NULL, 0, 0, 0, 20, &ls, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ls[0].id, l1);
    assert_int_equal(exchange_lesson_search(&t->ctx, "5104", "昆曲", NULL, 0, 0, 0, 20, &ls, &n),
                     0);
    assert_int_equal(n, 0);
    assert_int_equal(exchange_lesson_search(&t->ctx, "5104", "100%", NULL, 0, 0, 0, 20, &ls, &n),
                     0);
    assert_int_equal(n, 0);
    /* by tag, by partner, in another city */
    assert_int_equal(exchange_lesson_search(&t->ctx, "5104", NULL, "数字化", 0, 0, 0, 20, &ls, &n),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(exchange_lesson_search(&t->ctx, "5104", NULL, "数字", 0, 0, 0, 20, &ls, &n),
                     0);
    assert_int_equal(n, 0);
    assert_int_equal(exchange_lesson_search(&t->ctx, "5104", NULL, NULL, 0, p, 0, 20, &ls, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(exchange_lesson_search(&t->ctx, "5304", "滇剧", NULL, 0, 0, 0, 20, &ls, &n),
                     0);
    for (size_t i = 0; i < n; i++)
        assert_int_not_equal(ls[i].id, l1);

    /* the public query of activities through its index: three characters or more, and short */
    exchange_activity_full *xs;
    assert_int_equal(
        exchange_activity_search(&t->ctx, "5104", "西班牙巡演", 0, NULL, 0, 20, &xs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(xs[0].a.id, a);
    assert_int_equal(
        exchange_activity_search(&t->ctx, "5104", "圣塞巴斯蒂安", 0, NULL, 0, 20, &xs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", "歌舞", 0, NULL, 0, 20, &xs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", "草稿活动", 0, NULL, 0, 20, &xs, &n),
                     0);
    assert_int_equal(n, 0);
    tdb_close(t);
}

static int64_t count(tdb *t, const char *sql, const char *arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "t", arg), &v), WY_OK);
    return v;
}

/* The demo of 玉溪市: follow-ups (one overdue), the rubric scored, lessons; once. */
static void test_demo(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *fu = "SELECT count(*) FROM exchange_followups WHERE division = ?";
    assert_int_equal(count(t, fu, "5304"), 5);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_criteria WHERE division = ?", "5304"),
                     3);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_lessons WHERE division = ?", "5304"),
                     3);
    tdb_as(t, "13900000041");
    exchange_ranked *rs;
    size_t n;
    assert_int_equal(exchange_ranking(&t->ctx, "5304", &rs, &n), 0);
    assert_int_equal(n, 4);
    assert_string_equal(rs[0].title, "聂耳文化演艺公司交流演出");
    exchange_alert *al;
    int64_t next;
    int overdue = 0;
    assert_int_equal(exchange_alerts(&t->ctx, "5304", 0, 100, &al, &n, &next), 0);
    for (size_t i = 0; i < n; i++)
        overdue += !strcmp(al[i].kind, "followup_overdue");
    assert_int_equal(overdue, 1);
    exchange_conversion all, *kinds, *partners;
    size_t nk, np;
    assert_int_equal(
        exchange_conversion_report(&t->ctx, "5304", NULL, NULL, &all, &kinds, &nk, &partners, &np),
        0);
    assert_int_equal(all.count, 4);
    exchange_lesson *ls;
    tdb_as(t, NULL);
    assert_int_equal(exchange_lesson_search(&t->ctx, "5304", "竹乐", NULL, 0, 0, 0, 20, &ls, &n),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(count(t, fu, "5304"), 5);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM exchange_scores s JOIN exchange_activities x"
                           " ON x.id = s.activity_id WHERE x.division = ?",
                           "5304"),
                     12);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_followups_conversion),
        cmocka_unit_test(test_followup_overdue_alert),
        cmocka_unit_test(test_evaluation),
        cmocka_unit_test(test_lessons_search),
        cmocka_unit_test(test_demo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
