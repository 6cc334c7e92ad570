/* Tests of the exchange module's coordination calendar, funds, delegations and changes on a
 * database (both backends): a plan clashing with an activity and another plan of the same
 * partner, and with a plan of the same division on overlapping dates, warned on create and on
 * the calendar, the approved calendar public; a county's plan approved by a city reviewer,
 * refused to its own writer; funds and their totals; a delegation's people for staff only;
 * changes checked whole (bad input changes nothing) and audited; a channel in use not deleted. */
#include <string.h>

#include "testlib.h"

#include "db/store_util.h"
#include "core/review.h"
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange_activity.h"

#define CITY_ADMIN     "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN "13900000002" /* district_admin of 东区 (510402) */
#define CITIZEN        "13800000006"
#define CITY_REVIEWER  "13900000004" /* reviewer of 攀枝花市 */

static int64_t count(tdb *t, const char *sql, const char *arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "t", arg), &v), WY_OK);
    return v;
}

static int64_t partner(tdb *t, const char *division, const char *name)
{
    static const char *const es[] = {"es"};
    exchange_partner_input in = {.division = division,
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

static int64_t activity(tdb *t, const int64_t *p, const char *from, const char *to)
{
    exchange_activity_input in = {.division = "5104",
                                  .title = "攀枝花歌舞西班牙巡演",
                                  .kind = "tour",
                                  .scope = "international",
                                  .starts_on = from,
                                  .ends_on = to,
                                  .participants = -1,
                                  .audience = -1,
                                  .media_reports = -1,
                                  .online_reach = -1,
                                  .new_followers = -1,
                                  .partners = p,
                                  .npartners = p ? 1 : 0};
    int64_t id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &in, &id), 0);
    return id;
}

static exchange_plan_input plan_in(const char *division, const char *title, const int64_t *p,
                                   size_t np, const char *from, const char *to)
{
    return (exchange_plan_input){.division = division,
                                 .unit = "东区文化馆",
                                 .title = title,
                                 .kind = "culture_week",
                                 .starts_on = from,
                                 .ends_on = to,
                                 .partners = p,
                                 .npartners = np};
}

static int has_clash(const exchange_plan_full *f, const char *reason, const char *with, int64_t id)
{
    for (size_t i = 0; i < f->nclashes; i++)
        if (!strcmp(f->clashes[i].reason, reason) && !strcmp(f->clashes[i].with_type, with) &&
            f->clashes[i].with_id == id)
            return 1;
    return 0;
}

static int64_t review_item_of(tdb *t, int64_t plan)
{
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "exchange_plan", plan, &it),
                     WY_OK);
    return it.id;
}

