/* Tests of the markets module's rules on a database (both backends): a market published
 * through review, applications with the food licence rule, the panel's scores with its
 * exclusions, the quotas, the reserve list promoted in order on a withdrawal and a lapse, the
 * tie at a quota line handed to the lottery, the stalls assigned under the rules and moved by
 * hand, the check-in with lateness and no-shows, and the record the next market's panel sees. */
#include <math.h>

#include "testlib.h"

#include "core/demo_kit.h"
#include "mod/markets/market.h"

#define HOUR ((int64_t)3600000)
#define DAY  (24 * HOUR)

#define ORGANISER     "13900000002" /* district admin of 东区 */
#define REVIEWER_EAST "13900000003"
#define REVIEWER_CITY "13900000004"

typedef struct world {
    tdb *t;
    int64_t market;
    int64_t t0; /* the time the market was made */
    market m;
} world;

static void as(world *w, const char *phone)
{
    tdb_as(w->t, phone);
}

static const char *applicant(world *w, int i)
{
    static char phones[16][12];
    snprintf(phones[i], sizeof(phones[i]), "137000000%02d", i);
    account u;
    if (store_user_by_phone(w->t->ctx.c, w->t->ctx.a, phones[i], &u) != WY_OK) {
        int64_t id;
        assert_int_equal(
            store_user_create(w->t->ctx.c, phones[i], "摊主", "x", "510402001", w->t->ctx.now, &id),
            WY_OK);
    }
    return phones[i];
}

/* A published market of 东区 with books 2, food 1, cultural_creative 1 and a plan of 6
 * stalls: A1-A3 and B1-B3, water and power at A1 and B1, A1 near the entrance. */
static world open_market(int min_reviews)
{
    world w = {.t = tdb_open(1)};
    wy_ctx *ctx = &w.t->ctx;
    w.t0 = ctx->now;
    as(&w, ORGANISER);
    market m = {.title = "东区周末文化市集",
                .description = "非遗、文创、图书、美食",
                .division = "510402001",
                .address = "攀枝花市东区炳草岗大道",
                .lon = 101.7186,
                .lat = 26.5804,
                .starts_at = w.t0 + 3 * DAY,
                .ends_at = w.t0 + 3 * DAY + 6 * HOUR,
                .apply_opens_at = w.t0 - HOUR,
                .apply_closes_at = w.t0 + HOUR,
                .confirm_by = w.t0 + DAY,
                .fee_fen = 5000,
                .deposit_fen = 20000,
                .min_reviews = min_reviews,
                .pass_mark = 10,
                .confirm_hours = 24,
                .late_minutes = 30,
                .rule_apart = 1,
                .rule_food = 1,
                .rule_access = 1};
    market_category cats[] = {{.category = "books", .quota = 2},
                              {.category = "food", .quota = 1},
                              {.category = "cultural_creative", .quota = 1}};
    assert_int_equal(market_create(ctx, &m, cats, 3, &w.market), 0);
    market_stall s[] = {
        {.number = "A1",
         .row_label = "A",
         .position = 1,
         .width_cm = 300,
         .depth_cm = 300,
         .power = 1,
         .water = 1,
         .near_entrance = 1,
         .zone = "入口"},
        {.number = "A2", .row_label = "A", .position = 2, .width_cm = 300, .depth_cm = 300},
        {.number = "A3", .row_label = "A", .position = 3, .width_cm = 300, .depth_cm = 300},
        {.number = "B1",
         .row_label = "B",
         .position = 1,
         .width_cm = 300,
         .depth_cm = 300,
         .power = 1,
         .water = 1},
        {.number = "B2", .row_label = "B", .position = 2, .width_cm = 300, .depth_cm = 300},
        {.number = "B3", .row_label = "B", .position = 3, .width_cm = 300, .depth_cm = 300},
    };
    assert_int_equal(market_set_stalls(ctx, w.market, s, 6), 0);
    const char *status;
    assert_int_equal(market_submit(ctx, w.market, &status), 0);
    assert_string_equal(status, "pending");
    assert_int_equal(demo_approve_through_chain(ctx, "market", w.market, status), 0);
    assert_int_equal(store_market_get(ctx->c, ctx->a, w.market, &w.m), WY_OK);
    assert_string_equal(w.m.status, "published");
    return w;
}

