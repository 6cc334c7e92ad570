/* Tests of the exchange module's partners, agreements, channels and intents on a database (both
 * backends): the checks of each record and who writes it (indicators_manage over its division),
 * the audit lines, the agreements' owners for staff only, an intent with a partner of another
 * city refused, the channel and intent indicators computed from records the test writes, the
 * dates, and the demo of 玉溪市, which a second run leaves as it is. */
#include <math.h>
#include <time.h>

#include "testlib.h"

#include "db/store_util.h"
#include "core/review.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"

#define CITY_ADMIN     "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN "13900000002" /* district_admin of 东区 (510402) */
#define VENUE_MANAGER  "13900000005"
#define CITIZEN        "13800000006"
#define CITY_REVIEWER  "13900000004" /* reviewer of 攀枝花市 */
#define YUXI_ADMIN     "13900000041" /* city_admin of 玉溪市 (demo_exchange.c) */

static int64_t count(tdb *t, const char *sql, const char *arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "t", arg), &v), WY_OK);
    return v;
}

/* Local midnight (+08:00) of a date: where a period of the indicators starts and ends. */
static int64_t china_midnight(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return (int64_t)timegm(&tm) * 1000 - 8 * 3600 * 1000;
}

static const char *const es[] = {"es", "eu"};

static exchange_partner_input partner_in(const char *division, const char *name)
{
    return (exchange_partner_input){.division = division,
                                    .name = name,
                                    .kind = "friendship_city",
                                    .scope = "foreign",
                                    .country = "西班牙",
                                    .city = "圣塞巴斯蒂安",
                                    .languages = es,
                                    .nlanguages = 2};
}

static void test_dates(void **state)
{
    (void)state;
    assert_true(exchange_date_valid("2024-02-29"));
    assert_false(exchange_date_valid("2023-02-29"));
    assert_false(exchange_date_valid("1900-02-29"));
    assert_true(exchange_date_valid("2000-02-29"));
    assert_false(exchange_date_valid("2024-13-01"));
    assert_false(exchange_date_valid("2024-1-01"));
    assert_false(exchange_date_valid("2024-01-0a"));
    assert_false(exchange_date_valid(NULL));
    char d[11];
    exchange_date_of(china_midnight(2026, 1, 1), d);
    assert_string_equal(d, "2026-01-01");
    exchange_date_of(china_midnight(2026, 1, 1) - 1, d);
    assert_string_equal(d, "2025-12-31");
}

static void test_partner_rules(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id;
    exchange_partner_input in = partner_in("510402", "测试友好城市");
    /* indicators_manage over the division: not a citizen, not a venue manager, not a district
     * admin of another district */
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DISTRICT_ADMIN);
    exchange_partner_input other = partner_in("5304", "测试友好城市");
    assert_int_equal(exchange_partner_create(&t->ctx, &other, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    struct {
        exchange_partner_input in;
        const char *code;
    } bad[] = {
        {partner_in("510402", ""), "bad_name"},
        {partner_in("51040x", "测试"), "bad_division"},
        {partner_in("510499", "测试"), "unknown_division"},
    };
    bad[0].in.name = "";
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        tdb_as(t, CITY_ADMIN);
        assert_int_equal(exchange_partner_create(&t->ctx, &bad[i].in, &id), -1);
        assert_string_equal(t->ctx.err.code, bad[i].code);
    }
    exchange_partner_input b = in;
    b.kind = "sister";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &b, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    b = in;
    b.city = "";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &b, &id), -1);
    assert_string_equal(t->ctx.err.code, "city_required");
    b = in;
    b.kind = "organisation";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &b, &id), -1);
    assert_string_equal(t->ctx.err.code, "organisation_required");
    static const char *const bad_lang[] = {"ES"};
    b = in;
    b.languages = bad_lang;
    b.nlanguages = 1;
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &b, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_languages");
    b = in;
    b.since = "2024-02-30";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &b, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_date");
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_partners WHERE division = ?", "510402"), 0);
    /* the district admin over its district; audited */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &id), 0);
    exchange_partner p;
    exchange_agreement *ags;
    size_t nags;
    int owners;
    assert_int_equal(exchange_partner_get(&t->ctx, id, &p, &ags, &nags, &owners), 0);
    assert_string_equal(p.languages, ",es,eu,");
    assert_string_equal(p.division, "510402");
    assert_int_equal(nags, 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action ="
                           " 'exchange_partner.create' AND division = ?",
                           "510402"),
                     1);
    tdb_close(t);
}