static void test_calendar_clashes(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p = partner(t, "5104", "测试友好城市"), q = partner(t, "5104", "另一友好城市");
    int64_t act = activity(t, &p, "2027-05-01", "2027-05-10");
    exchange_plan_full f, g, h;
    /* checks: nothing written */
    exchange_plan_input bad = plan_in("510402", "东区文化周", &p, 1, "2027-05-08", "2027-05-01");
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_plan_create(&t->ctx, &bad, &f), -1);
    assert_string_equal(t->ctx.err.code, "bad_dates");
    bad = plan_in("510402", "东区文化周", &p, 1, "2027-05-08", "2027-05-12");
    bad.kind = "party";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_plan_create(&t->ctx, &bad, &f), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    bad = plan_in("5104", "全市文化周", &p, 1, "2027-05-08", "2027-05-12");
    tdb_as(t, DISTRICT_ADMIN); /* not the city's records */
    assert_int_equal(exchange_plan_create(&t->ctx, &bad, &f), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_plan_create(&t->ctx, &bad, &f), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_plans WHERE division >= ? AND division < '5105'",
              "5104"),
        0);
    /* the same partner as the activity, overlapping: warned, still written */
    exchange_plan_input in = plan_in("510402", "东区文化周", &p, 1, "2027-05-08", "2027-05-12");
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_plan_create(&t->ctx, &in, &f), 0);
    assert_string_equal(f.p.status, "draft");
    assert_int_equal(f.nclashes, 1);
    assert_true(has_clash(&f, "same_partner", "activity", act));
    assert_int_equal(f.clashes[0].partner_id, p);
    /* the same partner as that plan, overlapping by one day, another division (the city) */
    exchange_plan_input city = plan_in("5104", "市文化月", &p, 1, "2027-05-12", "2027-05-31");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_plan_create(&t->ctx, &city, &g), 0);
    assert_true(has_clash(&g, "same_partner", "plan", f.p.id));
    assert_false(has_clash(&g, "same_partner", "activity", act)); /* ended on the 10th */
    /* the same division on overlapping dates, another partner */
    exchange_plan_input other = plan_in("510402", "东区友城展", &q, 1, "2027-05-11", "2027-05-11");
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_plan_create(&t->ctx, &other, &h), 0);
    assert_int_equal(h.nclashes, 1);
    assert_true(has_clash(&h, "same_division", "plan", f.p.id));
    /* a plan of the next days clashes with nothing */
    exchange_plan_input later = plan_in("510402", "东区交流", &q, 1, "2027-06-01", "2027-06-02");
    exchange_plan_full l;
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_plan_create(&t->ctx, &later, &l), 0);
    assert_int_equal(l.nclashes, 0);
    /* the calendar of 东区 for its staff: every plan, the first one warned thrice */
    exchange_plan_full *ps;
    size_t n;
    int staff;
    assert_int_equal(
        exchange_calendar(&t->ctx, "510402", "2027-05-01", "2027-05-31", 0, &ps, &n, &staff), 0);
    assert_true(staff);
    assert_int_equal(n, 2);
    assert_int_equal(ps[0].p.id, f.p.id);
    assert_int_equal(ps[0].nclashes, 3);
    assert_true(has_clash(&ps[0], "same_partner", "plan", g.p.id));
    assert_true(has_clash(&ps[0], "same_division", "plan", h.p.id));
    /* the city's calendar for its admin holds the city's plan too */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(
        exchange_calendar(&t->ctx, "5104", "2027-05-01", "2027-06-30", 0, &ps, &n, &staff), 0);
    assert_int_equal(n, 4);
    /* a citizen sees approved plans only, none yet, and no warnings */
    tdb_as(t, CITIZEN);
    assert_int_equal(
        exchange_calendar(&t->ctx, "510402", "2027-05-01", "2027-05-31", 0, &ps, &n, &staff), 0);
    assert_false(staff);
    assert_int_equal(n, 0);
    assert_int_equal(exchange_plan_get(&t->ctx, f.p.id, &g), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    /* a period is bounded */
    assert_int_equal(
        exchange_calendar(&t->ctx, "510402", "2027-01-01", "2028-06-01", 0, &ps, &n, &staff), -1);
    assert_string_equal(t->ctx.err.code, "bad_period");
    /* a rejected activity clashes with nothing */
    assert_int_equal(db_run(t->ctx.c,
                            "UPDATE exchange_activities SET status = 'rejected'"
                            " WHERE id = ?",
                            "i", act),
                     WY_OK);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_plan_get(&t->ctx, f.p.id, &g), 0);
    assert_false(has_clash(&g, "same_partner", "activity", act));
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'exchange_plan.create'"
                           " AND division = ?",
                           "510402"),
                     3);
    tdb_close(t);
}

