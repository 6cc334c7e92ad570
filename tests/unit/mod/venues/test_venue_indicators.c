/* Tests of src/mod/venues/venue_indicators.c: every indicator the venues module computes,
 * against venues the test inserts, and the records behind each value. */
#include "mod/indicator_fixture.h"

#include "mod/venues/venue_indicators.h"

extern const wy_module mod_venues;

/* A venue as stored; area NAN: none; grade NULL: none; grade_year 0: none. */
static int64_t venue_at(tdb *t, const char *cat, const char *div, double area, const char *grade,
                        int grade_year, const char *status, int64_t created)
{
    return fx_id(db_query(t->ctx.c,
                          "INSERT INTO venues(name, category, division, area_m2, grade, grade_year,"
                          " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          " RETURNING id",
                          "tttDtItii", cat, cat, div, area, grade, (int64_t)grade_year, status,
                          created, created));
}

static void hours(tdb *t, int64_t venue, int weekday, int opens, int closes, int extended)
{
    assert_int_equal(db_run(t->ctx.c,
                            "INSERT INTO venue_hours(venue_id, weekday, opens, closes, extended)"
                            " VALUES (?, ?, ?, ?, ?)",
                            "iiiii", venue, (int64_t)weekday, (int64_t)opens, (int64_t)closes,
                            (int64_t)extended),
                     WY_OK);
}

static double val(tdb *t, const char *code, const char *div, int64_t from, int64_t to)
{
    return fx_value(t, fx_indicator(&mod_venues, code), div, from, to);
}

static void test_venue_indicators(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    fx_divisions(t);
    const int64_t c0 = Y2026 - 100 * DAY_MS;
    int64_t v1 = venue_at(t, "cultural_centre", "510402", 5000, "1", 2020, "open", c0);
    int64_t v2 = venue_at(t, "cultural_centre", "510403", 3000, "2", 2021, "open", c0);
    /* graded special in 2027: counts from the 2027 period on */
    int64_t v3 = venue_at(t, "cultural_centre", "510402001", NAN, "special", 2027, "open", c0);
    int64_t v4 = venue_at(t, "town_station", "510402001", NAN, "3", 0, "open", c0);
    int64_t v5 = venue_at(t, "town_station", "510403", NAN, NULL, 0, "open", c0);
    venue_at(t, "library", "510402", 2000, "1", 2020, "closed", c0); /* closed: never */
    venue_at(t, "library", "510402", 1000, NULL, 0, "open", Y2027);  /* at the end: out */
    int64_t v8 = venue_at(t, "museum", "510402", 500, NULL, 0, "open", Y2027 - 1);
    venue_at(t, "library", "5105", 9999, "1", 2020, "open", c0); /* another city */
    venue_at(t, "town_station", "5105", NAN, "1", 2020, "open", c0);
    /* v1: 9:00-17:00 every day (56 h) and an extended evening on Friday (3 h) */
    for (int d = 1; d <= 7; d++)
        hours(t, v1, d, 540, 1020, 0);
    hours(t, v1, 5, 1080, 1260, 1);
    /* v2: two overlapping spans on Monday, 9:00-12:00 and 10:00-13:00: 4 h, not 6 */
    hours(t, v2, 1, 540, 720, 0);
    hours(t, v2, 1, 600, 780, 0);

    assert_true(val(t, "venues.count", "5104", Y2026, Y2027) == 6);
    assert_true(val(t, "venues.count", "510402", Y2026, Y2027) == 4);
    /* the area of the venues that have one, per 10,000 residents of the division */
    assert_true(fabs(val(t, "venues.area_per_10k", "5104", Y2026, Y2027) -
                     8500.0 / 1212200 * 10000) < 1e-9);
    /* 510402: its latest figure (2022), not the census */
    assert_true(fabs(val(t, "venues.area_per_10k", "510402", Y2026, Y2027) -
                     5500.0 / 412800 * 10000) < 1e-9);
    assert_true(isnan(val(t, "venues.area_per_10k", "510403", Y2026, Y2027)));
    assert_true(val(t, "venues.centres_grade1", "5104", Y2026, Y2027) == 1);
    assert_true(val(t, "venues.centres_grade1", "5104", Y2027, Y2028) == 2);
    assert_true(val(t, "venues.township_stations", "5104", Y2026, Y2027) == 1);
    assert_true(val(t, "venues.township_stations", "510403", Y2026, Y2027) == 0);
    assert_true(val(t, "spaces.upgraded", "5104", Y2026, Y2027) == 1);
    /* (59 h + 4 h) against 6 venues x 42 h */
    assert_true(fabs(val(t, "occupancy.venues", "5104", Y2026, Y2027) - 25.0) < 1e-9);
    t->cfg.venue_min_weekly_hours = 0;
    assert_true(isnan(val(t, "occupancy.venues", "5104", Y2026, Y2027)));
    t->cfg.venue_min_weekly_hours = 42;

    /* the records: exactly the venues counted, by id, in pages */
    wy_record r[16];
    size_t n =
        fx_records(t, fx_indicator(&mod_venues, "venues.count"), "5104", Y2026, Y2027, r, 16);
    int64_t all[] = {v1, v2, v3, v4, v5, v8};
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(r[i].id, all[i]);
        assert_string_equal(r[i].kind, "venue");
        assert_true(r[i].value == 1);
    }
    n = fx_records(t, fx_indicator(&mod_venues, "venues.area_per_10k"), "5104", Y2026, Y2027, r,
                   16);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].id, v1);
    assert_true(r[0].value == 5000);
    assert_int_equal(r[1].id, v2);
    assert_int_equal(r[2].id, v8);
    assert_true(r[2].value == 500);
    n = fx_records(t, fx_indicator(&mod_venues, "venues.centres_grade1"), "5104", Y2027, Y2028, r,
                   16);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].id, v1);
    assert_int_equal(r[1].id, v3);
    n = fx_records(t, fx_indicator(&mod_venues, "venues.township_stations"), "5104", Y2026, Y2027,
                   r, 16);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].id, v4);
    n = fx_records(t, fx_indicator(&mod_venues, "spaces.upgraded"), "5104", Y2026, Y2027, r, 16);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].id, v1);
    n = fx_records(t, fx_indicator(&mod_venues, "occupancy.venues"), "5104", Y2026, Y2027, r, 16);
    assert_int_equal(n, 6);
    assert_true(r[0].value == 59);
    assert_true(r[1].value == 4);
    for (size_t i = 2; i < n; i++)
        assert_true(r[i].value == 0);
    tdb_close(t);
}

static void test_venue_indicators_empty(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    fx_divisions(t);
    assert_true(val(t, "venues.count", "5104", Y2026, Y2027) == 0);
    assert_true(val(t, "venues.area_per_10k", "5104", Y2026, Y2027) == 0);
    assert_true(isnan(val(t, "venues.area_per_10k", "510403", Y2026, Y2027)));
    assert_true(val(t, "venues.centres_grade1", "5104", Y2026, Y2027) == 0);
    assert_true(val(t, "venues.township_stations", "5104", Y2026, Y2027) == 0);
    assert_true(val(t, "spaces.upgraded", "5104", Y2026, Y2027) == 0);
    assert_true(isnan(val(t, "occupancy.venues", "5104", Y2026, Y2027)));
    wy_record r[4];
    assert_int_equal(
        fx_records(t, fx_indicator(&mod_venues, "occupancy.venues"), "5104", Y2026, Y2027, r, 4),
        0);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_venue_indicators),
        cmocka_unit_test(test_venue_indicators_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
