/* Tests of the named rules of src/mod/markets/market_rules.c and market_assign.c: the rubric
 * and a score on it, reviewer exclusions, the ranking by mean score, the tie at a quota line
 * and the lottery's order applied to it, the verdicts (accepted, reserve in order, declined),
 * and stall assignments that keep the organiser's rules or name the one they cannot keep.
 * Pure functions: no database. */
#include "testlib.h"

#include "mod/markets/market_rules.h"

static void test_rubric_and_score(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1 << 20);
    market_criterion c[MARKET_RUBRIC_MAX];
    size_t n;
    assert_int_equal(market_rubric_parse(&a, market_default_rubric, c, &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(market_rubric_max(c, n), 40);
    int64_t total;
    const char *bad;
    assert_int_equal(market_score_check(c, n,
                                        "{\"quality\":8,\"culture\":9,\"display\":7,\"fit\":10}",
                                        &total, &bad),
                     0);
    assert_int_equal(total, 34);
    /* over a criterion's maximum, a criterion left out, one too many, not whole */
    assert_int_equal(market_score_check(c, n,
                                        "{\"quality\":11,\"culture\":9,\"display\":7,\"fit\":10}",
                                        &total, &bad),
                     -1);
    assert_string_equal(bad, "quality");
    assert_int_equal(
        market_score_check(c, n, "{\"quality\":1,\"culture\":9,\"display\":7}", &total, &bad), -1);
    assert_int_equal(market_score_check(c, n,
                                        "{\"quality\":1,\"culture\":9,\"display\":7,\"fit\":1,"
                                        "\"extra\":1}",
                                        &total, &bad),
                     -1);
    assert_int_equal(market_score_check(c, n,
                                        "{\"quality\":1.5,\"culture\":9,\"display\":7,\"fit\":1}",
                                        &total, &bad),
                     -1);
    assert_int_equal(market_score_check(c, n, "[]", &total, &bad), -1);
    /* rubrics: duplicate keys, bad maxima, empty */
    assert_int_equal(market_rubric_parse(&a, "[]", c, &n), -1);
    assert_int_equal(market_rubric_parse(&a,
                                         "[{\"key\":\"a\",\"name\":\"A\",\"max\":5},"
                                         "{\"key\":\"a\",\"name\":\"B\",\"max\":5}]",
                                         c, &n),
                     -1);
    assert_int_equal(market_rubric_parse(&a, "[{\"key\":\"a\",\"name\":\"A\",\"max\":0}]", c, &n),
                     -1);
    assert_int_equal(market_rubric_parse(&a, "[{\"key\":\"A!\",\"name\":\"A\",\"max\":5}]", c, &n),
                     -1);
    arena_free(&a);
}

static void test_reviewer_exclusions(void **state)
{
    (void)state;
    /* one's own application */
    assert_true(market_reviewer_excluded(7, "13900000003", 7, "13812345678"));
    /* someone else's application that gives the reviewer's number as its contact */
    assert_true(market_reviewer_excluded(7, "13900000003", 9, "13900000003"));
    /* anyone else's */
    assert_false(market_reviewer_excluded(7, "13900000003", 9, "13812345678"));
    assert_false(market_reviewer_excluded(7, NULL, 9, "13812345678"));
}

static void test_mean_exact(void **state)
{
    (void)state;
    /* 2/3 and 4/6 are equal; 7/3 beats 9/4 (2.333 > 2.25) */
    assert_int_equal(market_mean_cmp(2, 3, 4, 6), 0);
    assert_true(market_mean_cmp(7, 3, 9, 4) < 0);
    assert_true(market_mean_cmp(9, 4, 7, 3) > 0);
    /* unscored last */
    assert_true(market_mean_cmp(0, 0, 1, 1) > 0);
    assert_true(market_mean_cmp(1, 1, 0, 0) < 0);
    market_candidate c = {1, "p", 60, 2, 0};
    assert_true(market_passes(&c, 30));
    assert_false(market_passes(&c, 31));
}

#define CAND(id, sum, n, at)                                                                       \
    {                                                                                              \
        (id), "p" #id, (sum), (n), (at)                                                            \
    }

static void test_rank_and_verdicts(void **state)
{
    (void)state;
    /* means: 1: 30, 2: 35, 3: 20, 4: 35 (later), 5: 10 */
    market_candidate c[] = {CAND(1, 60, 2, 100), CAND(2, 70, 2, 300), CAND(3, 40, 2, 200),
                            CAND(4, 70, 2, 400), CAND(5, 20, 2, 50)};
    size_t n = sizeof(c) / sizeof(c[0]);
    market_rank(c, n);
    int64_t order[] = {2, 4, 1, 3, 5};
    for (size_t i = 0; i < n; i++)
        assert_int_equal(c[i].id, order[i]);
    /* quota 2, pass mark 15: 2 and 4 accepted, 1 and 3 reserve in order, 5 declined */
    market_verdict v[5];
    int pos[5];
    market_tie t;
    assert_int_equal(market_cutoff_tie(c, n, 2, 15, &t), 0);
    market_verdicts(c, n, 2, 15, v, pos);
    assert_int_equal(v[0], MARKET_ACCEPTED);
    assert_int_equal(v[1], MARKET_ACCEPTED);
    assert_int_equal(v[2], MARKET_RESERVE);
    assert_int_equal(pos[2], 1);
    assert_int_equal(v[3], MARKET_RESERVE);
    assert_int_equal(pos[3], 2);
    assert_int_equal(v[4], MARKET_DECLINED);
    assert_int_equal(pos[4], 0);
    /* a quota larger than the passing candidates: no reserve, none taken beyond */
    market_verdicts(c, n, 10, 15, v, pos);
    assert_int_equal(v[3], MARKET_ACCEPTED);
    assert_int_equal(v[4], MARKET_DECLINED);
}

static void test_cutoff_tie(void **state)
{
    (void)state;
    /* means 40, 35, 35, 35, 20; quota 2: the line falls inside the three 35s */
    market_candidate c[] = {CAND(1, 80, 2, 1), CAND(2, 70, 2, 2), CAND(3, 105, 3, 3),
                            CAND(4, 35, 1, 4), CAND(5, 40, 2, 5)};
    size_t n = sizeof(c) / sizeof(c[0]);
    market_rank(c, n);
    market_tie t;
    assert_int_equal(market_cutoff_tie(c, n, 2, 0, &t), 1);
    assert_int_equal(t.first, 1);
    assert_int_equal(t.count, 3);
    assert_int_equal(t.places_left, 1);
    /* quota 1 or 4: the line falls between different means */
    assert_int_equal(market_cutoff_tie(c, n, 1, 0, &t), 0);
    assert_int_equal(market_cutoff_tie(c, n, 4, 0, &t), 0);
    /* quota 3: still inside the group, two places left for it */
    assert_int_equal(market_cutoff_tie(c, n, 3, 0, &t), 1);
    assert_int_equal(t.places_left, 2);
    /* a tie below the pass mark is no tie at the line: nobody there passes */
    assert_int_equal(market_cutoff_tie(c, n, 2, 36, &t), 0);
    /* the draw's order replaces the group's order, and must be exactly the group */
    assert_int_equal(market_cutoff_tie(c, n, 2, 0, &t), 1);
    const char *bad[] = {"p2", "p3", "p1"};
    assert_int_equal(market_tie_apply(c, &t, bad, 3), -1);
    const char *dup[] = {"p2", "p2", "p3"};
    assert_int_equal(market_tie_apply(c, &t, dup, 3), -1);
    const char *order[] = {"p4", "p2", "p3"};
    assert_int_equal(market_tie_apply(c, &t, order, 3), 0);
    assert_int_equal(c[0].id, 1);
    assert_int_equal(c[1].id, 4);
    assert_int_equal(c[2].id, 2);
    assert_int_equal(c[3].id, 3);
    assert_int_equal(c[4].id, 5);
    market_verdict v[5];
    int pos[5];
    market_verdicts(c, n, 2, 0, v, pos);
    assert_int_equal(v[1], MARKET_ACCEPTED);
    assert_int_equal(v[2], MARKET_RESERVE);
    assert_int_equal(pos[2], 1); /* the draw's second is the first reserve */
    assert_int_equal(pos[3], 2);
}

/* A plan of two rows: A1-A4, B1-B3. Water and power at A1, A2 and B1, power alone at A4; A1
 * and B1 near the entrance. */
static const market_slot plan[] = {
    {1, "A1", "A", 1, 1, 1, 1}, {2, "A2", "A", 2, 1, 1, 0}, {3, "A3", "A", 3, 0, 0, 0},
    {4, "A4", "A", 4, 1, 0, 0}, {5, "B1", "B", 1, 1, 1, 1}, {6, "B2", "B", 2, 0, 0, 0},
    {7, "B3", "B", 3, 0, 0, 0},
};
#define NPLAN (sizeof(plan) / sizeof(plan[0]))
enum { CC, IH, BOOKS, FOOD, LOCAL };

static void test_adjacency(void **state)
{
    (void)state;
    assert_true(market_stalls_adjacent(&plan[0], &plan[1]));
    assert_false(market_stalls_adjacent(&plan[0], &plan[2]));
    assert_false(market_stalls_adjacent(&plan[0], &plan[4])); /* another row */
}

static void test_assign_keeps_rules(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1 << 20);
    market_holder h[] = {
        {10, "书香", BOOKS, 0, 0, 0}, {11, "旧书", BOOKS, 0, 0, 0}, {12, "米线", FOOD, 0, 0, 0},
        {13, "烧烤", FOOD, 0, 0, 0},  {14, "剪纸", IH, 0, 0, 1},    {15, "芒果", LOCAL, 0, 0, 0},
        {16, "文创", CC, 1, 0, 0},
    };
    size_t nh = sizeof(h) / sizeof(h[0]);
    market_assign_rules r = {1, 1, 1};
    long at[7];
    market_problem *p;
    size_t np;
    assert_int_equal(market_assign(&a, plan, NPLAN, h, nh, &r, at, &p, &np), 0);
    assert_int_equal(np, 0);
    /* check it independently of the search */
    for (size_t i = 0; i < nh; i++) {
        assert_true(at[i] >= 0);
        assert_null(market_stall_refuses(&plan[at[i]], &h[i], &r));
        if (h[i].category == FOOD)
            assert_true(plan[at[i]].water && plan[at[i]].power);
        if (h[i].needs_access)
            assert_true(plan[at[i]].near_entrance);
        for (size_t j = 0; j < nh; j++)
            if (j != i && h[j].category == h[i].category)
                assert_false(market_stalls_adjacent(&plan[at[i]], &plan[at[j]]));
        for (size_t j = 0; j < i; j++)
            assert_true(at[i] != at[j]);
    }
    /* the only way: 剪纸 at A1 (the entrance), food at A2 and B1, the power at A4 */
    assert_int_equal(at[4], 0);
    assert_int_equal(at[6], 3);
    arena_free(&a);
}

