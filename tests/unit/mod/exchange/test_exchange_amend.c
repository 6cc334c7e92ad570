/* Tests of the exchange module's later changes and annual programmes on a database (both
 * backends, amend.h): a partner or an agreement named by other records not deleted, deleted once
 * free; a draft activity's texts, partners and stops changed, a pending one refused; a fund
 * changed and deleted; a published activity changed through review only (a revision applied on
 * approval by another reviewer, discarded on rejection or withdrawal); an evaluation reopened by
 * the city's staff only; an agreement's programme item late until done, alerted and told to the
 * admins once. Every refusal changes nothing. */
#include <string.h>
#include <time.h>

#include "testlib.h"

#include "db/store_util.h"
#include "mod/exchange/amend.h"
#include "mod/exchange/exchange_revision.h"

#define CITY_ADMIN     "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN "13900000002" /* district_admin of 东区 (510402) */
#define CITY_REVIEWER  "13900000004" /* reviewer of 攀枝花市 (5104) */

static int64_t count(tdb *t, const char *sql, int64_t arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "i", arg), &v), WY_OK);
    return v;
}

static int64_t china_midnight(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return (int64_t)timegm(&tm) * 1000 - 8 * 3600 * 1000;
}

static int64_t partner(tdb *t, const char *name)
{
    exchange_partner_input in = {.division = "5104",
                                 .name = name,
                                 .kind = "friendship_city",
                                 .scope = "foreign",
                                 .country = "意大利",
                                 .city = name};
    int64_t id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &id), 0);
    return id;
}

static int64_t agreement(tdb *t, int64_t p, const char *title)
{
    exchange_agreement_input in = {.kind = "memorandum", .title = title, .signed_on = "2025-01-10"};
    int64_t id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_agreement_create(&t->ctx, p, &in, &id), 0);
    return id;
}

static int64_t activity(tdb *t, const char *as, const char *division, const int64_t *ps, size_t np)
{
    static const exchange_stop stop = {.place = "剧院",
                                       .city = "米兰",
                                       .country = "意大利",
                                       .starts_on = "2026-03-02",
                                       .ends_on = "2026-03-03",
                                       .shows = 2,
                                       .audience = 800};
    exchange_activity_input in = {.division = division,
                                  .title = "意大利巡演",
                                  .kind = "tour",
                                  .scope = "international",
                                  .starts_on = "2026-03-01",
                                  .ends_on = "2026-03-10",
                                  .participants = -1,
                                  .audience = -1,
                                  .media_reports = -1,
                                  .online_reach = -1,
                                  .new_followers = -1,
                                  .partners = ps,
                                  .npartners = np,
                                  .stops = &stop,
                                  .nstops = 1};
    int64_t id;
    tdb_as(t, as);
    assert_int_equal(exchange_activity_create(&t->ctx, &in, &id), 0);
    return id;
}

static void test_delete_partner_agreement(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p = partner(t, "维罗纳"), g = agreement(t, p, "维罗纳备忘录");
    exchange_followup_input fu = {
        .agreement_id = g, .kind = "return_visit", .title = "回访", .due_on = "2026-12-01"};
    int64_t fid;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_followup_create(&t->ctx, &fu, &fid), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_agreement_delete(&t->ctx, g), -1);
    assert_string_equal(t->ctx.err.code, "in_use");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_partner_delete(&t->ctx, p), -1);
    assert_string_equal(t->ctx.err.code, "in_use");
    tdb_as(t, DISTRICT_ADMIN); /* the city's partner */
    int64_t lone = partner(t, "帕多瓦");
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_delete(&t->ctx, lone), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_partners WHERE id = ?", lone), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_agreements WHERE id = ?", g), 1);
    /* free: deleted and audited */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_partner_delete(&t->ctx, lone), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_partners WHERE id = ?", lone), 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'exchange_partner.delete'"
                           " AND object_id = ?",
                           lone),
                     1);
    int64_t g2 = agreement(t, p, "误录的协议");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_agreement_delete(&t->ctx, g2), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_agreement_delete(&t->ctx, g2), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_close(t);
}