static void test_agreements(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t partner, id;
    exchange_partner_input in = partner_in("510402", "测试友好城市");
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &partner), 0);
    exchange_agreement_input g = {.kind = "friendship_city",
                                  .title = "友好城市协议书",
                                  .signed_on = "2020-05-01",
                                  .renew_on = "2019-05-01",
                                  .owner_ours = "区外事办",
                                  .owner_theirs = "对方外事局"};
    assert_int_equal(exchange_agreement_create(&t->ctx, partner, &g, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_renewal");
    g.renew_on = "2025-05-01";
    g.kind = "treaty";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_agreement_create(&t->ctx, partner, &g, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    g.kind = "friendship_city";
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_agreement_create(&t->ctx, partner, &g, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_agreement_create(&t->ctx, 999999, &g, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    /* the city admin over the district's partner */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_agreement_create(&t->ctx, partner, &g, &id), 0);
    g.kind = "memorandum";
    g.signed_on = "2018-01-10";
    g.renew_on = NULL;
    assert_int_equal(exchange_agreement_create(&t->ctx, partner, &g, &id), 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action ="
                           " 'exchange_agreement.create' AND division = ?",
                           "510402"),
                     2);
    /* the agreements, oldest first; the owners for staff over the division only */
    exchange_partner p;
    exchange_agreement *ags;
    size_t nags;
    int owners;
    assert_int_equal(exchange_partner_get(&t->ctx, partner, &p, &ags, &nags, &owners), 0);
    assert_int_equal(nags, 2);
    assert_string_equal(ags[0].kind, "memorandum");
    assert_null(ags[0].renew_on);
    assert_string_equal(ags[1].renew_on, "2025-05-01");
    assert_true(owners);
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_partner_get(&t->ctx, partner, &p, &ags, &nags, &owners), 0);
    assert_false(owners);
    tdb_as(t, NULL);
    exchange_partner *ps;
    size_t n;
    assert_int_equal(exchange_partner_list(&t->ctx, "510402", 0, 10, &ps, &n, &ags, &nags, &owners),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(nags, 2);
    assert_false(owners);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_list(&t->ctx, "510402", 0, 10, &ps, &n, &ags, &nags, &owners),
                     0);
    assert_true(owners);
    /* a list of everything is never the staff's view */
    assert_int_equal(exchange_partner_list(&t->ctx, "", 0, 100, &ps, &n, &ags, &nags, &owners), 0);
    assert_false(owners);
    tdb_close(t);
}

static void test_channels_intents_indicators(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t intl, dom, later, partner, yuxi_partner, id;
    exchange_channel_input ch = {.division = "5104",
                                 .name = "友好城市政府间交流",
                                 .scope = "international",
                                 .sector = "government",
                                 .established_on = "2024-06-01"};
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_channel_create(&t->ctx, &ch, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    exchange_channel_input bad = ch;
    bad.sector = "private";
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_channel_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_sector");
    bad = ch;
    bad.established_on = "2024-06";
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_channel_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_date");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_channel_create(&t->ctx, &ch, &intl), 0);
    exchange_channel_input d = ch;
    d.name = "群众文艺团队走亲";
    d.scope = "domestic";
    d.sector = "nongovernment";
    d.mass_art = 1;
    assert_int_equal(exchange_channel_create(&t->ctx, &d, &dom), 0);
    exchange_channel_input l = ch;
    l.name = "新设渠道";
    l.established_on = "2026-02-01";
    assert_int_equal(exchange_channel_create(&t->ctx, &l, &later), 0);
    exchange_partner_input in = partner_in("5104", "测试友好城市");
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &partner), 0);
    /* intents */
    assert_int_equal(exchange_intent_create(&t->ctx, intl, partner, "", "2025-03-01", &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_title");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_intent_create(&t->ctx, 999999, partner, "意向", "2025-03-01", &id),
                     -1);
    assert_string_equal(t->ctx.err.code, "unknown_channel");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_intent_create(&t->ctx, intl, 999999, "意向", "2025-03-01", &id), -1);
    assert_string_equal(t->ctx.err.code, "unknown_partner");
    /* a partner of 玉溪市 is not 攀枝花市's */
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t n, nags;
    int owners;
    assert_int_equal(exchange_partner_list(&t->ctx, "5304", 0, 1, &ps, &n, &ags, &nags, &owners),
                     0);
    assert_int_equal(n, 1);
    yuxi_partner = ps[0].id;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_intent_create(&t->ctx, intl, yuxi_partner, "意向", "2025-03-01", &id),
                     -1);
    assert_string_equal(t->ctx.err.code, "other_city");
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_intent_create(&t->ctx, intl, partner, "意向", "2025-03-01", &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(
        exchange_intent_create(&t->ctx, intl, partner, "政府渠道意向", "2025-03-01", &id), 0);
    assert_int_equal(
        exchange_intent_create(&t->ctx, dom, partner, "民间渠道意向", "2025-12-31", &id), 0);
    assert_int_equal(exchange_intent_create(&t->ctx, dom, partner, "次年意向", "2026-01-01", &id),
                     0);
    exchange_intent *is;
    assert_int_equal(exchange_intent_list(&t->ctx, "5104", 0, 10, &is, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(is[0].sector, "government");
    assert_string_equal(is[0].partner_name, "测试友好城市");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action ="
                           " 'exchange_intent.create' AND division = ?",
                           "5104"),
                     3);
    /* the indicators of 2025 over 攀枝花市: channels and intents dated before its end */
    int64_t from = china_midnight(2025, 1, 1), to = china_midnight(2026, 1, 1);
    double v;
    assert_int_equal(exchange_ind_channels_international(&t->ctx, "5104", from, to, &v), 0);
    assert_true(v == 1.0);
    assert_int_equal(exchange_ind_channels_domestic(&t->ctx, "5104", from, to, &v), 0);
    assert_true(v == 1.0);
    assert_int_equal(exchange_ind_intents_government(&t->ctx, "5104", from, to, &v), 0);
    assert_true(v == 1.0);
    assert_int_equal(exchange_ind_intents_nongovernment(&t->ctx, "5104", from, to, &v), 0);
    assert_true(v == 1.0);
    /* 2026: the later channel and intent count too */
    assert_int_equal(
        exchange_ind_channels_international(&t->ctx, "5104", to, china_midnight(2027, 1, 1), &v),
        0);
    assert_true(v == 2.0);
    assert_int_equal(
        exchange_ind_intents_nongovernment(&t->ctx, "5104", to, china_midnight(2027, 1, 1), &v), 0);
    assert_true(v == 2.0);
    /* another subtree counts its own */
    assert_int_equal(exchange_ind_channels_international(&t->ctx, "510402", from, to, &v), 0);
    assert_true(v == 0.0);
    tdb_close(t);
}