static void test_assign_names_what_cannot_be_kept(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1 << 20);
    market_assign_rules r = {1, 1, 1};
    long at[8];
    market_problem *p;
    size_t np;
    /* four food stalls, three stalls with water and power: one food holder cannot have one */
    market_holder food[] = {{20, "米线", FOOD, 0, 0, 0},
                            {21, "烧烤", FOOD, 0, 0, 0},
                            {22, "凉粉", FOOD, 0, 0, 0},
                            {23, "豆花", FOOD, 0, 0, 0}};
    r.apart = 0;
    assert_int_equal(market_assign(&a, plan, NPLAN, food, 4, &r, at, &p, &np), 0);
    assert_int_equal(np, 1);
    int food_problems = 0;
    for (size_t k = 0; k < np; k++)
        if (!strcmp(p[k].rule, "food_water_power"))
            food_problems++;
    assert_int_equal(food_problems, 1);
    /* the one named is the lowest in priority (the last holder) */
    for (size_t k = 0; k < np; k++)
        if (!strcmp(p[k].rule, "food_water_power"))
            assert_int_equal(p[k].holder, 3);
    r.apart = 1;
    /* eight holders, seven stalls: one has no stall */
    market_holder many[8];
    for (int i = 0; i < 8; i++)
        many[i] = (market_holder){30 + i, "x", i % 3, 0, 0, 0};
    assert_int_equal(market_assign(&a, plan, NPLAN, many, 8, &r, at, &p, &np), 0);
    int no_stall = 0;
    for (size_t k = 0; k < np; k++)
        no_stall += !strcmp(p[k].rule, "no_stall");
    assert_int_equal(no_stall, 1);
    /* four of one category on two rows of 4 and 3: two of them must stand side by side */
    market_holder books[5];
    for (int i = 0; i < 5; i++)
        books[i] = (market_holder){40 + i, "书", BOOKS, 0, 0, 0};
    assert_int_equal(market_assign(&a, plan, NPLAN, books, 5, &r, at, &p, &np), 0);
    assert_true(np >= 1);
    for (size_t k = 0; k < np; k++) {
        assert_string_equal(p[k].rule, "same_category_adjacent");
        assert_true(p[k].with >= 0);
        assert_true(market_stalls_adjacent(&plan[at[p[k].holder]], &plan[at[p[k].with]]));
    }
    /* with the rule off, nothing to report */
    r.apart = 0;
    assert_int_equal(market_assign(&a, plan, NPLAN, books, 5, &r, at, &p, &np), 0);
    assert_int_equal(np, 0);
    /* a holder who needs the entrance when none is left near it */
    r = (market_assign_rules){1, 1, 1};
    market_holder access[] = {
        {50, "a", CC, 0, 0, 1}, {51, "b", IH, 0, 0, 1}, {52, "c", BOOKS, 0, 0, 1}};
    assert_int_equal(market_assign(&a, plan, NPLAN, access, 3, &r, at, &p, &np), 0);
    assert_int_equal(np, 1);
    assert_string_equal(p[0].rule, "near_entrance");
    assert_int_equal(p[0].holder, 2);
    arena_free(&a);
}