/* Applicant i applies in category and submits. */
static int64_t apply(world *w, int i, const char *category)
{
    wy_ctx *ctx = &w->t->ctx;
    as(w, applicant(w, i));
    market_application a = {.stall_name = "摊位", .category = category, .products = "手作"};
    int64_t id;
    assert_int_equal(market_apply(ctx, w->market, &a, &id), 0);
    if (!strcmp(category, "food")) {
        attachment_file f = {"许可证.png", "image/png", "\x89PNG....", 8};
        attachment out;
        assert_int_equal(market_app_attach(ctx, id, "licence", &f, &out), 0);
    }
    assert_int_equal(market_app_submit(ctx, id), 0);
    return id;
}

/* Both demo reviewers give the application a total of `total` (quality carries the rest). */
static void score(world *w, int64_t app, int total)
{
    char pts[128];
    snprintf(pts, sizeof(pts), "{\"quality\":%d,\"culture\":10,\"display\":10,\"fit\":10}",
             total - 30);
    for (int r = 0; r < 2; r++) {
        as(w, r ? REVIEWER_CITY : REVIEWER_EAST);
        assert_int_equal(market_score_add(&w->t->ctx, app, pts, "好"), 0);
    }
}

static market_application app_of(world *w, int64_t id)
{
    market_application a;
    assert_int_equal(store_market_app_get(w->t->ctx.c, w->t->ctx.a, id, &a), WY_OK);
    return a;
}

/* How many notifications of kind applicant i has about application app. */
static int notes(world *w, int i, const notify_kind *kind, int64_t app)
{
    wy_ctx *ctx = &w->t->ctx;
    account u;
    assert_int_equal(store_user_by_phone(ctx->c, ctx->a, applicant(w, i), &u), WY_OK);
    notification *n;
    size_t k;
    assert_int_equal(store_notifications_of(ctx->c, ctx->a, u.id, 0, 100, &n, &k), WY_OK);
    int found = 0;
    for (size_t j = 0; j < k; j++)
        found += !strcmp(n[j].kind, kind->name) &&
                 !strcmp(n[j].subject_type, "market_application") && n[j].subject_id == app;
    return found;
}

static void decide(world *w, int want)
{
    as(w, ORGANISER);
    market_decision d;
    int rc = market_decide(&w->t->ctx, w->market, &d);
    if (want == 0 && rc != 0)
        fail_msg("decide: %s", w->t->ctx.err.code);
    assert_int_equal(rc, want);
}