static exchange_activity_input tour_in(const char *title, const int64_t *partner,
                                       const exchange_stop *stops, size_t nstops)
{
    return (exchange_activity_input){.division = "5104",
                                     .title = title,
                                     .title_en = "Opera on tour",
                                     .summary = "攀枝花市歌舞团赴友好城市巡演",
                                     .summary_en = "A tour of the friendship cities",
                                     .kind = "tour",
                                     .scope = "international",
                                     .starts_on = "2025-03-01",
                                     .ends_on = "2025-03-20",
                                     .participants = -1,
                                     .audience = -1,
                                     .media_reports = -1,
                                     .online_reach = -1,
                                     .new_followers = -1,
                                     .partners = partner,
                                     .npartners = partner ? 1 : 0,
                                     .stops = stops,
                                     .nstops = nstops};
}

/* Approve an activity's pending review item as the city reviewer. */
static void approve(tdb *t, int64_t id)
{
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "exchange_activity", id, &it),
                     WY_OK);
    tdb_as(t, CITY_REVIEWER);
    assert_int_equal(review_decide(&t->ctx, it.id, "approve", NULL, &it), 0);
    assert_string_equal(it.status, "published");
}

static void test_activities(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t partner, id, draft;
    exchange_partner_input pin = partner_in("5104", "测试友好城市");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &pin, &partner), 0);
    exchange_stop stops[] = {
        {.place = "维多利亚剧院",
         .city = "圣塞巴斯蒂安",
         .country = "西班牙",
         .starts_on = "2025-03-01",
         .ends_on = "2025-03-03",
         .shows = 2,
         .audience = 1500},
        {.place = "市民广场",
         .city = "毕尔巴鄂",
         .country = "西班牙",
         .starts_on = "2025-03-10",
         .ends_on = "2025-03-20",
         .shows = 3,
         .audience = 4000},
    };
    /* checks */
    exchange_activity_input in = tour_in("攀枝花歌舞西班牙巡演", &partner, stops, 2), bad;
    bad = in;
    bad.kind = "party";
    assert_int_equal(exchange_activity_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    bad = in;
    bad.ends_on = "2025-02-01";
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_dates");
    exchange_stop late[] = {stops[0]};
    late[0].ends_on = "2025-04-01";
    bad = tour_in("攀枝花歌舞西班牙巡演", &partner, late, 1);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_stop_dates");
    int64_t unknown = 999999;
    bad = tour_in("攀枝花歌舞西班牙巡演", &unknown, NULL, 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "unknown_partner");
    bad = in;
    bad.participants = -5;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_figure");
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &in, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_activities WHERE division = ?", "5104"), 0);
    /* a tour of two stops, a draft, seen by staff and not by the public */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &in, &id), 0);
    exchange_activity_input other = tour_in("攀枝花阳光节", NULL, NULL, 0);
    other.kind = "festival";
    other.scope = "domestic";
    assert_int_equal(exchange_activity_create(&t->ctx, &other, &draft), 0);
    exchange_activity_full f;
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), 0);
    assert_string_equal(f.a.status, "draft");
    assert_int_equal(f.nstops, 2);
    assert_int_equal(f.stops[1].seq, 2);
    assert_string_equal(f.stops[1].city, "毕尔巴鄂");
    assert_int_equal(f.npartners, 1);
    assert_int_equal(f.partners[0].partner_id, partner);
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    exchange_activity_full *xs;
    size_t n;
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", NULL, 0, NULL, 0, 10, &xs, &n), 0);
    assert_int_equal(n, 0);
    /* submitted: nobody decides their own, the reviewer publishes */
    const char *status;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_submit(&t->ctx, id, &status), 0);
    assert_string_equal(status, "pending");
    approve(t, id);
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), 0);
    assert_string_equal(f.a.status, "published");
    /* the public query: text in either language, partner, kind */
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", "西班牙", 0, NULL, 0, 10, &xs, &n),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(xs[0].nstops, 2);
    assert_int_equal(
        exchange_activity_search(&t->ctx, "5104", "friendship", 0, NULL, 0, 10, &xs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", "OPERA", 0, "tour", 0, 10, &xs, &n),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", "50%", 0, NULL, 0, 10, &xs, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", NULL, partner, NULL, 0, 10, &xs, &n),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(
        exchange_activity_search(&t->ctx, "5104", NULL, partner + 1000, NULL, 0, 10, &xs, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", NULL, 0, "festival", 0, 10, &xs, &n),
                     0);
    assert_int_equal(n, 0);
    assert_int_equal(exchange_activity_search(&t->ctx, "5104", NULL, 0, "party", 0, 10, &xs, &n),
                     -1);
    assert_string_equal(t->ctx.err.code, "bad_kind");
    /* a published activity is not submitted again */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_submit(&t->ctx, id, &status), -1);
    assert_string_equal(t->ctx.err.code, "bad_state");
    /* figures afterwards, by staff only; audited */
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_activity_set_figures(&t->ctx, id, 40, 5500, 12, 100000, 30), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_set_figures(&t->ctx, id, 40, 5500, 12, 100000, 30), 0);
    assert_int_equal(exchange_activity_get(&t->ctx, id, &f), 0);
    assert_int_equal(f.a.participants, 40);
    assert_int_equal(f.a.new_followers, 30);
    assert_true(f.a.figures_at > 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action ="
                           " 'exchange_activity.figures' AND division = ?",
                           "5104"),
                     1);
    tdb_close(t);
}