static void test_activity_change(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p1 = partner(t, "都灵"), p2 = partner(t, "热那亚"), ps[] = {p2, p1};
    int64_t id = activity(t, CITY_ADMIN, "5104", &p1, 1);
    exchange_stop stops[] = {{.place = "歌剧院",
                              .city = "热那亚",
                              .country = "意大利",
                              .starts_on = "2026-03-04",
                              .ends_on = "2026-03-05",
                              .shows = 1,
                              .audience = 500}};
    /* stops outside the dates given: refused whole, nothing changed */
    exchange_activity_change_input bad = {
        .title = "改名", .starts_on = "2026-03-05", .channel_id = -1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_stop_dates");
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &bad), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    exchange_activity_change_input in = {.title = "意大利两城巡演",
                                         .summary_en = "Two cities",
                                         .channel_id = -1,
                                         .partners_given = 1,
                                         .partners = ps,
                                         .npartners = 2,
                                         .stops_given = 1,
                                         .stops = stops,
                                         .nstops = 1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &in), 0);
    exchange_activity_full f;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), 0);
    assert_string_equal(f.a.title, "意大利两城巡演");
    assert_string_equal(f.a.summary_en, "Two cities");
    assert_string_equal(f.a.starts_on, "2026-03-01");
    assert_int_equal(f.npartners, 2);
    assert_int_equal(f.nstops, 1);
    assert_string_equal(f.stops[0].city, "热那亚");
    /* pending: refused */
    const char *status;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_submit(&t->ctx, id, &status), 0);
    exchange_activity_change_input late = {.title = "送审后", .channel_id = -1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &late), -1);
    assert_string_equal(t->ctx.err.code, "not_editable");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), 0);
    assert_string_equal(f.a.title, "意大利两城巡演");
    tdb_close(t);
}

/* Decide the review item of content type / id as the city reviewer. */
static void decide(tdb *t, const char *type, int64_t id, const char *decision)
{
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, type, id, &it), WY_OK);
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, it.id, decision, "理由", &it), 0);
}

static void test_activity_revision(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p1 = partner(t, "锡耶纳");
    int64_t id = activity(t, CITY_ADMIN, "5104", &p1, 1);
    const char *status;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_submit(&t->ctx, id, &status), 0);
    decide(t, "exchange_activity", id, "approve");
    /* bad input proposes nothing */
    exchange_activity_change_input bad = {.ends_on = "2026-02-01", .channel_id = -1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &bad), -1);
    assert_string_equal(t->ctx.err.code, "bad_dates");
    assert_int_equal(count(t, "SELECT count(*) FROM content_revisions WHERE target_id = ?", id), 0);
    /* proposed: the record unchanged, the revision pending */
    exchange_activity_change_input in = {
        .title = "锡耶纳巡演", .summary = "新的介绍", .channel_id = -1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &in), 1);
    exchange_activity_full f;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), 0);
    assert_string_equal(f.a.title, "意大利巡演");
    revision r;
    int64_t review_id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_revision_pending(&t->ctx, id, &r, &review_id), 1);
    assert_string_equal(r.values[0], "锡耶纳巡演");
    /* one at a time */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &in), -1);
    assert_string_equal(t->ctx.err.code, "revision_pending");
    /* approved by the reviewer: applied */
    decide(t, "exchange_activity_revision", r.id, "approve");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), 0);
    assert_string_equal(f.a.title, "锡耶纳巡演");
    assert_string_equal(f.a.summary, "新的介绍");
    assert_string_equal(f.a.status, "published");
    /* rejected: discarded */
    exchange_activity_change_input again = {.title = "再改", .channel_id = -1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &again), 1);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_revision_pending(&t->ctx, id, &r, &review_id), 1);
    decide(t, "exchange_activity_revision", r.id, "reject");
    /* withdrawn: discarded */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_change(&t->ctx, id, &again), 1);
    int64_t rid;
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_activity_revision_withdraw(&t->ctx, id, &rid), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_revision_withdraw(&t->ctx, id, &rid), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_revision_withdraw(&t->ctx, id, &rid), -1);
    assert_string_equal(t->ctx.err.code, "no_revision");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), 0);
    assert_string_equal(f.a.title, "锡耶纳巡演");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM content_revisions WHERE target_id = ?"
                           " AND content_type = 'exchange_activity_revision'"
                           " AND status = 'rejected'",
                           id),
                     2);
    tdb_close(t);
}

