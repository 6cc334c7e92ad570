/* Unit tests of core/workday.c: the calendar's rules, who keeps it, and the import that
 * changes nothing when a line is bad. */
#include "testlib.h"

#include "core/audit.h"
#include "core/workday.h"

#define CITY_ADMIN     "13900000001"
#define DISTRICT_ADMIN "13900000002"

static void test_days(void **state)
{
    (void)state;
    int64_t dn;
    assert_true(workday_parse("2026-02-28", &dn));
    assert_int_equal(workday_weekday(dn), 6);
    char s[11];
    workday_format(dn, s);
    assert_string_equal(s, "2026-02-28");
    assert_false(workday_parse("2026-02-29", NULL));
    assert_true(workday_parse("2024-02-29", NULL));
    assert_false(workday_parse("2026-2-28", NULL));
    assert_false(workday_parse("2026-13-01", NULL));
    assert_false(workday_parse("", NULL));
    /* 23:59 China time on Friday is Friday, 00:00 is Saturday */
    assert_true(workday_parse("2026-10-09", &dn));
    assert_int_equal(workday_dayno(1791475200000 + 86400000 - 60000), dn);
    assert_int_equal(workday_dayno(1791475200000 + 86400000), dn + 1);
}

static void test_keep_the_calendar(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int working;
    /* the demo loaded the State Council's schedule */
    assert_int_equal(workday_is_working(ctx, "2026-10-01", &working), 0);
    assert_int_equal(working, 0);
    assert_int_equal(workday_is_working(ctx, "2026-10-10", &working), 0);
    assert_int_equal(working, 1);
    assert_int_equal(workday_is_working(ctx, "2026-10-12", &working), 0);
    assert_int_equal(working, 1);
    assert_int_equal(workday_is_working(ctx, "2026-10-11", &working), 0);
    assert_int_equal(working, 0);
    workday_exception *xs;
    size_t n;
    assert_int_equal(workday_list(ctx, 2026, &xs, &n), 0);
    assert_int_equal(n, 25);
    assert_int_equal(workday_list(ctx, 2025, &xs, &n), 0);
    assert_int_equal(n, 23);
    assert_string_equal(xs[0].day, "2025-01-01");
    assert_string_equal(xs[0].name, "元旦");

    /* a district admin may not; nobody logged in may not */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(workday_set(ctx, "2026-12-31", 0, "测试"), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, NULL);
    assert_int_equal(workday_remove(ctx, "2026-10-01"), -1);
    assert_int_equal(ctx->err.cls, E_UNAUTH);

    /* the city admin: refusals that name the field, then a change, audited */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(workday_set(ctx, "2026-12-32", 0, "x"), -1);
    assert_string_equal(ctx->err.code, "bad_date");
    assert_int_equal(workday_set(ctx, "2026-12-31", 0, ""), -1);
    assert_string_equal(ctx->err.code, "bad_name");
    assert_int_equal(workday_set(ctx, "2026-12-31", 0,
                                 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"),
                     -1);
    assert_string_equal(ctx->err.code, "bad_name");
    assert_int_equal(workday_set(ctx, "2026-12-26", 0, "周六"), -1); /* a Saturday */
    assert_string_equal(ctx->err.code, "not_weekday");
    assert_int_equal(workday_set(ctx, "2026-12-30", 1, "周三"), -1);
    assert_string_equal(ctx->err.code, "not_weekend");
    assert_int_equal(workday_set(ctx, "2026-12-31", 0, "跨年"), 0);
    assert_int_equal(workday_is_working(ctx, "2026-12-31", &working), 0);
    assert_int_equal(working, 0);
    audit_entry *log;
    assert_int_equal(audit_list(ctx, "5104", "workday", "20261231", 0, 10, &log, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(log[0].action, "workday.set");
    assert_int_equal(workday_remove(ctx, "2026-12-31"), 0);
    assert_int_equal(workday_is_working(ctx, "2026-12-31", &working), 0);
    assert_int_equal(working, 1);
    assert_int_equal(workday_remove(ctx, "2026-12-31"), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    assert_int_equal(audit_list(ctx, "5104", "workday", "20261231", 0, 10, &log, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(log[0].action, "workday.remove");
    tdb_close(t);
}

static void test_import(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    workday_import_result res;
    const char *good =
        "date,kind,name\r\n2027-01-01,holiday,元旦\r\n2027-02-06,workday,春节调休上班\r\n";
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(workday_import(ctx, good, strlen(good), 0, &res), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    /* bad lines: each refused with its line and reason, and nothing changes */
    const char *bad = "date,kind,name\n"
                      "2027-01-01,holiday,元旦\n"  /* 2: fine */
                      "2027-01-02,holiday,元旦\n"  /* 3: a Saturday */
                      "2027-01-04,vacation,x\n"    /* 4: kind */
                      "2027/01/05,holiday,x\n"     /* 5: date */
                      "2027-01-01,holiday,again\n" /* 6: twice */
                      "2027-01-06,holiday\n"       /* 7: columns */
                      "2027-01-07,holiday,\n";     /* 8: name */
    assert_int_equal(workday_import(ctx, bad, strlen(bad), 0, &res), -1);
    assert_int_equal(ctx->err.cls, E_INVALID);
    assert_string_equal(ctx->err.code, "bad_rows");
    assert_int_equal(res.nerrors, 6);
    static const struct {
        int line;
        const char *code;
    } want[] = {{3, "not_weekday"},    {4, "bad_kind"},    {5, "bad_date"},
                {6, "duplicate_date"}, {7, "bad_columns"}, {8, "bad_name"}};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(res.errors[i].line, want[i].line);
        assert_string_equal(res.errors[i].code, want[i].code);
    }
    workday_exception *xs;
    size_t n;
    assert_int_equal(workday_list(ctx, 2027, &xs, &n), 0);
    assert_int_equal(n, 0);
    const char *nohead = "2027-01-01,holiday,元旦\n";
    assert_int_equal(workday_import(ctx, nohead, strlen(nohead), 0, &res), -1);
    assert_string_equal(res.errors[0].code, "bad_header");
    assert_int_equal(workday_import(ctx, "", 0, 0, &res), -1);
    assert_string_equal(res.errors[0].code, "empty_file");
    /* a dry run checks without writing */
    assert_int_equal(workday_import(ctx, good, strlen(good), 1, &res), 0);
    assert_int_equal(res.rows, 2);
    assert_int_equal(workday_list(ctx, 2027, &xs, &n), 0);
    assert_int_equal(n, 0);
    /* then in earnest, and again (a line replaces the day's exception) */
    assert_int_equal(workday_import(ctx, good, strlen(good), 0, &res), 0);
    assert_int_equal(workday_import(ctx, good, strlen(good), 0, &res), 0);
    assert_int_equal(workday_list(ctx, 2027, &xs, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(xs[1].day, "2027-02-06");
    assert_int_equal(xs[1].working, 1);
    audit_entry *log;
    assert_int_equal(audit_list(ctx, "5104", "workday", "0", 0, 10, &log, &n), 0);
    assert_int_equal(n, 3); /* the demo's, and these two */
    assert_string_equal(log[0].action, "workday.import");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_keep_the_calendar),
        cmocka_unit_test(test_import),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