static void test_plan_review(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p = partner(t, "5104", "测试友好城市");
    exchange_plan_input in = plan_in("510402", "东区文化周", &p, 1, "2027-09-01", "2027-09-07");
    exchange_plan_full f;
    const char *status;
    /* the city reviewer is also a district admin of 东区 here: they write and submit a plan */
    assert_int_equal(db_run(t->ctx.c,
                            "INSERT INTO role_grants(user_id, role, division, created_at)"
                            " SELECT id, 'district_admin', '510402', 0 FROM users WHERE phone = ?",
                            "t", CITY_REVIEWER),
                     WY_OK);
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(exchange_plan_create(&t->ctx, &in, &f), 0);
    assert_int_equal(exchange_plan_submit(&t->ctx, f.p.id, &status), 0);
    assert_string_equal(status, "pending");
    review_item after;
    /* nobody approves their own */
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, review_item_of(t, f.p.id), "approve", NULL, &after),
                     -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    /* the county's own plan, submitted by its admin: one level, the city's */
    exchange_plan_full g;
    in.title = "东区友城交流";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_plan_create(&t->ctx, &in, &g), 0);
    assert_int_equal(exchange_plan_submit(&t->ctx, g.p.id, &status), 0);
    assert_string_equal(status, "pending");
    assert_int_equal(exchange_plan_submit(&t->ctx, g.p.id, &status), -1);
    assert_string_equal(t->ctx.err.code, "bad_state");
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, review_item_of(t, g.p.id), "approve", NULL, &after), 0);
    assert_string_equal(after.status, "published");
    /* approved: on the public calendar, without warnings */
    exchange_plan_full *ps;
    size_t n;
    int staff;
    tdb_as(t, CITIZEN);
    assert_int_equal(
        exchange_calendar(&t->ctx, "5104", "2027-09-01", "2027-09-30", 0, &ps, &n, &staff), 0);
    assert_false(staff);
    assert_int_equal(n, 1);
    assert_int_equal(ps[0].p.id, g.p.id);
    assert_string_equal(ps[0].p.status, "published");
    assert_int_equal(ps[0].npartners, 1);
    assert_int_equal(ps[0].nclashes, 0);
    assert_int_equal(exchange_plan_get(&t->ctx, g.p.id, &f), 0);
    assert_false(f.staff);
    tdb_close(t);
}

static void test_funds(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t a = activity(t, NULL, "2026-03-01", "2026-03-05");
    int64_t b = activity(t, NULL, "2026-07-01", "2026-07-05");
    int64_t id;
    exchange_fund_input grant = {.kind = "grant",
                                 .sponsor = "省文化和旅游厅",
                                 .amount_fen = 5000000,
                                 .value_fen = -1,
                                 .given_on = "2026-02-20"};
    exchange_fund_input stage = {.kind = "facilities",
                                 .sponsor = "攀枝花大剧院",
                                 .amount_fen = -1,
                                 .in_kind = "剧场三天",
                                 .value_fen = 1200000,
                                 .given_on = "2026-03-01"};
    exchange_fund_input spons = {.kind = "sponsorship",
                                 .sponsor = "攀钢集团",
                                 .amount_fen = 800000,
                                 .value_fen = -1,
                                 .given_on = "2026-07-02"};
    /* checks: nothing written */
    exchange_fund_input bad = grant;
    bad.kind = "loan";
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_fund_add(&t->ctx, a, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    bad = grant;
    bad.amount_fen = 0;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_fund_add(&t->ctx, a, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "amount_required");
    bad = stage;
    bad.in_kind = NULL;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_fund_add(&t->ctx, a, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "in_kind_required");
    tdb_as(t, DISTRICT_ADMIN); /* the city's activity */
    assert_int_equal(exchange_fund_add(&t->ctx, a, &grant, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_funds WHERE division = ?", "5104"), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_fund_add(&t->ctx, a, &grant, &id), 0);
    assert_int_equal(exchange_fund_add(&t->ctx, a, &stage, &id), 0);
    assert_int_equal(exchange_fund_add(&t->ctx, b, &spons, &id), 0);
    /* per activity */
    exchange_fund *fs;
    size_t n;
    int64_t amount, value;
    assert_int_equal(exchange_funds_of(&t->ctx, a, &fs, &n, &amount, &value), 0);
    assert_int_equal(n, 2);
    assert_int_equal(amount, 5000000);
    assert_int_equal(value, 1200000);
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_funds_of(&t->ctx, a, &fs, &n, &amount, &value), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* per period: the first half of the year holds a's, the whole year b's too */
    exchange_fund_total *ts;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_fund_totals(&t->ctx, "5104", "2026-01-01", "2026-06-30", &ts, &n), 0);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += ts[i].amount_fen + ts[i].value_fen;
    assert_int_equal(sum, 6200000);
    assert_int_equal(exchange_fund_totals(&t->ctx, "5104", "2026-01-01", "2026-12-31", &ts, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(ts[2].kind, "sponsorship");
    assert_int_equal(ts[2].amount_fen, 800000);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_fund_totals(&t->ctx, "5104", "2026-01-01", "2026-12-31", &ts, &n),
                     -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_close(t);
}

static void test_delegation(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t a = activity(t, NULL, "2026-03-01", "2026-03-05"), id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_delegate_add(&t->ctx, a, "troupe", "攀枝花市歌舞团", "演出", "", &id),
                     0);
    assert_int_equal(
        exchange_delegate_add(&t->ctx, a, "person", "张三", "团长", "攀枝花市歌舞团", &id), 0);
    assert_int_equal(exchange_delegate_add(&t->ctx, a, "crowd", "某某", "", "", &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    const char *status;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_submit(&t->ctx, a, &status), 0);
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "exchange_activity", a, &it),
                     WY_OK);
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, &it), 0);
    exchange_delegate *ds;
    size_t n;
    int people;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_delegation(&t->ctx, a, &ds, &n, &people), 0);
    assert_true(people);
    assert_int_equal(n, 2);
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_delegation(&t->ctx, a, &ds, &n, &people), 0);
    assert_false(people);
    assert_int_equal(n, 1);
    assert_string_equal(ds[0].kind, "troupe");
    tdb_close(t);
}

