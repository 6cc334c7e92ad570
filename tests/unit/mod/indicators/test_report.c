/* Tests of src/mod/indicators/report.c: the themes, the figures of a division and its
 * districts (a town without data among them), the snapshot recorded and recomputed (the same
 * figures match; a changed target does not, and is named), the workbook and the page written,
 * and the refusals (a bad year, a bad or unknown division, a caller out of scope). On both
 * backends (the -pg twin). */
#include <jansson.h>
#include <math.h>

#include "testlib.h"

#include "mod/indicators/report.h"

static void test_themes(void **state)
{
    (void)state;
    report_theme t = report_theme_of("venues.count");
    assert_string_equal(t.prefix, "venues");
    assert_string_equal(t.name_zh, "公共文化设施");
    t = report_theme_of("exchange.tours_domestic");
    assert_string_equal(t.name_en, "Exchange");
    t = report_theme_of("newtheme.thing");
    assert_string_equal(t.prefix, "newtheme"); /* an unknown prefix names its own sheet */
    assert_string_equal(t.name_zh, "newtheme");
}

static void test_figures_snapshot_verify(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000001"); /* city admin of 5104 */
    report_figures f;
    assert_int_equal(report_compute(&t->ctx, "510400", 2026, NULL, NULL, &f), 0);
    assert_string_equal(f.division, "5104");
    assert_string_equal(f.period, "2026");
    assert_int_equal(f.ndivisions, 6); /* the city and its five districts */
    assert_true(f.n > 0);
    assert_string_equal(f.rows[0].division, "5104");
    assert_string_equal(f.rows[f.n - 1].division, "510422");
    assert_int_equal(strlen(f.hash), 64);

    /* the figures as JSON: one entry each; no data is null, never 0 */
    json_t *j = json_loads(report_figures_json(&t->ctx, &f), 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_array_size(j), f.n);
    for (size_t i = 0; i < f.n; i++) {
        json_t *v = json_object_get(json_array_get(j, i), "value");
        assert_true(isfinite(f.rows[i].v.value) ? json_is_number(v) : json_is_null(v));
    }
    json_decref(j);

    /* recorded, then recomputed: the same figures */
    report_row r;
    assert_int_equal(report_record(&t->ctx, &f, NULL, 0, NULL, &r), 0);
    assert_true(r.id > 0);
    report_check c;
    assert_int_equal(report_verify(&t->ctx, r.id, &c), 0);
    assert_true(c.matches);
    assert_string_equal(c.hash, f.hash);
    assert_int_equal(c.nchanged, 0);

    /* a target changes: the report no longer matches, and says which figure */
    ind_target tg;
    assert_int_equal(
        ind_target_set(&t->ctx, "venues.count", "5104", "2026", 321, 0, NAN, 0, NULL, &tg), 0);
    assert_int_equal(report_verify(&t->ctx, r.id, &c), 0);
    assert_false(c.matches);
    assert_string_not_equal(c.hash, f.hash);
    assert_int_equal(c.nchanged, 1);
    assert_non_null(strstr(c.changed[0], "venues.count@5104:"));
    assert_non_null(strstr(c.changed[0], "321"));

    /* a town (few indicators apply at its level, none with data): still written */
    assert_int_equal(report_compute(&t->ctx, "510402001", 2026, NULL, NULL, &f), 0);
    assert_true(f.ndivisions >= 1); /* the town and its villages */
    char path[700];
    snprintf(path, sizeof(path), "%s/town.xlsx", t->dir);
    assert_int_equal(report_write_xlsx(&t->ctx, &f, path), 0);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char magic[2];
    assert_int_equal(fread(magic, 1, 2, fp), 2);
    fclose(fp);
    assert_memory_equal(magic, "PK", 2);
    strbuf h = STRBUF_INIT;
    assert_int_equal(report_write_html(&t->ctx, &f, &h), 0);
    assert_non_null(strstr(h.buf, "年度公共文化服务指标分析报告"));
    assert_non_null(strstr(h.buf, f.hash));
    assert_null(strstr(h.buf, "<script"));
    sb_release(&h);
    tdb_close(t);
}

static void test_refusals(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000001");
    report_figures f;
    assert_int_equal(report_compute(&t->ctx, "5104", 1800, NULL, NULL, &f), -1);
    assert_string_equal(t->ctx.err.code, "bad_year");
    assert_int_equal(t->ctx.err.cls, E_INVALID);
    t->ctx.err = (wy_error){0};
    assert_int_equal(report_compute(&t->ctx, "abc", 2026, NULL, NULL, &f), -1);
    assert_string_equal(t->ctx.err.code, "bad_division");
    t->ctx.err = (wy_error){0};
    assert_int_equal(report_compute(&t->ctx, "510499", 2026, NULL, NULL, &f), -1);
    assert_string_equal(t->ctx.err.code, "unknown_division");
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);

    /* the city's report, made and kept with its files */
    report_row city;
    tdb_as(t, "13900000001");
    assert_int_equal(report_make(&t->ctx, NULL, 2026, &city), 0);
    assert_string_equal(city.division, "5104");
    assert_true(city.has_xlsx && city.has_html);
    const char *data;
    size_t len;
    report_row got;
    assert_int_equal(report_get(&t->ctx, city.id, "xlsx", &got, &data, &len), 0);
    assert_true(len > 100);
    assert_memory_equal(data, "PK", 2);

    /* a district admin: its own district by default; not the city's, nor its files */
    tdb_as(t, "13900000002");
    report_row own;
    assert_int_equal(report_make(&t->ctx, NULL, 2026, &own), 0);
    assert_string_equal(own.division, "510402");
    assert_int_equal(report_make(&t->ctx, "5104", 2026, &own), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    t->ctx.err = (wy_error){0};
    assert_int_equal(report_get(&t->ctx, city.id, "xlsx", &got, &data, &len), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);

    /* a citizen: nothing */
    tdb_as(t, "13800000006");
    assert_int_equal(report_make(&t->ctx, NULL, 2026, &own), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_themes),
        cmocka_unit_test(test_figures_snapshot_verify),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