static void test_fund_and_reopen(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id = activity(t, DISTRICT_ADMIN, "510402", NULL, 0), fid;
    exchange_fund_input grant = {.kind = "grant",
                                 .sponsor = "省文旅厅",
                                 .amount_fen = 500000,
                                 .value_fen = -1,
                                 .given_on = "2026-02-20"};
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_fund_add(&t->ctx, id, &grant, &fid), 0);
    exchange_fund_input zero = {.amount_fen = 0, .value_fen = -1};
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_fund_change(&t->ctx, fid, &zero), -1);
    assert_string_equal(t->ctx.err.code, "amount_required");
    exchange_fund_input more = {.amount_fen = 900000, .value_fen = -1};
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_fund_change(&t->ctx, fid, &more), 0);
    assert_int_equal(count(t, "SELECT amount_fen FROM exchange_funds WHERE id = ?", fid), 900000);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_fund_delete(&t->ctx, fid), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_funds WHERE id = ?", fid), 0);
    /* the district closes its evaluation; only the city reopens it */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_evaluation_close(&t->ctx, id), 0);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_evaluation_reopen(&t->ctx, id, "补评"), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_evaluation_reopen(&t->ctx, id, ""), -1);
    assert_string_equal(t->ctx.err.code, "bad_reason");
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_evaluations WHERE activity_id = ?", id), 1);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_evaluation_reopen(&t->ctx, id, "专家补评"), 0);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_evaluations WHERE activity_id = ?", id), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_evaluation_reopen(&t->ctx, id, "再开"), -1);
    assert_string_equal(t->ctx.err.code, "evaluation_open");
    tdb_close(t);
}

static int64_t late_alerts(tdb *t, int64_t item)
{
    exchange_alert *al;
    size_t n;
    int64_t next, k = 0;
    tdb_as(t, CITY_ADMIN);
    t->ctx.now = china_midnight(2026, 6, 15);
    assert_int_equal(exchange_alerts(&t->ctx, "5104", 0, 100, &al, &n, &next), 0);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(al[i].kind, "programme_overdue") && al[i].programme_id == item) {
            assert_string_equal(al[i].month, "2026-05");
            k++;
        }
    return k;
}

static void test_programme(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p = partner(t, "佛罗伦萨"), g = agreement(t, p, "佛罗伦萨友城协议"), late, later;
    exchange_programme_input bad = {.year = 2026, .month = 13, .title = "互访", .activity_id = -1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_add(&t->ctx, g, &bad, &late), -1);
    assert_string_equal(t->ctx.err.code, "bad_month");
    bad.month = 5;
    bad.owner = "张三 13812345678";
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_add(&t->ctx, g, &bad, &late), -1);
    assert_string_equal(t->ctx.err.code, "owner_phone");
    exchange_programme_input in = {
        .year = 2026, .month = 5, .title = "艺术团互访", .owner = "市外事办", .activity_id = -1};
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_programme_add(&t->ctx, g, &in, &late), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_programme_items WHERE agreement_id = ?", g), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_add(&t->ctx, g, &in, &late), 0);
    in.month = 6; /* this month: not late yet */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_add(&t->ctx, g, &in, &later), 0);
    assert_int_equal(late_alerts(t, late), 1);
    assert_int_equal(late_alerts(t, later), 0);
    /* told once to the city admin */
    assert_true(exchange_job_alerts(&t->ctx) >= 1);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications WHERE kind ="
                           " 'exchange.programme_overdue' AND subject_id = ?",
                           late) > 0,
                     1);
    int64_t told = count(t,
                         "SELECT count(*) FROM notifications WHERE kind ="
                         " 'exchange.programme_overdue' AND subject_id = ?",
                         late);
    exchange_job_alerts(&t->ctx);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications WHERE kind ="
                           " 'exchange.programme_overdue' AND subject_id = ?",
                           late),
                     told);
    /* an activity only when done; done: no longer late */
    int64_t act = activity(t, CITY_ADMIN, "5104", &p, 1);
    exchange_programme_input link = {.activity_id = act};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_change(&t->ctx, late, &link), -1);
    assert_string_equal(t->ctx.err.code, "not_done");
    exchange_programme_input done = {.status = "done", .activity_id = act};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_change(&t->ctx, late, &done), 0);
    assert_int_equal(late_alerts(t, late), 0);
    exchange_programme_item *its;
    size_t n;
    int owners;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_of(&t->ctx, g, 2026, &its, &n, &owners), 0);
    assert_int_equal(n, 2);
    assert_true(owners);
    assert_string_equal(its[0].status, "done");
    assert_int_equal(its[0].activity_id, act);
    /* back to planned: the activity goes */
    exchange_programme_input again = {.status = "planned", .activity_id = -1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_change(&t->ctx, late, &again), 0);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_programme_items WHERE activity_id = ?", act), 0);
    /* an agreement with a programme stays */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_agreement_delete(&t->ctx, g), -1);
    assert_string_equal(t->ctx.err.code, "in_use");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_programme_delete(&t->ctx, later), 0);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_programme_items WHERE agreement_id = ?", g), 1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delete_partner_agreement),
        cmocka_unit_test(test_activity_change),
        cmocka_unit_test(test_activity_revision),
        cmocka_unit_test(test_fund_and_reopen),
        cmocka_unit_test(test_programme),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
