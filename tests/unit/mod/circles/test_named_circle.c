/* Tests of src/mod/circles/named_circle.c: the outline of an area, the check of a named circle
 * with the circle analysis (radius mode: the unit tests load no walking network), who may
 * designate one, and the indicator circles.quality_circles with its records. */
#include "mod/indicator_fixture.h"

#include "mod/circles/named_circle.h"

extern const wy_module mod_circles;

/* A square of half-side h degrees around (x, y), as GeoJSON text. */
static const char *square(tdb *t, double x, double y, double h)
{
    return arena_sprintf(&t->a,
                         "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],"
                         "[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
                         x - h, y - h, x + h, y - h, x + h, y + h, x - h, y + h, x - h, y - h);
}

static int64_t venue_at(tdb *t, const char *div, double lon, double lat)
{
    return fx_id(db_query(t->ctx.c,
                          "INSERT INTO venues(name, category, division, lon, lat, status,"
                          " created_at, updated_at) VALUES ('v', 'library', ?, ?, ?, 'open', 0, 0)"
                          " RETURNING id",
                          "tdd", div, lon, lat));
}

/* Act as a planner of 5104. */
static void as_planner(tdb *t)
{
    int64_t u = fx_user(t, 9);
    assert_int_equal(db_run(t->ctx.c,
                            "INSERT INTO role_grants(user_id, role, division, created_at)"
                            " VALUES (?, 'planner', '5104', 0)",
                            "i", u),
                     WY_OK);
    t->ctx.err = (wy_error){0};
    assert_int_equal(account_principal_by_id(&t->ctx, u, &t->who), 0);
    t->ctx.who = &t->who;
}

static void test_shape(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    /* a square with a square hole */
    const char *g = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                    "[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[3,1],[3,3],[1,3],[1,1]]]}}";
    nc_shape s;
    assert_int_equal(nc_shape_parse(&a, g, &s), 0);
    assert_true(nc_shape_contains(&s, 0.5, 0.5));
    assert_false(nc_shape_contains(&s, 2, 2)); /* in the hole */
    assert_false(nc_shape_contains(&s, 5, 2));
    assert_true(fabs(s.cx - 2) < 1e-9 && fabs(s.cy - 2) < 1e-9);
    assert_true(s.min_lon == 0 && s.max_lat == 4);
    const char *mp =
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],"
        "[[[10,10],[13,10],[13,13],[10,13],[10,10]]]]}";
    assert_int_equal(nc_shape_parse(&a, mp, &s), 0);
    assert_true(nc_shape_contains(&s, 0.5, 0.5) && nc_shape_contains(&s, 12, 12));
    assert_true(fabs(s.cx - 11.5) < 1e-9); /* the largest outline's centroid */
    assert_int_equal(nc_shape_parse(&a, "{\"type\":\"Point\",\"coordinates\":[1,2]}", &s), -1);
    assert_int_equal(nc_shape_parse(&a, "not json", &s), -1);
    assert_int_equal(
        nc_shape_parse(&a, "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}", &s), -1);
    /* a ring that crosses itself: its lobes nearly cancel, and the shoelace "centroid" would
     * lie at x = 134; the centre of its box instead */
    const char *bowtie =
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,2],[2,0],[0,1.99],[0,0]]]}";
    assert_int_equal(nc_shape_parse(&a, bowtie, &s), 0);
    assert_true(fabs(s.cx - 1) < 1e-9 && fabs(s.cy - 1) < 1e-9);
    arena_free(&a);
}

/* A drawn area whose outline crosses itself is checked from a centre inside it, not from a
 * point off the globe (which the database refused: the planner saw a conflict). */
static void test_crossed_outline(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    fx_divisions(t);
    t->ctx.now = Y2026 + 10 * DAY_MS;
    for (int i = 0; i < 4; i++)
        venue_at(t, "510402", 101.75 + 0.001 * i, 26.55);
    as_planner(t);
    named_circle_input in = {
        .name = "交叉的区域",
        .division = "510402",
        .kind = "area",
        .geojson = "{\"type\":\"Polygon\",\"coordinates\":[[[101.7,26.5],[101.8,26.6],"
                   "[101.8,26.5],[101.7,26.5999999],[101.7,26.5]]]}",
        .lon = NAN,
        .lat = NAN};
    named_circle nc;
    assert_int_equal(named_circle_create(&t->ctx, &in, &nc), 0);
    assert_true(nc.lon >= 101.7 && nc.lon <= 101.8 && nc.lat >= 26.5 && nc.lat <= 26.6);
    assert_int_equal(nc.passed, 1);
    tdb_close(t);
}