static void test_quota_and_reserves_promoted_in_order(void **state)
{
    (void)state;
    world w = open_market(2);
    wy_ctx *ctx = &w.t->ctx;
    int64_t b[4];
    int totals[] = {36, 40, 31, 33}; /* ranked: b1, b0, b3, b2 */
    for (int i = 0; i < 4; i++)
        b[i] = apply(&w, i, "books");
    for (int i = 0; i < 4; i++)
        score(&w, b[i], totals[i]);
    /* not while applications are open */
    decide(&w, -1);
    assert_string_equal(ctx->err.code, "window_open");
    ctx->now = w.m.apply_closes_at + 1;
    decide(&w, 0);
    assert_string_equal(app_of(&w, b[1]).status, "accepted");
    assert_string_equal(app_of(&w, b[0]).status, "accepted");
    assert_string_equal(app_of(&w, b[3]).status, "reserve");
    assert_int_equal(app_of(&w, b[3]).position, 1);
    assert_string_equal(app_of(&w, b[2]).status, "reserve");
    assert_int_equal(app_of(&w, b[2]).position, 2);
    assert_int_equal(app_of(&w, b[1]).ranked, 1);
    /* each applicant is told the verdict, once */
    assert_int_equal(notes(&w, 1, &market_kind_accepted, b[1]), 1);
    assert_int_equal(notes(&w, 0, &market_kind_accepted, b[0]), 1);
    assert_int_equal(notes(&w, 3, &market_kind_reserve, b[3]), 1);
    assert_int_equal(notes(&w, 2, &market_kind_reserve, b[2]), 1);
    assert_int_equal(notes(&w, 2, &market_kind_accepted, b[2]), 0);
    /* once only */
    decide(&w, -1);
    assert_string_equal(ctx->err.code, "decided");
    market_category *cats;
    size_t nc;
    assert_int_equal(store_market_categories(ctx->c, ctx->a, w.market, &cats, &nc), WY_OK);
    assert_int_equal(cats[0].accepted, 2);

    /* b1 withdraws: the first reserve (b3) moves up, with its own time to confirm */
    as(&w, applicant(&w, 1));
    assert_int_equal(market_app_withdraw(ctx, b[1]), 0);
    market_application p = app_of(&w, b[3]);
    assert_string_equal(p.status, "accepted");
    assert_int_equal(p.position, 0);
    assert_int_equal(p.confirm_by, ctx->now + 24 * HOUR);
    assert_int_equal(notes(&w, 3, &market_kind_promoted, b[3]), 1);
    assert_string_equal(app_of(&w, b[2]).status, "reserve");
    assert_int_equal(notes(&w, 2, &market_kind_promoted, b[2]), 0);
    /* the quota holds: a reserve cannot be promoted past it by any path */
    assert_int_equal(store_market_categories(ctx->c, ctx->a, w.market, &cats, &nc), WY_OK);
    assert_int_equal(cats[0].accepted, 2);
    /* b3 confirms; b0 does not confirm in time: it lapses and b2 moves up */
    as(&w, applicant(&w, 3));
    assert_int_equal(market_app_confirm(ctx, b[3]), 0);
    ctx->now = w.m.confirm_by + 1;
    as(&w, applicant(&w, 0));
    assert_int_equal(market_app_confirm(ctx, b[0]), -1);
    assert_string_equal(ctx->err.code, "confirm_late");
    int changed;
    assert_int_equal(market_sweep(ctx, w.market, &changed), 0);
    assert_int_equal(changed, 1);
    assert_string_equal(app_of(&w, b[0]).status, "lapsed");
    assert_string_equal(app_of(&w, b[2]).status, "accepted");
    assert_string_equal(app_of(&w, b[3]).status, "confirmed");
    assert_int_equal(notes(&w, 0, &market_kind_lapsed, b[0]), 1);
    assert_int_equal(notes(&w, 2, &market_kind_promoted, b[2]), 1);
    /* the day before, the sweep reminds those holding a place, once however often it runs */
    as(&w, applicant(&w, 2));
    assert_int_equal(market_app_confirm(ctx, b[2]), 0);
    ctx->now = w.m.starts_at - 2 * DAY + 2;
    assert_int_equal(market_sweep(ctx, w.market, &changed), 0);
    assert_int_equal(notes(&w, 3, &market_kind_reminder, b[3]), 0);
    ctx->now = w.m.starts_at - 20 * HOUR;
    assert_int_equal(market_sweep(ctx, w.market, &changed), 0);
    ctx->now += HOUR;
    assert_int_equal(market_sweep(ctx, w.market, &changed), 0);
    assert_int_equal(notes(&w, 3, &market_kind_reminder, b[3]), 1);
    assert_int_equal(notes(&w, 2, &market_kind_reminder, b[2]), 1);
    assert_int_equal(notes(&w, 0, &market_kind_reminder, b[0]), 0);
    assert_int_equal(notes(&w, 1, &market_kind_reminder, b[1]), 0);
    /* nobody is left in reserve: the next withdrawal leaves a place empty */
    as(&w, applicant(&w, 3));
    assert_int_equal(market_app_withdraw(ctx, b[3]), 0);
    assert_int_equal(store_market_categories(ctx->c, ctx->a, w.market, &cats, &nc), WY_OK);
    assert_int_equal(cats[0].accepted, 1);
    tdb_close(w.t);
}

