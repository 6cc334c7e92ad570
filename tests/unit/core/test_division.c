/* Tests of src/domain/division.c: codes, levels, the scope test, and the import. */
#include "testlib.h"

static void test_normalize(void **state)
{
    (void)state;
    char out[DIVISION_CODE_MAX];
    static const char *const cases[][2] = {
        {"5104", "5104"},
        {"510400000000", "5104"},
        {"510400", "5104"},
        {"510402", "510402"},
        {"510000", "51"},
        {"51", "51"},
        {"510402001", "510402001"},
        {"510402001000", "510402001"},
        {"510402001001", "510402001001"},
        {"510402000000", "510402"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(division_normalize(cases[i][0], out), 0);
        assert_string_equal(out, cases[i][1]);
    }
    static const char *const bad[] = {
        "", "5", "51040", "5104a", "5104000000000", "00", "000000000000", "-510", NULL};
    for (int i = 0; bad[i]; i++)
        assert_int_equal(division_normalize(bad[i], out), -1);
    assert_int_equal(division_normalize(NULL, out), -1);
}

static void test_levels_and_scope(void **state)
{
    (void)state;
    assert_int_equal(division_level_of("51"), LEVEL_PROVINCE);
    assert_int_equal(division_level_of("5104"), LEVEL_CITY);
    assert_int_equal(division_level_of("510402"), LEVEL_COUNTY);
    assert_int_equal(division_level_of("510402001"), LEVEL_TOWN);
    assert_int_equal(division_level_of("510402001001"), LEVEL_VILLAGE);
    assert_int_equal(division_level_of("51040"), 0);
    assert_int_equal(division_level_parse("county"), LEVEL_COUNTY);
    assert_int_equal(division_level_parse("nation"), 0);
    char anc[DIVISION_CODE_MAX];
    assert_true(division_ancestor("510402001001", LEVEL_COUNTY, anc));
    assert_string_equal(anc, "510402");
    assert_false(division_ancestor("5104", LEVEL_COUNTY, anc));
    char pad[DIVISION_CODE_MAX];
    division_pad("5104", pad);
    assert_string_equal(pad, "510400000000");
    assert_true(division_contains("5104", "510402001001"));
    assert_true(division_contains("510402", "510402"));
    assert_false(division_contains("510402", "510403001"));
    assert_false(division_contains("510402001", "510402"));
    assert_false(division_contains(NULL, "5104"));
}

static void test_demo_tree(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    division_view v;
    assert_int_equal(division_get(&t->ctx, "510400000000", &v), 0);
    assert_string_equal(v.self.name, "攀枝花市");
    assert_int_equal(v.nchildren, 5);
    static const char *const names[] = {"东区", "西区", "仁和区", "米易县", "盐边县"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(v.children[i].name, names[i]);
    assert_true(v.npopulation >= 1);
    assert_int_equal(v.population[0].persons, 1212200);
    assert_int_equal(division_get(&t->ctx, "510402", &v), 0);
    assert_int_equal(v.population[0].year, 2022);
    assert_int_equal(v.population[0].persons, 412800);
    /* the whole city down to its 336 villages and communities */
    assert_int_equal(store_division_count(t->ctx.c, "5104"), 1 + 5 + 49 + 336);
    /* a city the demo does not load (it loads 攀枝花市 and, for the exchange module, 玉溪市) */
    assert_int_equal(store_division_count(t->ctx.c, "1404"), 0);
    assert_int_equal(division_get(&t->ctx, "140400", &v), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_int_equal(division_get(&t->ctx, "53x", &v), -1);
    assert_int_equal(t->ctx.err.cls, E_INVALID);
    tdb_close(t);
}

static void test_import_rejects_bad_rows(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    char path[400];
    snprintf(path, sizeof(path), "%s/d.csv", t->dir);
    FILE *f = fopen(path, "w");
    fputs("code,name\n"
          "51,\"四川省\"\n"
          "5104,攀枝花市\n"
          "510402,东区\n"
          "510499x,坏代码\n"          /* not a code */
          "530402,\"红塔区\"\n"       /* parent 5304 missing */
          "510403,\xb6\xab\xc7\xf8\n" /* GBK bytes */
          "510411,\n",                /* empty name */
          f);
    fclose(f);
    char *files[] = {path};
    import_report rep;
    assert_int_equal(division_import_files(&t->ctx, files, 1, NULL, 0, &rep), 0);
    assert_int_equal(rep.read, 7);
    assert_int_equal(rep.accepted, 3);
    assert_int_equal(rep.rejected, 4);
    assert_int_equal(store_division_count(t->ctx.c, ""), 3);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_levels_and_scope),
        cmocka_unit_test(test_demo_tree),
        cmocka_unit_test(test_import_rejects_bad_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