static void test_activity_indicators(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t a, b, c, d;
    exchange_activity_input in = tour_in("国际巡演", NULL, NULL, 0);
    in.participants = 50;
    in.new_followers = 20;
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_activity_create(&t->ctx, &in, &a), 0);
    exchange_activity_input dom = tour_in("国内巡演", NULL, NULL, 0);
    dom.scope = "domestic";
    dom.participants = 30;
    dom.new_followers = 10;
    assert_int_equal(exchange_activity_create(&t->ctx, &dom, &b), 0);
    exchange_activity_input fest = tour_in("文化节", NULL, NULL, 0);
    fest.kind = "festival";
    assert_int_equal(exchange_activity_create(&t->ctx, &fest, &c), 0);
    exchange_activity_input expo = tour_in("博览会", NULL, NULL, 0);
    expo.kind = "expo";
    expo.starts_on = "2025-12-30";
    expo.ends_on = "2026-01-02";
    assert_int_equal(exchange_activity_create(&t->ctx, &expo, &d), 0);
    const char *status;
    int64_t ids[] = {a, b, c, d};
    for (size_t i = 0; i < 4; i++) {
        tdb_as(t, CITY_ADMIN);
        assert_int_equal(exchange_activity_submit(&t->ctx, ids[i], &status), 0);
        if (i != 1) /* the domestic tour stays pending: not counted */
            approve(t, ids[i]);
    }
    int64_t from = china_midnight(2025, 1, 1), to = china_midnight(2026, 1, 1);
    double v;
    assert_int_equal(exchange_ind_tours_international(&t->ctx, "5104", from, to, &v), 0);
    assert_true(v == 1.0);
    assert_int_equal(exchange_ind_tours_domestic(&t->ctx, "5104", from, to, &v), 0);
    assert_true(v == 0.0);
    assert_int_equal(exchange_ind_festivals(&t->ctx, "5104", from, to, &v), 0);
    assert_true(v == 1.0);
    /* the expo ends in 2026 */
    assert_int_equal(exchange_ind_expos(&t->ctx, "5104", from, to, &v), 0);
    assert_true(v == 0.0);
    assert_int_equal(exchange_ind_expos(&t->ctx, "5104", to, china_midnight(2027, 1, 1), &v), 0);
    assert_true(v == 1.0);
    /* participants recorded 29 days after the end (a) and 31 days after (b) */
    assert_int_equal(db_run(t->ctx.c,
                            "UPDATE exchange_activities SET figures_at = ends_at + ? WHERE id = ?",
                            "ii", (int64_t)29 * 24 * 3600 * 1000, a),
                     WY_OK);
    assert_int_equal(db_run(t->ctx.c,
                            "UPDATE exchange_activities SET figures_at = ends_at + ? WHERE id = ?",
                            "ii", (int64_t)31 * 24 * 3600 * 1000, b),
                     WY_OK);
    /* ended in 2025: a (in time), b (late), c (no participants): 1 of 3 */
    assert_int_equal(exchange_ind_system_use(&t->ctx, "5104", from, to, &v), 0);
    assert_true(fabs(v - 100.0 / 3.0) < 1e-9);
    /* followers per participant over the published ones with both: a alone, 20/50 */
    assert_int_equal(exchange_ind_followers(&t->ctx, "5104", from, to, &v), 0);
    assert_true(fabs(v - 40.0) < 1e-9);
    /* no activity, no data */
    assert_int_equal(exchange_ind_system_use(&t->ctx, "510402", from, to, &v), 0);
    assert_true(isnan(v));
    tdb_close(t);
}