static void test_reviewer_exclusions(void **state)
{
    (void)state;
    world w = open_market(1);
    wy_ctx *ctx = &w.t->ctx;
    /* the district reviewer applies with their own account */
    as(&w, REVIEWER_EAST);
    market_application mine = {.stall_name = "审核员的摊", .category = "books", .products = "书"};
    int64_t own;
    assert_int_equal(market_apply(ctx, w.market, &mine, &own), 0);
    assert_int_equal(market_app_submit(ctx, own), 0);
    /* a citizen's application that gives the city reviewer's number as its contact */
    as(&w, applicant(&w, 1));
    market_application rel = {.stall_name = "亲属的摊",
                              .category = "books",
                              .products = "书",
                              .contact_phone = REVIEWER_CITY};
    int64_t relative;
    assert_int_equal(market_apply(ctx, w.market, &rel, &relative), 0);
    assert_int_equal(market_app_submit(ctx, relative), 0);
    const char *pts = "{\"quality\":5,\"culture\":5,\"display\":5,\"fit\":5}";
    as(&w, REVIEWER_EAST);
    assert_int_equal(market_score_add(ctx, own, pts, NULL), -1);
    assert_string_equal(ctx->err.code, "own_application");
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    as(&w, REVIEWER_CITY);
    assert_int_equal(market_score_add(ctx, relative, pts, NULL), -1);
    assert_string_equal(ctx->err.code, "own_application");
    /* each scores the other's: allowed, once (final) */
    assert_int_equal(market_score_add(ctx, own, pts, NULL), 0);
    assert_int_equal(market_score_add(ctx, own, pts, NULL), -1);
    assert_string_equal(ctx->err.code, "already_scored");
    as(&w, REVIEWER_EAST);
    assert_int_equal(market_score_add(ctx, relative, pts, NULL), 0);
    /* the panel's list marks the exclusion and what the caller scored */
    market_app_row *rows;
    size_t n;
    as(&w, REVIEWER_CITY);
    assert_int_equal(market_apps_list(ctx, w.market, 1, NULL, NULL, &rows, &n), 0);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        assert_null(rows[i].a.contact_phone);
        assert_int_equal(rows[i].excluded, rows[i].a.id == relative);
        assert_int_equal(rows[i].scored, rows[i].a.id == own);
    }
    /* not on the panel: a citizen, the organiser */
    as(&w, applicant(&w, 2));
    assert_int_equal(market_score_add(ctx, own, pts, NULL), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    as(&w, ORGANISER);
    assert_int_equal(market_score_add(ctx, own, pts, NULL), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    /* points outside the rubric */
    as(&w, REVIEWER_CITY);
    int64_t third = apply(&w, 3, "books");
    as(&w, REVIEWER_CITY);
    assert_int_equal(market_score_add(ctx, third, "{\"quality\":50}", NULL), -1);
    assert_string_equal(ctx->err.code, "bad_points");
    tdb_close(w.t);
}

/* The value the tests enter for the beacon's round. */
#define BEACON "fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671"

static void test_tie_at_cutoff_drawn_by_the_lottery(void **state)
{
    (void)state;
    world w = open_market(2);
    wy_ctx *ctx = &w.t->ctx;
    int64_t b[4];
    int totals[] = {38, 34, 34, 34}; /* b0 first; b1-b3 tie for the one place left */
    for (int i = 0; i < 4; i++)
        b[i] = apply(&w, i, "books");
    for (int i = 0; i < 4; i++)
        score(&w, b[i], totals[i]);
    as(&w, ORGANISER);
    /* not while applications are open */
    lottery_row row;
    assert_int_equal(market_tie_lottery(ctx, w.market, &row), -1);
    assert_string_equal(ctx->err.code, "window_open");
    ctx->now = w.m.apply_closes_at + 1;
    market_cutoff *c;
    size_t nc;
    assert_int_equal(market_cutoff_ties(ctx, w.market, &c, &nc), 0);
    assert_int_equal(nc, 1);
    assert_string_equal(c[0].category, "books");
    assert_int_equal(c[0].places_left, 1);
    assert_int_equal(c[0].n, 3);
    for (size_t k = 1; k < c[0].n; k++)
        assert_true(strcmp(c[0].pseudonyms[k - 1], c[0].pseudonyms[k]) < 0);
    /* no decision by hand while a tie stands at a line */
    decide(&w, -1);
    assert_string_equal(ctx->err.code, "tie_at_cutoff");
    assert_int_equal(ctx->err.cls, E_RULE);
    /* the tie lottery: the organisers' */
    as(&w, applicant(&w, 1));
    assert_int_equal(market_tie_lottery(ctx, w.market, &row), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    as(&w, ORGANISER);
    assert_int_equal(market_tie_lottery(ctx, w.market, &row), 0);
    assert_string_equal(row.owner_type, MARKET_CUTOFF_KIND);
    assert_string_equal(row.status, "open");
    assert_string_equal(row.division, "510402001");
    int64_t lid = row.id;
    assert_int_equal(market_tie_lottery(ctx, w.market, &row), 0);
    assert_int_equal(row.id, lid);
    assert_int_equal(lottery_record_commit(ctx, lid, NULL, 0, &row), 0);
    assert_string_equal(row.status, "committed");
    /* committed: the inputs are the tied group, each ranking just its category */
    const char *inputs;
    size_t ilen;
    assert_int_equal(lottery_record_inputs(ctx, lid, &inputs, &ilen), 0);
    assert_non_null(
        strstr(inputs, "\"items\":[{\"id\":\"books\",\"name\":\"Books\",\"places\":1}]"));
    for (size_t k = 0; k < c[0].n; k++)
        assert_non_null(strstr(inputs, arena_sprintf(ctx->a,
                                                     "{\"id\":\"%s\",\"choices\":[\"books\"],"
                                                     "\"priority\":0}",
                                                     c[0].pseudonyms[k])));
    assert_null(strstr(inputs, app_of(&w, b[0]).pseudonym));
    /* nothing moves the line until the draw: a tied applicant's withdrawal, a new close */
    as(&w, applicant(&w, 1));
    assert_int_equal(market_app_withdraw(ctx, b[1]), -1);
    assert_string_equal(ctx->err.code, "draw_pending");
    as(&w, ORGANISER);
    market m = w.m;
    m.apply_closes_at = ctx->now + HOUR;
    assert_int_equal(market_update(ctx, &m, NULL, 0), -1);
    assert_string_equal(ctx->err.code, "draw_pending");
    /* the draw decides: the group in the draw's order */
    ctx->now = row.beacon_due_at;
    assert_int_equal(lottery_record_draw(ctx, lid, BEACON, &row), 0);
    assert_string_equal(row.status, "drawn");
    assert_int_equal(store_market_get(ctx->c, ctx->a, w.market, &w.m), WY_OK);
    assert_true(w.m.decided_at > 0);
    const char *file;
    size_t flen;
    assert_int_equal(lottery_record_file(ctx, lid, &file, &flen), 0);
    lottery *l = NULL;
    char msg[256];
    assert_int_equal(lottery_verify(file, flen, &l, msg, sizeof(msg)), LOTTERY_VERIFIED);
    size_t na, ni;
    const lottery_applicant_result *ar = lottery_applicants(l, &na);
    const lottery_item_result *ir = lottery_items(l, &ni);
    assert_int_equal(na, 3);
    assert_int_equal(ni, 1);
    assert_int_equal(ir[0].nadmitted, 1);
    assert_int_equal(ir[0].nwaiting, 2);
    const char *order[3] = {ar[ir[0].admitted[0]].id, ar[ir[0].waiting[0]].id,
                            ar[ir[0].waiting[1]].id};
    assert_string_equal(app_of(&w, b[0]).status, "accepted");
    for (int i = 1; i < 4; i++) {
        market_application a = app_of(&w, b[i]);
        if (!strcmp(a.pseudonym, order[0])) {
            assert_string_equal(a.status, "accepted");
            assert_int_equal(notes(&w, i, &market_kind_accepted, b[i]), 1);
        } else {
            assert_string_equal(a.status, "reserve");
            assert_int_equal(a.position, !strcmp(a.pseudonym, order[1]) ? 1 : 2);
            assert_string_equal(a.pseudonym, order[a.position]);
            assert_int_equal(notes(&w, i, &market_kind_reserve, b[i]), 1);
            assert_int_equal(notes(&w, i, &market_kind_accepted, b[i]), 0);
        }
    }
    lottery_free(l);
    /* drawn once: the same value answers the same draw and decides nothing again */
    assert_int_equal(lottery_record_draw(ctx, lid, BEACON, &row), 0);
    decide(&w, -1);
    assert_string_equal(ctx->err.code, "decided");
    assert_int_equal(market_tie_lottery(ctx, w.market, &row), -1);
    assert_string_equal(ctx->err.code, "decided");
    tdb_close(w.t);
}

/* A lottery is opened only for a tie, and a failed draw leaves the market undecided. */
static void test_tie_lottery_needs_a_tie(void **state)
{
    (void)state;
    world w = open_market(1);
    wy_ctx *ctx = &w.t->ctx;
    int64_t b0 = apply(&w, 0, "books"), b1 = apply(&w, 1, "books");
    (void)b1;
    score(&w, b0, 40);
    ctx->now = w.m.apply_closes_at + 1;
    as(&w, ORGANISER);
    lottery_row row;
    assert_int_equal(market_tie_lottery(ctx, w.market, &row), -1);
    assert_string_equal(ctx->err.code, "not_all_scored");
    score(&w, b1, 30);
    as(&w, ORGANISER);
    assert_int_equal(market_tie_lottery(ctx, w.market, &row), -1);
    assert_string_equal(ctx->err.code, "no_tie");
    assert_int_equal(ctx->err.cls, E_RULE);
    tdb_close(w.t);
}

static void test_food_needs_licence_and_window(void **state)
{
    (void)state;
    world w = open_market(2);
    wy_ctx *ctx = &w.t->ctx;
    as(&w, applicant(&w, 1));
    market_application a = {.stall_name = "米线", .category = "food", .products = "米线"};
    int64_t id;
    assert_int_equal(market_apply(ctx, w.market, &a, &id), 0);
    assert_int_equal(market_app_submit(ctx, id), -1);
    assert_string_equal(ctx->err.code, "licence_required");
    attachment_file f = {"许可证.pdf", "application/pdf", "%PDF-1.4", 8};
    attachment out;
    /* a photo is an image, a licence may be a PDF */
    assert_int_equal(market_app_attach(ctx, id, "photo", &f, &out), -1);
    assert_int_equal(market_app_attach(ctx, id, "licence", &f, &out), 0);
    assert_int_equal(market_app_submit(ctx, id), 0);
    /* one live application a person */
    market_application again = {.stall_name = "再来", .category = "books", .products = "书"};
    int64_t id2;
    assert_int_equal(market_apply(ctx, w.market, &again, &id2), -1);
    assert_string_equal(ctx->err.code, "duplicate");
    /* a category this market has no place in */
    as(&w, applicant(&w, 2));
    market_application none = {.stall_name = "农", .category = "local_produce", .products = "果"};
    assert_int_equal(market_apply(ctx, w.market, &none, &id2), -1);
    assert_string_equal(ctx->err.code, "bad_category");
    /* after the window */
    ctx->now = w.m.apply_closes_at;
    market_application late = {.stall_name = "迟", .category = "books", .products = "书"};
    assert_int_equal(market_apply(ctx, w.market, &late, &id2), -1);
    assert_string_equal(ctx->err.code, "window_closed");
    /* the other person cannot see the application; the organiser and the panel can */
    market_app_view v;
    assert_int_equal(market_app_get(ctx, id, &v), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    as(&w, REVIEWER_EAST);
    assert_int_equal(market_app_get(ctx, id, &v), 0);
    assert_null(v.a.contact_phone);
    assert_int_equal(v.nlicences, 1);
    assert_true(v.may_score);
    as(&w, ORGANISER);
    assert_int_equal(market_app_get(ctx, id, &v), 0);
    assert_non_null(v.a.contact_phone);
    tdb_close(w.t);
}

static void test_stalls_day_and_record(void **state)
{
    (void)state;
    world w = open_market(2);
    wy_ctx *ctx = &w.t->ctx;
    int64_t b0 = apply(&w, 0, "books"), b1 = apply(&w, 1, "books"), f = apply(&w, 2, "food"),
            cc = apply(&w, 3, "cultural_creative");
    score(&w, b0, 35);
    score(&w, b1, 34);
    score(&w, f, 33);
    score(&w, cc, 32);
    as(&w, ORGANISER);
    ctx->now = w.m.apply_closes_at + 1;
    market_assignment x;
    assert_int_equal(market_assign_stalls(ctx, w.market, &x), -1);
    assert_string_equal(ctx->err.code, "not_decided");
    decide(&w, 0);
    assert_int_equal(market_assign_stalls(ctx, w.market, &x), 0);
    assert_int_equal(x.nh, 4);
    assert_int_equal(x.nproblems, 0);
    for (size_t i = 0; i < x.nh; i++) {
        assert_true(x.at[i] >= 0);
        if (x.holders[i].id == f)
            assert_true(x.stalls[x.at[i]].water && x.stalls[x.at[i]].power);
    }
    /* the books stand apart */
    long sb0 = -1, sb1 = -1;
    for (size_t i = 0; i < x.nh; i++) {
        if (x.holders[i].id == b0)
            sb0 = x.at[i];
        if (x.holders[i].id == b1)
            sb1 = x.at[i];
    }
    assert_false(strcmp(x.stalls[sb0].row_label, x.stalls[sb1].row_label) == 0 &&
                 abs(x.stalls[sb0].position - x.stalls[sb1].position) == 1);
    /* by hand: food where there is no water is refused; a taken stall too */
    market_problem *warn;
    size_t nwarn;
    market_assignment after;
    const char *dry = NULL;
    for (size_t j = 0; j < x.ns && !dry; j++) {
        int taken = 0;
        for (size_t i = 0; i < x.nh; i++)
            taken |= x.at[i] == (long)j;
        if (!taken && !x.stalls[j].water)
            dry = x.stalls[j].number;
    }
    assert_non_null(dry);
    assert_int_equal(market_move_stall(ctx, f, dry, &warn, &nwarn, &after), -1);
    assert_string_equal(ctx->err.code, "food_water_power");
    assert_int_equal(market_move_stall(ctx, b0, x.stalls[sb1].number, &warn, &nwarn, &after), -1);
    assert_string_equal(ctx->err.code, "stall_taken");
    /* a book stall moved beside the other: done, with a warning */
    const char *beside = NULL;
    for (size_t j = 0; j < x.ns && !beside; j++) {
        int taken = 0;
        for (size_t i = 0; i < x.nh; i++)
            taken |= x.at[i] == (long)j;
        if (!taken && !strcmp(x.stalls[j].row_label, x.stalls[sb1].row_label) &&
            abs(x.stalls[j].position - x.stalls[sb1].position) == 1)
            beside = x.stalls[j].number;
    }
    if (beside) {
        assert_int_equal(market_move_stall(ctx, b0, beside, &warn, &nwarn, &after), 0);
        assert_int_equal(nwarn, 1);
        assert_string_equal(warn[0].rule, "same_category_adjacent");
    }
    /* the public list only once published */
    as(&w, NULL);
    assert_int_equal(market_holders_public(ctx, w.market, &after), -1);
    as(&w, ORGANISER);
    assert_int_equal(notes(&w, 0, &market_kind_stall, b0), 0);
    assert_int_equal(market_publish_map(ctx, w.market, 1), 0);
    /* each stall-holder is told the stall, once while the map stays up */
    assert_int_equal(market_publish_map(ctx, w.market, 1), 0);
    assert_int_equal(notes(&w, 0, &market_kind_stall, b0), 1);
    assert_int_equal(notes(&w, 2, &market_kind_stall, f), 1);
    as(&w, NULL);
    assert_int_equal(market_holders_public(ctx, w.market, &after), 0);
    assert_int_equal(after.nh, 4);
    assert_null(after.holders[0].contact_phone);

    /* the day: b0 and f confirmed and come (b0 late), cc confirmed and does not come, b1
     * never confirmed: it lapses at the deadline */
    for (int i = 0; i < 4; i++) {
        if (i == 1)
            continue;
        as(&w, applicant(&w, i));
        int64_t id = i == 0 ? b0 : i == 2 ? f : cc;
        assert_int_equal(market_app_confirm(ctx, id), 0);
    }
    as(&w, ORGANISER);
    int late;
    ctx->now = w.m.starts_at - 4 * HOUR;
    assert_int_equal(market_checkin(ctx, f, &late), -1);
    assert_string_equal(ctx->err.code, "not_today");
    ctx->now = w.m.starts_at + 10 * 60000;
    assert_int_equal(market_checkin(ctx, f, &late), 0);
    assert_false(late);
    assert_int_equal(market_checkin(ctx, f, &late), -1);
    assert_string_equal(ctx->err.code, "already_checked_in");
    assert_int_equal(market_checkin(ctx, b1, &late), -1);
    assert_string_equal(ctx->err.code, "not_confirmed");
    ctx->now = w.m.starts_at + 45 * 60000;
    assert_int_equal(market_checkin(ctx, b0, &late), 0);
    assert_true(late);
    ctx->now = w.m.ends_at + 1;
    int changed;
    assert_int_equal(market_sweep(ctx, w.market, &changed), 0);
    assert_int_equal(app_of(&w, cc).no_show, 1);
    assert_int_equal(app_of(&w, b0).no_show, 0);
    assert_int_equal(app_of(&w, b0).late, 1);
    assert_string_equal(app_of(&w, b1).status, "lapsed");

    /* the next market's panel sees the record */
    market_record rec;
    assert_int_equal(store_market_record(ctx->c, app_of(&w, cc).user_id, ctx->now, &rec), WY_OK);
    assert_int_equal(rec.markets, 1);
    assert_int_equal(rec.no_shows, 1);
    assert_int_equal(store_market_record(ctx->c, app_of(&w, b0).user_id, ctx->now, &rec), WY_OK);
    assert_int_equal(rec.late, 1);
    assert_int_equal(rec.no_shows, 0);
    /* ... but not at a market that started before this one ended */
    assert_int_equal(store_market_record(ctx->c, app_of(&w, cc).user_id, w.m.starts_at, &rec),
                     WY_OK);
    assert_int_equal(rec.markets, 0);
    tdb_close(w.t);
}

static void test_market_checks(void **state)
{
    (void)state;
    world w = open_market(2);
    wy_ctx *ctx = &w.t->ctx;
    /* a citizen may not organise; a venue manager of the town may */
    market m = w.m;
    m.id = 0;
    market_category cats[] = {{.category = "books", .quota = 1}};
    int64_t id;
    as(&w, applicant(&w, 1));
    assert_int_equal(market_create(ctx, &m, cats, 1, &id), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    as(&w, "13900000005");
    m.rubric = NULL;
    assert_int_equal(market_create(ctx, &m, cats, 1, &id), 0);
    /* no site, bad window, bad categories */
    market bad = m;
    bad.address = NULL;
    bad.lon = bad.lat = NAN;
    assert_int_equal(market_create(ctx, &bad, cats, 1, &id), -1);
    assert_string_equal(ctx->err.code, "site_required");
    bad = m;
    bad.apply_closes_at = bad.starts_at + 1;
    assert_int_equal(market_create(ctx, &bad, cats, 1, &id), -1);
    assert_string_equal(ctx->err.code, "bad_window");
    market_category twice[] = {{.category = "books", .quota = 1},
                               {.category = "books", .quota = 2}};
    assert_int_equal(market_create(ctx, &m, twice, 2, &id), -1);
    assert_string_equal(ctx->err.code, "bad_categories");
    /* a draft is not public; submitting needs a plan */
    as(&w, NULL);
    market_view v;
    assert_int_equal(market_get(ctx, id, &v), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    assert_int_equal(market_get(ctx, w.market, &v), 0);
    assert_int_equal(v.ncats, 3);
    assert_int_equal(v.nstalls, 6);
    as(&w, "13900000005");
    const char *status;
    assert_int_equal(market_submit(ctx, id, &status), -1);
    assert_string_equal(ctx->err.code, "no_stalls");
    /* a published market keeps its terms: only its logistics move */
    as(&w, ORGANISER);
    market p = w.m;
    p.title = "改名";
    assert_int_equal(market_update(ctx, &p, NULL, 0), -1);
    assert_string_equal(ctx->err.code, "bad_state");
    p = w.m;
    p.rule_apart = 0;
    assert_int_equal(market_update(ctx, &p, NULL, 0), 0);
    tdb_close(w.t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quota_and_reserves_promoted_in_order),
        cmocka_unit_test(test_reviewer_exclusions),
        cmocka_unit_test(test_tie_at_cutoff_drawn_by_the_lottery),
        cmocka_unit_test(test_tie_lottery_needs_a_tie),
        cmocka_unit_test(test_food_needs_licence_and_window),
        cmocka_unit_test(test_stalls_day_and_record),
        cmocka_unit_test(test_market_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