static void test_changes(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t p = partner(t, "5104", "测试友好城市"), ch, it, ag;
    exchange_channel_input cin = {.division = "5104",
                                  .name = "友城渠道",
                                  .scope = "international",
                                  .sector = "government",
                                  .established_on = "2024-01-15"};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_channel_create(&t->ctx, &cin, &ch), 0);
    assert_int_equal(exchange_intent_create(&t->ctx, ch, p, "互访意向", "2024-03-01", &it), 0);
    exchange_agreement_input ain = {.kind = "memorandum",
                                    .title = "合作备忘录",
                                    .signed_on = "2024-02-01",
                                    .renew_on = "2029-02-01"};
    assert_int_equal(exchange_agreement_create(&t->ctx, p, &ain, &ag), 0);
    /* partner: a bad kind, a city removed, changes nothing */
    exchange_partner_input pc = {.kind = "sister"};
    assert_int_equal(exchange_partner_change(&t->ctx, p, &pc, 0), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    pc = (exchange_partner_input){.name = "新名字", .city = ""};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_partner_change(&t->ctx, p, &pc, 0), -1);
    assert_string_equal(t->ctx.err.code, "city_required");
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_partners WHERE name = ?", "新名字"),
                     0);
    tdb_as(t, DISTRICT_ADMIN);
    pc = (exchange_partner_input){.name = "新名字"};
    assert_int_equal(exchange_partner_change(&t->ctx, p, &pc, 0), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    pc = (exchange_partner_input){.name = "新名字", .since = "2020-05-01"};
    assert_int_equal(exchange_partner_change(&t->ctx, p, &pc, 0), 0);
    exchange_partner got;
    exchange_agreement *ags;
    size_t nags;
    int owners;
    assert_int_equal(exchange_partner_get(&t->ctx, p, &got, &ags, &nags, &owners), 0);
    assert_string_equal(got.name, "新名字");
    assert_string_equal(got.languages, ",es,"); /* kept */
    assert_string_equal(got.since, "2020-05-01");
    /* agreement: the renewal not before the signing; cleared with "" */
    exchange_agreement_input ac = {.renew_on = "2020-01-01"};
    assert_int_equal(exchange_agreement_change(&t->ctx, ag, &ac), -1);
    assert_string_equal(t->ctx.err.code, "bad_renewal");
    ac = (exchange_agreement_input){.renew_on = "", .title = "新备忘录"};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_agreement_change(&t->ctx, ag, &ac), 0);
    assert_int_equal(exchange_partner_get(&t->ctx, p, &got, &ags, &nags, &owners), 0);
    assert_int_equal(nags, 1);
    assert_null(ags[0].renew_on);
    assert_string_equal(ags[0].title, "新备忘录");
    /* channel */
    exchange_channel_input cc = {.sector = "private", .mass_art = -1};
    assert_int_equal(exchange_channel_change(&t->ctx, ch, &cc), -1);
    assert_string_equal(t->ctx.err.code, "bad_sector");
    cc = (exchange_channel_input){.name = "友城交流渠道", .mass_art = 1};
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_channel_change(&t->ctx, ch, &cc), 0);
    assert_int_equal(
        count(t, "SELECT mass_art FROM exchange_channels WHERE name = ?", "友城交流渠道"), 1);
    /* intent */
    assert_int_equal(exchange_intent_change(&t->ctx, it, 0, 0, "", NULL), -1);
    assert_string_equal(t->ctx.err.code, "bad_title");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_intent_change(&t->ctx, it, 0, 0, NULL, "2024-13-01"), -1);
    assert_string_equal(t->ctx.err.code, "bad_date");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_intent_change(&t->ctx, it, 0, 0, "互访意向书", "2024-04-01"), 0);
    /* a channel named by an intent is not deleted; the intent is, then the channel */
    assert_int_equal(exchange_channel_delete(&t->ctx, ch), -1);
    assert_string_equal(t->ctx.err.code, "in_use");
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_intent_delete(&t->ctx, it), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_intent_delete(&t->ctx, it), 0);
    assert_int_equal(exchange_channel_delete(&t->ctx, ch), 0);
    assert_int_equal(exchange_channel_delete(&t->ctx, ch), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE division = ? AND action IN"
                           " ('exchange_partner.update', 'exchange_agreement.update',"
                           " 'exchange_channel.update', 'exchange_intent.update',"
                           " 'exchange_intent.delete', 'exchange_channel.delete')",
                           "5104"),
                     6);
    tdb_close(t);
}