static void test_check_an_assignment_by_hand(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1 << 20);
    market_assign_rules r = {1, 1, 1};
    market_holder h[] = {
        {1, "米线", FOOD, 0, 0, 0}, {2, "书", BOOKS, 0, 0, 0}, {3, "书2", BOOKS, 0, 0, 0}};
    long at[] = {2, 5, 6}; /* food at A3 (no water), books at B2 and B3 (side by side) */
    market_problem *p;
    size_t np;
    assert_int_equal(market_assign_check(&a, plan, NPLAN, h, 3, &r, at, &p, &np), 0);
    assert_int_equal(np, 2);
    assert_string_equal(p[0].rule, "food_water_power");
    assert_int_equal(p[0].holder, 0);
    assert_string_equal(p[1].rule, "same_category_adjacent");
    assert_int_equal(p[1].holder, 2);
    assert_int_equal(p[1].with, 1);
    /* the holder's own needs are rules too */
    market_holder needs = {4, "灯", CC, 1, 1, 0};
    assert_string_equal(market_stall_refuses(&plan[3], &needs, &r), "water");
    assert_null(market_stall_refuses(&plan[0], &needs, &r));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rubric_and_score),
        cmocka_unit_test(test_reviewer_exclusions),
        cmocka_unit_test(test_mean_exact),
        cmocka_unit_test(test_rank_and_verdicts),
        cmocka_unit_test(test_cutoff_tie),
        cmocka_unit_test(test_adjacency),
        cmocka_unit_test(test_assign_keeps_rules),
        cmocka_unit_test(test_assign_names_what_cannot_be_kept),
        cmocka_unit_test(test_check_an_assignment_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