static void test_demo(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t partners =
        count(t, "SELECT count(*) FROM exchange_partners WHERE division = ?", "5304");
    int64_t agreements =
        count(t, "SELECT count(*) FROM exchange_agreements WHERE division = ?", "5304");
    int64_t channels =
        count(t, "SELECT count(*) FROM exchange_channels WHERE division = ?", "5304");
    int64_t intents = count(t, "SELECT count(*) FROM exchange_intents WHERE division = ?", "5304");
    assert_int_equal(partners, 11);
    assert_int_equal(agreements, 8);
    assert_int_equal(channels, 5);
    assert_int_equal(intents, 5);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM exchange_activities WHERE division = ?"
                           " AND status = 'published'",
                           "5304"),
                     6);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM exchange_stops s JOIN exchange_activities x"
                           " ON x.id = s.activity_id WHERE x.title = ?",
                           "花灯《山茶花红》巡演"),
                     2);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_partners WHERE name = ?", "老挝占巴塞省"), 1);
    /* the demo admin of 玉溪市 writes 玉溪市's records */
    tdb_as(t, YUXI_ADMIN);
    exchange_partner_input in = partner_in("530402", "红塔区测试伙伴");
    int64_t id;
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &id), 0);
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_partners WHERE division = ?", "5304"),
                     partners);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_agreements WHERE division = ?", "5304"),
        agreements);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_channels WHERE division = ?", "5304"),
                     channels);
    assert_int_equal(count(t, "SELECT count(*) FROM exchange_intents WHERE division = ?", "5304"),
                     intents);
    assert_int_equal(
        count(t, "SELECT count(*) FROM exchange_activities WHERE division = ?", "5304"), 6);
    tdb_close(t);
}

/* Alerts: a partner with no contact since its old agreement is dormant and that agreement,
 * renewed in July, is due; a partner with a recent agreement renewed in 2030 and a new partner
 * with no record yet give none; overdue once the renewal date has passed. The job tells each
 * admin over the division once, not again on a second run. */
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