static void test_named_circles(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    fx_divisions(t);
    t->ctx.now = Y2026 + 10 * DAY_MS;
    const double x = 101.7, y = 26.58;
    /* four libraries within about 300 m of the centre, inside the square */
    int64_t v[4];
    for (int i = 0; i < 4; i++)
        v[i] = venue_at(t, "510402", x + 0.002 * (i % 2 ? 1 : -1), y + 0.001 * (i < 2 ? 1 : -1));
    /* a second, small area: three inside, two just outside its edge (still within the walk) */
    const double x2 = 101.75, y2 = 26.60;
    for (int i = 0; i < 3; i++)
        venue_at(t, "510402", x2 + 0.001 * i, y2);
    venue_at(t, "510402", x2 + 0.004, y2);
    venue_at(t, "510402", x2 - 0.004, y2);

    named_circle_input in = {.name = "炳草岗社区",
                             .division = "510402",
                             .kind = "area",
                             .geojson = square(t, x, y, 0.02),
                             .lon = NAN,
                             .lat = NAN};
    named_circle nc;
    tdb_as(t, NULL); /* nobody: refused */
    assert_int_equal(named_circle_create(&t->ctx, &in, &nc), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    as_planner(t);
    assert_int_equal(named_circle_create(&t->ctx, &in, &nc), 0);
    assert_int_equal(nc.passed, 1);
    assert_int_equal(nc.reached, 4);
    assert_string_equal(nc.rule, "count:4");
    assert_string_equal(nc.mode, "radius");
    assert_true(fabs(nc.lon - x) < 1e-7 && fabs(nc.lat - y) < 1e-7); /* the centroid */
    int64_t first = nc.id;

    named_circle_input in2 = {.name = "小区",
                              .division = "510402001",
                              .geojson = square(t, x2 + 0.001, y2, 0.003),
                              .lon = x2 + 0.001,
                              .lat = y2};
    assert_int_equal(named_circle_create(&t->ctx, &in2, &nc), 0);
    assert_int_equal(nc.passed, 0); /* the two outside the area do not count */
    assert_int_equal(nc.reached, 3);
    in2.rule = "count:3";
    in2.name = "小区（三馆）";
    assert_int_equal(named_circle_create(&t->ctx, &in2, &nc), 0);
    assert_int_equal(nc.passed, 1);
    int64_t third = nc.id;

    /* refusals */
    named_circle_input bad = in;
    bad.geojson = "{\"type\":\"Point\",\"coordinates\":[1,2]}";
    assert_int_equal(named_circle_create(&t->ctx, &bad, &nc), -1);
    assert_string_equal(t->ctx.err.code, "bad_geojson");
    bad = in;
    bad.rule = "most:4";
    assert_int_equal(named_circle_create(&t->ctx, &bad, &nc), -1);
    assert_string_equal(t->ctx.err.code, "bad_rule");
    bad = in;
    bad.division = "5105"; /* outside the planner's scope */
    assert_int_equal(named_circle_create(&t->ctx, &bad, &nc), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    bad = in;
    bad.kind = "division";
    bad.division = "510403"; /* no boundary stored */
    assert_int_equal(named_circle_create(&t->ctx, &bad, &nc), -1);
    assert_string_equal(t->ctx.err.code, "no_boundary");
    /* with its boundary: the division's outline is the area */
    assert_int_equal(store_shape_upsert(t->ctx.c, "510403", square(t, x, y, 0.01), "test"), WY_OK);
    assert_int_equal(named_circle_create(&t->ctx, &bad, &nc), 0);
    assert_int_equal(nc.passed, 1);
    assert_null(nc.geojson);
    int64_t fourth = nc.id;

    /* the indicator: passing circles checked before the end of the period */
    const wy_indicator *q = fx_indicator(&mod_circles, "circles.quality_circles");
    assert_true(fx_value(t, q, "5104", Y2026, Y2027) == 3);
    assert_true(fx_value(t, q, "510402001", Y2026, Y2027) == 1);
    assert_true(fx_value(t, q, "5105", Y2026, Y2027) == 0);
    assert_true(fx_value(t, q, "5104", Y2026, t->ctx.now) == 0); /* checked at the end: out */
    wy_record r[8];
    size_t n = fx_records(t, q, "5104", Y2026, Y2027, r, 8);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].id, first);
    assert_int_equal(r[1].id, third);
    assert_int_equal(r[2].id, fourth);
    assert_string_equal(r[0].kind, "named_circle");

    /* a venue closes: the check again fails the first circle, and it leaves the count */
    assert_int_equal(
        db_run(t->ctx.c, "UPDATE venues SET status = 'closed' WHERE id = ?", "i", v[0]), WY_OK);
    assert_int_equal(named_circle_check(&t->ctx, first, &nc), 0);
    assert_int_equal(nc.passed, 0);
    assert_int_equal(nc.reached, 3);
    assert_true(fx_value(t, q, "5104", Y2026, Y2027) == 2);

    named_circle *all;
    assert_int_equal(named_circle_list(&t->ctx, "510402", 0, 50, &all, &n), 0);
    assert_int_equal(n, 3);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shape),
        cmocka_unit_test(test_named_circles),
        cmocka_unit_test(test_crossed_outline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