/* The demo's plan calendar of 玉溪市: the exchanges of Cixi's and Changzhi's kinds, approved
 * but the last, which clashes with the pairing with 北京顺义区; a second run adds nothing. */
static void test_demo_calendar(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *in_yuxi =
        "SELECT count(*) FROM exchange_plans WHERE division >= ? AND division < '5305'";
    assert_int_equal(count(t, in_yuxi, "5304"), 6);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM exchange_plans WHERE division >= ?"
                           " AND division < '5305' AND status = 'published'",
                           "5304"),
                     5);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_plans WHERE division = ?", "530402201201"), 1);
    exchange_plan_full *ps;
    size_t n;
    int staff;
    tdb_as(t, "13900000041");
    assert_int_equal(
        exchange_calendar(&t->ctx, "5304", "2027-06-01", "2027-06-30", 0, &ps, &n, &staff), 0);
    assert_int_equal(n, 2);
    assert_string_equal(ps[1].p.title, "澄江·顺义文化周");
    assert_string_equal(ps[1].p.status, "pending");
    assert_true(has_clash(&ps[1], "same_partner", "plan", ps[0].p.id));
    /* the public sees the approved ones */
    tdb_as(t, CITIZEN);
    assert_int_equal(
        exchange_calendar(&t->ctx, "5304", "2027-01-01", "2027-12-31", 0, &ps, &n, &staff), 0);
    assert_int_equal(n, 5);
    t->ctx.who = NULL;
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(count(t, in_yuxi, "5304"), 6);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar_clashes),
        cmocka_unit_test(test_plan_review),
        cmocka_unit_test(test_funds),
        cmocka_unit_test(test_delegation),
        cmocka_unit_test(test_changes),
        cmocka_unit_test(test_demo_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