static void test_alerts(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    t->ctx.now = china_midnight(2026, 6, 1) + 3600 * 1000;
    int64_t old, fresh, blank, g_old, g_fresh;
    exchange_partner_input in = partner_in("510402", "久未往来城市");
    in.since = "2020-01-01";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &old), 0);
    in = partner_in("510402", "新近往来城市");
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &fresh), 0);
    in = partner_in("510402", "新建伙伴");
    assert_int_equal(exchange_partner_create(&t->ctx, &in, &blank), 0);
    exchange_agreement_input g = {.kind = "memorandum",
                                  .title = "合作备忘录",
                                  .signed_on = "2024-03-01",
                                  .renew_on = "2026-07-15"};
    assert_int_equal(exchange_agreement_create(&t->ctx, old, &g, &g_old), 0);
    g.title = "友好交流协议";
    g.signed_on = "2026-01-10";
    g.renew_on = "2030-01-01";
    assert_int_equal(exchange_agreement_create(&t->ctx, fresh, &g, &g_fresh), 0);

    exchange_alert *al;
    size_t n;
    int64_t next;
    assert_int_equal(exchange_alerts(&t->ctx, "510402", 0, 20, &al, &n, &next), 0);
    assert_int_equal(n, 2);
    assert_int_equal(next, 0);
    assert_string_equal(al[0].kind, "dormant");
    assert_int_equal(al[0].partner_id, old);
    assert_string_equal(al[0].last_contact, "2024-03-01");
    assert_string_equal(al[1].kind, "renewal_due");
    assert_int_equal(al[1].agreement_id, g_old);
    assert_string_equal(al[1].renew_on, "2026-07-15");
    /* a page of one partner: the cursor is its id */
    assert_int_equal(exchange_alerts(&t->ctx, "510402", 0, 1, &al, &n, &next), 0);
    assert_int_equal(n, 2);
    assert_int_equal(next, old);
    assert_int_equal(exchange_alerts(&t->ctx, "510402", old, 1, &al, &n, &next), 0);
    assert_int_equal(n, 0);
    /* the city admin sees the district's; nobody else */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(exchange_alerts(&t->ctx, "5104", 0, 20, &al, &n, &next), 0);
    assert_int_equal(n, 2);
    tdb_as(t, CITIZEN);
    assert_int_equal(exchange_alerts(&t->ctx, "510402", 0, 20, &al, &n, &next), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(exchange_alerts(&t->ctx, "510402", 0, 20, &al, &n, &next), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_alerts(&t->ctx, "x", 0, 20, &al, &n, &next), -1);
    assert_string_equal(t->ctx.err.code, "bad_division");

    /* the job, twice: each admin over 510402 told once of each */
    t->ctx.who = NULL;
    assert_true(exchange_job_alerts(&t->ctx) >= 4);
    assert_int_equal(exchange_job_alerts(&t->ctx), 0);
    assert_int_equal(told(t, "exchange.partner_dormant", CITY_ADMIN), 1);
    assert_int_equal(told(t, "exchange.partner_dormant", DISTRICT_ADMIN), 1);
    assert_int_equal(told(t, "exchange.renewal_due", CITY_ADMIN), 1);
    assert_int_equal(told(t, "exchange.renewal_due", DISTRICT_ADMIN), 1);
    assert_int_equal(told(t, "exchange.partner_dormant", CITIZEN), 0);
    assert_int_equal(told(t, "exchange.partner_dormant", VENUE_MANAGER), 0);
    /* past the renewal date: overdue, told once more */
    t->ctx.now = china_midnight(2026, 7, 20);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(exchange_alerts(&t->ctx, "510402", 0, 20, &al, &n, &next), 0);
    assert_int_equal(n, 2);
    assert_string_equal(al[1].kind, "renewal_overdue");
    t->ctx.who = NULL;
    assert_true(exchange_job_alerts(&t->ctx) >= 2);
    assert_int_equal(told(t, "exchange.renewal_overdue", DISTRICT_ADMIN), 1);
    assert_int_equal(told(t, "exchange.partner_dormant", DISTRICT_ADMIN), 1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),      cmocka_unit_test(test_partner_rules),
        cmocka_unit_test(test_agreements), cmocka_unit_test(test_channels_intents_indicators),
        cmocka_unit_test(test_activities), cmocka_unit_test(test_activity_indicators),
        cmocka_unit_test(test_demo),       cmocka_unit_test(test_alerts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
